/// Generated HTML kept out of the Markdown engine: cmark sees an inert comment per slot, and the
/// real markup is pasted in after cmark has rendered the page and math has been restored, so
/// nothing inside a cell's output (an SVG's `<title>` and `<style>`, text that looks like a math
/// placeholder) is ever rescanned. The same "preserve" step as quarto's and knitr's.
struct HTMLSlots {
    private var held: [String] = []

    /// The placeholder to give cmark instead of `html` (an HTML comment, which cmark passes through).
    mutating func hold(_ html: String) -> String {
        held.append(html)
        return Self.marker(held.count - 1)
    }

    /// `html` with every placeholder replaced by the markup it stands for.
    func fill(_ html: String) -> String {
        guard !held.isEmpty else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count + held.reduce(0) { $0 + $1.utf8.count })
        var rest = Substring(html)
        while let open = rest.range(of: Self.prefix) {
            result += rest[..<open.lowerBound]
            let digits = rest[open.upperBound...].prefix { $0.isASCII && $0.isNumber }
            let end = digits.endIndex
            if let index = Int(digits), index < held.count, rest[end...].hasPrefix(Self.suffix) {
                result += held[index]
                rest = rest[rest.index(end, offsetBy: Self.suffix.count)...]
            } else {
                result += Self.prefix
                rest = rest[open.upperBound...]
            }
        }
        result += rest
        return result
    }

    private static let prefix = "<!--mixdown-slot-"
    private static let suffix = "-->"
    private static func marker(_ index: Int) -> String { prefix + String(index) + suffix }
}
