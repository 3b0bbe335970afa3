import Foundation

/// Test data: the walkthrough's CSV and the statsmodels reference, read from the source folder.
enum Fixtures {
    /// `Tests/MixdownChartsTests/Golden`, found from this file's path (not the bundle copy),
    /// so golden files are written where git sees them.
    static let goldenDirectory: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    struct DataSet {
        var classroom: [String] = []
        var edu: [Double] = []
        var score: [Double] = []
        var count: Int { edu.count }

        /// Indices of the rows of one classroom.
        func rows(of c: String) -> [Int] { classroom.indices.filter { classroom[$0] == c } }
        var classrooms: [String] { Array(Set(classroom)).sorted() }
    }

    struct FixtureError: Error, CustomStringConvertible { let description: String }

    /// Parses `classroom,edu,score` (the header is checked, not assumed).
    static func dataSet() throws -> DataSet {
        let text = try String(contentsOf: goldenDirectory.appendingPathComponent("score_parentedu_byclass.csv"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard lines.first == "classroom,edu,score" else { throw FixtureError(description: "unexpected CSV header") }
        lines.removeFirst()
        var d = DataSet()
        for (i, line) in lines.enumerated() {
            let f = line.split(separator: ",").map(String.init)
            guard f.count == 3, let e = Double(f[1]), let s = Double(f[2]) else {
                throw FixtureError(description: "bad CSV row \(i + 2): \(line)")
            }
            d.classroom.append(f[0]); d.edu.append(e); d.score.append(s)
        }
        return d
    }
}
