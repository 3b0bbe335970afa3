import Foundation
import MixdownLang

/// One executed cell of a rendered lesson.
public struct RenderedCell: Sendable {
    public var index: Int
    /// 1-based line of the opening fence in the lesson file.
    public var line: Int
    public var options: CellOptions
    public var code: String
    /// nil when the cell was not run (`eval: false`).
    public var result: CellRunResult?
    public var ok: Bool { result?.error == nil }
}

/// An entry of a page's table of contents.
public struct TocEntry: Sendable {
    public var id: String
    public var text: String
    public var level: Int
}

/// A lesson turned into HTML, with what the command line reports about it.
public struct RenderedLesson: Sendable {
    public var lesson: Lesson
    public var title: String
    public var bodyHTML: String
    public var toc: [TocEntry]
    public var cells: [RenderedCell]
    public var diagnostics: [Diagnostic]
    public var filesRead: [URL]
    /// Whether the page has math to typeset (the page loads KaTeX only then).
    public var hasMath: Bool = false
    public var figureCount: Int {
        cells.reduce(0) { $0 + ($1.result?.outputs.filter { if case .figure = $0 { return true } else { return false } }.count ?? 0) }
    }
    public var failed: Bool { !diagnostics.isEmpty }
}

/// Runs a lesson's cells in one session and renders the lesson body to HTML.
struct LessonRenderer {
    let templates: TemplateSet
    let tutorialRoot: URL
    let makeRunner: CellRunnerFactory
    var bibliography: Bibliography? = nil

