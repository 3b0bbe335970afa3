import Foundation
import MixdownCharts
import MixdownLang

/// The template context of one cell (`templates/cell.mustache`): its highlighted source, outputs,
/// captions and error. Text goes to the template unescaped-by-us (Mustache `{{ }}` escapes it);
/// the source is highlighted HTML and the figures are SVG built escaped by the charts.
struct CellView {
    let cell: ExecutedCell
    let numbers: CrossReferences
    /// The cell's figures drawn for the page (`FigureRenderer.svgs`), in output order.
    let svgs: [Result<String, Error>]

    var context: [String: Any] {
        var outputs: [[String: Any]] = []
        var labelUsed = false
        var figureIndex = 0
        let label = cell.options.label
        let kind = cell.options.labelKind
        for output in cell.result?.outputs ?? [] {
            var item: [String: Any] = [:]
            switch output {
            case .text(let text):
                // Consecutive printed lines share one block.
                if let last = outputs.last, last["isText"] as? Bool == true, let previous = last["text"] as? String {
                    outputs[outputs.count - 1]["text"] = previous + "\n" + text
                    continue
                }
                item["isText"] = true
                item["text"] = text
            case .warning(let text):
                item["isWarning"] = true
                item["text"] = text
            case .table(let table):
                item["isTable"] = true
                item["table"] = Self.tableContext(table)
                if kind == .table && !labelUsed, let label {
                    labelUsed = true
                    item["id"] = label
                    item["caption"] = caption(label)
                }
            case .figure(let figure):
                defer { figureIndex += 1 }
                guard figureIndex < svgs.count, case .success(let svg) = svgs[figureIndex] else {
                    item["isWarning"] = true
                    item["text"] = "this figure cannot be drawn at the size the cell asks for"
                    break
                }
                item["isFigure"] = true
                item["svg"] = svg
                item["description"] = figure.description
                if let narrow = FigureRenderer.narrowSVG(of: cell, ordinal: figureIndex) { item["narrowSVG"] = narrow }
                if kind == .figure && !labelUsed, let label {
                    labelUsed = true
                    item["caption"] = caption(label)
                }
            }
            outputs.append(item)
        }
        var context: [String: Any] = [
            "index": cell.index,
            "line": cell.line,
            "echo": cell.options.echo,
            "source": LmmHighlighter.html(cell.code),
            "outputs": outputs,
            "notRun": cell.result == nil,
        ]
        if let error = cell.error { context["error"] = error.rendered }
        return context
    }

    private func caption(_ label: String) -> [String: Any] {
        ["name": numbers.name(of: label) ?? "", "text": cell.options.caption ?? ""]
    }

    static func tableContext(_ table: TableOutput) -> [String: Any] {
        let rows: [[String: Any]] = table.rows.map { row in
            ["cells": row.map { value -> [String: Any] in
                switch value {
                case .number(let x): return ["text": NumberFormat.display(x), "exact": NumberFormat.exact(x), "numeric": true]
                case .string(let s): return ["text": s, "numeric": false]
                case .bool(let b): return ["text": b ? "true" : "false", "numeric": false]
                case .null: return ["text": "—", "numeric": false, "missing": true]
                }
            }]
        }
        let numericColumns = table.columns.indices.map { column in
            table.rows.contains { row in column < row.count && { if case .number = row[column] { return true } else { return false } }() }
        }
        var context: [String: Any] = [
            // A column without a name (a row index) gets an empty cell, not an empty header.
            "columns": zip(table.columns, numericColumns).map {
                ["name": $0, "numeric": $1, "blank": $0.trimmingCharacters(in: .whitespaces).isEmpty] as [String: Any]
            },
            "rows": rows,
        ]
        if let total = table.totalRows, total > table.rows.count {
            context["more"] = "\(table.rows.count) of \(total) rows"
        }
        return context
    }
}
