import MixdownLang

/// The machine-readable results of a lesson (`mixdown run LESSON.md --json`, contracts §4),
/// also stored as `output/results/NAME.json` so that `check` can compare numbers with tolerance.
enum LessonResults {
    static func json(_ lesson: ExecutedLesson) -> JSON {
        .object([
            ("lesson", .string(lesson.lesson.fileName)),
            ("cells", .array(lesson.cells.map(cell))),
            ("inline", .array(lesson.inlineValues.map(inline))),
        ])
    }

    /// An inline value: where it is, its expression, and its text or error.
    private static func inline(_ value: InlineValue) -> JSON {
        .object([
            ("line", .int(value.location.line)),
            ("column", .int(value.location.column)),
            ("expression", .string(value.expression)),
            ("text", value.text.map(JSON.string) ?? .null),
            ("error", value.error.map { .string($0.message) } ?? .null),
        ])
    }

    private static func cell(_ cell: ExecutedCell) -> JSON {
        var pairs: [(String, JSON)] = [
            ("index", .int(cell.index)),
            ("line", .int(cell.line)),
            ("ok", .bool(cell.ok)),
        ]
        if let label = cell.options.label { pairs.append(("label", .string(label))) }
        pairs.append(("evaluated", .bool(cell.result != nil)))
        var figures = FigureRenderer.svgs(of: cell).makeIterator()
        pairs.append(("outputs", .array((cell.result?.outputs ?? []).map { output($0, figures: &figures) })))
        if let error = cell.result?.error {
            var e: [(String, JSON)] = [
                ("message", .string(error.message)),
                ("file", .string(error.location.file)),
                ("line", .int(error.location.line)),
                ("column", .int(error.location.column)),
            ]
            if let hint = error.hint { e.append(("hint", .string(hint))) }
            pairs.append(("error", .object(e)))
        } else {
            pairs.append(("error", .null))
        }
        return .object(pairs)
    }

    private static func output(_ output: CellOutput, figures: inout IndexingIterator<[Result<String, Error>]>) -> JSON {
        switch output {
        case .text(let text):
            return .object([("kind", .string("text")), ("text", .string(text))])
        case .warning(let text):
            return .object([("kind", .string("warning")), ("text", .string(text))])
        case .table(let table):
            var pairs: [(String, JSON)] = [
                ("kind", .string("table")),
                ("columns", .array(table.columns.map { .string($0) })),
                ("rows", .array(table.rows.map { .array($0.map(value)) })),
            ]
            if let total = table.totalRows { pairs.append(("total_rows", .int(total))) }
            return .object(pairs)
        case .figure(let figure):
            // The SVG exactly as the page shows it (page id, the cell's size).
            let svg = (try? figures.next()?.get()) ?? ""
            return .object([("kind", .string("figure")), ("svg", .string(svg)),
                            ("description", .string(figure.description))])
        }
    }

    private static func value(_ value: TableValue) -> JSON {
        switch value {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .null: return .null
        }
    }
}
