import Foundation
import Testing
@testable import MixdownDocs

/// Lessons run through the real cell language: hostile data is escaped, a failing cell is shown in
/// place while later cells still run, and errors point at the offending token.
@Suite struct EndToEndTests {
    let lesson = """
    # Hostile data

    ```lmm
    df = read_csv("data/evil.csv")
    head(df, 3)
    ```

    ```lmm
    #| label: fig-evil
    #| width: 600
    #| height: 300
    scatter(df, x = "x", y = "y", hue = "name")
    ```

    ```lmm
    m = ols(y ~ x +, df)
    ```

    ```lmm
    ols(y ~ xx, df)
    ```

    ```lmm
    nrow(df)
    ```
    """

    private func render() throws -> RenderedLesson {
        let temp = try TempTutorial(lessons: ["e.md": lesson])
        try temp.add("data/evil.csv", "name,x,y\n<script>alert(1)</script>,1,2.5\n\"a & b\",2,3.1\nc\"d,3,2.9\nplain,4,4.2\n")
        return try temp.render("e.md")
    }

    @Test func dataIsEscapedInTablesAndFigures() throws {
        let rendered = try render()
        #expect(!rendered.bodyHTML.contains("<script>"))
        #expect(rendered.bodyHTML.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(rendered.bodyHTML.contains(#"id="fig-evil""#))            // the label is the figure's id
        #expect(!rendered.bodyHTML.contains(#"id="figure-"#))             // one numbering scheme
        #expect(rendered.figureCount == 1)
        #expect(rendered.bodyHTML.contains(#"viewBox="0 0 600 300" width="600" height="300""#))   // #| width/height
    }

    @Test func failingCellsAreLocatedAndLaterCellsRun() throws {
        let rendered = try render()
        #expect(rendered.cells.map(\.ok) == [true, true, false, false, true])
        let locations = rendered.diagnostics.map { "\($0.location)" }
        #expect(locations == ["e.md:16:16", "e.md:20:9"])
        #expect(rendered.diagnostics[1].hint?.contains("'x'") == true)
        #expect(rendered.filesRead.map(\.lastPathComponent) == ["evil.csv"])
    }
}
