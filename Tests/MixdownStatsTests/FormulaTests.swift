import Testing
@testable import MixdownStats

/// Formula parsing and expansion, checked against patsy's / lme4's documented expansions.
@Suite struct FormulaTests {
    private func names(_ f: String) throws -> [String] {
        try Formula(f).fixed.terms.map(\.name)
    }

    @Test func simpleTerms() throws {
        let f = try Formula("score ~ edu + classroom")
        #expect(f.response?.name == "score")
        #expect(f.fixed.intercept)
        #expect(f.fixed.terms.map(\.name) == ["edu", "classroom"])
        #expect(f.random.isEmpty)
        #expect(f.columnNames == ["score", "edu", "classroom"])
    }

    @Test func productAndInteraction() throws {
        #expect(try names("y ~ edu * classroom") == ["edu", "classroom", "edu:classroom"])
        #expect(try names("y ~ edu + classroom + edu:classroom") == ["edu", "classroom", "edu:classroom"])
        #expect(try names("y ~ a * b * c") == ["a", "b", "a:b", "c", "a:c", "b:c", "a:b:c"])
        #expect(try names("y ~ (a + b):c") == ["a:c", "b:c"])
        #expect(try names("y ~ a/b") == ["a", "a:b"])
        #expect(try names("y ~ (a + b)**2") == ["a", "b", "a:b"])
        #expect(try names("y ~ a:b + b:a") == ["a:b"])
        #expect(try names("y ~ a + b + a - b") == ["a"])
    }

    @Test func interceptControl() throws {
        #expect(try Formula("y ~ x").fixed.intercept)
        #expect(try !Formula("y ~ 0 + x").fixed.intercept)
        #expect(try !Formula("y ~ x - 1").fixed.intercept)
        #expect(try !Formula("y ~ -1 + x").fixed.intercept)
        #expect(try !Formula("y ~ x + 0").fixed.intercept)
        #expect(try Formula("y ~ 0 + x + 1").fixed.intercept)
        let one = try Formula("beta ~ 1")
        #expect(one.fixed.intercept && one.fixed.terms.isEmpty)
    }

    @Test func transforms() throws {
        let f = try Formula("log(y) ~ C(edu) + I(edu**2) + np.log(x) + I((a + b) / 2)")
        #expect(f.response?.name == "log(y)")
        #expect(f.response?.kind == .transform)
        #expect(f.fixed.terms.map(\.name) == ["C(edu)", "I(edu ** 2)", "np.log(x)", "I((a + b) / 2)"])
        #expect(f.fixed.terms[0].factors[0].kind == .categorical)
        #expect(f.columnNames == ["y", "edu", "x", "a", "b"])
        let values = try f.fixed.terms[1].factors[0].expression.evaluate(count: 2) { _ in [2, 3] }
        #expect(values == [4, 9])
        let mean = try f.fixed.terms[3].factors[0].expression.evaluate(count: 2) { $0 == "a" ? [1, 2] : [3, 6] }
        #expect(mean == [2, 4])
    }

    @Test func randomBars() throws {
        let f = try Formula("score ~ edu + (1 + edu | classroom)")
        #expect(f.fixed.terms.map(\.name) == ["edu"])
        #expect(f.random.count == 1)
        #expect(f.random[0].effects == TermList(intercept: true, terms: [Term(factors: [.column("edu")])]))
        #expect(f.random[0].grouping == ["classroom"])
        #expect(f.hasRandomEffects)

        let implied = try Formula("y ~ x + (x | g)")
        #expect(implied.random[0].effects.intercept)
        #expect(implied.random[0].effects.terms.map(\.name) == ["x"])

        let noInt = try Formula("y ~ x + (1 | g) + (0 + x | g)")
        #expect(noInt.random.map(\.description) == ["(1 | g)", "(0 + x | g)"])

        let uncorrelated = try Formula("y ~ x + (x || g)")
        #expect(uncorrelated.random.map(\.description) == ["(1 | g)", "(0 + x | g)"])

        let nested = try Formula("y ~ 1 + (1 | a/b)")
        #expect(nested.random.map(\.grouping) == [["a"], ["a", "b"]])
        #expect(nested.random.map(\.groupName) == ["a", "a:b"])

        let inter = try Formula("y ~ 1 + (1 | a:b)")
        #expect(inter.random.map(\.grouping) == [["a", "b"]])

        let crossed = try Formula("y ~ 1 + (1 | a) + (1 | b)")
        #expect(crossed.random.map(\.groupName) == ["a", "b"])
        #expect(crossed.columnNames == ["y", "a", "b"])
    }

    @Test func oneSided() throws {
        let f = try Formula("~ 1 + edu")
        #expect(f.response == nil)
        #expect(f.fixed.intercept)
        #expect(f.fixed.terms.map(\.name) == ["edu"])
        #expect(f.description == "~ 1 + edu")
    }

    @Test func descriptionIsCanonical() throws {
        #expect(try Formula("score~edu*classroom+(edu|classroom)").description
                == "score ~ 1 + edu + classroom + edu:classroom + (1 + edu | classroom)")
    }

    @Test(arguments: [
        ("score ~ edu +", "expected a term after '+'", 14),
        ("score ~", "expected a term after '~'", 8),
        ("score edu", "expected an operator before 'edu'", 7),
        ("score", "missing '~' between the response and the terms", 6),
        ("y ~ x + (1 | g", "unclosed '('", 9),
        ("y ~ x | g", "a random-effect term must be in parentheses, as in (1 | group)", 7),
        ("y ~ x + 2", "the number 2 cannot be a term (only 0 or 1; use I(...) for arithmetic)", 9),
        ("y ~ foo(x)", "unknown function 'foo' (known: C, I, Q, center, scale, poly, log, log2, log10, exp, sqrt, abs)", 5),
        ("y ~ x $ z", "unexpected character '$'", 7),
        ("y ~ x * (1 | g)", "a random-effect term can only be added with '+' at the top level", 9),
        ("y ~ x + (1 | g + h)", "a grouping factor must be a column, an interaction a:b or a nesting a/b", 14),
        ("y ~ x)", "unmatched ')'", 6),
        ("y ~ 1:x", "the intercept (1 or 0) cannot be combined with ':'", 6),
        ("y ~ x ~ z", "more than one '~'", 7),
        ("y ~ -x", "unary '-' can only be applied to 1 or 0", 5),
        ("y ~ x + (0 | g)", "a random-effect term needs at least one effect", 10),
    ])
    func errorsPointAtTheCulprit(text: String, message: String, column: Int) {
        do {
            _ = try Formula(text)
            Issue.record("expected an error for \(text)")
        } catch let e as FormulaError {
            #expect(e.message == message)
            #expect(e.column == column)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func errorDescriptionHasTheColumn() {
        #expect(throws: FormulaError("expected a term after '+'", column: 14)) { try Formula("score ~ edu +") }
        #expect(FormulaError("expected a term after '+'", column: 14).description
                == "expected a term after '+' at column 14")
    }

    @Test func columnReferencesKeepWhereTheyAreWritten() throws {
        let f = try Formula("log(y) ~ I(x ** 2) + Q(\"a b\")\n + (1 | g)")
        #expect(f.references == [ColumnReference(name: "y", column: 5), ColumnReference(name: "x", column: 12),
                                 ColumnReference(name: "a b", column: 24), ColumnReference(name: "g", column: 39)])
    }
}
