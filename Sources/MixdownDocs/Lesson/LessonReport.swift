/// Text and JSON reports of one executed lesson, for `mixdown run` (no templates needed).
public enum LessonReport {
    /// The contracts §4 JSON.
    public static func json(_ lesson: ExecutedLesson) -> String {
        LessonResults.json(lesson).serialized()
    }

    /// A plain-text transcript: each cell's line, its text outputs, and tables as aligned text.
    public static func text(_ lesson: ExecutedLesson) -> String {
        var out: [String] = []
        for cell in lesson.cells {
            out.append("── cell \(cell.index) (\(lesson.lesson.fileName):\(cell.line))" + (cell.ok ? "" : " FAILED"))
            for output in cell.result?.outputs ?? [] {
                switch output {
                case .text(let text): out.append(text)
                case .warning(let text): out.append("warning: " + text)
                case .figure(let figure): out.append("[figure] " + figure.description)
                case .table(let table):
                    let rows = [table.columns] + table.rows.map { $0.map(TextTable.cell) }
                    out.append(TextTable.render(rows))
                }
            }
            if let error = cell.result?.error { out.append("error: \(error)") }
        }
        for value in lesson.inlineValues {
            out.append("── inline \(value.location): \(value.expression) = " + (value.text ?? "error: \(value.error?.message ?? "")"))
        }
        return out.joined(separator: "\n")
    }
}
