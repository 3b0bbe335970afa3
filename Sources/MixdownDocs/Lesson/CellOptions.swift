import Foundation

/// Quarto-style options written as `#| key: value` lines at the top of an `lmm` cell.
public struct CellOptions: Equatable, Sendable {
    public var label: String?
    public var caption: String?
    /// Show the cell's source (default true).
    public var echo = true
    /// Run the cell (default true); a cell with `eval: false` is shown but not run.
    public var eval = true
    /// Figure size in pixels, when given.
    public var width: Int?
    public var height: Int?

    public init() {}

    /// The kind of thing the label numbers: `fig-…` → figure, `tbl-…` → table.
    public var labelKind: LabelKind? {
        guard let label else { return nil }
        if label.hasPrefix("fig-") { return .figure }
        if label.hasPrefix("tbl-") { return .table }
        return nil
    }

    public enum LabelKind: Sendable { case figure, table }
}

/// A cell's source split into its options and the code the language runs.
struct ParsedCell {
    var options: CellOptions
    /// The code with the option lines removed.
    var code: String
    /// How many option lines were removed from the top (the code starts that many lines later).
    var optionLineCount: Int
    /// Problems with the options, each with its 0-based line offset inside the cell.
    var problems: [(offset: Int, message: String)]

    init(source: String) {
        var options = CellOptions()
        var problems: [(Int, String)] = []
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var count = 0
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("#|") else { break }
            let body = trimmed.dropFirst(2)
            guard let colon = body.firstIndex(of: ":") else {
                problems.append((count, "a cell option needs the form '#| key: value'"))
                count += 1
                continue
            }
            let key = body[..<colon].trimmingCharacters(in: .whitespaces)
            var value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            switch key {
            case "label": options.label = value
            case "caption", "fig-cap", "tbl-cap": options.caption = value
            case "echo", "eval":
                guard let flag = Self.bool(value) else {
                    problems.append((count, "'\(key)' takes true or false, not '\(value)'"))
                    break
                }
                if key == "echo" { options.echo = flag } else { options.eval = flag }
            case "width", "height", "fig-width", "fig-height":
                guard let n = Int(value), n > 0, n <= 4000 else {
                    problems.append((count, "'\(key)' takes a size in pixels between 1 and 4000, not '\(value)'"))
                    break
                }
                if key.hasSuffix("width") { options.width = n } else { options.height = n }
            default:
                problems.append((count, "unknown cell option '\(key)' (known: label, caption, echo, eval, width, height)"))
            }
            count += 1
        }
        self.options = options
        self.optionLineCount = count
        self.code = lines.dropFirst(count).joined(separator: "\n")
        self.problems = problems
    }

    private static func bool(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: return nil
        }
    }
}
