/// A left join on key columns (as pandas' `merge(how = "left")`, rows in the left frame's
/// order; R's `merge(all.x = TRUE)` gives the same rows, sorted by key).
extension DataFrame {
    /// Every row of `self` with the columns of the `right` row whose keys are equal; no match
    /// gives missing values. A key that occurs twice in `right` is an error (it would
    /// duplicate rows). Non-key columns present on both sides get suffixes `_x` and `_y`.
    public func leftJoin(_ right: DataFrame, on keys: [String]) throws -> DataFrame {
        guard !keys.isEmpty else { throw DataFrameError("join needs at least one key column") }
        for k in keys {
            let (l, r) = (try column(k), try right.column(k))
            if l.isNumeric != r.isNumeric {
                throw DataFrameError("the key '\(k)' holds \(l.isNumeric ? "numbers" : "strings") on the left but \(r.isNumeric ? "numbers" : "strings") on the right")
            }
        }
        var index: [[MixdownStats.Value]: Int] = [:]
        for i in 0..<right.rowCount {
            let key = try keys.map { try right.value($0, row: i) }
            if key.contains(.missing) { continue }
            if index.updateValue(i, forKey: key) != nil {
                let shown = zip(keys, key).map { "\($0) = \($1)" }.joined(separator: ", ")
                throw DataFrameError("the key \(shown) occurs more than once in the right frame, so a left join would repeat rows; make the key unique (for example with aggregate) first")
            }
        }
        let matches: [Int?] = try (0..<rowCount).map { i in
            let key = try keys.map { try value($0, row: i) }
            return key.contains(.missing) ? nil : index[key]
        }
        let shared = Set(columnNames).intersection(right.columnNames).subtracting(keys)
        var out = columns.map { shared.contains($0.name) ? $0.renamed($0.name + "_x") : $0 }
        for c in right.columns where !keys.contains(c.name) {
            let name = shared.contains(c.name) ? c.name + "_y" : c.name
            out.append(c.picking(matches).renamed(name))
        }
        return try DataFrame(columns: out)
    }
}

extension Column {
    /// The rows at `indices`, a nil index giving a missing cell.
    public func picking(_ indices: [Int?]) -> Column {
        switch data {
        case .numeric(let v):
            return Column(name: name, numbers: indices.map { $0.map { v[$0] } ?? .nan })
        case .categorical(let c):
            return Column(name: name, strings: indices.map { $0.flatMap { c[$0] } })
        }
    }
}
