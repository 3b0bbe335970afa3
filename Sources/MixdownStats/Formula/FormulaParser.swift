/// Turns formula text into a ``Formula``: tokenize, parse, then expand the
/// operators into terms following patsy's rules (and lme4's for bars).
enum FormulaParser {
    static func parse(_ text: String) throws -> Formula {
        let tokens = try FormulaLexer.tokenize(text)
        var parser = FormulaSyntaxParser(tokens: tokens)
        var response: Factor? = nil
        var references: [ColumnReference] = []
        if !parser.isOp("~") {
            if parser.current.kind == .end { throw FormulaError("empty formula", column: 1) }
            let lhs = try parser.parseExpression(0)
            references = columnReferences(lhs)
            response = try responseFactor(lhs)
            guard parser.isOp("~") else {
                if parser.current.kind == .end {
                    throw FormulaError("missing '~' between the response and the terms", column: parser.current.column)
                }
                throw misplaced(parser.current)
            }
        }
        parser.advance()   // the '~'
        let rhs = try parser.parseExpression(0, after: "~")
        guard parser.current.kind == .end else { throw misplaced(parser.current) }
        references += columnReferences(rhs)
        let expanded = try expand(rhs, allowRandom: true)
        let fixed = TermList(intercept: !expanded.interceptRemoved, terms: expanded.terms)
        var formula = Formula(source: text, response: response, fixed: fixed, random: expanded.random)
        formula.references = references
        return formula
    }

    /// The column names a syntax tree reads, where they are written: names (not function
    /// names), `Q("name")`, and only the first argument of `C(x, contrast)`.
    static func columnReferences(_ node: FormulaNode) -> [ColumnReference] {
        switch node {
        case .name(let n, let col): return [ColumnReference(name: n, column: col)]
        case .number, .string: return []
        case .call("Q", let args, _):
            if args.count == 1, case .string(let s, let col) = args[0] { return [ColumnReference(name: s, column: col)] }
            return []
        case .call(let f, let args, _):
            let read = f == "C" ? Array(args.prefix(1)) : args
            return read.flatMap(columnReferences)
        case .unary(_, let x, _), .paren(let x, _): return columnReferences(x)
        case .binary(_, let l, let r, _), .bar(let l, let r, _, _): return columnReferences(l) + columnReferences(r)
        }
    }

    private static func misplaced(_ tok: FormulaToken) -> FormulaError {
        switch tok.kind {
        case .op("|"), .op("||"):
            return FormulaError("a random-effect term must be in parentheses, as in (1 | group)", column: tok.column)
        case .op(")"):
            return FormulaError("unmatched ')'", column: tok.column)
        case .op("~"):
            return FormulaError("more than one '~'", column: tok.column)
        default:
            return FormulaError("expected an operator before '\(tok.text)'", column: tok.column)
        }
    }

    /// The intermediate value of patsy's evaluator: terms plus intercept state.
    private struct Expanded {
        var intercept = false
        var interceptRemoved = false
        var terms: [Term] = []
        var random: [RandomTerm] = []
    }

    private static func unique(_ terms: [Term]) -> [Term] {
        var seen = Set<Term>()
        return terms.filter { seen.insert($0).inserted }
    }

