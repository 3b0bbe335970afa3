/// The labelled things of a lesson — figures and tables ("Figure 3", "Table 1"), sections (their
/// heading) and display equations ("Equation 2") — and the prose mentions that link to them.
struct CrossReferences {
    /// What a label names.
    enum Target: Equatable {
        case figure(Int), table(Int), equation(Int)
        case section(title: String)
    }

    private(set) var targets: [String: Target] = [:]
    private var figureCount = 0
    private var tableCount = 0
    private var equationCount = 0

    /// Registers a cell label; returns a problem message for a duplicate or badly prefixed label.
    mutating func register(_ label: String, kind: CellOptions.LabelKind?) -> String? {
        guard let kind else {
            return "label '\(label)' must start with 'fig-' (a figure) or 'tbl-' (a table)"
        }
        if let problem = check(label) { return problem }
        switch kind {
        case .figure: figureCount += 1; targets[label] = .figure(figureCount)
        case .table: tableCount += 1; targets[label] = .table(tableCount)
        }
        return nil
    }

    /// Registers a heading id written `{#…}`; one starting `sec-` can be referenced (`@sec-…`),
    /// with the heading's title as the link text. Returns a problem for a bad or repeated id.
    mutating func registerSection(_ id: String, title: String) -> String? {
        if let problem = check(id) { return problem }
        targets[id] = .section(title: title)
        return nil
    }

    /// Registers a display equation's `{#eq-…}` label; its number, or a problem message.
    mutating func registerEquation(_ label: String) -> Result<Int, LabelProblem> {
        guard label.hasPrefix("eq-") else { return .failure(LabelProblem("equation label '\(label)' must start with 'eq-'")) }
        if let problem = check(label) { return .failure(LabelProblem(problem)) }
        equationCount += 1
        targets[label] = .equation(equationCount)
        return .success(equationCount)
    }

    /// A label that cannot be registered.
    struct LabelProblem: Error, Equatable {
        let message: String
        init(_ message: String) { self.message = message }
    }

    private func check(_ label: String) -> String? {
        guard label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            return "label '\(label)' may contain only letters, digits, '-' and '_'"
        }
        guard targets[label] == nil else { return "label '\(label)' is used twice" }
        return nil
    }

    /// "Figure 2", "Table 1", "Equation 3" or a section's title, for a registered label.
    func name(of label: String) -> String? {
        switch targets[label] {
        case .figure(let n): return "Figure \(n)"
        case .table(let n): return "Table \(n)"
        case .equation(let n): return "Equation \(n)"
        case .section(let title): return title
        case nil: return nil
        }
    }

    /// The escaped HTML of `text` with cross-references and citations linked (nil if it has
    /// none), and the labels and citation keys that are not known. `citation` gives the HTML of a
    /// citation whose keys are all known (nil for none).
    func link(_ text: String, citation: (Citation) -> String? = { _ in nil }) -> (html: String?, unknown: [String]) {
        let pieces = ProseMentions.split(text)
        guard pieces.contains(where: { if case .text = $0 { return false } else { return true } }) else {
            return (nil, [])
        }
        var html = ""
        var unknown: [String] = []
        for piece in pieces {
            switch piece {
            case .text(let plain):
                html += escapeHTML(plain)
            case .reference(let label):
                if let name = name(of: label) {
                    html += "<a class=\"xref\" href=\"#\(escapeHTML(label))\">\(escapeHTML(name))</a>"
                } else {
                    html += "<span class=\"xref-missing\">@\(escapeHTML(label))</span>"
                    unknown.append(label)
                }
            case .citation(let cited):
                if let rendered = citation(cited) {
                    html += rendered
                } else {
                    html += "<span class=\"xref-missing\">\(escapeHTML(cited.source))</span>"
                    unknown.append(contentsOf: cited.keys)
                }
            }
        }
        return (html, unknown)
    }

    /// The diagnostic message for an unknown label or citation key.
    static func unknownMessage(_ key: String, bibliography: String?) -> String {
        if key.hasPrefix("fig-") || key.hasPrefix("tbl-") {
            return "unknown cross-reference '@\(key)': no cell has '#| label: \(key)'"
        }
        if key.hasPrefix("sec-") {
            return "unknown cross-reference '@\(key)': no heading has '{#\(key)}'"
        }
        if key.hasPrefix("eq-") {
            return "unknown cross-reference '@\(key)': no display equation has '{#\(key)}'"
        }
        guard let bibliography else {
            return "unknown citation '@\(key)': the tutorial has no bibliography (references.bib or references.json)"
        }
        return "unknown citation '@\(key)': \(bibliography) has no entry with that key"
    }
}
