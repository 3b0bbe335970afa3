/// One cell of a ``DataFrame``: a number, a string, or missing.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case missing

    /// The number, or nil for a string or a missing cell.
    public var number: Double? {
        if case .number(let v) = self { return v }
        return nil
    }

    /// The string, or nil for a number or a missing cell.
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var isMissing: Bool { self == .missing }

    /// Numbers print with Swift's shortest round-trip form (`7.5`, `3.0`); missing prints `NA`.
    public var description: String {
        switch self {
        case .number(let v): return v.description
        case .string(let s): return s
        case .missing: return "NA"
        }
    }
}
