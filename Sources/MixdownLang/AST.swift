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

/// A node of a formula's own syntax tree (Wilkinson notation). Names in it are column names,
/// never variables.
public indirect enum FormulaNode: Sendable, Equatable {
    case name(String, SourceLocation)
    case number(Double, SourceLocation)
    /// `+`, `-`, `*`, `/`, `:` and `|` (the random-effects bar).
    case binary(String, FormulaNode, FormulaNode)
    /// `-x` inside a formula (term removal, e.g. `- 1`).
    case negate(FormulaNode)
    case parenthesized(FormulaNode)
    /// A transformation such as `C(classroom)` or `log(score)`.
    case call(String, [FormulaNode], SourceLocation)

    /// Every column name mentioned, with its location, in source order.
    public var names: [(String, SourceLocation)] {
        switch self {
        case .name(let n, let l): return [(n, l)]
        case .number: return []
        case .binary(_, let a, let b): return a.names + b.names
        case .negate(let a), .parenthesized(let a): return a.names
        case .call(_, let args, _): return args.flatMap { $0.names }
        }
    }
}

/// A formula as written: its exact source text (handed to the statistics library), both sides
/// as syntax trees, and where it starts.
public struct FormulaExpr: Sendable {
    public var text: String
    public var lhs: FormulaNode?
    public var rhs: FormulaNode
    public var location: SourceLocation
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
    case lambda(parameter: String, body: Expr, SourceLocation)
    case formula(FormulaExpr)

    public var location: SourceLocation {
        switch self {
        case .number(_, let l), .string(_, let l), .bool(_, let l), .none(let l), .list(_, let l),
             .variable(_, let l), .unary(_, _, let l), .binary(_, _, _, let l), .call(_, _, let l),
             .member(_, _, let l), .index(_, _, let l), .lambda(_, _, let l):
            return l
        case .formula(let f): return f.location
        }
    }

    /// Where the expression starts in the source (the leftmost token).
    public var startLocation: SourceLocation {
        switch self {
        case .binary(_, let a, _, _), .call(let a, _, _), .member(let a, _, _), .index(let a, _, _):
            return a.startLocation
        default: return location
        }
    }
}

/// A statement: an assignment or an expression whose value is displayed.
public enum Stmt: Sendable {
    case assign(name: String, nameLocation: SourceLocation, value: Expr)
    case expression(Expr)

    public var location: SourceLocation {
        switch self {
        case .assign(_, let l, _): return l
        case .expression(let e): return e.startLocation
        }
    }
}
