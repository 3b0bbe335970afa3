/// A table of named, equally long columns: what CSV loading returns and what
/// formulas and models read. A value type; operations return new frames.
///
/// Numeric columns are contiguous `[Double]` (NaN = missing); string columns
/// are dictionary-encoded (``Categorical``: sorted levels + codes).
public struct DataFrame: Sendable {
    /// The columns, in order.
    public private(set) var columns: [Column]
    /// Number of rows.
    public let rowCount: Int

    /// A frame from columns; they must have distinct names and equal lengths.
    public init(columns: [Column]) throws {
        var seen = Set<String>()
        for c in columns where !seen.insert(c.name).inserted {
            throw DataFrameError("duplicate column name '\(c.name)'")
        }
        let n = columns.first?.count ?? 0
        for c in columns where c.count != n {
            throw DataFrameError("column '\(c.name)' has \(c.count) rows but '\(columns[0].name)' has \(n)")
        }
        self.columns = columns
        self.rowCount = n
    }

    /// An empty frame (no columns, no rows).
    public init() {
        columns = []
        rowCount = 0
    }

    /// A frame from columns the caller guarantees to have distinct names and equal lengths.
    public static func unchecked(_ columns: [Column]) -> DataFrame {
        DataFrame(validated: columns, rowCount: columns.first?.count ?? 0)
    }

    /// Internal: skips validation when the caller guarantees it.
    init(validated columns: [Column], rowCount: Int) {
        self.columns = columns
        self.rowCount = rowCount
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// Whether a column of this name exists.
    public func hasColumn(_ name: String) -> Bool { columns.contains { $0.name == name } }

    /// The column called `name`; an unknown name throws, suggesting the closest existing one.
    public func column(_ name: String) throws -> Column {
        guard let c = columns.first(where: { $0.name == name }) else {
            throw DataFrameError.unknownColumn(name, available: columnNames)
        }
        return c
    }

    /// The column called `name`, or nil when there is none.
    public func column(named name: String) -> Column? { columns.first { $0.name == name } }

    /// The values of a numeric column (NaN = missing); throws for a string column.
    public func numbers(_ name: String) throws -> [Double] {
        let c = try column(name)
        guard let v = c.numbers else { throw DataFrameError("column '\(name)' holds strings, not numbers") }
        return v
    }

    /// The cell at `row` of column `name`.
    public func value(_ name: String, row: Int) throws -> Value {
        let c = try column(name)
        guard row >= 0, row < rowCount else {
            throw DataFrameError("row \(row) is out of range (the frame has \(rowCount) rows)")
        }
        return c[row]
    }

    /// The first `n` rows (all of them if there are fewer).
    public func head(_ n: Int = 5) -> DataFrame {
        rows(Array(0..<max(0, min(n, rowCount))))
    }

    /// The rows at `indices`, in that order. Indices must be in 0..<rowCount.
    public func rows(_ indices: [Int]) -> DataFrame {
        DataFrame(validated: columns.map { $0.rows(indices) }, rowCount: indices.count)
    }

    /// The rows where `mask` is true; the mask must have one entry per row.
    public func filter(_ mask: [Bool]) throws -> DataFrame {
        guard mask.count == rowCount else {
            throw DataFrameError("the filter mask has \(mask.count) entries but the frame has \(rowCount) rows")
        }
        return rows(mask.indices.filter { mask[$0] })
    }

    /// The rows for which `isIncluded` returns true.
    public func filter(_ isIncluded: (Row) throws -> Bool) rethrows -> DataFrame {
        var keep: [Int] = []
        for i in 0..<rowCount where try isIncluded(Row(frame: self, index: i)) { keep.append(i) }
        return rows(keep)
    }

    /// Only the named columns, in the order given.
    public func select(_ names: [String]) throws -> DataFrame {
        DataFrame(validated: try names.map { try column($0) }, rowCount: rowCount)
    }

    /// A frame with `column` added at the end (or replacing a column of the same name in place).
    public func adding(_ column: Column) throws -> DataFrame {
        guard column.count == rowCount || columns.isEmpty else {
            throw DataFrameError("new column '\(column.name)' has \(column.count) rows but the frame has \(rowCount)")
        }
        return DataFrame(validated: replacingOrAppending(column), rowCount: column.count)
    }

    /// A frame with a numeric column computed from each row (nil or NaN = missing).
    public func adding(_ name: String, computing f: (Row) throws -> Double?) rethrows -> DataFrame {
        var values = [Double](repeating: .nan, count: rowCount)
        for i in 0..<rowCount { values[i] = try f(Row(frame: self, index: i)) ?? .nan }
        return DataFrame(validated: replacingOrAppending(Column(name: name, numbers: values)), rowCount: rowCount)
    }

    private func replacingOrAppending(_ column: Column) -> [Column] {
        var cols = columns
        if let i = cols.firstIndex(where: { $0.name == column.name }) { cols[i] = column } else { cols.append(column) }
        return cols
    }

    /// One row of a frame, for predicates and computed columns.
    public struct Row {
        public let frame: DataFrame
        /// 0-based row index.
        public let index: Int

        /// The cell in column `name` (missing if the column does not exist).
        public subscript(name: String) -> Value {
            guard let c = frame.columns.first(where: { $0.name == name }) else { return .missing }
            return c[index]
        }

        /// The number in column `name`, or nil if missing, a string, or no such column.
        public func number(_ name: String) -> Double? { self[name].number }

        /// The string in column `name`, or nil if missing, a number, or no such column.
        public func string(_ name: String) -> String? { self[name].string }
    }
}