    private static func expand(_ node: FormulaNode, allowRandom: Bool) throws -> Expanded {
        switch node {
        case .name(let n, _):
            return Expanded(terms: [Term(factors: [.column(n)])])
        case .number(let v, let text, let col):
            if v == 1 { return Expanded(intercept: true) }
            if v == 0 { return Expanded(interceptRemoved: true) }
            throw FormulaError("the number \(text) cannot be a term (only 0 or 1; use I(...) for arithmetic)", column: col)
        case .string(_, let col):
            throw FormulaError("a quoted string cannot be a term (use Q(\"name\") or `name` for a column)", column: col)
        case .call("poly", let args, let col):
            return Expanded(terms: try polyFactors(args, column: col).map { Term(factors: [$0]) })
        case .call:
            return Expanded(terms: [Term(factors: [try factor(fromCall: node)])])
        case .paren(let inner, _):
            return try expand(inner, allowRandom: false)
        case .unary(let op, let x, let col):
            if op == "+" { return try expand(x, allowRandom: false) }
            if case .number(let v, _, _) = x, v == 0 { return Expanded(intercept: true) }
            if case .number(let v, _, _) = x, v == 1 { return Expanded(interceptRemoved: true) }
            throw FormulaError("unary '-' can only be applied to 1 or 0", column: col)
        case .bar(let lhs, let group, let double, let col):
            guard allowRandom else {
                throw FormulaError("a random-effect term can only be added with '+' at the top level", column: col)
            }
            return Expanded(random: try randomTerms(lhs, group, double: double))
        case .binary(let op, let l, let r, let col):
            switch op {
            case "+":
                let left = try expand(l, allowRandom: allowRandom)
                if case .number(let v, _, _) = r, v == 0 {
                    return Expanded(intercept: false, interceptRemoved: true, terms: left.terms, random: left.random)
                }
                let right = try expand(r, allowRandom: allowRandom)
                var out = right.intercept
                    ? Expanded(intercept: true, interceptRemoved: false)
                    : Expanded(intercept: left.intercept, interceptRemoved: left.interceptRemoved)
                out.terms = unique(left.terms + right.terms)
                out.random = left.random + right.random
                return out
            case "-":
                var left = try expand(l, allowRandom: allowRandom)
                if case .number(let v, _, _) = r, v == 0 {
                    left.intercept = true; left.interceptRemoved = false
                    return left
                }
                if case .number(let v, _, _) = r, v == 1 {
                    left.intercept = false; left.interceptRemoved = true
                    return left
                }
                let right = try expand(r, allowRandom: false)
                let drop = Set(right.terms)
                left.terms = left.terms.filter { !drop.contains($0) }
                if right.intercept { left.intercept = false; left.interceptRemoved = true }
                return left
            case ":", "*", "/":
                let left = try expand(l, allowRandom: false)
                let right = try expand(r, allowRandom: false)
                try checkInteractable(left, op: op, column: col)
                try checkInteractable(right, op: op, column: col)
                switch op {
                case ":":
                    return Expanded(terms: unique(interaction(left.terms, right.terms)))
                case "*":
                    return Expanded(terms: unique(left.terms + right.terms + interaction(left.terms, right.terms)))
                default:
                    let leftFactors = left.terms.flatMap(\.factors)
                    let nested = right.terms.map { Term(factors: leftFactors + $0.factors) }
                    return Expanded(terms: unique(left.terms + nested))
                }
            case "**", "^":
                let left = try expand(l, allowRandom: false)
                try checkInteractable(left, op: op, column: col)
                guard case .number(let v, _, _) = r, v >= 1, v == v.rounded(), v <= 16 else {
                    throw FormulaError("the power after '\(op)' must be a whole number from 1 to 16", column: r.column)
                }
                var all = left.terms
                var big = left.terms
                if v >= 2 {
                    for _ in 2...Int(v) {
                        big = interaction(left.terms, big)
                        all += big
                    }
                }
                return Expanded(terms: unique(all))
            default:
                throw FormulaError("unexpected '\(op)'", column: col)
            }
        }
    }

    private static func checkInteractable(_ e: Expanded, op: String, column: Int) throws {
        if e.intercept || e.interceptRemoved {
            throw FormulaError("the intercept (1 or 0) cannot be combined with '\(op)'", column: column)
        }
    }

    private static func interaction(_ left: [Term], _ right: [Term]) -> [Term] {
        var out: [Term] = []
        for a in left { for b in right { out.append(Term(factors: a.factors + b.factors)) } }
        return out
    }

    /// Expands `(lhs | group)` / `(lhs || group)` as lme4 does.
    private static func randomTerms(_ lhs: FormulaNode, _ group: FormulaNode, double: Bool) throws -> [RandomTerm] {
        let effects = try expand(lhs, allowRandom: false)
        let intercept = !effects.interceptRemoved
        let groupings = try groupingFactors(group)
        var out: [RandomTerm] = []
        for g in groupings {
            if double {
                if intercept { out.append(RandomTerm(effects: TermList(intercept: true, terms: []), grouping: g)) }
                for t in effects.terms {
                    out.append(RandomTerm(effects: TermList(intercept: false, terms: [t]), grouping: g))
                }
            } else {
                out.append(RandomTerm(effects: TermList(intercept: intercept, terms: effects.terms), grouping: g))
            }
        }
        if out.isEmpty || out.contains(where: { !$0.effects.intercept && $0.effects.terms.isEmpty }) {
            throw FormulaError("a random-effect term needs at least one effect", column: lhs.column)
        }
        return out
    }

