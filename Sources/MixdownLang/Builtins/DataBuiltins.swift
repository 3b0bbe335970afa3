import Foundation
import MixdownStats

/// Data-frame built-ins: head, nrow, ncol, names, aggregate, by_group (read_csv lives in
/// CSVBuiltin.swift).
enum DataBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("head", [.required("x"), .optional("n", .number(5))]) { args in
                let n = try args.integer("n")
                guard n >= 0 else { throw args.error("head() needs n to be 0 or more, got \(n)", "n") }
                switch args["x"] {
                case .frame(let f):
                    var out = f.rows(Array(0..<min(n, f.rowCount)))
                    out.previewOf = f.rowCount
                    return .frame(out)
                case .column(let c): return .column(Column(name: c.name, data: c.data.rows(Array(0..<min(n, c.data.count)))))
                case .named(let v): return .named(NamedVector(names: Array(v.names.prefix(n)), values: Array(v.values.prefix(n))))
                case .list(let l): return .list(Array(l.prefix(n)))
                case .table(let t): return .table(Table(columns: t.columns, rows: Array(t.rows.prefix(n))))
                default: throw args.typeError("x", expected: "a data frame, a column, a named vector or a list")
                }
            },
            Builtin("nrow", [.required("df")]) { args in
                switch args["df"] {
                case .frame(let f): return .number(Double(f.rowCount))
                case .table(let t): return .number(Double(t.rows.count))
                default: throw args.typeError("df", expected: "a data frame")
                }
            },
            Builtin("ncol", [.required("df")]) { args in
                switch args["df"] {
                case .frame(let f): return .number(Double(f.columns.count))
                case .table(let t): return .number(Double(t.columns.count))
                default: throw args.typeError("df", expected: "a data frame")
                }
            },
            Builtin("names", [.required("x")]) { args in
                switch args["x"] {
                case .frame(let f): return .list(f.names.map(Value.string))
                case .named(let n): return .list(n.names.map(Value.string))
                case .table(let t): return .list(t.columns.map(Value.string))
                default: throw args.typeError("x", expected: "a data frame or a named vector")
                }
            },
            Builtin("aggregate", [.required("df"), .required("by"), .optional("f", .none)]) { args in
                let frame = try args.frame("df")
                let by = try args.column("by", of: frame)
                let function: Function
                if case .none = args["f"] {
                    guard let mean = args.interpreter.builtins["mean"] else { throw args.error("mean() is missing") }
                    function = .builtin(mean)
                } else {
                    function = try args.function("f")
                }
                let groups = Grouping(by)
                var columns = [Column(name: by.name, data: groups.levelData)]
                for column in frame.columns where column.name != by.name {
                    guard case .numbers = column.data else { continue }
                    var values: [Double] = []
                    for rows in groups.rows {
                        let part = Column(name: column.name, data: column.data.rows(rows))
                        let result = try args.interpreter.call(function, positional: [(.column(part), args.location("f"))], at: args.location("f"))
                        guard case .number(let x) = result else {
                            throw args.error("aggregate() needs its function to return a number for each group, got \(result.typeDescription)", "f")
                        }
                        values.append(x)
                    }
                    columns.append(Column(name: column.name, data: .numbers(values)))
                }
                return .frame(Frame(columns: columns))
            },
            Builtin("by_group", [.required("df"), .required("by"), .required("f"), .optional("name", .string("value"))]) { args in
                let frame = try args.frame("df")
                let by = try args.column("by", of: frame)
                let function = try args.function("f")
                let name = try args.string("name")
                let groups = Grouping(by)
                var numbers: [Double] = [], strings: [String] = []
                for rows in groups.rows {
                    let result = try args.interpreter.call(function, positional: [(.frame(frame.rows(rows)), args.location("f"))], at: args.location("f"))
                    switch result {
                    case .number(let x) where strings.isEmpty: numbers.append(x)
                    case .string(let s) where numbers.isEmpty: strings.append(s)
                    default:
                        throw args.error("by_group() needs its function to return a number for each group, got \(result.typeDescription)", "f")
                    }
                }
                let data: ColumnData = strings.isEmpty ? .numbers(numbers) : .strings(strings)
                return .frame(Frame(columns: [Column(name: by.name, data: groups.levelData), Column(name: name, data: data)]))
            },
        ]
    }
}

/// The rows of each level of a grouping column, levels sorted (strings by code points, as the
/// statistics library orders categorical levels; numbers ascending). Rows whose group is
/// missing (empty string, NaN) belong to no group.
struct Grouping {
    var levelData: ColumnData
    var levels: [String]
    var rows: [[Int]]

    init(_ column: Column) {
        switch column.data {
        case .strings(let xs):
            let lv = Array(Set(xs.filter { !$0.isEmpty })).sorted(by: Categorical.precedes)
            levels = lv
            levelData = .strings(lv)
            let index = Dictionary(uniqueKeysWithValues: lv.enumerated().map { ($1, $0) })
            var r = [[Int]](repeating: [], count: lv.count)
            for (i, x) in xs.enumerated() { if let k = index[x] { r[k].append(i) } }
            rows = r
        case .numbers(let xs):
            let lv = Array(Set(xs.filter { !$0.isNaN })).sorted()
            levels = lv.map(Display.numberText)
            levelData = .numbers(lv)
            let index = Dictionary(uniqueKeysWithValues: lv.enumerated().map { ($1, $0) })
            var r = [[Int]](repeating: [], count: lv.count)
            for (i, x) in xs.enumerated() { if let k = index[x] { r[k].append(i) } }
            rows = r
        }
    }
}
