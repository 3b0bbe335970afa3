import Foundation

/// A numeric expression over data columns, as written inside `I(...)` or a
/// transform call such as `log(x)`. Evaluated element-wise; a missing value
/// (NaN) in any input gives NaN in the output.
public indirect enum Expression: Hashable, Sendable {
    /// Arithmetic operators allowed inside `I(...)`.
    public enum Operator: String, Hashable, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "**"
    }
    /// Functions allowed in formulas and inside `I(...)`.
    public enum Function: String, Hashable, Sendable, CaseIterable {
        case log, log2, log10, exp, sqrt, abs
    }

    case column(String)
    case number(Double)
    case negate(Expression)
    case binary(Operator, Expression, Expression)
    case call(Function, Expression)
    /// A transform fitted on the data (`center(x)`, `scale(x)`, a column of `poly(x, 2)`).
    case fitted(DataTransform, Expression)

    /// The data columns read, without duplicates, in order of first use.
    public var columnNames: [String] {
        var seen = Set<String>()
        var out: [String] = []
        func walk(_ e: Expression) {
            switch e {
            case .column(let n): if seen.insert(n).inserted { out.append(n) }
            case .number: break
            case .negate(let x), .call(_, let x), .fitted(_, let x): walk(x)
            case .binary(_, let a, let b): walk(a); walk(b)
            }
        }
        walk(self)
        return out
    }

    /// Evaluates the expression for `count` rows; `column` returns the values of
    /// a numeric column (it may throw, e.g. for an unknown or non-numeric column).
    public func evaluate(count: Int, column: (String) throws -> [Double]) throws -> [Double] {
        var fitted: [Expression: [Double]] = [:]
        return try evaluate(count: count, column: column, fitted: &fitted)
    }

    /// Evaluates with the parameters of fitted transforms taken from `fitted` when present
    /// (prediction on new data), else computed from these data and stored there.
    public func evaluate(count: Int, column: (String) throws -> [Double],
                         fitted: inout [Expression: [Double]]) throws -> [Double] {
        switch self {
        case .column(let n):
            return try column(n)
        case .number(let v):
            return [Double](repeating: v, count: count)
        case .negate(let x):
            return try x.evaluate(count: count, column: column, fitted: &fitted).map { -$0 }
        case .fitted(let t, let x):
            let v = try x.evaluate(count: count, column: column, fitted: &fitted)
            let key = Expression.fitted(t.stateKey, x)
            let parameters = try fitted[key] ?? t.parameters(for: v)
            fitted[key] = parameters
            return t.apply(v, parameters: parameters)
        case .call(let f, let x):
            let v = try x.evaluate(count: count, column: column, fitted: &fitted)
            switch f {
            case .log: return v.map { Foundation.log($0) }
            case .log2: return v.map { Foundation.log2($0) }
            case .log10: return v.map { Foundation.log10($0) }
            case .exp: return v.map { Foundation.exp($0) }
            case .sqrt: return v.map { Foundation.sqrt($0) }
            case .abs: return v.map { Swift.abs($0) }
            }
        case .binary(let op, let a, let b):
            let x = try a.evaluate(count: count, column: column, fitted: &fitted)
            let y = try b.evaluate(count: count, column: column, fitted: &fitted)
            let n = Swift.min(x.count, y.count)
            var out = [Double](repeating: 0, count: n)
            switch op {
            case .add: for i in 0..<n { out[i] = x[i] + y[i] }
            case .subtract: for i in 0..<n { out[i] = x[i] - y[i] }
            case .multiply: for i in 0..<n { out[i] = x[i] * y[i] }
            case .divide: for i in 0..<n { out[i] = x[i] / y[i] }
            case .power: for i in 0..<n { out[i] = Foundation.pow(x[i], y[i]) }
            }
            return out
        }
    }
}
