import Foundation
import MixdownLang

/// A lesson turned into HTML, with what the command line reports about it.
public struct RenderedLesson: Sendable {
    /// What ran: the cells with their outputs as values.
    public var executed: ExecutedLesson
    public var title: String
    public var bodyHTML: String
    public var toc: [TocEntry]
    /// Problems found while running and while rendering (unknown references, bad labels), by line.
    public var diagnostics: [Diagnostic]
    /// Whether the page has math to typeset (the page loads KaTeX only then).
    public var hasMath: Bool = false

    public var lesson: Lesson { executed.lesson }
    public var cells: [ExecutedCell] { executed.cells }
    public var filesRead: [URL] { executed.filesRead }
    public var figureCount: Int { executed.figureCount }
    public var failed: Bool { !diagnostics.isEmpty }
    /// The cells whose code failed.
    public var failedCells: [ExecutedCell] { executed.cells.filter { !$0.ok } }
}

/// The cells of a rendered lesson are the executed cells.
public typealias RenderedCell = ExecutedCell

/// An entry of a page's table of contents.
public struct TocEntry: Sendable {
    public var id: String
    public var text: String
    public var level: Int
}

/// Turns an executed lesson into the HTML of its page body. cmark renders the prose with an inert
/// placeholder for every piece of generated HTML (cells, code, inline values); that HTML is pasted
/// in after cmark and after math, so Markdown never touches cell output.
///
/// The work is a list of stages over one `PageBuild` (see `render`): a new prose feature is one
/// more stage, on the cmark tree before rendering or on the HTML after it.
struct PageRenderer {
    let templates: TemplateSet
    var bibliography: Bibliography? = nil

    func render(_ executed: ExecutedLesson) -> RenderedLesson {
        var page = PageBuild(executed, templates: templates, bibliography: bibliography)
        // Stages on the cmark tree, in order.
        page.numberLabels()
        page.placeCells()
        page.placeInlineValues()
        page.placeOtherCode()
        page.registerHeadingIds()
        page.numberEquations()
        page.linkProse()        // before headings are replaced, so a mention in a heading is linked too
        page.anchorHeadings()
        // Then HTML: cmark renders, math comes back, generated HTML goes in last.
        let body = page.html()
        let diagnostics = (executed.diagnostics + page.diagnostics).enumerated().sorted { a, b in
            (a.element.location.line, a.element.location.column, a.offset) < (b.element.location.line, b.element.location.column, b.offset)
        }.map(\.element)
        return RenderedLesson(executed: executed, title: page.title ?? executed.lesson.name, bodyHTML: body,
                              toc: page.toc, diagnostics: diagnostics, hasMath: !page.source.math.spans.isEmpty)
    }
}

/// The state of one page while it is rendered: the parsed lesson, the generated HTML held out of
/// cmark, the figure and table numbers, and the problems found.
struct PageBuild {
    let executed: ExecutedLesson
    let templates: TemplateSet
    let bibliography: Bibliography?
    let source: LessonSource
    var slots = HTMLSlots()
    var numbers = CrossReferences()
    var slugs = SlugMaker()
    var diagnostics: [Diagnostic] = []
    var toc: [TocEntry] = []
    var title: String?
    var headings: [(heading: MarkdownDocument.Heading, attributes: HeadingAttributes)] = []
    /// The "References" heading added at the end when the lesson cites but has none.
    var generatedReferences: TocEntry?

    init(_ executed: ExecutedLesson, templates: TemplateSet, bibliography: Bibliography?) {
        self.executed = executed
        self.templates = templates
        self.bibliography = bibliography
        source = LessonSource(executed.lesson)
    }

    /// Numbers labelled figures and tables before anything is placed, so references resolve anywhere.
    mutating func numberLabels() {
        for cell in source.cells {
            guard let label = cell.parsed.options.label else { continue }
            if let problem = numbers.register(label, kind: cell.parsed.options.labelKind) {
                diagnostics.append(source.diagnostic(problem, line: cell.fenceLine))
            }
            slugs.reserve(label)
        }
    }

    /// Each `lmm` block becomes its cell's HTML (`cell.mustache`), figures drawn here.
    mutating func placeCells() {
        for (cell, executed) in zip(source.cells, executed.cells) {
            let svgs = FigureRenderer.svgs(of: executed)
            for case .failure(let error) in svgs {
                diagnostics.append(source.diagnostic("the figure cannot be drawn: \(error)", line: executed.line))
            }
            let view = CellView(cell: executed, numbers: numbers, svgs: svgs)
            source.document.replaceBlock(cell.block.id, withHTML: slots.hold(templates.render("cell", view.context)))
        }
    }

    /// Each `` `{lmm} expr` `` becomes its value as text, or its error marked in place.
    mutating func placeInlineValues() {
        for (inline, value) in zip(source.inlines, executed.inlineValues) {
            let html: String
            if let text = value.text {
                html = "<span class=\"inline-value\">\(escapeHTML(text))</span>"
            } else {
                let message = value.error?.rendered ?? "error"
                html = "<mark class=\"inline-error\" title=\"\(escapeHTML(message))\">\(escapeHTML(value.expression)): error</mark>"
            }
            source.document.replaceInline(inline.code.id, withHTML: slots.hold(html))
        }
    }

