import Testing
@testable import MixdownLang

/// Golden error messages with their exact positions.
@Suite struct ErrorTests {
    func loc(_ line: Int, _ column: Int) -> MixdownLang.SourceLocation { SourceLocation(file: "lesson.md", line: line, column: column) }

    @Test func syntaxErrorIsLocated() throws {
        let t = try TempTutorial()
        let r = t.session().run("x = 1\ny = (2 + \n", firstLine: 40)
        #expect(r.error == LangError("expected ')' after the expression in parentheses, found end of line", at: loc(41, 9))
                || r.error == LangError("expected an expression, found end of line", at: loc(41, 9)))
        #expect(r.error?.description.hasPrefix("lesson.md:41:9: error: ") == true)
    }

    @Test func unknownVariableSuggestsTheClosest() throws {
        let e = try errorOf("score = 1\nprint(scor + 1)")
        #expect(e == LangError("'scor' is not defined", at: loc(2, 7), hint: "did you mean 'score'?"))
        #expect(e?.description == "lesson.md:2:7: error: 'scor' is not defined (did you mean 'score'?)")
    }

    @Test func unknownFunctionSuggestsTheClosest() throws {
        let e = try errorOf("x = sqr(4)")
        #expect(e == LangError("unknown function 'sqr'", at: loc(1, 5), hint: "did you mean 'sqrt'?"))
    }

    @Test func unknownNamedArgument() throws {
        let e = try errorOf("round(2.5, digit = 1)")
        #expect(e == LangError("round() has no argument named 'digit'; its arguments are 'x', 'digits'",
                               at: loc(1, 12), hint: "did you mean 'digits'?"))
    }

    @Test func wrongArgumentType() throws {
        let e = try errorOf("x = sqrt(\"four\")")
        #expect(e == LangError("sqrt() expects a number (or numbers) as its first argument, got a string", at: loc(1, 10)))
    }

    @Test func tooManyArguments() throws {
        let e = try errorOf("sqrt(1, 2)")
        #expect(e == LangError("sqrt() takes at most 1 argument, got 2", at: loc(1, 9)))
    }

    @Test func missingArgument() throws {
        let e = try errorOf("round()")
        #expect(e == LangError("round() needs its argument 'x'", at: loc(1, 1)))
    }

    @Test func indexOutOfRange() throws {
        let e = try errorOf("xs = [1, 2]\nxs[2]")
        #expect(e == LangError("index 2 is out of range: there are 2 items (positions 0 to 1)", at: loc(2, 4)))
    }

    @Test func typeErrorInArithmetic() throws {
        let e = try errorOf("x = 1 + \"a\"")
        #expect(e == LangError("cannot apply '+' to a number and a string", at: loc(1, 7)))
    }

    @Test func failingStatementKeepsEarlierOutputs() throws {
        let r = try runCells(["print(1)\nprint(nope)\nprint(3)"])
        #expect(r[0].outputs == [.text("1")])
        #expect(r[0].error?.location == loc(2, 7))
    }

    @Test func variableOfAFailedCellSaysWhere() throws {
        let t = try TempTutorial()
        let s = t.session()
        _ = s.run("a = 1", firstLine: 10)
        let failed = s.run("b = a + missing\nc = 2", firstLine: 40)
        #expect(failed.error?.location == SourceLocation(file: "lesson.md", line: 40, column: 9))
        let later = s.run("print(a)\nprint(b)", firstLine: 50)
        #expect(later.outputs == [.text("1")])
        #expect(later.error == LangError("'b' is not defined (its cell failed at lesson.md:40)", at: SourceLocation(file: "lesson.md", line: 51, column: 7)))
        let c = s.run("c", firstLine: 60)
        #expect(c.error?.message == "'c' is not defined (its cell failed at lesson.md:40)")
    }

    @Test func variableOfACellWithASyntaxErrorSaysWhere() throws {
        let t = try TempTutorial()
        let s = t.session()
        _ = s.run("m = (1 +", firstLine: 5)
        #expect(s.run("m", firstLine: 9).error?.message == "'m' is not defined (its cell failed at lesson.md:5)")
    }

    @Test func assigningToABuiltinNameIsRefused() throws {
        let e = try errorOf("mean = 3")
        #expect(e?.message == "'mean' is the name of a built-in function; choose another variable name")
    }

    @Test func callingANonFunction() throws {
        let e = try errorOf("x = 3\nx(2)")
        #expect(e == LangError("A number cannot be called like a function", at: loc(2, 1)))
    }
}

/// Inputs that could exhaust the stack fail with an error instead.
@Suite struct LimitTests {
    @Test func deeplyNestedExpression() throws {
        let source = "x = " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(try errorOf(source)?.message == "this expression is nested too deeply (more than 200 levels)")
        #expect(try errorOf("x = " + String(repeating: "-", count: 5000) + "1")?.message == "this expression is nested too deeply (more than 200 levels)")
        #expect(try errorOf("x = " + String(repeating: "not ", count: 5000) + "true")?.message == "this expression is nested too deeply (more than 200 levels)")
    }

    @Test func selfCallingFunction() throws {
        let r = try runCells(["f = g -> f(g)", "f(1)"])
        #expect(r[1].error?.message == "too many nested calls (more than 200): does a function call itself?")
    }
}
