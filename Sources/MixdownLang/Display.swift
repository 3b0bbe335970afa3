import Foundation
import MixdownStats

/// Turns values into what a cell shows: tables stay tables (numbers as numbers), figures become
/// chart values, models their text summary plus warnings; everything else is text.
enum Display {
    /// The outputs for a value written bare in a cell (none shows nothing). Numbers that are not
    /// finite (a missing value, a failed computation) become empty table cells.
    static func outputs(for value: Value, interpreter: Interpreter, at loc: SourceLocation) throws -> [CellOutput] {
        try rawOutputs(for: value, interpreter: interpreter, at: loc).map { output in
            guard case .table(var t) = output else { return output }
            t.rows = t.rows.map { $0.map { cell in
                if case .number(let x) = cell, !x.isFinite { return .null }
                return cell
            } }
            return .table(t)
        }
    }

    private static func rawOutputs(for value: Value, interpreter: Interpreter, at loc: SourceLocation) throws -> [CellOutput] {
        switch value {
        case .none: return []
        case .named(let n):
            return [.table(TableOutput(columns: ["term", "value"],
                                       rows: zip(n.names, n.values).map { [.string($0), .number($1)] }))]
        case .column(let c):
            return [.table(TableOutput(columns: [c.name], rows: (0..<c.count).map { [c.tableValue($0)] }))]
        case .mask(let m):
            return [.table(TableOutput(columns: [m.name], rows: m.values.map { [$0.map(TableValue.bool) ?? .null] }))]
        case .frame(let f):
            return [.table(tableOutput(f))]
        case .preview(let f, let total):
            return [.table(tableOutput(f, totalRows: total))]
        case .comparison(let c):
            return [.table(tableOutput(c.frame))]
        case .model(let m):
            return [.text(try m.summaryText("statsmodels"))] + m.warnings.map(CellOutput.warning)
        case .plot(let p):
            let figure = p.figure()
            do {
                _ = try figure.svg()   // a figure that cannot be drawn is this statement's error
            } catch {
                throw LangError("the figure cannot be drawn: \(error)", at: loc)
            }
            return [.figure(figure)]
        default:
            return [.text(text(value))]
        }
    }

    static func tableOutput(_ f: DataFrame, totalRows: Int? = nil) -> TableOutput {
        let rows = (0..<f.rowCount).map { i in f.columns.map { $0.tableValue(i) } }
        return TableOutput(columns: f.columnNames, rows: rows, totalRows: totalRows)
    }

    /// A number as text: whole numbers without decimals, others in their shortest exact form.
    static func numberText(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    /// A table cell as text (compact numbers).
    static func cellText(_ v: TableValue) -> String {
        switch v {
        case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? numberText(x) : String(format: "%.6g", x)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        }
    }

    /// A value as text, as `print` and `{x}` show it.
    static func text(_ value: Value) -> String {
        switch value {
        case .number(let x): return numberText(x)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .none: return "none"
        case .list(let items): return "[" + items.map(literal).joined(separator: ", ") + "]"
        case .named(let n):
            return textTable(columns: ["", ""], rows: zip(n.names, n.values).map { [.string($0), .number($1)] }, header: false)
        case .column(let c):
            return textTable(columns: [c.name], rows: (0..<c.count).map { [c.tableValue($0)] }, header: true)
        case .mask(let m):
            return textTable(columns: [m.name], rows: m.values.map { [$0.map(TableValue.bool) ?? .null] }, header: true)
        case .frame(let f), .preview(let f, _):
            let t = tableOutput(f)
            return textTable(columns: t.columns, rows: t.rows, header: true)
        case .comparison(let c):
            let t = tableOutput(c.frame)
            return textTable(columns: t.columns, rows: t.rows, header: true)
        case .formula(let f): return f.text
        case .function(let f): return "<function \(f.name)>"
        case .model(let m): return (try? m.summaryText("statsmodels")) ?? m.typeDescription
        case .plot(let p): return "<plot with \(p.panels.count) panel\(p.panels.count == 1 ? "" : "s")>"
        }
    }

    /// A value inside a list: strings quoted.
    private static func literal(_ value: Value) -> String {
        if case .string(let s) = value { return "\"\(s)\"" }
        return text(value)
    }

    /// A plain-text table: text left-aligned, numbers right-aligned, columns two spaces apart.
    static func textTable(columns: [String], rows: [[TableValue]], header: Bool) -> String {
        let cells = rows.map { $0.map(cellText) }
        var widths = columns.map { header ? $0.count : 0 }
        for row in cells { for (j, c) in row.enumerated() where j < widths.count { widths[j] = max(widths[j], c.count) } }
        func pad(_ s: String, _ w: Int, right: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, w - s.count))
            return right ? fill + s : s + fill
        }
        var lines: [String] = []
        if header {
            lines.append(columns.enumerated().map { pad($1, widths[$0], right: true) }.joined(separator: "  "))
        }
        for (r, row) in cells.enumerated() {
            lines.append(row.enumerated().map { j, c in
                var right = false
                if case .number = rows[r][j] { right = true }
                return pad(c, widths[j], right: right)
            }.joined(separator: "  "))
        }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
    }
}