    /// Fenced code in other languages is shown as plain escaped code.
    mutating func placeOtherCode() {
        for block in source.document.codeBlocks where block.language != "lmm" {
            let cls = block.language.isEmpty ? "" : " class=\"language-\(escapeHTML(block.language))\""
            source.document.replaceBlock(block.id, withHTML: slots.hold("<pre class=\"code\"><code\(cls)>\(escapeHTML(block.literal))</code></pre>"))
        }
    }

    /// Explicit heading ids (`{#sec-…}`) are registered first, so `@sec-` resolves anywhere.
    mutating func registerHeadingIds() {
        headings = source.document.headings.map { (heading: $0, attributes: HeadingAttributes($0.text)) }
        for (heading, attributes) in headings {
            guard let id = attributes.id else { continue }
            if let problem = numbers.registerSection(id, title: source.math.restore(in: attributes.text) { $0.tex }) {
                diagnostics.append(source.diagnostic(problem, line: source.math.originalLine(heading.line) + executed.lesson.bodyLineOffset))
            }
            slugs.reserve(id)
        }
    }

    /// Headings get ids (an explicit `{#sec-…}` or a slug); level 2 and 3 make the table of
    /// contents, followed by a generated "References" section; the first level 1 is the title.
    mutating func anchorHeadings() {
        let document = source.document
        for (heading, attributes) in headings {
            let inner = attributes.id == nil ? document.innerHTML(ofHeading: heading.id)
                : HeadingAttributes(document.innerHTML(ofHeading: heading.id)).text
            let id = attributes.id ?? slugs.slug(for: attributes.text)
            if heading.level == 1 && title == nil { title = source.math.restore(in: attributes.text) { $0.tex } }
            if heading.level == 2 || heading.level == 3 {
                toc.append(TocEntry(id: id, text: attributes.text, level: heading.level))
            }
            let anchor = heading.level > 1 ? "<a class=\"anchor\" href=\"#\(escapeHTML(id))\" aria-hidden=\"true\">#</a>" : ""
            document.replaceBlock(heading.id, withHTML: "<h\(heading.level) id=\"\(escapeHTML(id))\">\(inner)\(anchor)</h\(heading.level)>")
        }
        if let references = generatedReferences { toc.append(references) }
    }

    /// Labelled display equations are numbered in order.
    mutating func numberEquations() {
        for span in source.math.spans {
            guard let label = span.label else { continue }
            if case .failure(let problem) = numbers.registerEquation(label) {
                diagnostics.append(source.diagnostic(problem.message, atMention: "{#" + label + "}"))
            }
        }
    }

    /// Cross-references and citations in prose; the works cited go under the lesson's own
    /// "References" heading (before what the author wrote there), else under a new one at the end.
    mutating func linkProse() {
        var found: [Diagnostic] = []
        let source = self.source
        let linker = ProseLinker(numbers: numbers, bibliography: bibliography) { message, mention in
            found.append(source.diagnostic(message, atMention: mention))
        }
        let references = linker.link(source.document)
        diagnostics += found
        guard !references.isEmpty else { return }
        let list = slots.hold("<section class=\"bibliography\" aria-label=\"Works cited\">\n\(references)\n</section>")
        if let heading = headings.first(where: { $0.heading.level == 2 && $0.attributes.text == "References" }) {
            source.document.insertHTML(list, after: heading.heading.id)
        } else {
            let id = slugs.slug(for: "References")
            generatedReferences = TocEntry(id: id, text: "References", level: 2)
            source.document.appendHTML("<h2 id=\"\(escapeHTML(id))\">References<a class=\"anchor\" href=\"#\(escapeHTML(id))\" aria-hidden=\"true\">#</a></h2>")
            source.document.appendHTML(list)
        }
    }

    /// GFM tables of the prose scroll inside the column instead of widening the page (cell
    /// tables are still held out of the HTML at this point, and have their own wrapper).
    static func wrapProseTables(_ html: String) -> String {
        html.replacingOccurrences(of: "<table>", with: "<div class=\"table-wrap\"><table class=\"prose-table\">")
            .replacingOccurrences(of: "</table>", with: "</table></div>")
    }

    /// The body HTML: cmark's rendering, math restored, then the held HTML pasted in.
    func html() -> String {
        let numbers = self.numbers
        let prose = Self.wrapProseTables(source.document.renderHTML())
        return slots.fill(source.math.restore(in: prose) { span in
            guard let label = span.label, case .equation(let number) = numbers.targets[label] else {
                return "<span class=\"math \(span.display ? "display" : "inline")\">\(escapeHTML(span.tex))</span>"
            }
            // The number sits beside the equation, not inside it (a KaTeX \tag would overlap a
            // formula wider than the column, which scrolls).
            return "<span class=\"equation\" id=\"\(escapeHTML(label))\"><span class=\"math display\">\(escapeHTML(span.tex))</span>"
                + "<span class=\"equation-number\">(\(number))</span></span>"
        })
    }
}
