import Foundation
import MixdownCharts
import MixdownLang

/// One cell after it ran: its source and options, and its outputs as values (text, tables,
/// `Figure`s, warnings) or its located error. No HTML.
public struct ExecutedCell: Sendable {
    /// 0-based position among the lesson's `lmm` cells.
    public var index: Int
    /// 1-based line of the opening fence in the lesson file.
    public var line: Int
    public var options: CellOptions
    public var code: String
    /// nil when the cell was not run (`eval: false`).
    public var result: CellRunResult?
    /// The cell's error as it is reported (with the source line), when it failed.
    public var error: Diagnostic?
    public var ok: Bool { result?.error == nil }

    /// The figures the cell shows, in order.
    public var figures: [Figure] {
        (result?.outputs ?? []).compactMap { if case .figure(let f) = $0 { return f } else { return nil } }
    }
}

/// A value written in prose as `` `{lmm} expr` ``, after it was evaluated.
public struct InlineValue: Sendable {
    /// The expression, without the `{lmm}` marker.
    public var expression: String
    /// Where the expression starts in the lesson file.
    public var location: SourceLocation
    /// The value as text; nil when the expression failed.
    public var text: String?
    public var error: Diagnostic?
}

/// A lesson after its cells and inline values ran in one session: the value between execution
/// and rendering. `mixdown run` reports it; the page renderer turns it into HTML; `serve` keeps
/// it to re-render when only templates change.
public struct ExecutedLesson: Sendable {
    public var lesson: Lesson
    public var cells: [ExecutedCell]
    /// Inline values in reading order.
    public var inlineValues: [InlineValue]
    /// Problems found while running: bad cell options, failing cells, failing inline values.
    public var diagnostics: [Diagnostic]
    /// Data files the lesson read or tried to read.
    public var filesRead: [URL]

    public var figureCount: Int { cells.reduce(0) { $0 + $1.figures.count } }
    public var failed: Bool { !diagnostics.isEmpty }
}
