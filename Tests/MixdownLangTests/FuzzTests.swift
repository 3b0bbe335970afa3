import Foundation
import Testing
@testable import MixdownLang
import MixdownStats

/// Seeded, bounded fuzzing of the lexer, parser and interpreter: random characters, random
/// token sequences, and random mutations of the cells of the two lessons. Nothing may crash
/// or hang, and every error must point inside the cell that raised it.
@Suite(.timeLimit(.minutes(5))) struct FuzzTests {
    /// A deterministic generator, so every run tries the same inputs.
    typealias Generator = SplitMix64

    static let tutorial = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("tutorial")

    static let alphabet = Array("abxyz_019 .,:;~+-*/^|()[]{}=<>!\"'#\\\n\t{}éλ\u{0}\u{202E}")
    static let vocabulary = ["df", "x", "m", "=", "==", "(", ")", "[", "]", "{", "}", ",", ".", "~", "+", "-", "*",
                             "/", "^", "|", "||", ":", "->", "fn", "and", "or", "not", "true", "none", "1", "0",
                             "-1", "2.5", "\"a\"", "\"{x}\"", "\n", "mean", "frame", "sort", "join", "ave", "ols",
                             "lmm", "pnorm", "qt", "filter", "levels", "head", "score", "edu", "classroom",
                             "read_csv(\"datasets/score_parentedu_byclass.csv\")", "by", "f", "na_rm"]

    /// Runs cells in one session and checks that every error is located in its cell.
    static func check(_ cells: [String], lesson: String = "fuzz.md") {
        let session = Session(lessonName: lesson, lessonDirectory: tutorial, tutorialRoot: tutorial)
        var line = 10
        for cell in cells {
            let result = session.run(cell, firstLine: line)
            let lines = cell.split(separator: "\n", omittingEmptySubsequences: false).count
            if let e = result.error {
                #expect(e.location.file == lesson, "\(e) in \(cell.debugDescription)")
                #expect((line...(line + lines)).contains(e.location.line), "\(e) outside its cell \(cell.debugDescription)")
                #expect(e.location.column >= 1, "\(e) in \(cell.debugDescription)")
                #expect(!e.message.isEmpty)
            }
            line += lines + 3
        }
    }

    @Test func randomCharacters() {
        var g = Generator(state: 1)
        let cells = (0..<1500).map { _ in
            String((0..<Int.random(in: 0...40, using: &g)).map { _ in Self.alphabet.randomElement(using: &g)! })
        }
        Self.check(["df = read_csv(\"datasets/score_parentedu_byclass.csv\")\nx = df.edu\nm = ols(score ~ edu, df)"] + cells)
    }

    @Test func randomTokenSequences() {
        var g = Generator(state: 2)
        let cells = (0..<2000).map { _ in
            (0..<Int.random(in: 1...14, using: &g)).map { _ in Self.vocabulary.randomElement(using: &g)! }.joined(separator: " ")
        }
        Self.check(["df = read_csv(\"datasets/score_parentedu_byclass.csv\")\nx = df.edu\nm = ols(score ~ edu, df)"] + cells)
    }

    @Test func parserAloneOnManyInputs() {
        var g = Generator(state: 3)
        for _ in 0..<5000 {
            let source = (0..<Int.random(in: 1...30, using: &g)).map { _ in
                Bool.random(using: &g) ? Self.vocabulary.randomElement(using: &g)! : String(Self.alphabet.randomElement(using: &g)!)
            }.joined()
            do {
                _ = try Parser.parse(source, file: "p.md", firstLine: 3)
            } catch let e as LangError {
                #expect(e.location.line >= 3 && e.location.column >= 1, "\(e) for \(source.debugDescription)")
            } catch {
                Issue.record("unlocated error \(error) for \(source.debugDescription)")
            }
        }
    }

    @Test func deeplyNestedFormulaFailsCleanly() throws {
        let deep = "m = ols(score ~ " + String(repeating: "(", count: 5000) + "edu" + String(repeating: ")", count: 5000) + ", df)"
        let r = try runWithScore([deep])
        #expect(r[0].error?.message.contains("nested too deeply") == true)
    }

    /// The ```lmm cells of a lesson.
    static func cells(of lesson: String) throws -> [String] {
        let text = try String(contentsOf: tutorial.appendingPathComponent(lesson), encoding: .utf8)
        var out: [String] = [], current: [String]? = nil
        for line in text.components(separatedBy: "\n") {
            if current == nil, line.hasPrefix("```lmm") { current = [] }
            else if current != nil, line.hasPrefix("```") { out.append(current!.joined(separator: "\n")); current = nil }
            else if current != nil { current!.append(line) }
        }
        return out
    }

    /// One random edit: delete, insert, duplicate or swap characters, or swap two lines.
    static func mutate(_ cell: String, _ g: inout Generator) -> String {
        var chars = Array(cell)
        guard !chars.isEmpty else { return String(alphabet.randomElement(using: &g)!) }
        let i = Int.random(in: 0..<chars.count, using: &g)
        switch Int.random(in: 0..<5, using: &g) {
        case 0: chars.remove(at: i)
        case 1: chars.insert(alphabet.randomElement(using: &g)!, at: i)
        case 2: chars.insert(contentsOf: Array(vocabulary.randomElement(using: &g)!), at: i)
        case 3:
            let j = Int.random(in: 0..<chars.count, using: &g)
            chars.swapAt(i, j)
        default:
            var lines = cell.components(separatedBy: "\n")
            if lines.count > 1 { lines.swapAt(0, Int.random(in: 0..<lines.count, using: &g)) }
            return lines.joined(separator: "\n")
        }
        return String(chars)
    }

    @Test(arguments: ["lmm.md", "language.md"])
    func mutatedLessons(_ lesson: String) throws {
        let original = try Self.cells(of: lesson)
        #expect(original.count > 5)
        for seed in 1...4 {
            var g = Generator(state: UInt64(seed * 100))
            // Every cell mutated with probability one half, up to three edits each.
            let cells = original.map { cell -> String in
                guard Bool.random(using: &g) else { return cell }
                var c = cell
                for _ in 0..<Int.random(in: 1...3, using: &g) { c = Self.mutate(c, &g) }
                return c
            }
            Self.check(cells, lesson: lesson)
        }
    }
}
