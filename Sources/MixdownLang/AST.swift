import Foundation

/// Binary operators of ordinary expressions.
public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and, or
}

/// Unary operators.
public enum UnaryOperator: String, Sendable {
    case negate = "-", not
}

/// An argument of a call: positional (`name == nil`) or named (`name = value`).
public struct Argument: Sendable {
    public var name: String?
    public var nameLocation: SourceLocation?
    public var value: Expr
}

/// A piece of an interpolated string after parsing.
public enum InterpolatedPiece: Sendable {
    case text(String)
    case expression(Expr, spec: String?, location: SourceLocation)
}

/// An expression with the location of the token that best identifies it (for errors).
public indirect enum Expr: Sendable {
    case number(Double, SourceLocation)
    case string([InterpolatedPiece], SourceLocation)
    case bool(Bool, SourceLocation)
    case none(SourceLocation)
    case list([Expr], SourceLocation)
    case variable(String, SourceLocation)
    case unary(UnaryOperator, Expr, SourceLocation)
    case binary(BinaryOperator, Expr, Expr, SourceLocation)
    /// A call `callee(args)`; the location is the callee's.
    case call(Expr, [Argument], SourceLocation)
    /// `object.name`; the location is the member name's.
    case member(Expr, String, SourceLocation)
    /// `object[index]`; the location is the `[`.
    case index(Expr, Expr, SourceLocation)
    /// `object[from:to]` (either bound may be left out); the location is the `[`.
    case slice(Expr, Expr?, Expr?, SourceLocation)
    case lambda(parameter: String, body: Expr, SourceLocation)
    /// `fn(a, b = 1) { statements }`: a function of several statements; its value is the
    /// value of the last statement. The location is the `fn`.
    case function(FunctionLiteral, SourceLocation)
    /// A formula, parsed by the statistics library when the cell is parsed.
    case formula(FormulaValue)

    public var location: SourceLocation {
        switch self {
        case .number(_, let l), .string(_, let l), .bool(_, let l), .none(let l), .list(_, let l),
             .variable(_, let l), .unary(_, _, let l), .binary(_, _, _, let l), .call(_, _, let l),
             .member(_, _, let l), .index(_, _, let l), .slice(_, _, _, let l), .lambda(_, _, let l), .function(_, let l):
            return l
        case .formula(let f): return f.location
        }
    }

    /// Where the expression starts in the source (the leftmost token).
    public var startLocation: SourceLocation {
        switch self {
        case .binary(_, let a, _, _), .call(let a, _, _), .member(let a, _, _), .index(let a, _, _), .slice(let a, _, _, _):
            return a.startLocation
        default: return location
        }
    }
}

/// The parameters (with optional default values) and statements of `fn(…) { … }`.
public struct FunctionLiteral: Sendable {
    public var parameters: [String]
    public var defaults: [Expr?]
    public var body: [Stmt]
}

/// A statement: an assignment or an expression whose value is displayed.
public enum Stmt: Sendable {
    case assign(name: String, nameLocation: SourceLocation, value: Expr)
    /// `df.x = value` or `df["x"] = value`: adds or replaces a column of the frame in `frame`.
    case setColumn(frame: String, frameLocation: SourceLocation, column: Expr, value: Expr)
    case expression(Expr)

    public var location: SourceLocation {
        switch self {
        case .assign(_, let l, _), .setColumn(_, let l, _, _): return l
        case .expression(let e): return e.startLocation
        }
    }
}
