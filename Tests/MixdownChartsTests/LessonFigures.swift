import Foundation
import Testing
import MixdownCharts
@testable import MixdownLang

/// Runs lesson-language snippets the way a lesson does, against the tutorial's own data sets,
/// and hands back the plot value of the last expression (and its figure and SVG).
struct LessonFigures {
    static let tutorial: URL = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tutorial")
    }()

    let interpreter: Interpreter
    private let temporary: URL?

    /// A session in the tutorial folder; with `files`, in a temporary copy of its data sets plus
    /// those files (path → contents).
    init(files: [String: String] = [:]) throws {
        var root = Self.tutorial
        temporary = files.isEmpty ? nil : FileManager.default.temporaryDirectory
            .appendingPathComponent("mixdown-charts-\(UUID().uuidString)", isDirectory: true)
        if let temporary {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.tutorial.appendingPathComponent("datasets"),
                                             to: temporary.appendingPathComponent("datasets"))
            for (path, text) in files { try text.write(to: temporary.appendingPathComponent(path), atomically: true, encoding: .utf8) }
            root = temporary
        }
        interpreter = Interpreter(context: SessionContext(lessonName: "lesson.md", lessonDirectory: root, tutorialRoot: root))
    }

    /// Removes the temporary folder, if any.
    func cleanUp() { if let temporary { try? FileManager.default.removeItem(at: temporary) } }

    /// Runs the statements of `setup`, then evaluates `expression`.
    func value(_ setup: String, _ expression: String) throws -> Value {
        for stmt in try Parser.parse(setup, file: "lesson.md") { _ = try interpreter.execute(stmt) }
        guard case .expression(let e)? = try Parser.parse(expression, file: "lesson.md").first else {
            throw LangError("not an expression", at: SourceLocation(file: "lesson.md", line: 1, column: 1))
        }
        return try interpreter.evaluate(e, in: interpreter.globals)
    }

    func plot(_ setup: String, _ expression: String) throws -> Plot {
        guard case .plot(let p) = try value(setup, expression) else {
            throw LangError("not a plot", at: SourceLocation(file: "lesson.md", line: 1, column: 1))
        }
        return p
    }

    /// The figure as a cell draws it (figure number 1, the default size unless given).
    func figure(_ setup: String, _ expression: String, width: Double? = nil, height: Double? = nil) throws -> Figure {
        try plot(setup, expression).figure(number: 1, width: width, height: height)
    }

    /// The error a snippet ends with (nil when it ran).
    func error(_ setup: String, _ expression: String) -> LangError? {
        do { _ = try value(setup, expression); return nil } catch let e as LangError { return e } catch {
            return LangError("\(error)", at: SourceLocation(file: "lesson.md", line: 1, column: 1))
        }
    }
}

extension Panel {
    var lines: [Line] { marks.compactMap { if case .line(let l) = $0 { return l } else { return nil } } }
    var arrows: [Arrow] { marks.compactMap { if case .arrow(let a) = $0 { return a } else { return nil } } }
    var pointMarks: [Points] { marks.compactMap { if case .points(let p) = $0 { return p } else { return nil } } }
    var errorBarMarks: [ErrorBars] { marks.compactMap { if case .errorBars(let e) = $0 { return e } else { return nil } } }
}
