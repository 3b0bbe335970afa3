import Foundation
import Testing
@testable import MixdownDocs

/// `` `{lmm} expr` `` in prose: evaluated after the cells above it, shown as text, errors located.
@Suite struct InlineValueTests {
    let lesson = """
    # Inline

    ```lmm
    df = read_csv("d.csv")
    ```

    The data has `{lmm} nrow(df)` rows and a mean of `{lmm} format(mean(df.x), ".2f")`; plain `code` stays.

    A bad one: `{lmm} nrow(dff)`.

    ```lmm
    df = head(df, 2)
    ```

    Now `{lmm} nrow(df)` rows.
    """

    private func render() throws -> RenderedLesson {
        let temp = try TempTutorial(lessons: ["i.md": lesson])
        try temp.add("d.csv", "x\n1\n2\n4\n")
        return try temp.render("i.md")
    }

    @Test func valuesAreComputedInReadingOrder() throws {
        let rendered = try render()
        let values = rendered.executed.inlineValues
        #expect(values.map(\.text) == ["3", "2.33", nil, "2"])
        #expect(rendered.bodyHTML.contains(#"has <span class="inline-value">3</span> rows and a mean of <span class="inline-value">2.33</span>;"#))
        #expect(rendered.bodyHTML.contains("Now <span class=\"inline-value\">2</span> rows."))
        #expect(rendered.bodyHTML.contains("plain <code>code</code> stays"))
    }

    @Test func errorsAreLocatedAtTheToken() throws {
        let rendered = try render()
        let diagnostic = try #require(rendered.diagnostics.first)
        #expect(rendered.diagnostics.count == 1)
        #expect("\(diagnostic.location)" == "i.md:9:24")   // `dff`; the expression starts at 19
        #expect(diagnostic.sourceLine == "A bad one: `{lmm} nrow(dff)`.")
        #expect(rendered.bodyHTML.contains(#"class="inline-error""#))
        #expect(rendered.executed.inlineValues[2].location.column == 19)
    }

    @Test func resultsJSONListsThem() throws {
        let json = LessonResults.json(try render().executed).serialized()
        #expect(json.contains(#""expression": "nrow(df)""#))
        #expect(json.contains(#""text": "2.33""#))
    }
}
