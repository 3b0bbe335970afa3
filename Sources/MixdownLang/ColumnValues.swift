import Foundation
import MixdownStats

/// How the language reads the cells of a statistics-library column: as table cells, list
/// items and category labels. A missing string shows as an empty string, a missing number as
/// NaN (an empty table cell).
extension Column {
    /// Cell `i` as a table value.
    func tableValue(_ i: Int) -> TableValue {
        switch data {
        case .numeric(let v): return .number(v[i])
        case .categorical(let c): return .string(c[i] ?? "")
        }
    }

    /// Cell `i` as a language value.
    func value(_ i: Int) -> Value {
        switch data {
        case .numeric(let v): return .number(v[i])
        case .categorical(let c): return .string(c[i] ?? "")
        }
    }

    /// The cells as a list.
    var listValue: Value { .list((0..<count).map(value)) }

    /// The cells as category labels (numbers written as text, a missing string empty).
    var labels: [String] {
        switch data {
        case .numeric(let v): return v.map(Display.numberText)
        case .categorical(let c): return (0..<c.codes.count).map { c[$0] ?? "" }
        }
    }

    /// The label of a group key (see ``Column/groups()``).
    static func label(_ key: MixdownStats.Value) -> String {
        switch key {
        case .number(let x): return Display.numberText(x)
        case .string(let s): return s
        case .missing: return ""
        }
    }
}
