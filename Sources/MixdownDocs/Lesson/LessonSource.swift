import Foundation
import MixdownLang

/// A lesson's Markdown parsed once for one use (running or rendering): math shielded from cmark,
/// the cmark tree, its `lmm` cells and its inline values, each located in the lesson file.
final class LessonSource {
    /// An `lmm` fenced block with its options split off.
    struct Cell {
        let block: MarkdownDocument.CodeBlock
        let parsed: ParsedCell
        /// File line of the opening fence.
        let fenceLine: Int
    }

    /// An inline code span `` `{lmm} expr` ``.
    struct Inline {
        let code: MarkdownDocument.InlineCode
        let expression: String
        let location: SourceLocation
    }

    /// A cell or an inline value, in reading order.
    enum Step {
        case cell(Int)
        case inline(Int)
    }

    let lesson: Lesson
    let math: MathProtector
    let document: MarkdownDocument
    let cells: [Cell]
    let inlines: [Inline]
    let steps: [Step]
    /// The lesson body's lines (line 1 is file line `bodyLineOffset + 1`).
    let lines: [String]

    /// The marker that makes an inline code span a value to compute.
    static let inlineMarker = "{lmm}"

    init(_ lesson: Lesson) {
        self.lesson = lesson
        math = MathProtector(markdown: lesson.body)
        document = MarkdownDocument(markdown: math.protected)
        lines = lesson.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let offset = lesson.bodyLineOffset
        let math = self.math
        let blocks = document.codeBlocks.filter { $0.language == "lmm" }
        cells = blocks.map { Cell(block: $0, parsed: ParsedCell(source: $0.literal), fenceLine: math.originalLine($0.line) + offset) }
        var finder = InlineFinder(lines: lines)
        inlines = document.inlineCodes.compactMap { code in
            // `{lmm} expr`; the bare marker `{lmm}` stays code (how a page can mention it).
            guard code.literal.hasPrefix(Self.inlineMarker + " ") else { return nil }
            let expression = code.literal.dropFirst(Self.inlineMarker.count).trimmingCharacters(in: .whitespaces)
            guard !expression.isEmpty else { return nil }
            let (line, column) = finder.next(expression, from: math.originalLine(code.blockLine))
            return Inline(code: code, expression: expression,
                          location: SourceLocation(file: lesson.fileName, line: line + offset, column: column))
        }
        let ordered = cells.enumerated().map { ($1.block.order, Step.cell($0)) }
            + inlines.enumerated().map { ($1.code.order, Step.inline($0)) }
        steps = ordered.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// A located diagnostic, with the source line for the caret display.
    func diagnostic(_ message: String, line: Int, column: Int = 1, hint: String? = nil) -> Diagnostic {
        let bodyLine = line - lesson.bodyLineOffset
        let text = bodyLine >= 1 && bodyLine <= lines.count ? lines[bodyLine - 1] : nil
        return Diagnostic(location: SourceLocation(file: lesson.fileName, line: line, column: column),
                          message: message, hint: hint, sourceLine: text)
    }

    /// The diagnostic of a cell-language error.
    func diagnostic(_ error: LangError) -> Diagnostic {
        diagnostic(error.message, line: error.location.line, column: error.location.column, hint: error.hint)
    }

    /// A diagnostic at the first mention of `needle` in the prose (see `ProseLinker.locate`).
    func diagnostic(_ message: String, atMention needle: String) -> Diagnostic {
        let at = ProseLinker.locate(needle, in: lines)
        return diagnostic(message, line: at.line + lesson.bodyLineOffset, column: at.column)
    }
}

/// Finds inline values in the source, in order: cmark gives the paragraph's line, the source gives
/// the column of the expression (after `{lmm}` and its spaces).
private struct InlineFinder {
    let lines: [String]
    var cursor: (line: Int, column: Int) = (1, 0)

    /// Body line and 1-based column of the next `{lmm} expression` at or after `line`.
    mutating func next(_ expression: String, from line: Int) -> (Int, Int) {
        if line > cursor.line { cursor = (line, 0) }
        var l = cursor.line
        while l <= lines.count {
            let chars = Array(lines[l - 1])
            let start = l == cursor.line ? cursor.column : 0
            if let at = Self.find(Array(LessonSource.inlineMarker), in: chars, from: start) {
                var column = at + LessonSource.inlineMarker.count
                while column < chars.count && chars[column] == " " { column += 1 }
                cursor = (l, column)
                return (l, column + 1)
            }
            l += 1
        }
        return (line, 1)
    }

    private static func find(_ needle: [Character], in chars: [Character], from start: Int) -> Int? {
        guard chars.count >= needle.count, start <= chars.count - needle.count else { return nil }
        for i in start...(chars.count - needle.count) where Array(chars[i..<(i + needle.count)]) == needle { return i }
        return nil
    }
}
