import Foundation
import MixdownCharts

/// A position in a lesson file: 1-based line and column, as editors show them.
public struct SourceLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) {
        self.file = file; self.line = line; self.column = column
    }
    public var description: String { "\(file):\(line):\(column)" }

    /// The location just after reading `text` from here (a newline starts a new line).
    public func advanced(over text: some StringProtocol) -> SourceLocation {
        var loc = self
        for c in text {
            if c == "\n" { loc.line += 1; loc.column = 1 } else { loc.column += 1 }
        }
        return loc
    }
}

/// An error raised while running a cell, located at the offending token.
public struct LangError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation
    /// An optional hint such as "did you mean 'score'?".
    public var hint: String?
    public init(_ message: String, at location: SourceLocation, hint: String? = nil) {
        self.message = message; self.location = location; self.hint = hint
    }
    public var description: String {
        "\(location): error: \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}

/// One cell of a result table: numbers stay numbers so that JSON and `check` can compare them.
public enum TableValue: Equatable, Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
}

/// A table shown under a cell (a data frame, a coefficient table, the model comparison).
public struct TableOutput: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[TableValue]]
    /// Total rows in the source when `rows` is a preview (`head`), else nil.
    public var totalRows: Int?
    public init(columns: [String], rows: [[TableValue]], totalRows: Int? = nil) {
        self.columns = columns; self.rows = rows; self.totalRows = totalRows
    }
}

/// What a cell displays, in order.
public enum CellOutput: Equatable, Sendable {
    /// Plain text, shown in a monospace block (printed lines, model summaries).
    case text(String)
    case table(TableOutput)
    /// A chart as a value (at its default size, with a placeholder id): the page that shows it
    /// renders the SVG with its own id and the size the cell asks for.
    case figure(Figure)
    /// A warning attached to the cell (e.g. a singular fit), shown highlighted.
    case warning(String)
}

/// The result of running one cell in a session.
public struct CellRunResult: Sendable {
    public var outputs: [CellOutput]
    /// The first error, if the cell failed; outputs produced before it are kept.
    public var error: LangError?
    public init(outputs: [CellOutput], error: LangError?) {
        self.outputs = outputs; self.error = error
    }
}
