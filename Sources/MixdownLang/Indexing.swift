import Foundation
import MixdownStats

/// `x[i]`: 0-based positions on lists and columns (negative counts from the end), names on
/// named vectors, column names on frames and tables.
enum Indexing {
    static func index(_ object: Value, by index: Value, at loc: SourceLocation,
                      indexLocation: SourceLocation) throws -> Value {
        switch (object, index) {
        case (.list(let items), .number(let i)):
            return items[try position(i, count: items.count, at: indexLocation)]
        case (.string(let s), .number(let i)):
            let chars = Array(s)
            return .string(String(chars[try position(i, count: chars.count, at: indexLocation)]))
        case (.column(let c), .number(let i)):
            return c.value(try position(i, count: c.count, at: indexLocation))
        case (.frame(let f), .mask(let m)), (.preview(let f, _), .mask(let m)):
            return .frame(f.rows(try selected(m, count: f.rowCount, at: indexLocation)))
        case (.frame(let f), .column(let c)), (.preview(let f, _), .column(let c)):
            guard let m = Mask(c) else {
                throw LangError("a data frame's rows are selected by a column of booleans (such as df.age > 8), and '\(c.name)' holds other values", at: indexLocation)
            }
            return .frame(f.rows(try selected(m, count: f.rowCount, at: indexLocation)))
        case (.column(let c), .mask(let m)):
            return .column(c.rows(try selected(m, count: c.count, at: indexLocation)))
        case (.mask(let a), .mask(let m)):
            let rows = try selected(m, count: a.values.count, at: indexLocation)
            return .mask(Mask(name: a.name, values: rows.map { a.values[$0] }))
        case (.mask(let m), .number(let i)):
            return m.values[try position(i, count: m.values.count, at: indexLocation)].map(Value.bool) ?? .none
        case (.named(let n), .string(let name)):
            if let v = n[name] { return .number(v) }
            throw LangError("no entry named '\(name)'; the names are \(quotedList(n.names))", at: indexLocation,
                            hint: Suggest.hint(for: name, in: n.names))
        case (.named(let n), .number(let i)):
            return .number(n.values[try position(i, count: n.values.count, at: indexLocation)])
        case (.frame(let f), .string(let name)), (.preview(let f, _), .string(let name)):
            if let c = f.column(named: name) { return .column(c) }
            throw LangError("the data frame has no column '\(name)'", at: indexLocation,
                            hint: Suggest.hint(for: name, in: f.columnNames))
        case (.frame(let f), .list(let names)), (.preview(let f, _), .list(let names)):
            var columns: [Column] = []
            for item in names {
                guard case .string(let name) = item else {
                    throw LangError("a data frame is indexed by column names (strings), got \(item.typeDescription)", at: indexLocation)
                }
                guard let c = f.column(named: name) else {
                    throw LangError("the data frame has no column '\(name)'", at: indexLocation,
                                    hint: Suggest.hint(for: name, in: f.columnNames))
                }
                columns.append(c)
            }
            return .frame(try DataFrame(columns: columns))
        default:
            throw LangError("cannot index \(object.typeDescription) with \(index.typeDescription)", at: loc)
        }
    }

    /// The rows where a mask is true (missing counts as not true, as R's `subset`).
    static func selected(_ m: Mask, count: Int, at loc: SourceLocation) throws -> [Int] {
        guard m.values.count == count else {
            throw LangError("the selection has \(m.values.count) rows but what it selects from has \(count)", at: loc)
        }
        return m.values.indices.filter { m.values[$0] == true }
    }

    /// `x[from:to]`: positions `from` up to but not including `to` (0-based, negative from the
    /// end, as Python), on lists, strings, columns and the rows of data frames.
    static func slice(_ object: Value, from: Value?, to: Value?, at loc: SourceLocation) throws -> Value {
        func bound(_ v: Value?, _ count: Int, default d: Int) throws -> Int {
            guard let v else { return d }
            guard case .number(let x) = v, x == x.rounded(), abs(x) < 1e9 else {
                throw LangError("a slice bound must be a whole number, got \(v.typeDescription)", at: loc)
            }
            let k = Int(x) < 0 ? Int(x) + count : Int(x)
            return min(max(k, 0), count)
        }
        func range(_ count: Int) throws -> [Int] {
            let a = try bound(from, count, default: 0), b = try bound(to, count, default: count)
            return a < b ? Array(a..<b) : []
        }
        switch object {
        case .list(let items): return .list(try range(items.count).map { items[$0] })
        case .string(let s):
            let chars = Array(s)
            return .string(String(try range(chars.count).map { chars[$0] }))
        case .column(let c): return .column(c.rows(try range(c.count)))
        case .mask(let m): return .mask(Mask(name: m.name, values: try range(m.values.count).map { m.values[$0] }))
        case .frame(let f), .preview(let f, _): return .frame(f.rows(try range(f.rowCount)))
        case .named(let n):
            let r = try range(n.values.count)
            return .named(NamedVector(names: r.map { n.names[$0] }, values: r.map { n.values[$0] }))
        default:
            throw LangError("cannot slice \(object.typeDescription)", at: loc)
        }
    }

    /// A 0-based position, negative from the end, checked against `count`.
    static func position(_ i: Double, count: Int, at loc: SourceLocation) throws -> Int {
        guard i == i.rounded(), abs(i) < 1e9 else {
            throw LangError("an index must be a whole number, got \(Display.numberText(i))", at: loc)
        }
        let k = Int(i) < 0 ? Int(i) + count : Int(i)
        guard k >= 0 && k < count else {
            throw LangError("index \(Int(i)) is out of range: there are \(count) item\(count == 1 ? "" : "s") (positions 0 to \(count - 1))", at: loc)
        }
        return k
    }

    static func quotedList(_ names: [String]) -> String {
        names.map { "'\($0)'" }.joined(separator: ", ")
    }
}
