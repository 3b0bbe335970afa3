import Testing
@testable import MixdownLang

@Suite struct EvaluatorTests {
    @Test func arithmetic() throws {
        #expect(number(try eval("1 + 2 * 3")) == 7)
        #expect(number(try eval("2 ^ 10")) == 1024)
        #expect(number(try eval("-2 ^ 2")) == -4)
        #expect(number(try eval("7 / 2")) == 3.5)
        #expect(number(try eval("sqrt(16) + abs(-3)")) == 7)
        #expect(number(try eval("round(3.14159, 2)")) == 3.14)
        #expect(number(try eval("round(2.5)")) == 2) // half to even, like Python
    }

    @Test func comparisonsAndLogic() throws {
        guard case .bool(true) = try eval("1 < 2 and not (3 == 4) or false") else { Issue.record("expected true"); return }
        guard case .bool(false) = try eval("\"a\" == \"b\"") else { Issue.record("expected false"); return }
        guard case .bool(true) = try eval("none == none") else { Issue.record("expected true"); return }
    }

    @Test func listsAndIndexing() throws {
        #expect(number(try eval("[10, 20, 30][1]")) == 20)
        #expect(number(try eval("[10, 20, 30][-1]")) == 30)
        #expect(number(try eval("len([1, 2] + [3])")) == 3)
        #expect(number(try eval("mean([1, 2, 3, 4])")) == 2.5)
        // sample standard deviation of 2, 4, 4, 4, 5, 5, 7, 9 is sqrt(32 / 7)
        #expect(number(try eval("sd([2, 4, 4, 4, 5, 5, 7, 9])")) == (32.0 / 7).squareRoot())
    }

    @Test func variablesPersistAcrossCells() throws {
        let r = try runCells(["x = 2\ny = x * 10", "print(y + 1)"])
        #expect(r[0].error == nil)
        #expect(r[1].outputs == [.text("21")])
    }

    @Test func bareValuesAreDisplayed() throws {
        #expect(try outputs("x = 3\nx\nnone\n\"hi\"\ntrue") == [.text("3"), .text("hi"), .text("true")])
    }

    @Test func lambdas() throws {
        let r = try runCells(["k = 3\nf = g -> g * k\nprint(f(2))"])
        #expect(r[0].outputs == [.text("6")])
    }

    @Test func printJoinsWithSpaces() throws {
        #expect(try texts("print(\"a\", 1.5, [1, \"b\"], true)") == ["a 1.5 [1, \"b\"] true"])
    }

    @Test func elementwiseOnLists() throws {
        #expect(try texts("print([1, 4, 9] * 2, sqrt([1, 4, 9]))") == ["[2, 8, 18] [1, 2, 3]"])
    }

    @Test func formulaIsAValue() throws {
        #expect(try texts("f = score ~ edu + (1 | classroom)\nprint(f)\nf") ==
                ["score ~ edu + (1 | classroom)", "score ~ edu + (1 | classroom)"])
    }

    @Test func formulaNamesAreNotLookedUp() throws {
        // `nothing_here` is not a variable, yet the formula evaluates.
        #expect(try errorOf("f = nothing_here ~ other") == nil)
    }

    @Test func namedArgumentsBindByName() throws {
        #expect(try texts("print(round(digits = 1, x = 2.345))") == ["2.3"])
    }
}
