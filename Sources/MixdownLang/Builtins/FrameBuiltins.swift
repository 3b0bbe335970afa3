import Foundation
import MixdownStats

/// Data verbs on frames and columns: frame, filter, sort, join, ave, unique, levels. The
/// algorithms are the statistics library's (Frame/); these bind them to the language.
enum FrameBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("frame", anyNames: true) { args in
                guard !args.extraNamed.isEmpty else {
                    throw args.error("frame() needs named columns, as in frame(x = [1, 2], g = [\"a\", \"b\"])")
                }
                func length(_ v: Value) -> Int? {
                    switch v {
                    case .column(let c): return c.count
                    case .mask(let m): return m.values.count
                    case .list(let l): return l.count
                    case .named(let n): return n.values.count
                    default: return nil
                    }
                }
                let rows = args.extraNamed.compactMap { length($0.value) }.first ?? 1
                let columns = try args.extraNamed.map { a in
                    try ColumnBuilder.column(named: a.name, from: a.value, rows: length(a.value) == nil ? rows : nil,
                                             at: a.valueLocation)
                }
                return .frame(try args.frameOperation { try DataFrame(columns: columns) })
            },
            Builtin("filter", [.required("df"), .required("mask")]) { args in
                let frame = try args.frame("df")
                guard let m = Mask.of(args["mask"]) else {
                    throw args.typeError("mask", expected: "a column of booleans (such as df.age == 8)")
                }
                return .frame(frame.rows(try Indexing.selected(m, count: frame.rowCount, at: args.location("mask"))))
            },
            Builtin("sort", [.required("x"), .optional("by"), .optional("descending", .bool(false))]) { args in
                let descending = try args.bool("descending")
                switch args["x"] {
                case .column(let c):
                    return .column(c.rows(c.order(descending: descending)))
                case .frame, .preview:
                    let frame = try args.frame("x")
                    guard args.has("by") else { throw args.error("sort() of a data frame needs by = \"column\" (or a list of columns)") }
                    let keys = try args.columnNames("by", of: frame)
                    return .frame(try args.frameOperation { try frame.sorted(by: keys, descending: descending) })
                default:
                    throw args.typeError("x", expected: "a data frame or a column")
                }
            },
            Builtin("join", [.required("left"), .required("right"), .required("by")]) { args in
                let left = try args.frame("left"), right = try args.frame("right")
                let keys = try args.columnNames("by", of: left)
                for k in keys where !right.hasColumn(k) {
                    throw args.error("the right data frame has no column '\(k)'", "by", hint: Suggest.hint(for: k, in: right.columnNames))
                }
                return .frame(try args.frameOperation { try left.leftJoin(right, on: keys) })
            },
            Builtin("ave", [.required("x"), .required("by"), .optional("f")]) { args in
                guard case .column(let x) = args["x"], let values = x.numbers else {
                    throw args.typeError("x", expected: "a numeric column")
                }
                let keys = try groupingColumns(args, rows: x.count)
                let groups = try args.frameOperation { try GroupedFrame.groups(of: keys) }
                let f = try args.function("f", default: "mean")
                let out = try GroupedFrame.ave(values, groups: groups) { part in
                    try summary(f, of: Column(name: x.name, numbers: part), args: args)
                }
                return .column(Column(name: x.name, numbers: out))
            },
            Builtin("unique", [.required("x")]) { args in
                .column(try args.columnArgument("x").unique())
            },
            Builtin("levels", [.required("x")]) { args in
                .column(try args.columnArgument("x").levels())
            },
        ]
    }

    /// The grouping columns of `ave`: a column, a column name (of the frame `x` came from), or
    /// a list of either.
    static func groupingColumns(_ args: Args, rows: Int) throws -> [Column] {
        let items: [Value]
        if case .list(let l) = args["by"] { items = l } else { items = [args["by"]] }
        var out: [Column] = []
        for item in items {
            switch item {
            case .column(let c): out.append(c)
            case .string(let name):
                guard let frame = args.sourceFrame("x") else {
                    throw args.error("ave() finds by = \"\(name)\" in the data frame that x comes from; write x as df.column, or give by as a column (by = df.\(name))", "by")
                }
                out.append(try args.column(named: name, of: frame, argument: "by"))
            default:
                throw args.typeError("by", expected: "a column name, a column, or a list of them")
            }
        }
        for c in out where c.count != rows {
            throw args.error("ave() needs by to have one value per row of x (\(rows)), but '\(c.name)' has \(c.count)", "by")
        }
        return out
    }

    /// The number a summary function gives for one group's values.
    static func summary(_ f: Function, of part: Column, args: Args) throws -> Double {
        let result = try args.interpreter.call(f, positional: [(.column(part), args.location("f"))], at: args.location("f"))
        guard case .number(let v) = result else {
            throw args.error("\(args.function)() needs its function to return one number for each group, got \(result.typeDescription)", "f")
        }
        return v
    }
}

extension Args {
    /// A function argument, or the built-in `name` when it was not given.
    func function(_ name: String, default builtin: String) throws -> Function {
        if has(name) { return try function(name) }
        guard let b = interpreter.builtins[builtin] else { throw error("\(builtin)() is missing") }
        return .builtin(b)
    }

    /// Column names from a string or a list of strings, each checked against `frame`.
    func columnNames(_ name: String, of frame: DataFrame) throws -> [String] {
        let items: [Value]
        if case .list(let l) = self[name] { items = l } else { items = [self[name]] }
        guard !items.isEmpty else { throw error("\(function)() needs at least one column in '\(name)'", name) }
        return try items.map { item in
            guard case .string(let s) = item else {
                throw typeError(name, expected: "a column name or a list of column names")
            }
            return try column(named: s, of: frame, argument: name).name
        }
    }

    /// The column called `column` of `frame`, or a located error with a suggestion.
    func column(named column: String, of frame: DataFrame, argument: String) throws -> Column {
        if let c = frame.column(named: column) { return c }
        throw error("the data frame has no column '\(column)'", argument, hint: Suggest.hint(for: column, in: frame.columnNames))
    }

    /// A column argument (a column of booleans counts as a column of 1/0).
    func columnArgument(_ name: String) throws -> Column {
        switch self[name] {
        case .column(let c): return c
        case .mask(let m): return Column(name: m.name, numbers: m.numbers)
        case .list(let l): return try ColumnBuilder.column(named: "value", from: .list(l), rows: nil, at: location(name))
        default: throw typeError(name, expected: "a column")
        }
    }

    /// Runs a statistics-library frame operation; its errors become errors at the call.
    func frameOperation<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as DataFrameError {
            throw error("\(function)(): \(e.message)")
        }
    }
}
