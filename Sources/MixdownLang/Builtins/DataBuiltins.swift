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
                case .frame(let f), .preview(let f, _):
                    return .preview(f.head(n), totalRows: f.rowCount)
                case .column(let c): return .column(c.rows(Array(0..<min(n, c.count))))
                case .named(let v): return .named(NamedVector(names: Array(v.names.prefix(n)), values: Array(v.values.prefix(n))))
                case .list(let l): return .list(Array(l.prefix(n)))
                default: throw args.typeError("x", expected: "a data frame, a column, a named vector or a list")
                }
            },
            Builtin("nrow", [.required("df")]) { args in
                switch args["df"] {
                case .frame(let f), .preview(let f, _): return .number(Double(f.rowCount))
                default: throw args.typeError("df", expected: "a data frame")
                }
            },
            Builtin("ncol", [.required("df")]) { args in
                switch args["df"] {
                case .frame(let f), .preview(let f, _): return .number(Double(f.columns.count))
                default: throw args.typeError("df", expected: "a data frame")
                }
            },
            Builtin("names", [.required("x")]) { args in
                switch args["x"] {
                case .frame(let f), .preview(let f, _): return .list(f.columnNames.map(Value.string))
                case .named(let n): return .list(n.names.map(Value.string))
                default: throw args.typeError("x", expected: "a data frame or a named vector")
                }
            },
            Builtin("aggregate", [.required("df"), .required("by"), .optional("f", .none)]) { args in
                let frame = try args.frame("df")
                let keys = try args.columnNames("by", of: frame)
                let function = try args.function("f", default: "mean")
                let groups = try args.frameOperation { try frame.groupBy(keys) }.groups
                var columns = try keys.map { try frame.column($0).rows(groups.map { $0.rows[0] }) }
                for column in frame.columns where !keys.contains(column.name) && column.isNumeric {
                    let values = try groups.map { g in
                        try FrameBuiltins.summary(function, of: column.rows(g.rows), args: args)
                    }
                    columns.append(Column(name: column.name, numbers: values))
                }
                return .frame(try DataFrame(columns: columns))
            },
            Builtin("by_group", [.required("df"), .required("by"), .required("f"), .optional("name", .string("value"))]) { args in
                let frame = try args.frame("df")
                let by = try args.column("by", of: frame)
                let function = try args.function("f")
                let name = try args.string("name")
                let groups = by.groups()
                var numbers: [Double] = [], strings: [String] = []
                for (_, rows) in groups {
                    let result = try args.interpreter.call(function, positional: [(.frame(frame.rows(rows)), args.location("f"))], at: args.location("f"))
                    switch result {
                    case .number(let x) where strings.isEmpty: numbers.append(x)
                    case .string(let s) where numbers.isEmpty: strings.append(s)
                    default:
                        throw args.error("by_group() needs its function to return a number for each group, got \(result.typeDescription)", "f")
                    }
                }
                let values = strings.isEmpty ? Column(name: name, numbers: numbers) : Column(name: name, cells: strings)
                return .frame(try DataFrame(columns: [by.rows(groups.map { $0.rows[0] }), values]))
            },
        ]
    }
}
