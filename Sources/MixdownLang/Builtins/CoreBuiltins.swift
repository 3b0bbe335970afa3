import Foundation
import MixdownStats

/// Printing and arithmetic helpers: print, mean, sd, sum, count, min, max, sqrt, abs, exp, log,
/// round, len.
enum CoreBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("print", variadic: true) { args in
                args.interpreter.context.outputs.append(.text(args.rest.map(Display.text).joined(separator: " ")))
                return .none
            },
            reducer("mean") { xs in xs.reduce(0, +) / Double(xs.count) },
            reducer("sd", minimum: 2) { xs in
                let m = xs.reduce(0, +) / Double(xs.count)
                return (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot()
            },
            reducer("var", minimum: 2) { xs in
                let m = xs.reduce(0, +) / Double(xs.count)
                return xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)
            },
            reducer("median") { xs in
                let s = xs.sorted(), n = s.count
                return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
            },
            reducer("sum", minimum: 0) { $0.reduce(0, +) },
            reducer("min") { $0.min() ?? .nan },
            reducer("max") { $0.max() ?? .nan },
            Builtin("count", [.required("x"), .optional("na_rm", .bool(false))]) { args in
                switch args["x"] {
                case .column(let c): return .number(Double(c.count - (try args.bool("na_rm") ? c.missingCount : 0)))
                case .mask(let m): return .number(Double(m.values.count))
                case .list(let l): return .number(Double(l.count))
                case .named(let n): return .number(Double(n.values.count))
                case .frame(let f), .preview(let f, _): return .number(Double(f.rowCount))
                default: throw args.typeError("x", expected: "a column, a list or a data frame")
                }
            },
            elementwise("sqrt") { x, _ in x.squareRoot() },
            elementwise("abs") { x, _ in abs(x) },
            elementwise("exp") { x, _ in Foundation.exp(x) },
            elementwise("log") { x, _ in Foundation.log(x) },
            elementwise("round", extra: [.optional("digits", .number(0))]) { x, args in
                let p = pow(10, Double(try args.integer("digits")))
                return (x * p).rounded(.toNearestOrEven) / p
            },
            Builtin("len", [.required("x")]) { args in
                switch args["x"] {
                case .list(let l): return .number(Double(l.count))
                case .string(let s): return .number(Double(s.count))
                case .column(let c): return .number(Double(c.count))
                case .named(let n): return .number(Double(n.values.count))
                case .frame(let f), .preview(let f, _): return .number(Double(f.rowCount))
                default: throw args.typeError("x", expected: "a list, a string, a column or a data frame")
                }
            },
        ]
    }

    /// A summary of numbers returning one number. Missing values (NaN) are an error that says
    /// how many there are, unless `na_rm = true` skips them.
    static func reducer(_ name: String, minimum: Int = 1, _ f: @escaping ([Double]) -> Double) -> Builtin {
        Builtin(name, [.required("x"), .optional("na_rm", .bool(false))]) { args in
            var xs = try args.numbers("x")
            let missing = xs.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
            if missing > 0 {
                guard try args.bool("na_rm") else {
                    throw args.error("\(name)() got \(missing) missing value\(missing == 1 ? "" : "s") (of \(xs.count)); write \(name)(x, na_rm = true) to leave them out", "x")
                }
                xs = xs.filter { !$0.isNaN }
            }
            guard xs.count >= minimum else {
                throw args.error("\(name)() needs at least \(minimum) value\(minimum == 1 ? "" : "s"), got \(xs.count)", "x")
            }
            return .number(f(xs))
        }
    }

    /// A function of one number applied to numbers, columns, named vectors and lists alike.
    static func elementwise(_ name: String, extra: [Param] = [], _ f: @escaping (Double, Args) throws -> Double) -> Builtin {
        Builtin(name, [.required("x")] + extra) { args in
            try map(args, "x") { try f($0, args) }
        }
    }

    /// `f` applied to argument `name`: a number, or each number of a column, a named vector,
    /// a column of booleans (as 1/0) or a list.
    static func map(_ args: Args, _ name: String, _ f: (Double) throws -> Double) throws -> Value {
        switch args[name] {
        case .number(let x): return .number(try f(x))
        case .named(let n): return .named(NamedVector(names: n.names, values: try n.values.map(f)))
        case .column(let c):
            if let xs = c.numbers { return .column(Column(name: c.name, numbers: try xs.map(f))) }
        case .mask(let m): return .column(Column(name: m.name, numbers: try m.numbers.map(f)))
        case .list:
            if let xs = Args.numbers(of: args[name]) { return .list(try xs.map { .number(try f($0)) }) }
        default: break
        }
        throw args.typeError(name, expected: "a number (or numbers)")
    }
}
