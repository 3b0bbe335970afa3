/// Row order by key columns, as R's `order` (stable; missing values last).
extension DataFrame {
    /// The rows sorted by the key columns in turn (strings by code point, numbers ascending;
    /// missing values last in either direction). Ties keep their order.
    public func sorted(by keys: [String], descending: Bool = false) throws -> DataFrame {
        guard !keys.isEmpty else { throw DataFrameError("sort needs at least one key column") }
        let ranks = try keys.map { try column($0).sortRanks() }
        let order = (0..<rowCount).sorted { a, b in
            for r in ranks where r[a] != r[b] {
                if r[a] < 0 { return false }
                if r[b] < 0 { return true }
                return descending ? r[a] > r[b] : r[a] < r[b]
            }
            return a < b
        }
        return rows(order)
    }
}

extension Column {
    /// Per row, a rank that sorts like the value (-1 = missing), and the distinct values in
    /// rank order.
    func ranked() -> (ranks: [Int], values: [MixdownStats.Value]) {
        switch data {
        case .categorical(let c): return (c.codes.map(Int.init), c.levels.map(MixdownStats.Value.string))
        case .numeric(let v):
            let distinct = Array(Set(v.filter { !$0.isNaN })).sorted()
            var index: [Double: Int] = [:]
            for (i, x) in distinct.enumerated() { index[x] = i }
            return (v.map { $0.isNaN ? -1 : index[$0]! }, distinct.map(MixdownStats.Value.number))
        }
    }

    /// Per row, a rank that sorts like the value (-1 = missing).
    func sortRanks() -> [Int] { ranked().ranks }

    /// The positions of the rows in sorted order (stable; missing last).
    public func order(descending: Bool = false) -> [Int] {
        let r = sortRanks()
        return (0..<count).sorted { a, b in
            if r[a] == r[b] { return a < b }
            if r[a] < 0 { return false }
            if r[b] < 0 { return true }
            return descending ? r[a] > r[b] : r[a] < r[b]
        }
    }

    /// Distinct non-missing values in the order they first occur (R's `unique`, without NA).
    public func unique() -> Column {
        var seen = Set<MixdownStats.Value>()
        var keep: [Int] = []
        for i in 0..<count where !isMissing(i) && seen.insert(self[i]).inserted { keep.append(i) }
        return rows(keep)
    }

    /// Distinct non-missing values in sorted order (R's `levels(factor(x))` for strings).
    public func levels() -> Column {
        let u = unique()
        return u.rows(u.order())
    }
}
