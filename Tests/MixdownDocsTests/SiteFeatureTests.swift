import Foundation
import Testing
@testable import MixdownDocs

@Suite struct ProseMentionsTests {
    @Test func bracketedNarrativeAndReferences() {
        let pieces = ProseMentions.split("As [see @bates2015, p. 3; @kr1997] and @satt46. See @sec-fit, e-mail a@b.org.")
        #expect(pieces == [
            .text("As "),
            .citation(Citation(keys: ["bates2015", "kr1997"], source: "[see @bates2015, p. 3; @kr1997]")),
            .text(" and "),
            .citation(Citation(keys: ["satt46"], source: "@satt46")),
            .text(". See "),
            .reference("sec-fit"),
            .text(", e-mail a@b.org."),
        ])
    }

    @Test func bracketsWithoutKeysStayText() {
        #expect(ProseMentions.split("a [note] and [x; @k]") == [
            .text("a [note] and [x; "), .citation(Citation(keys: ["k"], source: "@k")), .text("]"),
        ])
        #expect(ProseMentions.split("no mention @ all") == [.text("no mention @ all")])
    }

    @Test func trailingPunctuationEndsAKey() {
        #expect(ProseMentions.split("(@eq-model).") == [.text("("), .reference("eq-model"), .text(").")])
        #expect(ProseMentions.split("[-@bates2015]") == [.citation(Citation(keys: ["bates2015"], source: "[-@bates2015]"))])
    }
}

@Suite struct CrossReferenceTests {
    @Test func sectionsAndEquationsLinkAndUnknownsAreReported() throws {
        var refs = CrossReferences()
        #expect(refs.registerSection("sec-fit", title: "Fitting <it>") == nil)
        #expect(try refs.registerEquation("eq-model").get() == 1)
        #expect(refs.registerSection("intro", title: "x") == nil)
        #expect(refs.registerSection("a b", title: "x") == "label 'a b' may contain only letters, digits, '-' and '_'")
        #expect(refs.registerSection("sec-fit", title: "again") == "label 'sec-fit' is used twice")
        let (html, unknown) = refs.link("See @sec-fit and @eq-model, not @eq-nope or @sec-nope.")
        #expect(html == ##"See <a class="xref" href="#sec-fit">Fitting &lt;it&gt;</a> and <a class="xref" href="#eq-model">Equation 1</a>, not <span class="xref-missing">@eq-nope</span> or <span class="xref-missing">@sec-nope</span>."##)
        #expect(unknown == ["eq-nope", "sec-nope"])
    }

    @Test func citationsUseTheRendererOrAreUnknown() {
        let refs = CrossReferences()
        let (html, unknown) = refs.link("Fit [@known] and @unknown.") { $0.keys == ["known"] ? "<b>K</b>" : nil }
        #expect(html == #"Fit <b>K</b> and <span class="xref-missing">@unknown</span>."#)
        #expect(unknown == ["unknown"])
        #expect(CrossReferences.unknownMessage("unknown", bibliography: "references.bib")
                == "unknown citation '@unknown': references.bib has no entry with that key")
    }
}

@Suite struct HeadingAndFrontMatterTests {
    @Test func headingIds() {
        let heading = HeadingAttributes("Fitting the model {#sec-fit}")
        #expect(heading.id == "sec-fit" && heading.text == "Fitting the model")
        #expect(HeadingAttributes("Sets {a, b}").id == nil)
        #expect(HeadingAttributes("Plain").text == "Plain")
    }

    @Test func frontMatterValuesAndLists() {
        let front = FrontMatter(source: "---\norder: 2\ndescription: \"A: b\"\nteaches:\n  - one\n  - two\n---\n# T\n")
        #expect(front.values == ["order": "2", "description": "A: b"])
        #expect(front.lists == ["teaches": ["one", "two"]])
        #expect(front.lineCount == 7)
        let lesson = Lesson(fileName: "a.md", url: URL(fileURLWithPath: "/a.md"), source: "---\norder: 2\nteaches:\n  - one\n---\n# T\n")
        #expect(lesson.order == 2 && lesson.teaches == ["one"] && lesson.body == "# T\n" && lesson.bodyLineOffset == 5)
    }
}

