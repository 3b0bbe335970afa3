import Foundation

/// The data of one column: numbers or strings (strings are categorical in models).
public enum ColumnData: Equatable, Sendable {
    case numbers([Double])
    case strings([String])

    public var count: Int {
        switch self {
        case .numbers(let v): return v.count
        case .strings(let v): return v.count
        }
    }

    /// The rows at `indices`, in that order.
    public func rows(_ indices: [Int]) -> ColumnData {
        switch self {
        case .numbers(let v): return .numbers(indices.map { v[$0] })
        case .strings(let v): return .strings(indices.map { v[$0] })
        }
    }

    /// Cell `i` as a table value.
    public func tableValue(_ i: Int) -> TableValue {
        switch self {
        case .numbers(let v): return .number(v[i])
        case .strings(let v): return .string(v[i])
        }
    }
}

/// A named column, as taken from a frame with `df.edu` or `df["edu"]`.
public struct Column: Equatable, Sendable {
    public var name: String
    public var data: ColumnData
    public init(name: String, data: ColumnData) { self.name = name; self.data = data }
}

/// A data frame: named columns of equal length, in order.
public struct Frame: Equatable, Sendable {
    public var columns: [Column]
    /// When this frame is a preview (`head`), the number of rows of the frame it came from.
    public var previewOf: Int?

    public init(columns: [Column], previewOf: Int? = nil) {
        self.columns = columns; self.previewOf = previewOf
    }

    public var rowCount: Int { columns.first?.data.count ?? 0 }
    public var names: [String] { columns.map(\.name) }
    public func column(_ name: String) -> Column? { columns.first { $0.name == name } }

    /// The rows at `indices` (in that order), all columns.
    public func rows(_ indices: [Int]) -> Frame {
        Frame(columns: columns.map { Column(name: $0.name, data: $0.data.rows(indices)) })
    }
}

/// Numbers with names, such as a model's parameters; indexed by name.
public struct NamedVector: Equatable, Sendable {
    public var names: [String]
    public var values: [Double]
    public init(names: [String], values: [Double]) { self.names = names; self.values = values }
    public subscript(name: String) -> Double? {
        names.firstIndex(of: name).map { values[$0] }
    }
}

/// A general result table (a t test, random effects, …) whose cells keep their types.
public struct Table: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[TableValue]]
    public init(columns: [String], rows: [[TableValue]]) { self.columns = columns; self.rows = rows }
    public var output: TableOutput { TableOutput(columns: columns, rows: rows) }
}

/// A formula value: its text as written (what the statistics library parses) and its syntax tree.
public struct FormulaValue: Sendable {
    public var expr: FormulaExpr
    public var text: String { expr.text }
    /// True for a one-sided formula such as `~ 1 + edu`.
    public var isOneSided: Bool { expr.lhs == nil }
}

/// A user-written function `param -> body`, with the scope it was written in.
public struct Lambda {
    public var parameter: String
    public var body: Expr
    var scope: Scope
}

/// Something callable: a built-in (possibly a method bound to a value) or a lambda.
public enum Function {
    case builtin(Builtin)
    case lambda(Lambda)

    public var name: String {
        switch self {
        case .builtin(let b): return b.name
        case .lambda(let l): return "\(l.parameter) -> …"
        }
    }
}

/// A runtime value of the cell language.
public enum Value {
    case number(Double)
    case string(String)
    case bool(Bool)
    case none
    case list([Value])
    case named(NamedVector)
    case column(Column)
    case frame(Frame)
    case formula(FormulaValue)
    case table(Table)
    case comparison(ComparisonTable)
    case model(FittedModel)
    case plot(Plot)
    case function(Function)

    /// The value's type as a student reads it in an error message ("got a number").
    public var typeDescription: String {
        switch self {
        case .number: return "a number"
        case .string: return "a string"
        case .bool: return "a boolean"
        case .none: return "none"
        case .list: return "a list"
        case .named: return "a named vector"
        case .column: return "a column"
        case .frame: return "a data frame"
        case .formula: return "a formula"
        case .table: return "a table"
        case .comparison: return "a comparison table"
        case .model(let m): return m.typeDescription
        case .plot: return "a plot"
        case .function: return "a function"
        }
    }
}
