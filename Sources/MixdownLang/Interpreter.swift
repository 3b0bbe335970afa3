import Foundation
import MixdownStats

/// A chain of variable scopes: a lambda's parameter over the session's globals.
final class Scope {
    var variables: [String: Value] = [:]
    let parent: Scope?
    init(parent: Scope?) { self.parent = parent }

    func lookup(_ name: String) -> Value? {
        variables[name] ?? parent?.lookup(name)
    }

    var allNames: [String] { Array(variables.keys) + (parent?.allNames ?? []) }
}

/// The tree-walking evaluator. It owns the session's global scope and the built-ins.
public final class Interpreter {
    let globals = Scope(parent: nil)
    /// Variables whose defining cell failed, with where it failed (for "not defined" errors).
    var failedDefinitions: [String: SourceLocation] = [:]
    let context: SessionContext
    private(set) var builtins: [String: Builtin] = [:]
    /// Lambda calls in progress, bounded so that a function calling itself fails cleanly.
    private var callDepth = 0
    static let maximumCallDepth = 200

    init(context: SessionContext) {
        self.context = context
        for b in CoreBuiltins.all() + FormatBuiltins.all() + DataBuiltins.all() + FrameBuiltins.all() + DistributionBuiltins.all() + CSVBuiltin.all()
            + ModelBuiltins.all() + ComparisonBuiltins.all() + FigureBuiltins.all() + ModelFigureBuiltins.all() {
            builtins[b.name] = b
        }
    }

    // MARK: Statements

    /// Runs one statement; returns the value to display (nil for an assignment).
    func execute(_ stmt: Stmt, in scope: Scope? = nil) throws -> Value? {
        let scope = scope ?? globals
        switch stmt {
        case .assign(let name, let loc, let expr):
            if builtins[name] != nil {
                throw LangError("'\(name)' is the name of a built-in function; choose another variable name", at: loc)
            }
            let value = try evaluate(expr, in: scope)
            scope.variables[name] = value
            if scope === globals { failedDefinitions[name] = nil }
            return nil
        case .setColumn(let name, let loc, let columnExpr, let valueExpr):
            let current = try lookup(name, at: loc, in: scope)
            guard let frame = current.dataFrame else {
                throw LangError("'\(name)' is \(current.typeDescription), not a data frame, so it has no columns to set", at: loc)
            }
            guard case .string(let column) = try evaluate(columnExpr, in: scope) else {
                throw LangError("a column is named by a string, as in df[\"x\"] = …", at: columnExpr.startLocation)
            }
            let value = try evaluate(valueExpr, in: scope)
            let new = try ColumnBuilder.column(named: column, from: value, rows: frame.rowCount, at: valueExpr.startLocation)
            scope.variables[name] = .frame(try frame.adding(new))
            return nil
        case .expression(let expr):
            return try evaluate(expr, in: scope)
        }
    }

    // MARK: Expressions

    func evaluate(_ expr: Expr, in scope: Scope) throws -> Value {
        switch expr {
        case .number(let x, _): return .number(x)
        case .bool(let b, _): return .bool(b)
        case .none: return .none
        case .string(let pieces, _):
            var out = ""
            for piece in pieces {
                switch piece {
                case .text(let s): out += s
                case .expression(let e, let spec, let loc):
                    out += try FormatSpec.apply(try evaluate(e, in: scope), spec: spec, at: loc)
                }
            }
            return .string(out)
        case .list(let items, _):
            return .list(try items.map { try evaluate($0, in: scope) })
        case .variable(let name, let loc):
            return try lookup(name, at: loc, in: scope)
        case .unary(let op, let operand, let loc):
            return try Operators.unary(op, try evaluate(operand, in: scope), at: loc)
        case .binary(.and, let a, let b, let loc):
            let left = try evaluate(a, in: scope)
            if case .mask = left { return try Logic.combine(.and, left, try evaluate(b, in: scope), at: loc) }
            guard try truth(left, at: a.startLocation, op: "and") else { return .bool(false) }
            return .bool(try truth(try evaluate(b, in: scope), at: b.startLocation, op: "and"))
        case .binary(.or, let a, let b, let loc):
            let left = try evaluate(a, in: scope)
            if case .mask = left { return try Logic.combine(.or, left, try evaluate(b, in: scope), at: loc) }
            if try truth(left, at: a.startLocation, op: "or") { return .bool(true) }
            return .bool(try truth(try evaluate(b, in: scope), at: b.startLocation, op: "or"))
        case .binary(let op, let a, let b, let loc):
            return try Operators.binary(op, try evaluate(a, in: scope), try evaluate(b, in: scope), at: loc, interpreter: self)
        case .call(let callee, let args, let loc):
            let function = try calleeValue(callee, in: scope)
            var positional: [(Value, SourceLocation)] = []
            var named: [NamedArgument] = []
            var sources: [SourceLocation: DataFrame] = [:]
            for arg in args {
                let (v, source) = try evaluateArgument(arg.value, in: scope)
                if let source { sources[arg.value.startLocation] = source }
                if let name = arg.name {
                    named.append(NamedArgument(name: name, value: v, nameLocation: arg.nameLocation ?? arg.value.startLocation,
                                               valueLocation: arg.value.startLocation))
                } else {
                    positional.append((v, arg.value.startLocation))
                }
            }
            return try call(function, positional: positional, named: named, at: loc, sources: sources)
        case .member(let object, let name, let loc):
            return try Members.member(of: try evaluate(object, in: scope), name: name, at: loc, interpreter: self)
        case .index(let object, let index, let loc):
            return try Indexing.index(try evaluate(object, in: scope), by: try evaluate(index, in: scope),
                                      at: loc, indexLocation: index.startLocation)
        case .slice(let object, let from, let to, let loc):
            return try Indexing.slice(try evaluate(object, in: scope), from: try from.map { try evaluate($0, in: scope) },
                                      to: try to.map { try evaluate($0, in: scope) }, at: loc)
        case .lambda(let param, let body, _):
            return .function(.lambda(Lambda(parameters: [param], defaults: [nil], body: [.expression(body)], isArrow: true, scope: scope)))
        case .function(let f, _):
            return .function(.lambda(Lambda(parameters: f.parameters, defaults: f.defaults, body: f.body, isArrow: false, scope: scope)))
        case .formula(let f):
            return .formula(f)
        }
    }