@Suite struct EquationLabelTests {
    @Test func displayMathTakesALabel() {
        let math = MathProtector(markdown: "$$ y = X\\beta $$ {#eq-model}\n\nand $x$ {#not}")
        #expect(math.spans.map(\.label) == ["eq-model", nil])
        #expect(!math.protected.contains("eq-model"))
        #expect(math.protected.contains("{#not}"))
    }
}

@Suite struct CalloutTests {
    @Test func alertsBecomeCallouts() {
        let doc = MarkdownDocument(markdown: "> [!TIP]\n> Centre *x* first.\n\n> plain quote\n")
        let html = doc.renderHTML()
        #expect(html.contains("<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Tip</p>\n<p>Centre <em>x</em> first.</p>\n</div>"))
        #expect(html.contains("<blockquote>\n<p>plain quote</p>\n</blockquote>"))
        #expect(doc.calloutProblems.isEmpty)
    }

    @Test func textWrappedAcrossLinesIsOneTextNode() {
        let doc = MarkdownDocument(markdown: "As [see @x;\n@y] *and*\nmore\nlines.\n")
        #expect(doc.texts.map(\.text) == ["As [see @x;\n@y] ", "and", "more\nlines."])
        #expect(doc.renderHTML() == "<p>As [see @x;\n@y] <em>and</em>\nmore\nlines.</p>\n")
    }

    @Test func unknownKindsAndFencedDivsAreReported() {
        let doc = MarkdownDocument(markdown: "intro\n\n> [!TOPIC]\n> x\n\n::: {.callout-note}\ntext\n:::\n")
        #expect(doc.calloutProblems.map(\.line) == [6, 3])
        #expect(doc.calloutProblems[1].message.contains("unknown callout '[!TOPIC]'"))
        #expect(doc.calloutProblems[0].message.contains("fenced divs"))
    }
}

@Suite struct SitemapAndSearchTests {
    @Test func sitemapListsAbsoluteAddresses() {
        let xml = Sitemap.xml(siteURL: "https://example.org/course", pages: ["index.html", "a&b.html"])
        #expect(xml.contains("<url><loc>https://example.org/course/</loc></url>\n<url><loc>https://example.org/course/a&amp;b.html</loc></url>"))
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
    }

    @Test func searchSectionsSplitAtHeadings() {
        let body = """
        <h1 id="t">Title</h1>
        <p>Intro &amp; more.</p>
        <h2 id="sec-fit">Fit <a class="anchor" href="#sec-fit" aria-hidden="true">#</a></h2>
        <p>Shrinkage <em>pulls</em> lines.</p><figure><svg><text>99</text></svg></figure>
        <table><tr><td>0.123</td></tr></table>
        <h3 id="more">More</h3><p>x &lt; y</p>
        """
        let sections = SearchIndex.sections(page: "lmm.html", lesson: "LMM", bodyHTML: body)
        #expect(sections.map(\.anchor) == ["", "sec-fit", "more"])
        #expect(sections.map(\.title) == ["LMM", "Fit", "More"])
        #expect(sections[0].text == "Title Intro & more.")
        #expect(sections[1].text == "Shrinkage pulls lines.")
        #expect(sections[2].text == "x < y")
        let script = SearchIndex.script(sections)
        #expect(script.contains("window.mixdownSearchIndex = [{\"page\":\"lmm.html\",\"anchor\":\"\""))
    }
}

@Suite struct BibliographyTests {
    static let bib = """
    @article{bates2015,
      author = {Bates, Douglas and M{\\"a}chler, Martin and Bolker, Ben and Walker, Steve},
      title = {Fitting Linear Mixed-Effects Models Using {lme4}},
      journal = {Journal of Statistical Software}, year = {2015}, volume = {67}, number = {1}, pages = {1--48}
    }
    @article{satterthwaite1946,
      author = {Satterthwaite, F. E.},
      title = {An Approximate Distribution of Estimates of Variance Components},
      journal = {Biometrics Bulletin}, year = {1946}, volume = {2}, number = {6}, pages = {110--114}
    }
    """

