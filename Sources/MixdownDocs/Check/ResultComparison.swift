import Foundation

/// Compares a lesson's stored results (`output/results/NAME.json`) with fresh ones, with a
/// tolerance that knows what it compares: coefficients relative to their standard error, p values
/// on a log scale, counts, flags and words exactly, numbers printed in text or SVG to the last
/// digit shown. Each difference names `lesson.md:LINE` and the table cell or figure.
struct ResultComparison {
    let lesson: String

    func differences(committed: JSONNode, fresh: JSONNode) -> [String] {
        guard let oldCells = committed["cells"]?.array, let newCells = fresh["cells"]?.array else {
            return ["\(lesson): the stored results are not in the expected shape"]
        }
        var found: [String] = []
        if oldCells.count != newCells.count {
            found.append("\(lesson): \(oldCells.count) cells before, \(newCells.count) now")
        }
        for (a, b) in zip(oldCells, newCells) {
            let line = Int(b["line"]?.number ?? 0)
            let place = "\(lesson):\(line)"
            if a["ok"]?.bool != b["ok"]?.bool {
                found.append("\(place): the cell " + (b["ok"]?.bool == true ? "now runs" : "now fails") +
                             (errorText(b).map { ": \($0)" } ?? ""))
                continue
            }
            if let e1 = errorText(a), let e2 = errorText(b), e1 != e2 {
                found.append("\(place): error changed: \(e1) → \(e2)")
            }
            let outA = a["outputs"]?.array ?? [], outB = b["outputs"]?.array ?? []
            if outA.count != outB.count {
                found.append("\(place): \(outA.count) outputs before, \(outB.count) now")
                continue
            }
            var tableNo = 0, figureNo = 0
            for (x, y) in zip(outA, outB) {
                let kind = x["kind"]?.string ?? ""
                if kind != (y["kind"]?.string ?? "") {
                    found.append("\(place): an output changed kind (\(kind) → \(y["kind"]?.string ?? "?"))")
                    continue
                }
                switch kind {
                case "table":
                    tableNo += 1
                    found += compareTables(x, y, place: "\(place): table \(tableNo)")
                case "figure":
                    figureNo += 1
                    let label = b["label"]?.string.map { " (\($0))" } ?? ""
                    if let d = TextTolerance.firstDifference(x["svg"]?.string ?? "", y["svg"]?.string ?? "") {
                        found.append("\(place): figure \(figureNo)\(label) changed: \(d)")
                    }
                default:
                    if let d = TextTolerance.firstDifference(x["text"]?.string ?? "", y["text"]?.string ?? "") {
                        found.append("\(place): \(kind) output changed: \(d)")
                    }
                }
            }
        }
        return found
    }

    private func errorText(_ cell: JSONNode) -> String? {
        cell["error"]?["message"]?.string
    }

    private func compareTables(_ x: JSONNode, _ y: JSONNode, place: String) -> [String] {
        let columns = (x["columns"]?.array ?? []).map { $0.string ?? "" }
        let newColumns = (y["columns"]?.array ?? []).map { $0.string ?? "" }
        if columns != newColumns {
            return ["\(place): columns changed: \(columns) → \(newColumns)"]
        }
        let rowsA = (x["rows"]?.array ?? []).map { $0.array ?? [] }, rowsB = (y["rows"]?.array ?? []).map { $0.array ?? [] }
        if rowsA.count != rowsB.count { return ["\(place): \(rowsA.count) rows before, \(rowsB.count) now"] }
        let seColumn = columns.firstIndex { ["std err", "std. err.", "std.err.", "bse", "stderr", "se"].contains($0.lowercased()) }
        var found: [String] = []
        for (r, (ra, rb)) in zip(rowsA, rowsB).enumerated() {
            let rowName = rb.first?.string.map { "row \(r + 1) (\"\($0)\")" } ?? "row \(r + 1)"
            for (c, (va, vb)) in zip(ra, rb).enumerated() where c < columns.count {
                let column = columns[c]
                var se: Double? = nil
                if let s = seColumn, s < rb.count { se = rb[s].number }
                if let problem = compareCell(va, vb, column: column, standardError: se) {
                    found.append("\(place) \(rowName), column \"\(column)\": \(problem)")
                }
            }
        }
        return found
    }

    /// nil when equal within tolerance, else "old → new (why)".
    func compareCell(_ a: JSONNode, _ b: JSONNode, column: String, standardError: Double?) -> String? {
        if a == b { return nil }
        guard case .number(let x) = a, case .number(let y) = b else {
            return "\(describe(a)) → \(describe(b))"
        }
        let lower = column.lowercased()
        if lower.hasPrefix("p>") || ["pval", "p value", "pvalue", "p", "p-value"].contains(lower) {
            // p values: compare on a log scale.
            if x > 0 && y > 0 && abs(log10(x) - log10(y)) <= 1e-6 { return nil }
            return "\(x) → \(y) (p values differ on a log scale)"
        }
        if let se = standardError, se > 0, ["coef", "coef.", "estimate", "coefficient"].contains(lower) {
            if abs(x - y) <= 1e-6 * se { return nil }
            return "\(x) → \(y) (moved by \(NumberFormat.display(abs(x - y) / se)) standard errors)"
        }
        if x.rounded() == x && y.rounded() == y && abs(x) < 1e15 && abs(y) < 1e15 {
            return "\(x) → \(y) (whole numbers must match exactly)"
        }
        if abs(x - y) <= 1e-8 * max(abs(x), abs(y)) { return nil }
        return "\(x) → \(y)"
    }

    private func describe(_ v: JSONNode) -> String {
        switch v {
        case .null: return "missing"
        case .string(let s): return "\"\(s)\""
        case .number(let x): return "\(x)"
        case .bool(let b): return b ? "true" : "false"
        default: return "a value"
        }
    }
}

/// Compares texts that contain printed numbers (summaries, SVG): words must match exactly; each
/// number may differ by at most one unit of the last digit it shows.
enum TextTolerance {
    /// `relative`: numbers also match when within that fraction of their size.
    static func firstDifference(_ a: String, _ b: String, relative: Double = 0) -> String? {
        if a == b { return nil }
        let ta = tokens(a), tb = tokens(b)
        for (x, y) in zip(ta, tb) where x != y {
            if let u = Double(x), let v = Double(y) {
                let unit = max(lastDigitUnit(x), lastDigitUnit(y))
                if abs(u - v) <= unit * 1.0000001 || abs(u - v) <= relative * max(abs(u), abs(v)) { continue }
            }
            return "\"\(x)\" → \"\(y)\""
        }
        if ta.count != tb.count { return "length changed (\(ta.count) → \(tb.count) tokens)" }
        return nil
    }

    /// Splits into number tokens and runs of everything else.
    static func tokens(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        var inNumber = false
        for ch in s {
            let isNumberChar = ch.isASCII && (ch.isNumber || ch == ".")
            if isNumberChar != inNumber && !current.isEmpty {
                out.append(current); current = ""
            }
            inNumber = isNumberChar
            current.append(ch)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    private static func lastDigitUnit(_ token: String) -> Double {
        guard let dot = token.firstIndex(of: ".") else { return 1 }
        let decimals = token.distance(from: dot, to: token.endIndex) - 1
        return pow(10, -Double(decimals))
    }
}
