import Foundation

/// The small tutorial `mixdown new DIR` writes: one lesson with one data file and a README that
/// says how to build it. It builds and checks as it is (a test makes sure).
public enum StarterTutorial {
    /// Relative path → file text.
    public static let files: [String: String] = [
        "README.md": #"""
# My Mixdown tutorial

Lessons are the Markdown files in `tutorial/`; their data is in `tutorial/data/`.
Build the site with `mixdown build --tutorial tutorial --out output` (run from this folder),
preview it live with `mixdown serve --tutorial tutorial`, and check that `output/` is up to date
with `mixdown check --tutorial tutorial --out output`.
"""# + "\n",
        "tutorial/first-model.md": #"""
---
description: A first mixed model on a small made-up data set.
---
# A first mixed model

Twenty-four students from four schools reported how many hours they studied, and sat the same
test. Students of one school share teachers and rooms, so their scores are not independent:
a mixed model gives each school its own intercept.

```lmm
df = read_csv("data/scores.csv")
head(df, 5)
```

```lmm
#| label: fig-scores
#| caption: Score against hours of study, one colour per school.
scatter(df, x = "hours", y = "score", hue = "school")
```

A line for everyone ignores the schools:

```lmm
ols(score ~ hours, df)
```

The mixed model adds a random intercept per school:

```lmm
m = lmm(score ~ hours + (1 | school), df)
m
```

Within a school, each extra hour of study goes with `{lmm} format(m.params["hours"], ".2f")` more
points; the single line, which mixes schools that differ in both hours and scores, says less
(@fig-scores shows why). Edit this file and run `mixdown build` again to see the page change.
"""# + "\n",
        "tutorial/data/scores.csv": #"""
school,hours,score
north,3.9,65.7
north,1.7,61.9
north,5.8,67.0
north,5.6,67.8
north,1.3,57.3
north,1.8,59.6
south,4.8,57.1
south,3.0,51.6
south,6.6,63.4
south,4.6,55.0
south,9.8,71.7
south,3.6,55.4
east,2.3,57.6
east,8.3,70.1
east,2.6,53.6
east,4.4,58.7
east,5.9,64.4
east,2.9,57.6
west,7.1,60.3
west,6.3,61.5
west,5.1,56.6
west,7.3,66.9
west,3.2,51.3
west,8.9,64.6
"""# + "\n",
    ]

    /// Writes the files under `directory`, which must not exist yet or be empty.
    public static func write(to directory: URL) throws {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: directory.path), !existing.isEmpty {
            throw SiteError.writeFailed(directory.path, "the folder is not empty")
        }
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent(path)
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                throw SiteError.writeFailed(url.path, error.localizedDescription)
            }
        }
    }
}