    func render(_ lesson: Lesson) -> RenderedLesson {
        let math = MathProtector(markdown: lesson.body)
        let document = MarkdownDocument(markdown: math.protected)
        let sourceLines = lesson.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let offset = lesson.bodyLineOffset
        var diagnostics: [Diagnostic] = []
        var slots = HTMLSlots()
        func diagnose(_ message: String, line: Int, column: Int = 1, hint: String? = nil) {
            let bodyLine = line - offset
            let text = bodyLine >= 1 && bodyLine <= sourceLines.count ? sourceLines[bodyLine - 1] : nil
            diagnostics.append(Diagnostic(location: SourceLocation(file: lesson.fileName, line: line, column: column),
                                          message: message, hint: hint, sourceLine: text))
        }

        // Number labelled figures and tables before running, so references resolve anywhere.
        var numbers = CrossReferences()
        let lmmBlocks = document.codeBlocks.filter { $0.language == "lmm" }
        let parsed = lmmBlocks.map { ParsedCell(source: $0.literal) }
        var slugs = SlugMaker()
        for (block, cell) in zip(lmmBlocks, parsed) {
            if let label = cell.options.label {
                if let problem = numbers.register(label, kind: cell.options.labelKind) {
                    diagnose(problem, line: math.originalLine(block.line) + offset)
                }
                slugs.reserve(label)
            }
        }

        // Run the cells in order in one session.
        let runner = makeRunner(lesson.fileName, lesson.url.deletingLastPathComponent(), tutorialRoot)
        var cells: [RenderedCell] = []
        for (index, (block, cell)) in zip(lmmBlocks, parsed).enumerated() {
            let fenceLine = math.originalLine(block.line) + offset
            for problem in cell.problems {
                diagnose(problem.message, line: fenceLine + 1 + problem.offset)
            }
            var result: CellRunResult?
            if cell.options.eval {
                let run = runner.run(cell.code, firstLine: fenceLine + 1 + cell.optionLineCount, options: cell.options)
                if let error = run.error {
                    diagnose(error.message, line: error.location.line, column: error.location.column, hint: error.hint)
                }
                result = run
            }
            let rendered = RenderedCell(index: index, line: fenceLine, options: cell.options, code: cell.code, result: result)
            cells.append(rendered)
            let view = CellView(cell: rendered, numbers: numbers,
                                error: result?.error == nil ? nil : diagnostics.last)
            document.replaceBlock(block.id, withHTML: slots.hold(templates.render("cell", view.context)))
        }

        // Other fenced code is shown as plain escaped code.
        for block in document.codeBlocks where block.language != "lmm" {
            let cls = block.language.isEmpty ? "" : " class=\"language-\(escapeHTML(block.language))\""
            document.replaceBlock(block.id, withHTML: slots.hold("<pre class=\"code\"><code\(cls)>\(escapeHTML(block.literal))</code></pre>"))
        }

        // Headings get ids (an explicit `{#sec-…}` or a slug); level 2 and 3 make the table of
        // contents; the first level 1 is the title.
        let headings = document.headings.map { (heading: $0, attributes: HeadingAttributes($0.text)) }
        for (heading, attributes) in headings {
            guard let id = attributes.id else { continue }
            if let problem = numbers.registerSection(id, title: math.restore(in: attributes.text) { $0.tex }) {
                diagnose(problem, line: math.originalLine(heading.line) + offset)
            }
            slugs.reserve(id)
        }
        var toc: [TocEntry] = []
        var title: String?
        for (heading, attributes) in headings {
            let inner = attributes.id == nil ? document.innerHTML(ofHeading: heading.id)
                : HeadingAttributes(document.innerHTML(ofHeading: heading.id)).text
            let id = attributes.id ?? slugs.slug(for: attributes.text)
            if heading.level == 1 && title == nil { title = attributes.text }
            if heading.level == 2 || heading.level == 3 {
                toc.append(TocEntry(id: id, text: attributes.text, level: heading.level))
            }
            let anchor = heading.level > 1 ? "<a class=\"anchor\" href=\"#\(escapeHTML(id))\" aria-hidden=\"true\">#</a>" : ""
            document.replaceBlock(heading.id, withHTML: "<h\(heading.level) id=\"\(escapeHTML(id))\">\(inner)\(anchor)</h\(heading.level)>")
        }

        // Labelled display equations are numbered in order.
        for span in math.spans {
            guard let label = span.label else { continue }
            if case .failure(let problem) = numbers.registerEquation(label) {
                let at = ProseLinker.locate("{#" + label + "}", in: sourceLines)
                diagnose(problem.message, line: at.line + offset, column: at.column)
            }
        }

        // Cross-references and citations in prose.
        let linker = ProseLinker(numbers: numbers, bibliography: bibliography) { message, mention in
            let at = ProseLinker.locate(mention, in: sourceLines)
            diagnose(message, line: at.line + offset, column: at.column)
        }
        let references = linker.link(document)
        if !references.isEmpty {
            // Under the lesson's own "References" heading (before what the author wrote there),
            // else under a new one at the end.
            let list = slots.hold("<section class=\"bibliography\" aria-label=\"Works cited\">\n\(references)\n</section>")
            if let heading = headings.first(where: { $0.heading.level == 2 && $0.attributes.text == "References" }) {
                document.insertHTML(list, after: heading.heading.id)
            } else {
                let id = slugs.slug(for: "References")
                toc.append(TocEntry(id: id, text: "References", level: 2))
                document.appendHTML("<h2 id=\"\(escapeHTML(id))\">References<a class=\"anchor\" href=\"#\(escapeHTML(id))\" aria-hidden=\"true\">#</a></h2>")
                document.appendHTML(list)
            }
        }

        // Cell and code HTML goes in last, after cmark and after math, so neither can touch it.
        let body = slots.fill(math.restore(in: document.renderHTML()) { span in
            guard let label = span.label, case .equation(let number) = numbers.targets[label] else {
                return "<span class=\"math \(span.display ? "display" : "inline")\">\(escapeHTML(span.tex))</span>"
            }
            // The number sits beside the equation, not inside it (a KaTeX \tag would overlap a
            // formula wider than the column, which scrolls).
            return "<span class=\"equation\" id=\"\(escapeHTML(label))\"><span class=\"math display\">\(escapeHTML(span.tex))</span>"
                + "<span class=\"equation-number\">(\(number))</span></span>"
        })
        return RenderedLesson(lesson: lesson, title: title.map { math.restore(in: $0) { $0.tex } } ?? lesson.name,
                              bodyHTML: body, toc: toc, cells: cells,
                              diagnostics: diagnostics, filesRead: runner.filesRead, hasMath: !math.spans.isEmpty)
    }
}
