import Foundation
import Testing
@testable import MixdownStats

/// CSV loading and data-frame operations, checked against hand-made inputs.
@Suite struct DataFrameTests {
    static func fixture(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw DataFrameError("fixture \(name) not found")
        }
        return url.path
    }

    static func scoreFrame() throws -> DataFrame {
        try DataFrame.readCSV(path: fixture("score_parentedu_byclass.csv"))
    }

    @Test func loadsTheScoreData() throws {
        let df = try Self.scoreFrame()
        #expect(df.rowCount == 60)
        #expect(df.columnNames == ["classroom", "edu", "score"])
        let classroom = try df.column("classroom")
        #expect(classroom.categorical?.levels == ["c0", "c1", "c2"])
        #expect(try df.numbers("edu").prefix(3) == [2, 10, 3])
        #expect(try df.numbers("score")[0] == 7.204351622545446)
        #expect(df.head(2).rowCount == 2)
        #expect(try df.head(2).value("edu", row: 1) == .number(10))
    }

    @Test func quotingFollowsRFC4180() throws {
        let text = "name,note,x\r\n\"Smith, J\",\"said \"\"hi\"\"\",1\r\n\"multi\nline\",plain,2.5\r\n"
        let df = try DataFrame.parseCSV(text)
        #expect(df.rowCount == 2)
        #expect(try df.column("name")[0] == .string("Smith, J"))
        #expect(try df.column("note")[0] == .string("said \"hi\""))
        #expect(try df.column("name")[1] == .string("multi\nline"))
        #expect(try df.numbers("x") == [1, 2.5])
    }

    @Test func missingValuesAndTypes() throws {
        let df = try DataFrame.parseCSV("a,b,c\n1,x,NA\nNaN,,2\n,NA,\n3,y,1e3\n")
        let a = try df.numbers("a")
        #expect(a[0] == 1 && a[1].isNaN && a[2].isNaN && a[3] == 3)
        let b = try df.column("b")
        #expect(b.categorical?.levels == ["x", "y"])
        #expect(b[1] == .missing && b[2] == .missing)
        let c = try df.numbers("c")
        #expect(c[0].isNaN && c[1] == 2 && c[3] == 1000)
    }

    @Test func numbersParseExactly() throws {
        let texts = ["0.1", "-2.5e-3", "7.204351622545446", "123456789012345678901234", "1.7976931348623157e308",
                     "4.9e-324", "0.30000000000000004", " 42 ", "+.5", "1.", "-0"]
        for t in texts {
            let bytes = Array(t.utf8)
            let v = bytes.withUnsafeBufferPointer { NumberParser.parse($0.baseAddress!, $0.count) }
            #expect(v == Double(t.trimmingCharacters(in: .whitespaces)), "\(t)")
        }
        for bad in ["1x", "0x10", "--1", "e5", "1e", ".", "1,0"] {
            let bytes = Array(bad.utf8)
            #expect(bytes.withUnsafeBufferPointer { NumberParser.parse($0.baseAddress!, $0.count) } == nil, "\(bad)")
        }
    }

    @Test func mixedColumnBecomesStrings() throws {
        let df = try DataFrame.parseCSV("id,v\n1,2\n2,3\nthree,4\n")
        #expect(try df.column("id").categorical?.levels == ["1", "2", "three"])
        #expect(try df.numbers("v") == [2, 3, 4])
    }

    @Test(arguments: [
        ("a,b\n1,2\n3\n", 3, "expected 2 fields (as in the header), found 1"),
        ("a,b\n1,2\n3,4,5\n", 3, "expected 2 fields (as in the header), found 3"),
        ("a,b\n\"x,1\n2,3\n", 2, "a quoted field is never closed"),
        ("a,b\n\"x\"y,1\n", 2, "unexpected text after the closing quote of a field"),
        ("a,a\n1,2\n", 1, "duplicate column name 'a' in the header"),
    ])
    func csvErrorsNameTheLine(text: String, line: Int, message: String) {
        #expect(throws: CSVError(file: "t.csv", line: line, message: message)) {
            try DataFrame.parseCSV(text, source: "t.csv")
        }
    }

    @Test func emptyAndBinaryFiles() throws {
        #expect(throws: CSVError(file: "e.csv", line: nil, message: "empty file (no header row)")) {
            try DataFrame.parseCSV("", source: "e.csv")
        }
        #expect(throws: CSVError(file: "e.csv", line: nil, message: "empty file (no header row)")) {
            try DataFrame.parseCSV("\n \r\n", source: "e.csv")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mixdown-csv-test-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bin = dir.appendingPathComponent("b.csv").path
        FileManager.default.createFile(atPath: bin, contents: Data([0x61, 0x2C, 0x62, 0x0A, 0x00, 0x01, 0x02]))
        #expect(throws: CSVError(file: bin, line: 2, message: "binary file (NUL byte), not CSV text")) {
            try DataFrame.readCSV(path: bin)
        }
        let latin1 = dir.appendingPathComponent("l.csv").path
        FileManager.default.createFile(atPath: latin1, contents: Data([0x61, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A]))
        #expect(throws: CSVError(file: latin1, line: 2, message: "not UTF-8 text (invalid byte sequence)")) {
            try DataFrame.readCSV(path: latin1)
        }
        let missing = dir.appendingPathComponent("nope.csv").path
        #expect(throws: CSVError(file: missing, line: nil, message: "no such file")) {
            try DataFrame.readCSV(path: missing)
        }
    }

    @Test func unknownColumnSuggestsAName() throws {
        let df = try Self.scoreFrame()
        #expect(throws: DataFrameError("unknown column 'scroe' (did you mean 'score'?)")) { try df.column("scroe") }
        #expect(throws: DataFrameError("unknown column 'zzz' (columns: classroom, edu, score)")) { try df.column("zzz") }
    }

    @Test func filterSelectAdd() throws {
        let df = try Self.scoreFrame()
        let c1 = df.filter { $0.string("classroom") == "c1" }
        #expect(c1.rowCount == 20)
        #expect(try c1.column("classroom").categorical?.levels == ["c1"])
        let masked = try df.filter(try df.numbers("edu").map { $0 >= 9 })
        #expect(try masked.numbers("edu").allSatisfy { $0 >= 9 })
        #expect(throws: DataFrameError.self) { try df.filter([true]) }
        let sel = try df.select(["score", "edu"])
        #expect(sel.columnNames == ["score", "edu"])
        let added = df.adding("edu2") { row in row.number("edu").map { $0 * 2 } }
        #expect(try added.numbers("edu2")[1] == 20)
        #expect(throws: DataFrameError.self) { try df.adding(Column(name: "short", numbers: [1])) }
    }

    @Test func groupByMeansMatchTheReference() throws {
        let df = try Self.scoreFrame()
        let means = try df.groupBy("classroom").mean()
        #expect(means.columnNames == ["classroom", "edu", "score"])
        #expect(try means.column("classroom").categorical?.levels == ["c0", "c1", "c2"])
        // statsmodels reference, Aggregation data.
        let edu = try means.numbers("edu"), score = try means.numbers("score")
        for (a, b) in zip(edu, [5.1, 5.4, 6.1]) { #expect(abs(a - b) < 1e-12) }
        for (a, b) in zip(score, [7.632083594769545, 10.249152884784163, 13.892555154210532]) {
            #expect(abs(a - b) <= 1e-12 * abs(b))
        }
        let counts = try df.groupBy("classroom").count()
        #expect(try counts.numbers("score") == [20, 20, 20])
        #expect(try df.groupBy("classroom").size().numbers("size") == [20, 20, 20])
        let sums = try df.groupBy("classroom").sum()
        #expect(abs(try sums.numbers("edu")[0] - 102) < 1e-12)
        let parts = try df.split(by: "classroom")
        #expect(parts.map(\.key) == [.string("c0"), .string("c1"), .string("c2")])
        #expect(parts.allSatisfy { $0.frame.rowCount == 20 })
    }

    @Test func groupByNumericKeysSortsAndDropsMissing() throws {
        let df = try DataFrame.parseCSV("k,v\n2,1\n1,2\nNA,5\n2,3\n")
        let m = try df.groupBy("k").mean()
        #expect(try m.numbers("k") == [1, 2])
        #expect(try m.numbers("v") == [2, 2])
    }
}
