import Foundation
import Testing
@testable import MixdownDocs

/// The pages as readers get them: a lesson with real figures and an author's own SVG is built
/// with the real cell language and the page template, and the HTML is read back as a browser would.
@Suite struct PageMarkupTests {
    let lesson = """
    # Figures on a page

    ```lmm
    df = read_csv("data/points.csv")
    ```

    ```lmm
    #| label: fig-scatter
    #| caption: A scatter plot.
    scatter(df, x = "x", y = "y", hue = "g")
    ```

    An author's own drawing:

    <svg role="img" aria-labelledby="own-title" width="20" height="20"><title id="own-title">A square</title><style>rect{fill:currentColor}</style><rect width="20" height="20"/></svg>

    ```lmm
    panels(scatter(df, x = "x", y = "y"), scatter(df, x = "y", y = "x"), share = "none")
    ```
    """

    private func page() throws -> HTMLScan {
        let temp = try TempTutorial(lessons: ["f.md": lesson])
        try temp.add("data/points.csv", "g,x,y\na,1,2.5\na,2,3.1\nb,3,2.9\nb,4,4.2\n")
        let site = try temp.realBuilder().build()
        #expect(!site.failed)
        return HTMLScan(String(decoding: try #require(site.files["f.html"]), as: UTF8.self))
    }

    @Test func noMarkupIsEscapedIntoText() throws {
        let page = try page()
        #expect(page.escapedTags == [])
        #expect(page.all("title").count >= 4)   // the page's, two figures', the author's
        #expect(page.all("style").count >= 3)   // two figures', the author's
    }

    @Test func everyFigureHasAnAccessibleNameOnThePage() throws {
        let page = try page()
        let ids = Set(page.idCounts.keys)
        let figures = page.all("svg").filter { $0["role"] == "img" }
        #expect(figures.count == 4)   // two charts, the panels' phone layout, the author's
        for svg in figures {
            let references = (svg["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
            #expect(!references.isEmpty || !(svg["aria-label"] ?? "").isEmpty, "figure \(svg["id"] ?? "?") has no name")
            for id in references { #expect(ids.contains(id), "aria-labelledby points at missing id '\(id)'") }
        }
    }

    @Test func idsAreUnique() throws {
        let duplicates = try page().idCounts.filter { $0.value > 1 }.keys.sorted()
        #expect(duplicates == [])
    }

    @Test func theAuthorsSVGSurvives() throws {
        let page = try page()
        #expect(page.html.contains(#"<title id="own-title">A square</title><style>rect{fill:currentColor}</style>"#))
    }
}
