/// The data a formula needs, ready for fitting: rows with a missing value in
/// any used column dropped, the response, and design matrices built with
/// patsy's coding and column order.
///
///     let mf = try ModelFrame(formula: Formula("score ~ edu + classroom"), data: frame)
///     mf.fixedDesign.columnNames  // ["Intercept", "classroom[T.c1]", "classroom[T.c2]", "edu"]
public struct ModelFrame: Sendable {
    public let formula: Formula
    /// Indices (into the source frame) of the rows kept.
    public let rows: [Int]
    /// Number of source rows dropped for a missing value.
    public let droppedRows: Int
    /// The response values on the kept rows (nil for a one-sided formula).
    public let response: [Double]?
    /// The response name, e.g. `score` or `log(score)`.
    public let responseName: String?
    /// The fixed-effects design matrix on the kept rows.
    public let fixedDesign: DesignMatrix
    /// Factor values on the kept rows.
    private let factorData: [Factor: FactorData]
    /// Parameters of the fitted transforms (`scale`, `poly`, …), for new data.
    private let fitted: [Expression: [Double]]

    /// Number of rows used.
    public var nobs: Int { rows.count }

    /// Builds the model frame. Throws ``ModelError`` (kind `.input`) for an
    /// unknown or wrongly typed column, a string response, or no complete rows.
    public init(formula: Formula, data: DataFrame) throws {
        self.formula = formula
        // Every factor the formula reads.
        var factors: [Factor] = []
        var seen = Set<Factor>()
        func add(_ f: Factor) { if seen.insert(f).inserted { factors.append(f) } }
        if let r = formula.response { add(r) }
        for t in formula.fixed.terms { t.factors.forEach(add) }
        for r in formula.random {
            for t in r.effects.terms { t.factors.forEach(add) }
            for g in r.grouping { add(Factor(name: "C(\(g))", kind: .categorical, expression: .column(g))) }
        }
        var all: [Factor: FactorData] = [:]
        var fitted: [Expression: [Double]] = [:]
        for f in factors {
            do {
                all[f] = try FactorData.evaluate(f, in: data, fitted: &fitted)
            } catch let e as DataFrameError {
                throw ModelError(.input, e.message)
            }
            if case .treatment(let reference?) = f.contrast, case .categorical(let levels, _)? = all[f], !levels.contains(reference) {
                throw ModelError(.input, "\(f.name): '\(reference)' is not a level of \(f.columnName ?? f.name) (its levels: \(levels.joined(separator: ", ")))")
            }
        }
        self.fitted = fitted
        if let r = formula.response, case .categorical = all[r]! {
            throw ModelError(.input, "the response '\(r.name)' holds strings; it must be numeric")
        }
        var missing = [Bool](repeating: false, count: data.rowCount)
        for f in factors { all[f]!.markMissing(&missing) }
        var keep: [Int] = []
        keep.reserveCapacity(data.rowCount)
        for i in 0..<data.rowCount where !missing[i] { keep.append(i) }
        guard !keep.isEmpty else {
            throw ModelError(.input, data.rowCount == 0 ? "the data have no rows"
                             : "no row has a value in every column the formula uses (\(formula.columnNames.joined(separator: ", ")))")
        }
        var kept: [Factor: FactorData] = [:]
        let allRows = keep.count == data.rowCount
        for f in factors { kept[f] = allRows ? all[f]! : all[f]!.rows(keep) }
        self.rows = keep
        self.droppedRows = data.rowCount - keep.count
        self.factorData = kept
        if let r = formula.response, case .numeric(let v) = kept[r]! {
            self.response = v
            self.responseName = r.name
        } else {
            self.response = nil
            self.responseName = nil
        }
        self.fixedDesign = ModelFrame.design(formula.fixed, factorData: kept, rowCount: keep.count, fitted: fitted)
    }

    /// The design matrix of any term list over the kept rows (e.g. the effects of a random term).
    public func design(for list: TermList) throws -> DesignMatrix {
        for t in list.terms {
            for f in t.factors where factorData[f] == nil {
                throw ModelError(.input, "'\(f.name)' is not part of the formula \(formula.source)")
            }
        }
        return ModelFrame.design(list, factorData: factorData, rowCount: rows.count, fitted: fitted)
    }

    /// The levels and per-row codes (0-based, into `levels`) of a grouping
    /// factor on the kept rows. Several columns form their interaction, with
    /// levels named `a:b` and sorted by the levels of each column in turn.
    public func grouping(_ columns: [String]) throws -> (levels: [String], codes: [Int]) {
        var parts: [(levels: [String], codes: [Int32])] = []
        for c in columns {
            let f = Factor(name: "C(\(c))", kind: .categorical, expression: .column(c))
            guard case .categorical(let levels, let codes)? = factorData[f] else {
                throw ModelError(.input, "'\(c)' is not a grouping factor of the formula \(formula.source)")
            }
            parts.append((levels, codes))
        }
        guard let first = parts.first else { throw ModelError(.input, "a grouping factor needs a column") }
        var levels = first.levels
        var codes = first.codes.map(Int.init)
        for part in parts.dropFirst() { (levels, codes) = Self.interaction(levels, codes, part.levels, part.codes) }
        return (levels, codes)
    }

