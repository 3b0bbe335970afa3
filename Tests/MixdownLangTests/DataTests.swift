import Foundation
import Testing
@testable import MixdownLang

@Suite struct DataTests {
    /// The data set parsed independently of the language (plain string splitting).
    static let rows: [(String, Double, Double)] = scoreCSV.split(separator: "\n").dropFirst().map { line in
        let f = line.split(separator: ",")
        return (String(f[0]), Double(f[1]) ?? .nan, Double(f[2]) ?? .nan)
    }

    func table(_ r: CellRunResult, _ index: Int = 0) -> TableOutput? {
        let tables = r.outputs.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
        return index < tables.count ? tables[index] : nil
    }

    @Test func readAndHead() throws {
        let r = try runWithScore(["head(df, 5)", "print(nrow(df), ncol(df), names(df))"])
        let t = try #require(table(r[0]))
        #expect(t.columns == ["classroom", "edu", "score"])
        #expect(t.rows.count == 5)
        #expect(t.totalRows == 60)
        let first = DataTests.rows[0]
        #expect(t.rows[0] == [.string(first.0), .number(first.1), .number(first.2)])
        #expect(r[1].outputs == [.text("60 3 [\"classroom\", \"edu\", \"score\"]")])
    }

    @Test func columnsByMemberAndIndex() throws {
        let r = try runWithScore(["print(mean(df.score) == mean(df[\"score\"]), len(df.edu))", "head(df[[\"score\", \"edu\"]], 2)"])
        #expect(r[0].outputs == [.text("true 60")])
        #expect(table(r[1])?.columns == ["score", "edu"])
    }

    @Test func aggregateMeansPerClassroomSorted() throws {
        let r = try runWithScore(["means = aggregate(df, by = \"classroom\", mean)\nmeans"])
        let t = try #require(table(r[0]))
        #expect(t.columns == ["classroom", "edu", "score"])
        #expect(t.rows.map { $0[0] } == [.string("c0"), .string("c1"), .string("c2")])
        for (i, level) in ["c0", "c1", "c2"].enumerated() {
            let members = DataTests.rows.filter { $0.0 == level }
            let edu = members.map(\.1).reduce(0, +) / Double(members.count)
            let score = members.map(\.2).reduce(0, +) / Double(members.count)
            guard case .number(let e) = t.rows[i][1], case .number(let s) = t.rows[i][2] else {
                Issue.record("not numbers"); continue
            }
            #expect(abs(e - edu) < 1e-12)
            #expect(abs(s - score) < 1e-12)
        }
    }

    @Test func aggregateWithCount() throws {
        let r = try runWithScore(["aggregate(df, by = \"classroom\", count)"])
        #expect(table(r[0])?.rows.map { $0[1] } == [.number(20), .number(20), .number(20)])
    }

    @Test func byGroupWithLambda() throws {
        let r = try runWithScore(["by_group(df, \"classroom\", g -> max(g.edu) - min(g.edu), name = \"range\")"])
        let t = try #require(table(r[0]))
        #expect(t.columns == ["classroom", "range"])
        for (i, level) in ["c0", "c1", "c2"].enumerated() {
            let edu = DataTests.rows.filter { $0.0 == level }.map(\.1)
            #expect(t.rows[i] == [.string(level), .number((edu.max() ?? 0) - (edu.min() ?? 0))])
        }
    }

    @Test func unknownColumnSuggests() throws {
        let r = try runWithScore(["x = df.scor", "x = aggregate(df, by = \"clasroom\", mean)"])
        #expect(r[0].error == LangError("the data frame has no column 'scor'", at: SourceLocation(file: "lesson.md", line: 1, column: 8),
                                        hint: "did you mean 'score'?"))
        #expect(r[1].error == LangError("the data frame has no column 'clasroom'", at: SourceLocation(file: "lesson.md", line: 1, column: 24),
                                        hint: "did you mean 'classroom'?"))
    }

    @Test func wrongArgumentTypeNamesFunctionAndPosition() throws {
        let r = try runWithScore(["head(5, 2)", "nrow(df.edu)"])
        #expect(r[0].error?.message == "head() expects a data frame, a column, a named vector or a list as its first argument, got a number")
        #expect(r[1].error?.message == "nrow() expects a data frame as its first argument, got a column")
    }

    @Test func pathOutsideTheTutorialIsRefused() throws {
        let outside = try TempTutorial(files: ["secret.csv": "a\n1\n"])
        let t = try scoreTutorial()
        let link = t.root.appendingPathComponent("datasets/link.csv")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: outside.root.appendingPathComponent("secret.csv"))
        let s = t.session()
        let dotdot = s.run("x = read_csv(\"../secret.csv\")", firstLine: 3)
        #expect(dotdot.error == LangError("read_csv() can only read files inside the tutorial folder, and '../secret.csv' is outside it",
                                          at: SourceLocation(file: "lesson.md", line: 3, column: 14)))
        let absolute = s.run("x = read_csv(\"\(outside.root.path)/secret.csv\")", firstLine: 1)
        #expect(absolute.error?.message.hasPrefix("read_csv() can only read files inside the tutorial folder") == true)
        let symlink = s.run("x = read_csv(\"datasets/link.csv\")", firstLine: 1)
        #expect(symlink.error?.message == "read_csv() can only read files inside the tutorial folder, and 'datasets/link.csv' is outside it")
        let sneaky = s.run("x = read_csv(\"datasets/../datasets/score_parentedu_byclass.csv\")", firstLine: 1)
        #expect(sneaky.error == nil)
        #expect(s.filesRead.map(\.lastPathComponent) == ["score_parentedu_byclass.csv"])
    }

    @Test func missingFileSuggestsTheClosest() throws {
        let t = try scoreTutorial()
        let r = t.session().run("x = read_csv(\"datasets/score_parentedu_byclas.csv\")", firstLine: 1)
        #expect(r.error?.message == "read_csv() cannot find the file 'datasets/score_parentedu_byclas.csv' (looked for it next to the lesson)")
        #expect(r.error?.hint == "did you mean 'datasets/score_parentedu_byclass.csv'?")
    }

    @Test func markupInDataComesThroughAsData() throws {
        let t = try TempTutorial(files: ["evil.csv": "name,x\n<script>alert(1)</script>,1\n\"a & b\",2\n"])
        let r = t.session().run("d = read_csv(\"evil.csv\")\nd\nprint(d.name[0])", firstLine: 1)
        #expect(r.error == nil)
        #expect(r.outputs == [.table(TableOutput(columns: ["name", "x"],
                                                 rows: [[.string("<script>alert(1)</script>"), .number(1)], [.string("a & b"), .number(2)]])),
                              .text("<script>alert(1)</script>")])
    }

    @Test func malformedCSVIsReported() throws {
        let t = try TempTutorial(files: ["bad.csv": "a,b\n1,2,3\n"])
        let r = t.session().run("d = read_csv(\"bad.csv\")", firstLine: 1)
        #expect(r.error?.message.hasPrefix("read_csv() cannot read 'bad.csv': ") == true)
        #expect(r.error?.message.contains(t.root.path) == false)
    }
}

@Suite struct ColumnHintTests {
    @Test func bareColumnNameGetsAQuotingHint() throws {
        let r = try runWithScore(["m = ols(score ~ edu, df)\nt_test(m, edu)"])
        #expect(r[0].error == LangError("'edu' is not defined", at: SourceLocation(file: "lesson.md", line: 2, column: 11),
                                        hint: "'edu' is a column of df: write \"edu\" (in quotes) or df.edu"))
    }
}