    /// The grouping factors of a bar: `g` → [[g]], `a:b` → [[a, b]], `a/b` → [[a], [a, b]].
    private static func groupingFactors(_ node: FormulaNode) throws -> [[String]] {
        switch node {
        case .name(let n, _):
            return [[n]]
        case .call(let f, let args, let col) where f == "C" || f == "Q":
            guard args.count == 1 else { throw FormulaError("\(f)() takes one column", column: col) }
            if case .string(let s, _) = args[0], f == "Q" { return [[s]] }
            return try groupingFactors(args[0])
        case .paren(let inner, _):
            return try groupingFactors(inner)
        case .binary(":", let l, let r, _):
            let left = try groupingFactors(l), right = try groupingFactors(r)
            return left.flatMap { a in right.map { b in dedupe(a + b) } }
        case .binary("/", let l, let r, _):
            let left = try groupingFactors(l), right = try groupingFactors(r)
            let outer = dedupe(left.flatMap { $0 })
            return left + right.map { dedupe(outer + $0) }
        default:
            throw FormulaError("a grouping factor must be a column, an interaction a:b or a nesting a/b", column: node.column)
        }
    }

    private static func dedupe(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// The response: a column or a numeric transform.
    private static func responseFactor(_ node: FormulaNode) throws -> Factor {
        switch node {
        case .name(let n, _):
            return .column(n)
        case .call(let f, _, let col):
            let fac = try factor(fromCall: node)
            guard fac.kind != .categorical else {
                throw FormulaError("the response must be numeric, not \(f)()", column: col)
            }
            return fac
        default:
            throw FormulaError("the response must be one column or a transform such as log(y)", column: node.column)
        }
    }

    /// `C(x)`, `Q("x")`, `I(expr)`, `log(x)`, `np.log(x)`, ... as a factor.
    private static func factor(fromCall node: FormulaNode) throws -> Factor {
        guard case .call(let f, let args, let col) = node else {
            throw FormulaError("expected a function call", column: node.column)
        }
        if f == "C" { return try categorical(args, column: col) }
        if f == "poly" { throw FormulaError("poly() gives several columns, so it cannot be used here", column: col) }
        guard args.count == 1 else {
            throw FormulaError("\(f)() takes exactly one argument", column: col)
        }
        let arg = args[0]
        switch f {
        case "center", "scale", "standardize":
            let t: DataTransform = f == "center" ? .center : .scale
            return Factor(name: "\(f)(\(arg.pretty))", kind: .transform, expression: .fitted(t, try arithmetic(arg)))
        case "Q":
            guard case .string(let s, _) = arg else {
                throw FormulaError("Q() takes a quoted column name", column: arg.column)
            }
            return .column(s)
        case "I":
            return Factor(name: "I(\(arg.pretty))", kind: .transform, expression: try arithmetic(arg))
        default:
            guard let fn = function(named: f) else {
                throw FormulaError("unknown function '\(f)' (known: C, I, Q, center, scale, poly, \(Expression.Function.allCases.map(\.rawValue).joined(separator: ", ")))", column: col)
            }
            return Factor(name: "\(f)(\(arg.pretty))", kind: .transform, expression: .call(fn, try arithmetic(arg)))
        }
    }

    /// `C(x)`, `C(x, Treatment("level"))`, `C(x, Treatment)`, `C(x, Sum)`.
    private static func categorical(_ args: [FormulaNode], column col: Int) throws -> Factor {
        guard (1...2).contains(args.count) else {
            throw FormulaError("C() takes a column and optionally a contrast, as in C(x, Sum) or C(x, Treatment(\"b\"))", column: col)
        }
        let name: String
        switch args[0] {
        case .name(let n, _): name = n
        case .call("Q", let qa, _) where qa.count == 1:
            guard case .string(let s, _) = qa[0] else { throw FormulaError("Q() takes a quoted column name", column: args[0].column) }
            name = s
        default: throw FormulaError("C() takes a column name first", column: args[0].column)
        }
        guard args.count == 2 else { return Factor(name: "C(\(name))", kind: .categorical, expression: .column(name)) }
        let contrast: Contrast
        switch args[1] {
        case .name("Sum", _): contrast = .sum
        case .name("Treatment", _): contrast = .treatment(reference: nil)
        case .call("Treatment", let ta, let tcol):
            guard ta.count == 1 else { throw FormulaError("Treatment() takes the reference level, as in Treatment(\"b\")", column: tcol) }
            switch ta[0] {
            case .string(let s, _): contrast = .treatment(reference: s)
            case .number(let v, _, _): contrast = .treatment(reference: FactorData.levelName(v))
            case .name(let s, _): contrast = .treatment(reference: s)
            default: throw FormulaError("Treatment() takes the reference level, as in Treatment(\"b\")", column: ta[0].column)
            }
        default:
            throw FormulaError("unknown contrast '\(args[1].pretty)' (known: Treatment, Treatment(\"level\"), Sum)", column: args[1].column)
        }
        return Factor(name: "C(\(name), \(args[1].pretty))", kind: .categorical, expression: .column(name), contrast: contrast)
    }

    /// `poly(x, d)`: one factor per column, named as patsy names the columns of a matrix
    /// (`poly(x, 2)[0]`, `poly(x, 2)[1]`).
    private static func polyFactors(_ args: [FormulaNode], column col: Int) throws -> [Factor] {
        guard args.count == 2, case .number(let d, _, let dcol) = args[1] else {
            throw FormulaError("poly() takes a column and a degree, as in poly(x, 2)", column: col)
        }
        guard d >= 1, d <= 10, d == d.rounded() else { throw FormulaError("the degree of poly() must be a whole number from 1 to 10", column: dcol) }
        let inner = try arithmetic(args[0])
        let degree = Int(d)
        return (0..<degree).map { k in
            Factor(name: "poly(\(args[0].pretty), \(degree))[\(k)]", kind: .transform,
                   expression: .fitted(.poly(degree: degree, column: k), inner))
        }
    }

    private static func function(named name: String) -> Expression.Function? {
        var base = Substring(name)
        for prefix in ["np.", "numpy."] where base.hasPrefix(prefix) { base = base.dropFirst(prefix.count) }
        return Expression.Function(rawValue: String(base))
    }

    /// Converts the argument of `I(...)` or a transform to an arithmetic expression.
    private static func arithmetic(_ node: FormulaNode) throws -> Expression {
        switch node {
        case .name(let n, _): return .column(n)
        case .number(let v, _, _): return .number(v)
        case .paren(let x, _): return try arithmetic(x)
        case .unary(let op, let x, _):
            let e = try arithmetic(x)
            return op == "-" ? .negate(e) : e
        case .binary(let op, let l, let r, let col):
            let ops: [String: Expression.Operator] = ["+": .add, "-": .subtract, "*": .multiply, "/": .divide, "**": .power, "^": .power]
            guard let o = ops[op] else {
                throw FormulaError("operator '\(op)' cannot be used in arithmetic", column: col)
            }
            return .binary(o, try arithmetic(l), try arithmetic(r))
        case .call(let f, let args, let col):
            if f == "I", args.count == 1 { return try arithmetic(args[0]) }
            if f == "center" || f == "scale" || f == "standardize", args.count == 1 {
                return .fitted(f == "center" ? .center : .scale, try arithmetic(args[0]))
            }
            if f == "Q", args.count == 1, case .string(let s, _) = args[0] { return .column(s) }
            guard let fn = function(named: f) else {
                throw FormulaError("unknown function '\(f)'", column: col)
            }
            guard args.count == 1 else { throw FormulaError("\(f)() takes exactly one argument", column: col) }
            return .call(fn, try arithmetic(args[0]))
        case .string(_, let col):
            throw FormulaError("a quoted string cannot be used in arithmetic", column: col)
        case .bar(_, _, _, let col):
            throw FormulaError("a random-effect term cannot be used in arithmetic", column: col)
        }
    }
}
