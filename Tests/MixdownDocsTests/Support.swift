import Foundation
import MixdownCharts
import MixdownLang
@testable import MixdownDocs

/// A stand-in cell runner: prints each cell's code back, fails on a line that says `fail`,
/// and makes a table of a cell that says `table`.
final class EchoRunner: CellRunner {
    var filesRead: [URL] = []
    func run(_ code: String, firstLine: Int) -> CellRunResult {
        if let index = code.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(where: { $0.hasPrefix("fail") }) {
            return CellRunResult(outputs: [], error: LangError("this cell fails on purpose",
                at: SourceLocation(file: "t.md", line: firstLine + index, column: 1), hint: "did you mean 'pass'?"))
        }
        if code.hasPrefix("table") {
            return CellRunResult(outputs: [.table(TableOutput(columns: ["term", "coef", "std err", "P>|t|"],
                rows: [[.string("edu"), .number(0.130716537618626), .number(0.038), .number(0.0011)]]))], error: nil)
        }
        if code.hasPrefix("figure") {
            let panel = Panel(xLabel: "x", yLabel: "y", marks: [.points(Points(x: [1, 2, 3], y: [2, 1, 3]))])
            return CellRunResult(outputs: [.figure(Figure(panels: [panel], id: "figure"))], error: nil)
        }
        return CellRunResult(outputs: [.text(code)], error: nil)
    }
    /// Inline values: the expression back in brackets, or an error for `fail`.
    func evaluate(_ expression: String, line: Int, column: Int) -> Result<String, LangError> {
        if expression.hasPrefix("fail") {
            return .failure(LangError("this value fails on purpose", at: SourceLocation(file: "t.md", line: line, column: column)))
        }
        return .success("[\(expression)]")
    }
    static let factory: CellRunnerFactory = { _, _, _ in EchoRunner() }
}

/// A temporary tutorial folder with lessons, removed when the value goes away.
final class TempTutorial {
    let root: URL
    var tutorial: URL { root.appendingPathComponent("tutorial") }
    var output: URL { root.appendingPathComponent("output") }

    init(lessons: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mixdown-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("tutorial"), withIntermediateDirectories: true)
        for (name, text) in lessons {
            try text.write(to: root.appendingPathComponent("tutorial/\(name)"), atomically: true, encoding: .utf8)
        }
    }
    deinit { try? FileManager.default.removeItem(at: root) }

    func builder() throws -> SiteBuilder {
        try SiteBuilder(configuration: SiteConfiguration(tutorial: tutorial, templates: repositoryTemplates),
                        makeRunner: EchoRunner.factory)
    }

    /// A builder that runs cells with the real cell language.
    func realBuilder() throws -> SiteBuilder {
        try SiteBuilder(configuration: SiteConfiguration(tutorial: tutorial, templates: repositoryTemplates))
    }

    /// Writes a file under the tutorial folder (e.g. `data/d.csv`), making its folders.
    func add(_ path: String, _ text: String) throws {
        let url = tutorial.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Runs and renders one lesson of the folder with the real cell language.
    func render(_ name: String) throws -> RenderedLesson {
        try realBuilder().renderLesson(try Lesson.load(tutorial.appendingPathComponent(name)))
    }
}

/// The repository's own templates folder.
let repositoryTemplates = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("templates")
