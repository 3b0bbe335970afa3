import Testing
@testable import MixdownLang

/// `Session.evaluateInline`: one expression from prose, in the session's variables.
@Suite struct InlineValueTests {
    @Test func evaluatesWithTheCellsVariables() throws {
        let t = try TempTutorial()
        let s = t.session()
        _ = s.run("x = 0.12345", firstLine: 1)
        let loc = SourceLocation(file: "lesson.md", line: 9, column: 14)
        #expect(try s.evaluateInline("format(x, \".2f\")", at: loc).get() == "0.12")
        #expect(try s.evaluateInline("x * 2", at: loc).get() == "0.2469")
    }

    @Test func errorsAreLocatedInTheProse() throws {
        let t = try TempTutorial()
        let s = t.session()
        let loc = SourceLocation(file: "lesson.md", line: 9, column: 14)
        guard case .failure(let e) = s.evaluateInline("1 + y", at: loc) else { Issue.record("no error"); return }
        #expect(e.location == SourceLocation(file: "lesson.md", line: 9, column: 18))
        #expect(e.message == "'y' is not defined")
    }
}
