import Foundation
import MixdownLang

/// Runs a lesson: its cells and inline values in reading order, in one session. Produces an
/// `ExecutedLesson` (values only: no templates, no HTML).
public struct LessonExecutor {
    let tutorialRoot: URL
    let makeRunner: CellRunnerFactory

    /// `tutorialRoot`: cells may read files only under it.
    public init(tutorialRoot: URL, makeRunner: @escaping CellRunnerFactory = SessionRunner.factory) {
        self.tutorialRoot = tutorialRoot
        self.makeRunner = makeRunner
    }

    public func execute(_ lesson: Lesson) -> ExecutedLesson {
        let source = LessonSource(lesson)
        let runner = makeRunner(lesson.fileName, lesson.url.deletingLastPathComponent(), tutorialRoot)
        var diagnostics: [Diagnostic] = []
        var cells: [ExecutedCell] = []
        var inlineValues: [InlineValue] = []
        for step in source.steps {
            switch step {
            case .cell(let index):
                let cell = run(source.cells[index], index: index, with: runner, source: source, diagnostics: &diagnostics)
                cells.append(cell)
            case .inline(let index):
                let inline = source.inlines[index]
                var value = InlineValue(expression: inline.expression, location: inline.location)
                switch runner.evaluate(inline.expression, line: inline.location.line, column: inline.location.column) {
                case .success(let text): value.text = text
                case .failure(let error):
                    value.error = source.diagnostic(error)
                    diagnostics.append(value.error!)
                }
                inlineValues.append(value)
            }
        }
        return ExecutedLesson(lesson: lesson, cells: cells, inlineValues: inlineValues,
                              diagnostics: diagnostics, filesRead: runner.filesRead)
    }

    private func run(_ cell: LessonSource.Cell, index: Int, with runner: CellRunner, source: LessonSource,
                     diagnostics: inout [Diagnostic]) -> ExecutedCell {
        let parsed = cell.parsed
        for problem in parsed.problems {
            diagnostics.append(source.diagnostic(problem.message, line: cell.fenceLine + 1 + problem.offset))
        }
        var executed = ExecutedCell(index: index, line: cell.fenceLine, options: parsed.options, code: parsed.code)
        guard parsed.options.eval else { return executed }
        let result = runner.run(parsed.code, firstLine: cell.fenceLine + 1 + parsed.optionLineCount)
        if let error = result.error {
            executed.error = source.diagnostic(error)
            diagnostics.append(executed.error!)
        }
        executed.result = result
        return executed
    }
}
