import Foundation
import MixdownStats

/// Turns a language value into a frame column: a column, a column of booleans (stored as 1/0),
/// a list of numbers or of strings, or one number/string/boolean repeated on every row. An
/// empty string (or another spelling the CSV reader reads as missing) is a missing string;
/// NaN is a missing number.
enum ColumnBuilder {
    static func column(named name: String, from value: Value, rows: Int?, at loc: SourceLocation) throws -> Column {
        let column: Column
        switch value {
        case .column(let c): column = c.renamed(name)
        case .mask(let m): column = Column(name: name, numbers: m.numbers)
        case .named(let n): column = Column(name: name, numbers: n.values)
        case .number(let x): return Column(name: name, numbers: [Double](repeating: x, count: rows ?? 1))
        case .bool(let b): return Column(name: name, numbers: [Double](repeating: b ? 1 : 0, count: rows ?? 1))
        case .string(let s): return Column(name: name, cells: [String](repeating: s, count: rows ?? 1))
        case .list(let items): column = try list(items, name: name, at: loc)
        default:
            throw LangError("a column is made from a column, a list or a single value, got \(value.typeDescription)", at: loc)
        }
        if let rows, column.count != rows {
            throw LangError("the new column '\(name)' has \(column.count) rows but the data frame has \(rows)", at: loc)
        }
        return column
    }

    private static func list(_ items: [Value], name: String, at loc: SourceLocation) throws -> Column {
        if let xs = Args.numbers(of: .list(items)) { return Column(name: name, numbers: xs) }
        let bools = items.compactMap { v -> Double? in if case .bool(let b) = v { return b ? 1 : 0 } else { return nil } }
        if bools.count == items.count { return Column(name: name, numbers: bools) }
        var cells: [String] = []
        for item in items {
            switch item {
            case .string(let s): cells.append(s)
            default:
                throw LangError("a column holds numbers or strings, and this list mixes them (found \(item.typeDescription))", at: loc)
            }
        }
        return Column(name: name, cells: cells)
    }
}
