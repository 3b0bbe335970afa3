/// Numbers labelled figures and tables ("Figure 3", "Table 1") and turns `@fig-label` /
/// `@tbl-label` mentions in prose into links to them.
struct CrossReferences {
    private(set) var numbers: [String: (kind: CellOptions.LabelKind, number: Int)] = [:]
    private var figureCount = 0
    private var tableCount = 0

    /// Registers a label; returns a problem message for a duplicate or badly prefixed label.
    mutating func register(_ label: String, kind: CellOptions.LabelKind?) -> String? {
        guard let kind else {
            return "label '\(label)' must start with 'fig-' (a figure) or 'tbl-' (a table)"
        }
        guard label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            return "label '\(label)' may contain only letters, digits, '-' and '_'"
        }
        guard numbers[label] == nil else { return "label '\(label)' is used by two cells" }
        switch kind {
        case .figure: figureCount += 1; numbers[label] = (kind, figureCount)
        case .table: tableCount += 1; numbers[label] = (kind, tableCount)
        }
        return nil
    }

    /// "Figure 2" / "Table 1" for a registered label.
    func name(of label: String) -> String? {
        guard let entry = numbers[label] else { return nil }
        return (entry.kind == .figure ? "Figure " : "Table ") + String(entry.number)
    }

    /// The escaped HTML of `text` with references linked (nil if it has none) and the unknown labels.
    func link(_ text: String) -> (html: String?, unknown: [String]) {
        var html = ""
        var unknown: [String] = []
        var found = false
        var rest = Substring(text)
        while let at = rest.firstIndex(of: "@") {
            let after = rest[rest.index(after: at)...]
            guard after.hasPrefix("fig-") || after.hasPrefix("tbl-") else {
                html += escapeHTML(String(rest[...at]))
                rest = after
                continue
            }
            var label = String(after.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            while label.hasSuffix("-") { label.removeLast() }
            html += escapeHTML(String(rest[..<at]))
            if let name = name(of: label) {
                html += "<a class=\"xref\" href=\"#\(escapeHTML(label))\">\(name)</a>"
                found = true
            } else {
                html += "<span class=\"xref-missing\">@\(escapeHTML(label))</span>"
                unknown.append(label)
            }
            rest = after.dropFirst(label.count)
        }
        html += escapeHTML(String(rest))
        return (found || !unknown.isEmpty ? html : nil, unknown)
    }
}
