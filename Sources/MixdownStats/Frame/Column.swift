/// A named column of a ``DataFrame``: numbers stored contiguously (NaN = missing),
/// or strings dictionary-encoded into sorted levels and integer codes.
public struct Column: Sendable {
    public let name: String
    public let data: ColumnData

    public init(name: String, data: ColumnData) {
        self.name = name
        self.data = data
    }

    /// A numeric column; NaN marks a missing value.
    public init(name: String, numbers: [Double]) {
        self.init(name: name, data: .numeric(numbers))
    }

    /// A string column; nil marks a missing value. Levels are sorted (by Unicode code points).
    public init(name: String, strings: [String?]) {
        self.init(name: name, data: .categorical(Categorical(strings)))
    }

    /// Number of rows.
    public var count: Int {
        switch data {
        case .numeric(let v): return v.count
        case .categorical(let c): return c.codes.count
        }
    }

    public var isNumeric: Bool {
        if case .numeric = data { return true }
        return false
    }

    /// The values if the column is numeric, else nil.
    public var numbers: [Double]? {
        if case .numeric(let v) = data { return v }
        return nil
    }

    /// The strings (nil = missing) if the column holds strings, else nil.
    public var strings: [String?]? {
        guard case .categorical(let c) = data else { return nil }
        return c.codes.map { $0 < 0 ? nil : c.levels[Int($0)] }
    }

    /// A string column from cells as a lesson writes them: a cell that the CSV reader would
    /// read as missing (empty, `NA`, …) is missing here too.
    public init(name: String, cells: [String]) {
        self.init(name: name, strings: cells.map { Column.isMissingSpelling($0) ? nil : $0 })
    }

    /// Whether text spells a missing value by the CSV reader's rule (empty, `NA`, `NaN`, …).
    public static func isMissingSpelling(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { b in
            guard let p = b.baseAddress else { return true }
            return CSVReader.isMissingToken(UnsafePointer(p), b.count)
        }
    }

    /// Number of missing cells.
    public var missingCount: Int {
        switch data {
        case .numeric(let v): return v.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case .categorical(let c): return c.codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        }
    }

    /// The dictionary-encoded strings if the column holds strings, else nil.
    public var categorical: Categorical? {
        if case .categorical(let c) = data { return c }
        return nil
    }

    /// The cell at `row` (which must be in 0..<count).
    public subscript(row: Int) -> Value {
        switch data {
        case .numeric(let v):
            let x = v[row]
            return x.isNaN ? .missing : .number(x)
        case .categorical(let c):
            let code = c.codes[row]
            return code < 0 ? .missing : .string(c.levels[Int(code)])
        }
    }

    /// Whether the cell at `row` is missing.
    public func isMissing(_ row: Int) -> Bool {
        switch data {
        case .numeric(let v): return v[row].isNaN
        case .categorical(let c): return c.codes[row] < 0
        }
    }

    /// The rows at `indices`, in that order (string levels not used any more are dropped).
    public func rows(_ indices: [Int]) -> Column {
        switch data {
        case .numeric(let v):
            return Column(name: name, data: .numeric(indices.map { v[$0] }))
        case .categorical(let c):
            return Column(name: name, data: .categorical(c.rows(indices)))
        }
    }

    /// The same column under another name.
    public func renamed(_ newName: String) -> Column { Column(name: newName, data: data) }
}

/// The storage of a ``Column``.
public enum ColumnData: Sendable {
    /// Contiguous numbers; NaN = missing.
    case numeric([Double])
    /// Strings as levels + codes.
    case categorical(Categorical)
}

/// Dictionary-encoded strings: `levels` sorted by Unicode code points (the
/// order patsy/pandas use, so `levels[0]` is the treatment-coding reference),
/// and one code per row indexing `levels` (-1 = missing). Every level occurs
/// at least once.
public struct Categorical: Sendable, Equatable {
    public let levels: [String]
    public let codes: [Int32]

    /// Builds from levels and codes as given; callers guarantee sorted, used levels.
    init(sortedLevels: [String], codes: [Int32]) {
        self.levels = sortedLevels
        self.codes = codes
    }

    /// Encodes strings (nil = missing).
    public init(_ values: [String?]) {
        let distinct = Set(values.compactMap { $0 })
        let levels = distinct.sorted(by: Categorical.precedes)
        var index: [String: Int32] = [:]
        for (i, l) in levels.enumerated() { index[l] = Int32(i) }
        self.levels = levels
        self.codes = values.map { $0.flatMap { index[$0] } ?? -1 }
    }

    /// Code-point order (byte order of UTF-8), as Python sorts strings.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The value of one row (nil = missing).
    public subscript(row: Int) -> String? {
        let c = codes[row]
        return c < 0 ? nil : levels[Int(c)]
    }

    /// The rows at `indices`; unused levels are dropped and codes renumbered.
    public func rows(_ indices: [Int]) -> Categorical {
        var used = [Bool](repeating: false, count: levels.count)
        var picked = [Int32](repeating: -1, count: indices.count)
        for (k, i) in indices.enumerated() {
            let c = codes[i]
            picked[k] = c
            if c >= 0 { used[Int(c)] = true }
        }
        var remap = [Int32](repeating: -1, count: levels.count)
        var newLevels: [String] = []
        for (i, u) in used.enumerated() where u {
            remap[i] = Int32(newLevels.count)
            newLevels.append(levels[i])
        }
        if newLevels.count == levels.count { return Categorical(sortedLevels: levels, codes: picked) }
        return Categorical(sortedLevels: newLevels, codes: picked.map { $0 < 0 ? -1 : remap[Int($0)] })
    }
}
