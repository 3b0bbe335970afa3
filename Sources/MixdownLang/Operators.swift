import Foundation
import MixdownStats

/// Arithmetic, comparison and negation on values: numbers, and element by element on columns,
/// named vectors and lists of numbers; `+` also joins strings and lists, and overlays plots.
enum Operators {
    static func unary(_ op: UnaryOperator, _ v: Value, at loc: SourceLocation) throws -> Value {
        switch (op, v) {
        case (.negate, .number(let x)): return .number(-x)
        case (.negate, .column(let c)):
            if let xs = c.numbers { return .column(Column(name: c.name, numbers: xs.map { -$0 })) }
        case (.negate, .named(let n)): return .named(NamedVector(names: n.names, values: n.values.map { -$0 }))
        case (.not, .bool(let b)): return .bool(!b)
        case (.not, .mask(let m)): return Logic.not(m)
        default: break
        }
        let what = op == .negate ? "'-' expects a number" : "'not' expects true or false"
        throw LangError("\(what), got \(v.typeDescription)", at: loc)
    }

    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at loc: SourceLocation,
                       interpreter: Interpreter) throws -> Value {
        switch op {
        case .add, .subtract, .multiply, .divide, .power:
            return try arithmetic(op, a, b, at: loc, interpreter: interpreter)
        case .and, .or:
            throw LangError("internal: '\(op.rawValue)' is evaluated lazily", at: loc)
        default: break
        }
        if let mask = try Logic.compare(op, a, b, at: loc) { return mask }
        switch op {
        case .equal: return .bool(try equals(a, b, at: loc))
        case .notEqual: return .bool(!(try equals(a, b, at: loc)))
        default: return .bool(try order(op, a, b, at: loc))
        }
    }

    private static func apply(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Double {
        switch op {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply: return x * y
        case .divide: return x / y
        case .power: return pow(x, y)
        default: return .nan
        }
    }

    private static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value, at loc: SourceLocation,
                                   interpreter: Interpreter) throws -> Value {
        if op == .divide, case .number(0) = b {
            throw LangError("division by zero", at: loc)
        }
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return .number(apply(op, x, y))
        case (.string(let x), .string(let y)) where op == .add:
            return .string(x + y)
        case (.list(let x), .list(let y)) where op == .add:
            return .list(x + y)
        default: break
        }
        if op == .add, case .plot(let p) = a, case .plot(let q) = b {
            return .plot(try p.overlaid(with: q, at: loc))
        }
        // Element-wise forms.
        if let (xs, shape) = elementwise(a), let (ys, shape2) = elementwise(b) {
            let n: Int
            if xs.count == ys.count { n = xs.count }
            else if xs.count == 1 { n = ys.count }
            else if ys.count == 1 { n = xs.count }
            else {
                throw LangError("'\(op.rawValue)' needs values of the same length, got \(xs.count) and \(ys.count)", at: loc)
            }
            let out = (0..<n).map { apply(op, xs[xs.count == 1 ? 0 : $0], ys[ys.count == 1 ? 0 : $0]) }
            let template = (xs.count == 1 && ys.count != 1) ? shape2 : shape
            return template(out)
        }
        throw LangError("cannot apply '\(op.rawValue)' to \(a.typeDescription) and \(b.typeDescription)", at: loc)
    }

    /// The numbers of a value and how to rebuild a value of the same shape from new numbers.
    private static func elementwise(_ v: Value) -> ([Double], ([Double]) -> Value)? {
        switch v {
        case .number(let x): return ([x], { .number($0[0]) })
        case .column(let c):
            guard let xs = c.numbers else { return nil }
            return (xs, { .column(Column(name: c.name, numbers: $0)) })
        case .named(let n): return (n.values, { .named(NamedVector(names: n.names, values: $0)) })
        case .list:
            guard let xs = Args.numbers(of: v) else { return nil }
            return (xs, { .list($0.map(Value.number)) })
        default: return nil
        }
    }

    static func equals(_ a: Value, _ b: Value, at loc: SourceLocation) throws -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.none, .none): return true
        case (.none, _), (_, .none): return false
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            for (p, q) in zip(x, y) where !(try equals(p, q, at: loc)) { return false }
            return true
        default:
            throw LangError("cannot compare \(a.typeDescription) with \(b.typeDescription)", at: loc)
        }
    }

    private static func order(_ op: BinaryOperator, _ a: Value, _ b: Value, at loc: SourceLocation) throws -> Bool {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Bool {
            switch op {
            case .less: return x < y
            case .lessEqual: return x <= y
            case .greater: return x > y
            default: return x >= y
            }
        }
        switch (a, b) {
        case (.number(let x), .number(let y)): return cmp(x, y)
        case (.string(let x), .string(let y)): return cmp(x, y)
        default:
            throw LangError("'\(op.rawValue)' compares two numbers or two strings, got \(a.typeDescription) and \(b.typeDescription)", at: loc)
        }
    }
}
