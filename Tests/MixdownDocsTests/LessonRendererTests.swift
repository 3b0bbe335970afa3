import Foundation
import Testing
@testable import MixdownDocs

@Suite struct LessonRendererTests {
    let lesson = """
    # A "quoted" <b>title</b> & more

    See @fig-one and @tbl-coef.

    ## First section

    ```lmm
    #| label: fig-one
    #| caption: Scores <b>rise</b>.
    figure
    ```

    ```lmm
    #| label: tbl-coef
    #| caption: The slope.
    table
    ```

    ```lmm
    x = "<script>alert(1)</script>"
    ```

    ```lmm
    ok
    fail here
    ```

    ```lmm
    #| echo: false
    hidden source
    ```

    ```lmm
    #| eval: false
    never run
    ```

    ## First section
    """

    private func render() throws -> RenderedLesson {
        let temp = try TempTutorial(lessons: ["t.md": lesson])
        return try temp.builder().renderLesson(try Lesson.load(temp.tutorial.appendingPathComponent("t.md")))
    }

    @Test func crossReferencesAreNumberedLinks() throws {
        let html = try render().bodyHTML
        #expect(html.contains(##"<a class="xref" href="#fig-one">Figure 1</a>"##))
        #expect(html.contains(##"<a class="xref" href="#tbl-coef">Table 1</a>"##))
        #expect(html.contains(#"<figure class="cell-figure">"#))
        #expect(html.contains(#"id="fig-one""#))   // on the SVG: where the link lands
        #expect(html.contains(#"<span class="caption-name">Figure 1.</span> Scores &lt;b&gt;rise&lt;/b&gt;."#))
    }

    @Test func everythingPrintedIsEscaped() throws {
        let rendered = try render()
        #expect(!rendered.bodyHTML.contains("<script>"))
        #expect(rendered.bodyHTML.contains("&lt;script&gt;"))
        #expect(rendered.title == "A “quoted” title & more")   // smart quotes; inline HTML is not text
    }

    @Test func failingCellIsShownInPlaceWithItsLocation() throws {
        let rendered = try render()
        #expect(rendered.failed)
        #expect(rendered.diagnostics.count == 1)
        let diagnostic = try #require(rendered.diagnostics.first)
        #expect(diagnostic.location.line == 25)
        #expect(diagnostic.rendered == """
        t.md:25:1: error: this cell fails on purpose
         25 | fail here
            | ^ did you mean 'pass'?
        """)
        #expect(rendered.bodyHTML.contains(#"<pre class="cell-error" role="alert">t.md:25:1"#))
    }

    @Test func optionsControlEchoAndEval() throws {
        let rendered = try render()
        #expect(!rendered.bodyHTML.contains("hidden source</span>") && rendered.bodyHTML.contains("<pre class=\"cell-output\">hidden source</pre>"))
        #expect(rendered.cells.last?.result == nil)
        #expect(rendered.bodyHTML.contains("This cell is not run"))
    }

    @Test func headingsGetUniqueIdsAndTheTableOfContents() throws {
        let rendered = try render()
        #expect(rendered.toc.map(\.id) == ["first-section", "first-section-2"])
        #expect(rendered.bodyHTML.contains(#"<h2 id="first-section-2">"#))
    }

    @Test func unknownReferenceIsAnError() throws {
        let temp = try TempTutorial(lessons: ["u.md": "# U\n\nSee @fig-missing.\n"])
        let rendered = try temp.builder().renderLesson(try Lesson.load(temp.tutorial.appendingPathComponent("u.md")))
        #expect(rendered.diagnostics.map(\.message) == ["unknown cross-reference '@fig-missing': no cell has '#| label: fig-missing'"])
        #expect(rendered.diagnostics.first?.location.line == 3)
    }

    @Test func badCellOptionIsAnError() throws {
        let temp = try TempTutorial(lessons: ["o.md": "# O\n\n```lmm\n#| echo: maybe\nok\n```\n"])
        let rendered = try temp.builder().renderLesson(try Lesson.load(temp.tutorial.appendingPathComponent("o.md")))
        #expect(rendered.diagnostics.map(\.message) == ["'echo' takes true or false, not 'maybe'"])
        #expect(rendered.diagnostics.first?.location.line == 4)
    }

    @Test func numbersShowSixDigitsAndKeepFullPrecisionInTooltips() throws {
        let html = try render().bodyHTML
        #expect(html.contains(#"<td class="num" title="0.130716537618626">0.130717</td>"#))
        #expect(NumberFormat.display(2.262671402540252e-19) == "2.263e-19")
        #expect(NumberFormat.display(-0.0000) == "0")
        #expect(NumberFormat.display(60) == "60")
        #expect(NumberFormat.display(-88.86762) == "-88.8676")
    }
}
