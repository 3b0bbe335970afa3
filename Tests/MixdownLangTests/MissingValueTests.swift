import Testing
@testable import MixdownLang

/// Missing values as the CSV reader defines them (empty, NA, …): summaries refuse them unless
/// `na_rm = true`, and say how many there are.
@Suite struct MissingValueTests {
    let files = ["d.csv": "g,x\na,1\n,NA\nb,3\nb,\n"]

    @Test func summariesSayHowManyAreMissing() throws {
        let r = try runCells(["d = read_csv(\"d.csv\")\nmean(d.x)"], files: files)
        #expect(r[0].error == LangError("mean() got 2 missing values (of 4); write mean(x, na_rm = true) to leave them out",
                                        at: SourceLocation(file: "lesson.md", line: 2, column: 6)))
    }

    @Test func naRmSkipsThem() throws {
        let r = try runCells(["d = read_csv(\"d.csv\")\nprint(mean(d.x, na_rm = true), sum(d.x, na_rm = true), sd(d.x, na_rm = true), median(d.x, na_rm = true))"], files: files)
        #expect(r[0].outputs == [.text("2 4 1.4142135623730951 2")])
    }

    @Test func anEmptyStringIsAMissingGroup() throws {
        let r = try runCells(["d = read_csv(\"d.csv\")\nlevels(d.g)\nd.g == \"\""], files: files)
        #expect(r[0].error == nil)
        #expect(r[0].outputs == [.table(TableOutput(columns: ["g"], rows: [[.string("a")], [.string("b")]])),
                                 .table(TableOutput(columns: ["g"], rows: [[.null], [.null], [.null], [.null]]))])
    }
}
