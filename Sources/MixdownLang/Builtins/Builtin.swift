import Foundation
import MixdownStats

/// A parameter of a built-in: its name and, when optional, its default value.
public struct Param {
    public var name: String
    /// nil when the parameter is required.
    public var defaultValue: Value?
    public static func required(_ name: String) -> Param { Param(name: name, defaultValue: nil) }
    public static func optional(_ name: String, _ value: Value = .none) -> Param { Param(name: name, defaultValue: value) }
}

/// A named argument of a call, with where its name and its value are written.
struct NamedArgument {
    var name: String
    var value: Value
    var nameLocation: SourceLocation
    var valueLocation: SourceLocation
}

/// A function provided by the language (or a method bound to a value).
public final class Builtin {
    public let name: String
    public let params: [Param]
    /// When true, all positional arguments are collected in `Args.rest` (parameters are then named-only).
    public let variadic: Bool
    /// When true, named arguments that are not parameters are collected in `Args.extraNamed`.
    public let anyNames: Bool
    let body: (Args) throws -> Value

    init(_ name: String, _ params: [Param] = [], variadic: Bool = false, anyNames: Bool = false,
         _ body: @escaping (Args) throws -> Value) {
        self.name = name; self.params = params; self.variadic = variadic; self.anyNames = anyNames; self.body = body
    }
}

/// The arguments of one call, bound to the built-in's parameters, with typed accessors whose
/// errors name the function, the argument and what was received.
public struct Args {
    let function: String
    let callLocation: SourceLocation
    var values: [String: Value] = [:]
    var locations: [String: SourceLocation] = [:]
    /// Position (0-based) of each argument given positionally.
    var positions: [String: Int] = [:]
    var rest: [Value] = []
    var restLocations: [SourceLocation] = []
    /// Named arguments beyond the parameters, in the order written (for built-ins that take
    /// any names, such as `frame(a = …, b = …)`).
    var extraNamed: [NamedArgument] = []
    /// The data frame each column argument was taken from, by the argument's location.
    var sources: [SourceLocation: DataFrame] = [:]
    let interpreter: Interpreter

    /// Binds call arguments to `builtin`'s parameters.
    init(binding builtin: Builtin, positional: [(Value, SourceLocation)],
         named: [NamedArgument], at location: SourceLocation, interpreter: Interpreter) throws {
        function = builtin.name
        callLocation = location
        self.interpreter = interpreter
        // Named arguments first, then positional ones fill the remaining parameters in order
        // (so `aggregate(df, by = "classroom", mean)` works as in R).
        let names = builtin.params.map(\.name)
        for arg in named {
            let name = arg.name, loc = arg.nameLocation
            if builtin.anyNames && !names.contains(name) { extraNamed.append(arg); continue }
            guard names.contains(name) else {
                let hint = Suggest.hint(for: name, in: names)
                let known = names.isEmpty ? "it takes no named arguments" : "its arguments are " + names.map { "'\($0)'" }.joined(separator: ", ")
                throw LangError("\(builtin.name)() has no argument named '\(name)'; \(known)", at: loc, hint: hint)
            }
            values[name] = arg.value; locations[name] = arg.valueLocation
        }
        var free = builtin.params.indices.filter { values[builtin.params[$0].name] == nil }[...]
        for (value, loc) in positional {
            if !builtin.variadic, let i = free.popFirst() {
                let p = builtin.params[i].name
                values[p] = value; locations[p] = loc; positions[p] = i
            } else if builtin.variadic {
                rest.append(value); restLocations.append(loc)
            } else {
                let most = builtin.params.count
                throw LangError("\(builtin.name)() takes at most \(most) argument\(most == 1 ? "" : "s"), got \(positional.count + named.count)", at: loc)
            }
        }
        for p in builtin.params where values[p.name] == nil {
            guard let d = p.defaultValue else {
                throw LangError("\(builtin.name)() needs its argument '\(p.name)'", at: location)
            }
            values[p.name] = d
        }
    }

