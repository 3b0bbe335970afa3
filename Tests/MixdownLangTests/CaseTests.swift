import Foundation
import Testing
@testable import MixdownLang

/// Data-driven cases: every `Cases/*.lmm` file holds small cells, each introduced by
/// `# case: name`, run in a fresh session where `df` is the score data. `# expect: text` lines
/// give the expected display (text as shown, tables as plain-text tables, one `# expect:` line
/// per line); `# expect error: line:column: message` the expected located error (line 1 is the
/// case's first line).
@Suite struct CaseTests {
    struct Case: CustomTestStringConvertible {
        var file: String
        var name: String
        var source: String
        var expected: [String]
        var error: String?
        var testDescription: String { "\(file): \(name)" }
    }

    static func cases() throws -> [Case] {
        guard let folder = Bundle.module.url(forResource: "Cases", withExtension: nil) else { return [] }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".lmm") }.sorted()
        var out: [Case] = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("# case: ") {
                    out.append(Case(file: file, name: String(line.dropFirst(8)), source: "", expected: []))
                } else if out.isEmpty {
                    continue
                } else if line.hasPrefix("# expect error: ") {
                    out[out.count - 1].error = String(line.dropFirst(16))
                } else if line.hasPrefix("# expect:") {
                    let rest = line.dropFirst(9)
                    out[out.count - 1].expected.append(String(rest.hasPrefix(" ") ? rest.dropFirst() : rest))
                } else {
                    out[out.count - 1].source += (out[out.count - 1].source.isEmpty ? "" : "\n") + line
                }
            }
        }
        return out
    }

    /// What a cell shows, as plain text lines.
    static func shown(_ outputs: [CellOutput]) -> [String] {
        outputs.flatMap { output -> [String] in
            switch output {
            case .text(let t): return t.components(separatedBy: "\n")
            case .table(let t):
                return Display.textTable(columns: t.columns, rows: t.rows, header: true).components(separatedBy: "\n")
            case .warning(let w): return ["warning: " + w]
            case .figure: return ["<figure>"]
            }
        }.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    }

    @Test(arguments: try cases())
    func runs(_ c: Case) throws {
        let t = try scoreTutorial()
        let s = t.session()
        _ = s.run("df = read_csv(\"datasets/score_parentedu_byclass.csv\")", firstLine: 1)
        let r = s.run(c.source, firstLine: 1)
        if ProcessInfo.processInfo.environment["MIXDOWN_SHOW_CASES"] != nil {
            // For writing a new case by hand: prints what the cell gives, never edits a file.
            let lines = r.error.map { ["# expect error: \($0.location.line):\($0.location.column): \($0.message)"] }
                ?? Self.shown(r.outputs).map { "# expect: " + $0 }
            print("## \(c.file): \(c.name)\n" + lines.joined(separator: "\n"))
        }
        if let expected = c.error {
            let got = r.error.map { "\($0.location.line):\($0.location.column): \($0.message)" }
            #expect(got == expected)
        } else {
            #expect(r.error == nil)
            #expect(Self.shown(r.outputs) == c.expected)
        }
    }

    @Test func thereAreCases() throws {
        #expect(try Self.cases().count > 20)
    }
}
