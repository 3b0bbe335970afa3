/// The values of one formula factor over some rows: numbers, or a categorical
/// coding (sorted level names + codes, -1 = missing).
enum FactorData {
    case numeric([Double])
    case categorical(levels: [String], codes: [Int32])

    /// Evaluates `factor` on every row of `frame`.
    static func evaluate(_ factor: Factor, in frame: DataFrame) throws -> FactorData {
        var fitted: [Expression: [Double]] = [:]
        return try evaluate(factor, in: frame, fitted: &fitted)
    }

    /// Evaluates `factor`; fitted transforms (`scale`, `poly`, …) use the parameters in
    /// `fitted` when there, else fit them on these data and store them.
    static func evaluate(_ factor: Factor, in frame: DataFrame, fitted: inout [Expression: [Double]]) throws -> FactorData {
        switch factor.kind {
        case .column:
            let column = try frame.column(factor.columnName ?? factor.name)
            switch column.data {
            case .numeric(let v):
                if let i = v.firstIndex(where: { $0.isInfinite }) {
                    throw ModelError(.input, "column '\(column.name)' has an infinite value in data row \(i + 1)")
                }
                return .numeric(v)
            case .categorical(let c): return .categorical(levels: c.levels, codes: c.codes)
            }
        case .categorical:
            let name = factor.columnName ?? factor.name
            let column = try frame.column(name)
            switch column.data {
            case .categorical(let c):
                return .categorical(levels: c.levels, codes: c.codes)
            case .numeric:
                let ranked = column.ranked()
                return .categorical(levels: ranked.values.map { levelName($0.number ?? .nan) },
                                    codes: ranked.ranks.map { Int32($0) })
            }
        case .transform:
            let values = try factor.expression.evaluate(count: frame.rowCount, column: { name in
                let column = try frame.column(name)
                guard let v = column.numbers else {
                    throw ModelError(.input, "column '\(name)' holds strings; \(factor.name) needs numbers")
                }
                return v
            }, fitted: &fitted)
            if let i = values.firstIndex(where: { $0.isInfinite }) {
                throw ModelError(.input, "\(factor.name) is infinite in data row \(i + 1)")
            }
            return .numeric(values)
        }
    }

    /// The name of a numeric level as pandas/patsy print it: `2` for whole numbers, else `2.5`.
    static func levelName(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }

    /// Sets `mask[i]` for every missing row.
    func markMissing(_ mask: inout [Bool]) {
        switch self {
        case .numeric(let v):
            for i in v.indices where v[i].isNaN { mask[i] = true }
        case .categorical(_, let codes):
            for i in codes.indices where codes[i] < 0 { mask[i] = true }
        }
    }

    func isMissing(_ row: Int) -> Bool {
        switch self {
        case .numeric(let v): return v[row].isNaN
        case .categorical(_, let codes): return codes[row] < 0
        }
    }

    /// The rows at `indices`; categorical levels not present any more are dropped.
    func rows(_ indices: [Int]) -> FactorData {
        switch self {
        case .numeric(let v):
            return .numeric(indices.map { v[$0] })
        case .categorical(let levels, let codes):
            let c = Categorical(sortedLevels: levels, codes: codes).rows(indices)
            return .categorical(levels: c.levels, codes: c.codes)
        }
    }

    var isNumeric: Bool {
        if case .numeric = self { return true }
        return false
    }
}
