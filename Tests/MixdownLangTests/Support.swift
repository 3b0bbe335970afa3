import Foundation
import Testing
@testable import MixdownLang

/// A temporary tutorial folder with the lesson "lesson.md" and optional files.
final class TempTutorial {
    let root: URL
    init(files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("mixdown-lang-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }
    func session() -> Session {
        Session(lessonName: "lesson.md", lessonDirectory: root, tutorialRoot: root)
    }
    deinit { try? FileManager.default.removeItem(at: root) }
}

/// Runs cells in one fresh session (each starting on line 1) and returns their results.
func runCells(_ cells: [String], files: [String: String] = [:]) throws -> [CellRunResult] {
    let t = try TempTutorial(files: files)
    let s = t.session()
    return cells.map { s.run($0, firstLine: 1) }
}

/// Runs one cell and returns its outputs, failing the test on error.
func outputs(_ source: String, files: [String: String] = [:]) throws -> [CellOutput] {
    let r = try runCells([source], files: files)[0]
    if let e = r.error { Issue.record("unexpected error: \(e)") }
    return r.outputs
}

/// The texts shown by a cell.
func texts(_ source: String, files: [String: String] = [:]) throws -> [String] {
    try outputs(source, files: files).compactMap { if case .text(let t) = $0 { return t } else { return nil } }
}

/// The error of a single cell (nil when it ran).
func errorOf(_ source: String, files: [String: String] = [:]) throws -> LangError? {
    try runCells([source], files: files)[0].error
}

/// Evaluates a single expression in a fresh session.
func eval(_ expr: String) throws -> Value {
    let t = try TempTutorial()
    let interpreter = Interpreter(context: SessionContext(lessonName: "lesson.md", lessonDirectory: t.root, tutorialRoot: t.root))
    let stmts = try Parser.parse(expr, file: "lesson.md")
    guard case .expression(let e)? = stmts.first else { throw LangError("not an expression", at: SourceLocation(file: "", line: 0, column: 0)) }
    return try interpreter.evaluate(e, in: interpreter.globals)
}

func number(_ v: Value) -> Double? { if case .number(let x) = v { return x } else { return nil } }
func string(_ v: Value) -> String? { if case .string(let x) = v { return x } else { return nil } }
