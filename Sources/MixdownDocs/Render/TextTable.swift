import MixdownLang

/// Lays out rows of text as an aligned plain-text table (numbers right-aligned).
enum TextTable {
    static func cell(_ value: TableValue) -> String {
        switch value {
        case .number(let x): return NumberFormat.display(x)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .null: return "NA"
        }
    }

    static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return Double(cell) != nil ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