    /// An argument's value and, when it is a column taken from a data frame (`df.x`,
    /// `df["x"]`), that frame (so that `ave(df.x, by = "g")` can find `g`).
    private func evaluateArgument(_ expr: Expr, in scope: Scope) throws -> (Value, DataFrame?) {
        switch expr {
        case .member(let object, let name, let loc):
            let o = try evaluate(object, in: scope)
            return (try Members.member(of: o, name: name, at: loc, interpreter: self), o.dataFrame)
        case .index(let object, let index, let loc):
            let o = try evaluate(object, in: scope)
            let v = try Indexing.index(o, by: try evaluate(index, in: scope), at: loc, indexLocation: index.startLocation)
            return (v, o.dataFrame)
        default:
            return (try evaluate(expr, in: scope), nil)
        }
    }

    private func truth(_ v: Value, at loc: SourceLocation, op: String) throws -> Bool {
        if case .bool(let b) = v { return b }
        throw LangError("'\(op)' expects true or false on both sides, got \(v.typeDescription)", at: loc)
    }

    private func calleeValue(_ callee: Expr, in scope: Scope) throws -> Function {
        if case .variable(let name, let loc) = callee, scope.lookup(name) == nil, builtins[name] == nil {
            throw LangError("unknown function '\(name)'", at: loc,
                            hint: Suggest.hint(for: name, in: Array(builtins.keys) + scope.allNames))
        }
        let value = try evaluate(callee, in: scope)
        guard case .function(let f) = value else {
            throw LangError("\(value.typeDescription.capitalizedFirst) cannot be called like a function", at: callee.location)
        }
        return f
    }

    func lookup(_ name: String, at loc: SourceLocation, in scope: Scope) throws -> Value {
        if let v = scope.lookup(name) { return v }
        if let b = builtins[name] { return .function(.builtin(b)) }
        if let failed = failedDefinitions[name] {
            throw LangError("'\(name)' is not defined (its cell failed at \(failed.file):\(failed.line))", at: loc)
        }
        throw LangError("'\(name)' is not defined", at: loc,
                        hint: columnHint(name) ?? Suggest.hint(for: name, in: scope.allNames + Array(builtins.keys)))
    }

    /// "'edu' is a column of df: write "edu" (in quotes) or df.edu" when a bare name is a column
    /// of a data frame held in a variable (the first such variable in alphabetical order).
    private func columnHint(_ name: String) -> String? {
        for variable in globals.variables.keys.sorted() {
            if let f = globals.variables[variable]?.dataFrame, f.hasColumn(name) {
                return "'\(name)' is a column of \(variable): write \"\(name)\" (in quotes) or \(variable).\(name)"
            }
        }
        return nil
    }

    /// Calls a function value with evaluated arguments.
    func call(_ function: Function, positional: [(Value, SourceLocation)],
              named: [NamedArgument] = [], at loc: SourceLocation,
              sources: [SourceLocation: DataFrame] = [:]) throws -> Value {
        switch function {
        case .builtin(let b):
            var args = try Args(binding: b, positional: positional, named: named, at: loc, interpreter: self)
            args.sources = sources
            return try b.body(args)
        case .lambda(let lambda):
            callDepth += 1
            defer { callDepth -= 1 }
            guard callDepth <= Interpreter.maximumCallDepth else {
                throw LangError("too many nested calls (more than \(Interpreter.maximumCallDepth)): does a function call itself?", at: loc)
            }
            let scope = try bind(lambda, positional: positional, named: named, at: loc)
            var result: Value = .none
            for stmt in lambda.body { result = try execute(stmt, in: scope) ?? .none }
            return result
        }
    }

    /// A scope for one call of `lambda`: arguments by position, then by name, then defaults.
    private func bind(_ lambda: Lambda, positional: [(Value, SourceLocation)], named: [NamedArgument],
                      at loc: SourceLocation) throws -> Scope {
        let scope = Scope(parent: lambda.scope)
        let n = lambda.parameters.count
        guard positional.count <= n else {
            throw LangError("the function '\(lambda.signature)' takes \(n) argument\(n == 1 ? "" : "s"), got \(positional.count + named.count)", at: loc)
        }
        for (p, (value, _)) in zip(lambda.parameters, positional) { scope.variables[p] = value }
        for arg in named {
            guard lambda.parameters.contains(arg.name) else {
                throw LangError("the function '\(lambda.signature)' has no parameter '\(arg.name)'", at: arg.nameLocation,
                                hint: Suggest.hint(for: arg.name, in: lambda.parameters))
            }
            guard scope.variables[arg.name] == nil else {
                throw LangError("the argument '\(arg.name)' is given twice", at: arg.nameLocation)
            }
            scope.variables[arg.name] = arg.value
        }
        for (p, d) in zip(lambda.parameters, lambda.defaults) where scope.variables[p] == nil {
            guard let d else {
                throw LangError("the function '\(lambda.signature)' needs its argument '\(p)'", at: loc)
            }
            scope.variables[p] = try evaluate(d, in: scope)
        }
        return scope
    }
}

extension String {
    /// The string with its first letter in upper case ("a number" → "A number").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
