import Foundation
import MixdownStats

/// Numbers with names, such as a model's parameters; indexed by name.
public struct NamedVector: Equatable, Sendable {
    public var names: [String]
    public var values: [Double]
    public init(names: [String], values: [Double]) { self.names = names; self.values = values }
    public subscript(name: String) -> Double? {
        names.firstIndex(of: name).map { values[$0] }
    }
}

/// A column of booleans, as an element-wise comparison gives (`df.age == 8`); nil = missing
/// (a comparison with a missing value). Used to select rows: `df[mask]`.
public struct Mask: Equatable, Sendable {
    public var name: String
    public var values: [Bool?]
    public init(name: String, values: [Bool?]) { self.name = name; self.values = values }

    /// A column of 1/0 (what a frame stores for booleans) read back as a mask; nil when the
    /// column holds anything else.
    public init?(_ column: Column) {
        guard let xs = column.numbers, xs.allSatisfy({ $0 == 0 || $0 == 1 || $0.isNaN }) else { return nil }
        self.init(name: column.name, values: xs.map { $0.isNaN ? nil : $0 == 1 })
    }

    /// The mask a value stands for: a mask, or a column of 1/0.
    static func of(_ value: Value) -> Mask? {
        switch value {
        case .mask(let m): return m
        case .column(let c): return Mask(c)
        default: return nil
        }
    }

    /// As numbers: 1 for true, 0 for false, NaN for missing (what a frame stores, as R's
    /// `as.numeric`).
    public var numbers: [Double] { values.map { $0.map { $0 ? 1 : 0 } ?? .nan } }
}

/// A formula value: its text as written, parsed by the statistics library's formula parser,
/// and where each character of the text is in the lesson (for located errors).
public struct FormulaValue: Sendable {
    public var text: String
    public var formula: Formula
    /// The lesson location of the formula's first character.
    public var location: SourceLocation
    /// True for a one-sided formula such as `~ 1 + edu`.
    public var isOneSided: Bool { formula.response == nil }

    /// The lesson location of the 1-based character `column` of `text`.
    public func location(ofColumn column: Int) -> SourceLocation {
        location.advanced(over: text.prefix(max(0, column - 1)))
    }
}

/// A user-written function, `x -> expression` or `fn(a, b = 1) { statements }`, with the
/// scope it was written in.
public struct Lambda {
    public var parameters: [String]
    public var defaults: [Expr?]
    public var body: [Stmt]
    /// True for `x -> expression`.
    public var isArrow: Bool
    var scope: Scope

    /// How the function is named in messages: `x -> …` or `fn(a, b)`.
    public var signature: String {
        isArrow ? "\(parameters.joined(separator: ", ")) -> …" : "fn(\(parameters.joined(separator: ", ")))"
    }
}

/// Something callable: a built-in (possibly a method bound to a value) or a lambda.
public enum Function {
    case builtin(Builtin)
    case lambda(Lambda)

    public var name: String {
        switch self {
        case .builtin(let b): return b.name
        case .lambda(let l): return l.signature
        }
    }
}

/// A runtime value of the cell language. Data frames and columns are the statistics library's
/// own `DataFrame` and `Column`.
public enum Value {
    case number(Double)
    case string(String)
    case bool(Bool)
    case none
    case list([Value])
    case named(NamedVector)
    case column(Column)
    case mask(Mask)
    case frame(DataFrame)
    /// The first rows of a frame (`head`), shown with the frame's total row count.
    case preview(DataFrame, totalRows: Int)
    case formula(FormulaValue)
    case comparison(ComparisonTable)
    case model(FittedModel)
    case plot(Plot)
    case function(Function)

    /// The data frame of a frame or a preview.
    public var dataFrame: DataFrame? {
        switch self {
        case .frame(let f), .preview(let f, _): return f
        default: return nil
        }
    }

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
        case .mask: return "a column of booleans"
        case .frame, .preview: return "a data frame"
        case .formula: return "a formula"
        case .comparison: return "a comparison table"
        case .model(let m): return m.typeDescription
        case .plot: return "a plot"
        case .function: return "a function"
        }
    }
}