    @Test func pandocFormatsCitationsAndTheReferenceList() throws {
        #expect(Pandoc.locate() != nil, "pandoc is needed for citations (scripts/install-deps.sh installs it)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mixdown-bib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.bib.write(to: folder.appendingPathComponent("references.bib"), atomically: true, encoding: .utf8)
        let bibliography = try #require(try Bibliography.load(tutorial: folder))
        #expect(bibliography.keys == ["bates2015", "satterthwaite1946"])
        let (citations, references) = try bibliography.format([
            Citation(keys: ["bates2015"], source: "[@bates2015, p. 3]"),
            Citation(keys: ["satterthwaite1946"], source: "@satterthwaite1946"),
        ])
        #expect(citations.count == 2)
        #expect(citations[0].contains("href=\"#ref-bates2015\"") && citations[0].contains("Bates et al. 2015, 3"))
        #expect(citations[1].hasPrefix("<span class=\"citation\" data-cites=\"satterthwaite1946\">Satterthwaite (<a"))
        #expect(references.contains("id=\"ref-bates2015\"") && references.contains("Mächler"))
        #expect(references.range(of: "ref-bates2015")!.lowerBound < references.range(of: "ref-satterthwaite1946")!.lowerBound)
    }

    @Test func noBibliographyIsNilAndABrokenOneIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mixdown-bib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Bibliography.load(tutorial: folder) == nil)
        try "[{\"title\": \"no id\"}]".write(to: folder.appendingPathComponent("references.json"), atomically: true, encoding: .utf8)
        #expect(throws: SiteError.badBibliography("references.json", "entry 1 has no \"id\"")) {
            try Bibliography.load(tutorial: folder)
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("references.json"))
        let bib = folder.appendingPathComponent("references.bib")
        try "@article{a,\n  title = {x}\n}\n\n@book{a,\n  title = {y}\n}\n".write(to: bib, atomically: true, encoding: .utf8)
        #expect(throws: SiteError.badBibliography("references.bib:5:1", "the key 'a' is defined twice")) {
            try Bibliography.load(tutorial: folder)
        }
        try "@article{bad,\n  author = {A and B,\n  title = {x}\n".write(to: bib, atomically: true, encoding: .utf8)
        #expect(throws: SiteError.badBibliography("references.bib:5:1", "unexpected end of input")) {
            try Bibliography.load(tutorial: folder)
        }
    }
}

@Suite struct LessonLinkingTests {
    static let lesson = """
    ---
    description: A <test> lesson.
    teaches:
      - sections
    ---
    # Linking

    ## Fitting {#sec-fit}

    The model @eq-model is fitted as in [@bates2015], see @sec-fit.

    $$ y = X\\beta + Zb $$ {#eq-model}

    > [!WARNING]
    > Mind the *gap*.

    Unknown: @sec-nowhere and [@nobody].
    """

    static let bib = """
    @article{bates2015, author = {Bates, Douglas}, title = {Fitting}, journal = {JSS}, year = {2015}}
    """

