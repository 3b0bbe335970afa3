import Testing
@testable import MixdownLang

@Suite struct InterpolationTests {
    func s(_ source: String) throws -> String? { string(try eval(source)) }

    @Test func plainAndExpressions() throws {
        #expect(try s("\"n = {1 + 2}\"") == "n = 3")
        #expect(try s("\"{[1, 2][0]} and {\"x\"}\"") == "1 and x")
        #expect(try s("\"braces {{kept}}\"") == "braces {kept}")
    }

    @Test func fixedGeneralExponent() throws {
        #expect(try s("\"{3.14159:.3f}\"") == "3.142")
        #expect(try s("\"{0.000123456:.3g}\"") == "0.000123")
        #expect(try s("\"{123456789:.3g}\"") == "1.23e+08")
        #expect(try s("\"{1234.5:.2e}\"") == "1.23e+03")
        #expect(try s("\"{7.6:d}\"") == "8")
    }

    @Test func percentAndWidth() throws {
        #expect(try s("\"{0.0366:.1%}\"") == "3.7%")
        #expect(try s("\"[{2.5:8.2f}]\"") == "[    2.50]")
        #expect(try s("\"[{\"ab\":4}]\"") == "[ab  ]")
    }

    @Test func numbersWithoutSpec() throws {
        #expect(try s("\"{60}\"") == "60")
        #expect(try s("\"{0.25}\"") == "0.25")
    }

    @Test func badSpecIsLocated() throws {
        let e = try errorOf("x = 1\nprint(\"v = {x:.3q}\")")
        #expect(e == LangError("unknown format spec '.3q': use for example .3f, .4g, .2e, d or .1%",
                               at: SourceLocation(file: "lesson.md", line: 2, column: 13)))
    }

    @Test func specNeedsANumber() throws {
        let e = try errorOf("print(\"{\"a\":.2f}\")")
        #expect(e?.message == "the format spec '.2f' needs a number, got a string")
    }

    @Test func errorInsideInterpolationPointsIntoTheString() throws {
        let e = try errorOf("score = 1\nprint(\"x = {scroe}\")")
        #expect(e == LangError("'scroe' is not defined", at: SourceLocation(file: "lesson.md", line: 2, column: 13),
                               hint: "did you mean 'score'?"))
    }
}
