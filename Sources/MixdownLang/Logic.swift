import Foundation
import MixdownStats

/// Element-wise comparisons and `and`/`or`/`not` on columns of booleans (masks), with R's
/// three-valued logic: a comparison with a missing value is missing; `false and NA` is false,
/// `true or NA` is true.
enum Logic {
    /// `a op b` element by element when either side is a column or a mask; nil otherwise.
    static func compare(_ op: BinaryOperator, _ a: Value, _ b: Value, at loc: SourceLocation) throws -> Value? {
        guard isVector(a) || isVector(b), let (xs, n1, name1) = cells(a), let (ys, n2, name2) = cells(b) else { return nil }
        let n = try length(n1, n2, op: op.rawValue, at: loc)
        var out: [Bool?] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            let x = xs(n1 == 1 ? 0 : i), y = ys(n2 == 1 ? 0 : i)
            out.append(try compareCells(op, x, y, a, b, at: loc))
        }
        return .mask(Mask(name: name1 ?? name2 ?? "value", values: out))
    }

    /// `mask and mask`, `mask or mask` (a single true/false stands for every row).
    static func combine(_ op: BinaryOperator, _ a: Value, _ b: Value, at loc: SourceLocation) throws -> Value {
        guard let x = truths(a), let y = truths(b) else {
            throw LangError("'\(op.rawValue)' expects columns of booleans (or true/false) on both sides, got \(a.typeDescription) and \(b.typeDescription)", at: loc)
        }
        let n = try length(x.count, y.count, op: op.rawValue, at: loc)
        let out: [Bool?] = (0..<n).map { i in
            let p = x[x.count == 1 ? 0 : i], q = y[y.count == 1 ? 0 : i]
            if op == .and {
                if p == false || q == false { return false }
                return (p == nil || q == nil) ? nil : true
            }
            if p == true || q == true { return true }
            return (p == nil || q == nil) ? nil : false
        }
        return .mask(Mask(name: maskName(a) ?? maskName(b) ?? "value", values: out))
    }

    /// `not mask`.
    static func not(_ m: Mask) -> Value {
        .mask(Mask(name: m.name, values: m.values.map { $0.map { !$0 } }))
    }

    private static func isVector(_ v: Value) -> Bool {
        switch v {
        case .column, .mask: return true
        default: return false
        }
    }

    private static func maskName(_ v: Value) -> String? {
        if case .mask(let m) = v { return m.name }
        return nil
    }

    private static func truths(_ v: Value) -> [Bool?]? {
        switch v {
        case .mask(let m): return m.values
        case .bool(let b): return [b]
        default: return nil
        }
    }

    private static func length(_ n1: Int, _ n2: Int, op: String, at loc: SourceLocation) throws -> Int {
        if n1 == n2 { return n1 }
        if n1 == 1 { return n2 }
        if n2 == 1 { return n1 }
        throw LangError("'\(op)' needs columns of the same length, got \(n1) and \(n2)", at: loc)
    }

    /// A value as cells: a column or a mask gives its rows; a number, string or boolean one cell
    /// (only when the other side is a column). Returns nil for a plain scalar on its own side.
    private static func cells(_ v: Value) -> ((Int) -> MixdownStats.Value, Int, String?)? {
        switch v {
        case .column(let c): return ({ c[$0] }, c.count, c.name)
        case .mask(let m): return ({ m.values[$0].map { .number($0 ? 1 : 0) } ?? .missing }, m.values.count, m.name)
        case .number(let x): return ({ _ in x.isNaN ? .missing : .number(x) }, 1, nil)
        case .string(let s): return ({ _ in Column.isMissingSpelling(s) ? .missing : .string(s) }, 1, nil)
        case .bool(let b): return ({ _ in .number(b ? 1 : 0) }, 1, nil)
        default: return nil
        }
    }

    private static func compareCells(_ op: BinaryOperator, _ x: MixdownStats.Value, _ y: MixdownStats.Value,
                                     _ a: Value, _ b: Value, at loc: SourceLocation) throws -> Bool? {
        switch (x, y) {
        case (.missing, _), (_, .missing): return nil
        case (.number(let p), .number(let q)): return order(op, p, q)
        case (.string(let p), .string(let q)):
            return order(op, p.utf8.lexicographicallyPrecedes(q.utf8) ? -1 : (p == q ? 0 : 1), 0)
        default:
            throw LangError("cannot compare \(describe(a)) with \(describe(b)): one holds numbers, the other text", at: loc)
        }
    }

    private static func describe(_ v: Value) -> String {
        if case .column(let c) = v { return c.isNumeric ? "a numeric column" : "a column of text" }
        return v.typeDescription
    }

    private static func order<T: Comparable>(_ op: BinaryOperator, _ x: T, _ y: T) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        default: return x >= y
        }
    }
}
