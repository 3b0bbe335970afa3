/// Rows of a ``DataFrame`` grouped by the values of one or more key columns.
/// Groups are in sorted key order (strings by code point, numbers ascending);
/// rows with a missing key are left out, as pandas does.
public struct GroupedFrame: Sendable {
    /// The frame that was grouped.
    public let frame: DataFrame
    /// The key column names.
    public let keys: [String]
    /// One entry per group, sorted: its key values and its row indices (in frame order).
    public let groups: [(key: [Value], rows: [Int])]

    init(frame: DataFrame, keys: [String]) throws {
        guard !keys.isEmpty else { throw DataFrameError("group-by needs at least one key column") }
        let keyColumns = try keys.map { try frame.column($0) }
        // Per key column: a per-row rank code that sorts like the values (-1 = missing).
        var rankCodes: [[Int]] = []
        var rankValues: [[Value]] = []
        for col in keyColumns {
            let ranked = col.ranked()
            rankCodes.append(ranked.ranks)
            rankValues.append(ranked.values)
        }
        var byKey: [[Int]: [Int]] = [:]
        for row in 0..<frame.rowCount {
            let key = rankCodes.map { $0[row] }
            if key.contains(where: { $0 < 0 }) { continue }
            byKey[key, default: []].append(row)
        }
        let sortedKeys = byKey.keys.sorted { $0.lexicographicallyPrecedes($1) }
        self.frame = frame
        self.keys = keys
        self.groups = sortedKeys.map { k in
            (key: k.enumerated().map { rankValues[$0.offset][$0.element] }, rows: byKey[k]!)
        }
    }

    /// Number of groups.
    public var groupCount: Int { groups.count }

    /// The numeric, non-key columns that aggregates summarise.
    private var valueColumns: [Column] {
        frame.columns.filter { $0.isNumeric && !keys.contains($0.name) }
    }

    /// A frame with the key columns, one row per group.
    private func keyFrame() -> [Column] {
        keys.enumerated().map { (i, name) in
            let values = groups.map { $0.key[i] }
            if values.allSatisfy({ $0.string != nil }) {
                return Column(name: name, strings: values.map(\.string))
            }
            return Column(name: name, numbers: values.map { $0.number ?? .nan })
        }
    }

    private func aggregate(_ f: ([Double]) -> Double) -> DataFrame {
        var cols = keyFrame()
        for c in valueColumns {
            let v = c.numbers ?? []
            cols.append(Column(name: c.name, numbers: groups.map { g in f(g.rows.map { v[$0] }.filter { !$0.isNaN }) }))
        }
        return DataFrame(validated: cols, rowCount: groups.count)
    }

    /// Mean of every numeric non-key column per group (missing values skipped; NaN if none).
    public func mean() -> DataFrame {
        aggregate { $0.isEmpty ? .nan : $0.reduce(0, +) / Double($0.count) }
    }

    /// Sum of every numeric non-key column per group (missing values skipped).
    public func sum() -> DataFrame { aggregate { $0.reduce(0, +) } }

    /// Number of non-missing values of every non-key column per group (pandas' `count()`).
    public func count() -> DataFrame {
        var cols = keyFrame()
        for c in frame.columns where !keys.contains(c.name) {
            cols.append(Column(name: c.name, numbers: groups.map { g in
                Double(g.rows.reduce(0) { $0 + (c.isMissing($1) ? 0 : 1) })
            }))
        }
        return DataFrame(validated: cols, rowCount: groups.count)
    }

    /// Number of rows per group, in a column called `size` (pandas' `size()`).
    public func size() -> DataFrame {
        var cols = keyFrame()
        cols.append(Column(name: "size", numbers: groups.map { Double($0.rows.count) }))
        return DataFrame(validated: cols, rowCount: groups.count)
    }

    /// One frame per group, with all columns, in group order.
    public func frames() -> [(key: [Value], frame: DataFrame)] {
        groups.map { (key: $0.key, frame: frame.rows($0.rows)) }
    }
}

extension DataFrame {
    /// Groups the rows by the values of the key columns.
    public func groupBy(_ keys: [String]) throws -> GroupedFrame {
        try GroupedFrame(frame: self, keys: keys)
    }

    /// Groups the rows by the values of one key column.
    public func groupBy(_ key: String) throws -> GroupedFrame {
        try GroupedFrame(frame: self, keys: [key])
    }

    /// One frame per value of `key`, in sorted order (rows with a missing key are left out).
    public func split(by key: String) throws -> [(key: Value, frame: DataFrame)] {
        try groupBy(key).frames().map { (key: $0.key[0], frame: $0.frame) }
    }
}

extension Column {
    /// The rows of each distinct non-missing value, values in sorted order (as ``GroupedFrame``
    /// orders its keys).
    public func groups() -> [(key: Value, rows: [Int])] {
        let frame = DataFrame(validated: [self], rowCount: count)
        let grouped = try? GroupedFrame(frame: frame, keys: [name])
        return grouped?.groups.map { (key: $0.key[0], rows: $0.rows) } ?? []
    }
}

extension GroupedFrame {
    /// The groups of rows of equal keys over several columns of equal length (sorted keys,
    /// rows with a missing key left out).
    public static func groups(of keys: [Column]) throws -> [(key: [Value], rows: [Int])] {
        let frame = try DataFrame(columns: keys)
        return try GroupedFrame(frame: frame, keys: keys.map(\.name)).groups
    }

    /// R's `ave`: each row gets the summary `f` of its group's values (missing keys give NaN).
    public static func ave(_ values: [Double], groups: [(key: [Value], rows: [Int])],
                           _ f: ([Double]) throws -> Double) rethrows -> [Double] {
        var out = [Double](repeating: .nan, count: values.count)
        for g in groups {
            let s = try f(g.rows.map { values[$0] })
            for r in g.rows { out[r] = s }
        }
        return out
    }
}
