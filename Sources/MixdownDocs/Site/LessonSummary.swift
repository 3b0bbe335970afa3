import Foundation

/// The one-line report of a rendered lesson: `lmm.md  38 cells, 10 figures, 0 failed  (0.12 s)`.
public enum LessonSummary {
    public static func line(_ lesson: RenderedLesson, seconds: TimeInterval) -> String {
        let failedCells = lesson.cells.filter { !$0.ok }.count
        let problems = lesson.diagnostics.count
        var parts = ["\(lesson.cells.count) cells", "\(lesson.figureCount) figures"]
        parts.append(failedCells > 0 ? "\(failedCells) failed" : (problems > 0 ? "\(problems) problems" : "0 failed"))
        return "\(lesson.lesson.fileName)  " + parts.joined(separator: ", ") + String(format: "  (%.2f s)", seconds)
    }
}
