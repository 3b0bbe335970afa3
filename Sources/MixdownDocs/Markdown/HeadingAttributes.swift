/// The explicit id of a heading written as Pandoc/Quarto do, `## Fitting the model {#sec-fit}`:
/// the id and the heading with the attribute removed.
struct HeadingAttributes: Equatable {
    /// The id written in `{#…}`, nil when the heading has none.
    var id: String?
    /// The heading text (or HTML) without the attribute.
    var text: String

    /// Reads a trailing `{#id}` from a heading's text or inner HTML (the attribute is plain ASCII,
    /// so it reads the same in both).
    init(_ heading: String) {
        let trimmed = heading.trimmingTrailingSpaces()
        guard trimmed.hasSuffix("}"), let open = trimmed.range(of: "{#", options: .backwards) else {
            id = nil; text = heading; return
        }
        let inside = trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)]
        guard !inside.isEmpty, !inside.contains(where: { $0 == " " || $0 == "{" || $0 == "}" }) else {
            id = nil; text = heading; return
        }
        id = String(inside)
        text = String(trimmed[..<open.lowerBound]).trimmingTrailingSpaces()
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" || last == "\n" { s.removeLast() }
        return String(s)
    }
}
