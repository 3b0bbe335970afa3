import Testing
import MixdownStats
@testable import MixdownLang

@Suite struct ParserTests {
    func parse(_ s: String) throws -> [Stmt] { try Parser.parse(s, file: "t.md") }

    /// A compact rendering of an expression tree, fully parenthesised.
    func show(_ e: Expr) -> String {
        switch e {
        case .number(let x, _): return Display.numberText(x)
        case .string(let p, _): return "\"\(p.count)\""
        case .bool(let b, _): return "\(b)"
        case .none: return "none"
        case .list(let items, _): return "[" + items.map(show).joined(separator: ", ") + "]"
        case .variable(let n, _): return n
        case .unary(let op, let a, _): return "(\(op.rawValue) \(show(a)))"
        case .binary(let op, let a, let b, _): return "(\(show(a)) \(op.rawValue) \(show(b)))"
        case .call(let f, let args, _):
            return show(f) + "(" + args.map { ($0.name.map { "\($0)=" } ?? "") + show($0.value) }.joined(separator: ", ") + ")"
        case .member(let o, let n, _): return show(o) + "." + n
        case .index(let o, let i, _): return show(o) + "[" + show(i) + "]"
        case .slice(let o, let a, let b, _): return show(o) + "[" + (a.map(show) ?? "") + ":" + (b.map(show) ?? "") + "]"
        case .lambda(let p, let b, _): return "{\(p) -> \(show(b))}"
        case .function(let f, _): return "fn(\(f.parameters.joined(separator: ", "))){\(f.body.count)}"
        case .formula(let f): return "<\(f.text)>"
        }
    }

    func expr(_ s: String) throws -> String {
        guard case .expression(let e)? = try parse(s).first else { return "not an expression" }
        return show(e)
    }

    @Test func precedence() throws {
        #expect(try expr("1 + 2 * 3 ^ 2") == "(1 + (2 * (3 ^ 2)))")
        #expect(try expr("-2 ^ 2") == "(- (2 ^ 2))")
        #expect(try expr("a < b and not c or d") == "(((a < b) and (not c)) or d)")
        #expect(try expr("(1 + 2) * 3") == "((1 + 2) * 3)")
        #expect(try expr("2 ^ 3 ^ 2") == "(2 ^ (3 ^ 2))")
        #expect(try expr("10 - 4 - 3") == "((10 - 4) - 3)")
    }

    @Test func callsMembersIndexing() throws {
        #expect(try expr("ols(score ~ edu, df).params[\"edu\"]") == "ols(<score ~ edu>, df).params[\"1\"]")
        #expect(try expr("results.add(\"M\", m, term = \"edu\")") == "results.add(\"1\", m, term=\"1\")")
        #expect(try expr("f()") == "f()")
        #expect(try expr("[1, 2,]") == "[1, 2]")
    }

    @Test func formulasKeepTheirTextAndTree() throws {
        guard case .expression(.call(_, let args, _))? = try parse("lmm(score ~ edu + (1 + edu | classroom), df)").first,
              case .formula(let f) = args[0].value else {
            Issue.record("not a call with a formula"); return
        }
        #expect(f.text == "score ~ edu + (1 + edu | classroom)")
        #expect(f.formula.response?.name == "score")
        #expect(f.formula.references.map(\.name) == ["score", "edu", "edu", "classroom"])
        #expect(f.location(ofColumn: f.formula.references[0].column) == SourceLocation(file: "t.md", line: 1, column: 5))
        #expect(f.formula.random.map(\.description) == ["(1 + edu | classroom)"])
    }

    @Test func oneSidedFormulaAsNamedArgument() throws {
        #expect(try expr("mixedlm(score ~ edu, df, groups = \"classroom\", re_formula = ~ 1 + edu)")
                == "mixedlm(<score ~ edu>, df, groups=\"1\", re_formula=<~ 1 + edu>)")
    }

    @Test func formulaAssignment() throws {
        guard case .assign(let name, _, .formula(let f))? = try parse("f = score ~ edu * classroom").first else {
            Issue.record("not an assignment of a formula"); return
        }
        #expect(name == "f")
        #expect(f.text == "score ~ edu * classroom")
        #expect(f.formula.fixed.terms.map(\.name) == ["edu", "classroom", "edu:classroom"])
        #expect(f.formula.references.dropFirst().map { f.location(ofColumn: $0.column) }
                == [SourceLocation(file: "t.md", line: 1, column: 13), SourceLocation(file: "t.md", line: 1, column: 19)])
    }

    @Test func formulaInsideLambda() throws {
        #expect(try expr("by_group(df, \"classroom\", g -> ols(score ~ edu, g).params[\"edu\"], name = \"beta\")")
                == "by_group(df, \"1\", {g -> ols(<score ~ edu>, g).params[\"1\"]}, name=\"1\")")
    }

    @Test func slicesAndColumnAssignment() throws {
        #expect(try expr("o.age[0:3]") == "o.age[0:3]")
        #expect(try expr("x[:2]") == "x[:2]")
        #expect(try expr("x[-2:]") == "x[(- 2):]")
        guard case .setColumn(let frame, _, _, _)? = try parse("o.agec = o.age - 11").first else {
            Issue.record("not a column assignment"); return
        }
        #expect(frame == "o")
        #expect(throws: LangError("only a variable (x = …) or a column of a data frame (df.x = … or df[\"x\"] = …) can be assigned to",
                                  at: SourceLocation(file: "t.md", line: 1, column: 6))) {
            try parse("f(x) = 1")
        }
    }

    @Test func multiLineCall() throws {
        let stmts = try parse("p = panels(\n  a,\n  b,\n  share = \"xy\"\n)\np")
        #expect(stmts.count == 2)
    }

    @Test func positionalAfterNamedIsAllowed() throws {
        #expect(try expr("aggregate(df, by = \"classroom\", mean)") == "aggregate(df, by=\"1\", mean)")
    }

    @Test func missingParenthesis() throws {
        #expect(throws: LangError("expected ')' after arguments, found end of line", at: SourceLocation(file: "t.md", line: 1, column: 7))) {
            try parse("f(1, 2\n")
        }
    }
}
