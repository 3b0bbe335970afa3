import Foundation

/// The course page of a tutorial, `index.md` (optional): front matter `title:` (the site's name),
/// `description:` (the index page's meta description) and `site-url:` (the address the site is
/// published at, needed for `sitemap.xml`), and a Markdown introduction shown above the lessons.
struct CoursePage {
    static let fileName = "index.md"

    var title: String?
    var description: String?
    var siteURL: String?
    /// The introduction as HTML (cmark-gfm, no cells).
    var introHTML: String

    /// Reads `index.md` of the tutorial folder; an empty page when there is none.
    static func load(tutorial: URL) throws -> CoursePage {
        let url = tutorial.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else {
            return CoursePage(title: nil, description: nil, siteURL: nil, introHTML: "")
        }
        let lesson = try Lesson.load(url)
        let front = lesson.frontMatter.values
        let intro = lesson.body.trimmingCharacters(in: .whitespacesAndNewlines)
        return CoursePage(title: front["title"], description: front["description"], siteURL: front["site-url"],
                          introHTML: intro.isEmpty ? "" : MarkdownDocument(markdown: intro).renderHTML())
    }
}