    /// The interaction of a factor (levels, codes) with one more column: each row's pair packed
    /// into one integer, code · |next levels| + next code, so integer order is the level order of
    /// the first factor, then of the column; only the combinations that occur become levels.
    private static func interaction(_ levels: [String], _ codes: [Int], _ nextLevels: [String], _ nextCodes: [Int32])
        -> (levels: [String], codes: [Int]) {
        let size = nextLevels.count
        let key = zip(codes, nextCodes).map { $0 * size + Int($1) }
        let distinct = Array(Set(key)).sorted()
        var index: [Int: Int] = [:]
        index.reserveCapacity(distinct.count)
        for (k, v) in distinct.enumerated() { index[v] = k }
        let names = distinct.map { levels[$0 / size] + ":" + nextLevels[$0 % size] }
        return (names, key.map { index[$0]! })
    }

    static func design(_ list: TermList, factorData: [Factor: FactorData], rowCount n: Int,
                       fitted: [Expression: [Double]]) -> DesignMatrix {
        var codings: [Factor: [String]?] = [:]
        for t in list.terms {
            for f in t.factors {
                switch factorData[f]! {
                case .numeric: codings[f] = .some(nil)
                case .categorical(let levels, _): codings[f] = .some(levels)
                }
            }
        }
        var spec = DesignPlanner.plan(list, codings: codings)
        spec.fitted = fitted
        let columns = spec.factors.map { factorData[$0.factor]! }
        return DesignBuilder.fill(spec: spec, columns: columns, rowCount: n)
    }
}

/// Fills design-matrix values from a spec and factor values.
enum DesignBuilder {
    static func fill(spec: DesignSpec, columns: [FactorData], rowCount n: Int) -> DesignMatrix {
        let p = spec.parts.count
        var values = [Double](repeating: 1, count: n * p)
        values.withUnsafeMutableBufferPointer { out in
            for (j, parts) in spec.parts.enumerated() {
                let col = out.baseAddress! + j * n
                for part in parts {
                    switch columns[part.factor] {
                    case .numeric(let v):
                        v.withUnsafeBufferPointer { x in for i in 0..<n { col[i] *= x[i] } }
                    case .categorical(_, let codes):
                        let level = Int32(part.level), against = Int32(part.sumAgainst)
                        codes.withUnsafeBufferPointer { c in
                            for i in 0..<n where c[i] != level { col[i] = (part.sumAgainst >= 0 && c[i] == against) ? -col[i] : 0 }
                        }
                    }
                }
            }
        }
        return DesignMatrix(rowCount: n, values: values, spec: spec)
    }
}

extension DesignSpec {
    /// Builds the same columns for new data (e.g. a prediction grid). Rows with
    /// a missing value in a used column are dropped; the kept row indices are returned.
    /// A categorical level that was not in the fitting data is an error.
    public func matrix(for frame: DataFrame) throws -> (matrix: DesignMatrix, rows: [Int]) {
        var data: [FactorData] = []
        for coding in factors {
            let raw: FactorData
            var parameters = fitted
            do { raw = try FactorData.evaluate(coding.factor, in: frame, fitted: &parameters) } catch let e as DataFrameError {
                throw ModelError(.input, e.message)
            }
            switch (raw, coding.levels) {
            case (.numeric(let v), nil):
                data.append(.numeric(v))
            case (.categorical(let newLevels, let codes), let levels?):
                var map: [Int32] = []
                for l in newLevels {
                    guard let k = levels.firstIndex(of: l) else {
                        throw ModelError(.input, "level '\(l)' of \(coding.factor.name) was not in the fitted data (levels: \(levels.joined(separator: ", ")))")
                    }
                    map.append(Int32(k))
                }
                data.append(.categorical(levels: levels, codes: codes.map { $0 < 0 ? -1 : map[Int($0)] }))
            case (.numeric(let v), let levels?):
                // A numeric column coded with C(): map values by their level names.
                var codes: [Int32] = []
                for x in v {
                    if x.isNaN { codes.append(-1); continue }
                    guard let k = levels.firstIndex(of: FactorData.levelName(x)) else {
                        throw ModelError(.input, "level '\(FactorData.levelName(x))' of \(coding.factor.name) was not in the fitted data")
                    }
                    codes.append(Int32(k))
                }
                data.append(.categorical(levels: levels, codes: codes))
            case (.categorical, nil):
                throw ModelError(.input, "'\(coding.factor.name)' holds strings in the new data but was numeric when fitted")
            }
        }
        var missing = [Bool](repeating: false, count: frame.rowCount)
        for d in data { d.markMissing(&missing) }
        let keep = (0..<frame.rowCount).filter { !missing[$0] }
        let kept = keep.count == frame.rowCount ? data : data.map { d -> FactorData in
            switch d {
            case .numeric(let v): return .numeric(keep.map { v[$0] })
            case .categorical(let l, let c): return .categorical(levels: l, codes: keep.map { c[$0] })
            }
        }
        return (DesignBuilder.fill(spec: self, columns: kept, rowCount: keep.count), keep)
    }
}