    @Test func sectionsEquationsCitationsAndCallouts() throws {
        let temp = try TempTutorial(lessons: ["t.md": Self.lesson])
        try Self.bib.write(to: temp.tutorial.appendingPathComponent("references.bib"), atomically: true, encoding: .utf8)
        let builder = try temp.builder()
        let rendered = builder.renderLesson(try Lesson.load(temp.tutorial.appendingPathComponent("t.md")))
        let html = rendered.bodyHTML
        #expect(html.contains(##"<h2 id="sec-fit">Fitting<a class="anchor" href="#sec-fit""##))
        #expect(html.contains(##"<a class="xref" href="#eq-model">Equation 1</a>"##))
        #expect(html.contains(##"see <a class="xref" href="#sec-fit">Fitting</a>."##))
        #expect(html.contains(##"<span class="equation" id="eq-model"><span class="math display"> y = X\beta + Zb </span><span class="equation-number">(1)</span></span>"##))
        #expect(html.contains(##"href="#ref-bates2015""##))
        #expect(html.contains(##"<div id="ref-bates2015" class="csl-entry""##))
        #expect(html.contains(##"<p class="callout-title">Warning</p>"##))
        #expect(rendered.toc.map(\.text) == ["Fitting", "References"])
        #expect(rendered.diagnostics.map { "\($0.location): \($0.message)" } == [
            "t.md:17:10: unknown cross-reference '@sec-nowhere': no heading has '{#sec-nowhere}'",
            "t.md:17:28: unknown citation '@nobody': references.bib has no entry with that key",
        ])
        #expect(rendered.hasMath)
    }

    @Test func sitePagesCarryTheReaderFeatures() throws {
        let temp = try TempTutorial(lessons: ["t.md": Self.lesson,
                                              "index.md": "---\ntitle: A Course\nsite-url: https://example.org/c\n---\nRead *these* in order.\n"])
        try Self.bib.write(to: temp.tutorial.appendingPathComponent("references.bib"), atomically: true, encoding: .utf8)
        let site = try temp.builder().build()
        let page = String(decoding: site.files["t.html"]!, as: UTF8.self)
        #expect(page.contains(##"<meta name="description" content="A &lt;test&gt; lesson.">"##))
        #expect(page.contains(##"<a href="downloads/t.md" download>t.md</a>"##))
        #expect(page.contains("assets/katex/katex.min.js"))
        #expect(site.files["downloads/t.md"] == (try Data(contentsOf: temp.tutorial.appendingPathComponent("t.md"))))
        let index = String(decoding: site.files["index.html"]!, as: UTF8.self)
        #expect(index.contains("<title>A Course</title>") && index.contains("<p>Read <em>these</em> in order.</p>"))
        #expect(index.contains(##"<ul class="teaches"><li>sections</li></ul>"##))
        #expect(site.files["t.html"] != nil && site.files["index.html"] != nil && site.lessons.count == 1)
        #expect(String(decoding: site.files["sitemap.xml"]!, as: UTF8.self).contains("<loc>https://example.org/c/t.html</loc>"))
        #expect(String(decoding: site.files["404.html"]!, as: UTF8.self).contains("Page not found"))
        #expect(String(decoding: site.files["assets/search-index.js"]!, as: UTF8.self).contains(##""anchor":"sec-fit""##))
        #expect(site.files["assets/lunr/lunr.min.js"] != nil && site.files["assets/favicon.svg"] != nil)
    }

    @Test func mentionsInHeadingsAreLinkedAndTheGeneratedReferencesComeLast() throws {
        let temp = try TempTutorial(lessons: ["h.md": "# T\n\n## Fit {#sec-fit}\n\nAs [@bates2015].\n\n## More on @sec-fit\n\nEnd.\n"])
        try Self.bib.write(to: temp.tutorial.appendingPathComponent("references.bib"), atomically: true, encoding: .utf8)
        let rendered = try temp.builder().renderLesson(try Lesson.load(temp.tutorial.appendingPathComponent("h.md")))
        #expect(rendered.bodyHTML.contains(##"<h2 id="more-on-sec-fit">More on <a class="xref" href="#sec-fit">Fit</a><a class="anchor""##))
        #expect(rendered.toc.map(\.id) == ["sec-fit", "more-on-sec-fit", "references"])
        #expect(rendered.diagnostics.isEmpty)
    }

    @Test func pagesWithoutMathDoNotLoadKaTeX() throws {
        let temp = try TempTutorial(lessons: ["p.md": "# Plain\n\nNo math here, only $5 and $10.\n"])
        let site = try temp.builder().build()
        let page = String(decoding: site.files["p.html"]!, as: UTF8.self)
        #expect(!page.contains("katex"))
        #expect(site.files["sitemap.xml"] == nil)
    }
}