    /// The data frame a column argument was taken from (`df.x`), if it was.
    func sourceFrame(_ name: String) -> DataFrame? { locations[name].flatMap { sources[$0] } }

    /// The location of an argument (the call's location when it took its default).
    func location(_ name: String) -> SourceLocation { locations[name] ?? callLocation }

    /// True when the argument was given (not defaulted) and is not none.
    func has(_ name: String) -> Bool {
        guard locations[name] != nil, let v = values[name] else { return false }
        if case .none = v { return false }
        return true
    }

    subscript(_ name: String) -> Value { values[name] ?? .none }

    private static let ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]

    /// "ols() expects a data frame as its second argument, got a number".
    func typeError(_ name: String, expected: String) -> LangError {
        let which: String
        if let i = positions[name] {
            which = i < Args.ordinals.count ? "its \(Args.ordinals[i]) argument" : "argument \(i + 1)"
        } else {
            which = "its argument '\(name)'"
        }
        return LangError("\(function)() expects \(expected) as \(which), got \(self[name].typeDescription)", at: location(name))
    }

    func error(_ message: String, _ name: String? = nil, hint: String? = nil) -> LangError {
        LangError(message, at: name.map { location($0) } ?? callLocation, hint: hint)
    }

    func number(_ name: String) throws -> Double {
        if case .number(let x) = self[name] { return x }
        throw typeError(name, expected: "a number")
    }

    func optionalNumber(_ name: String) throws -> Double? {
        if case .none = self[name] { return nil }
        return try number(name)
    }

    func integer(_ name: String) throws -> Int {
        let x = try number(name)
        guard x.isFinite, x == x.rounded(), abs(x) < 1e9 else {
            throw error("\(function)() expects a whole number for '\(name)', got \(Display.numberText(x))", name)
        }
        return Int(x)
    }

    func string(_ name: String) throws -> String {
        if case .string(let s) = self[name] { return s }
        throw typeError(name, expected: "a string")
    }

    func optionalString(_ name: String) throws -> String? {
        if case .none = self[name] { return nil }
        return try string(name)
    }

    func bool(_ name: String) throws -> Bool {
        if case .bool(let b) = self[name] { return b }
        throw typeError(name, expected: "true or false")
    }

    func frame(_ name: String) throws -> DataFrame {
        if let f = self[name].dataFrame { return f }
        throw typeError(name, expected: "a data frame")
    }

    func formula(_ name: String) throws -> FormulaValue {
        if case .formula(let f) = self[name] { return f }
        throw typeError(name, expected: "a formula (such as score ~ edu)")
    }

    func function(_ name: String) throws -> Function {
        if case .function(let f) = self[name] { return f }
        throw typeError(name, expected: "a function")
    }

    /// A column of `frame` named by the string argument `name`, with a did-you-mean error.
    func column(_ name: String, of frame: DataFrame) throws -> Column {
        let col = try string(name)
        if let c = frame.column(named: col) { return c }
        throw error("the data frame has no column '\(col)'", name, hint: Suggest.hint(for: col, in: frame.columnNames))
    }

    /// Numbers from a number, a list of numbers, a numeric column or a named vector.
    func numbers(_ name: String) throws -> [Double] {
        if let xs = Args.numbers(of: self[name]) { return xs }
        throw typeError(name, expected: "numbers (a numeric column, a list of numbers or a named vector)")
    }

    static func numbers(of value: Value) -> [Double]? {
        switch value {
        case .number(let x): return [x]
        case .named(let v): return v.values
        case .column(let c): return c.numbers
        case .mask(let m): return m.numbers
        case .list(let items):
            var out: [Double] = []
            for item in items {
                guard case .number(let x) = item else { return nil }
                out.append(x)
            }
            return out
        default: return nil
        }
    }
}
