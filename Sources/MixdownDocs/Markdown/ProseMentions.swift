/// A citation as written in prose, in Pandoc's syntax: `[@key]`, `[see @a, p. 3; @b]`,
/// `[-@key]` (year only) or the narrative `@key` ("Bates et al. (2015)").
struct Citation: Hashable, Sendable {
    /// The cited keys, in the order written.
    var keys: [String]
    /// The citation exactly as written, which is what the citation processor is given.
    var source: String
}

/// A piece of a prose text node: plain text, a cross-reference `@fig-…`/`@tbl-…`/`@sec-…`/`@eq-…`,
/// or a citation.
enum ProseMention: Equatable {
    case text(String)
    case reference(String)
    case citation(Citation)
}

/// Splits prose text into plain text, cross-references and citations.
///
/// A mention starts at `@` that does not follow a letter or digit (so `a@b.org` stays text).
/// Keys follow Pandoc: a letter, digit or `_`, then letters, digits and internal punctuation
/// `:.#$%&-+?<>~/`; punctuation at the end belongs to the sentence. A mention whose key starts
/// with `fig-`, `tbl-`, `sec-` or `eq-` is a cross-reference, any other one a citation.
/// Brackets make a citation group only when every `;`-separated part holds one `@key`.
enum ProseMentions {
    static let referencePrefixes = ["fig-", "tbl-", "sec-", "eq-"]

    static func isReference(_ key: String) -> Bool {
        referencePrefixes.contains { key.hasPrefix($0) }
    }

    static func split(_ text: String) -> [ProseMention] {
        var pieces: [ProseMention] = []
        var plain = ""
        func flush() { if !plain.isEmpty { pieces.append(.text(plain)); plain = "" } }
        var i = text.startIndex
        var previous: Character?
        while i < text.endIndex {
            let c = text[i]
            if c == "[", let (citation, end) = bracketCitation(in: text, at: i) {
                flush()
                pieces.append(.citation(citation))
                previous = "]"
                i = end
                continue
            }
            if c == "@", !(previous.map { $0.isLetter || $0.isNumber } ?? false),
               let key = key(in: text, after: i) {
                flush()
                if isReference(key) {
                    pieces.append(.reference(key))
                } else {
                    pieces.append(.citation(Citation(keys: [key], source: "@" + key)))
                }
                i = text.index(i, offsetBy: key.count + 1)
                previous = key.last
                continue
            }
            plain.append(c)
            previous = c
            i = text.index(after: i)
        }
        flush()
        return pieces
    }

    /// The key that follows an `@` at `at`, if any.
    static func key(in text: String, after at: String.Index) -> String? {
        let rest = text[text.index(after: at)...]
        guard let first = rest.first, first.isLetter || first.isNumber || first == "_" else { return nil }
        var key = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || internalPunctuation.contains($0) })
        while let last = key.last, internalPunctuation.contains(last) { key.removeLast() }
        return key.isEmpty ? nil : key
    }

    private static let internalPunctuation: Set<Character> = [":", ".", "#", "$", "%", "&", "-", "+", "?", "<", ">", "~", "/"]

    /// A bracketed citation group starting at `[`, and the index after its `]`.
    private static func bracketCitation(in text: String, at open: String.Index) -> (Citation, String.Index)? {
        guard let close = text[open...].firstIndex(of: "]") else { return nil }
        let inside = text[text.index(after: open)..<close]
        guard !inside.contains("[") else { return nil }
        var keys: [String] = []
        for part in inside.split(separator: ";", omittingEmptySubsequences: false) {
            let partText = String(part)
            let ats = partText.indices.filter { index in
                partText[index] == "@" && (index == partText.startIndex
                    || !(partText[partText.index(before: index)].isLetter || partText[partText.index(before: index)].isNumber))
            }
            guard ats.count == 1, let key = key(in: partText, after: ats[0]), !isReference(key) else { return nil }
            keys.append(key)
        }
        let end = text.index(after: close)
        return (Citation(keys: keys, source: String(text[open..<end])), end)
    }
}
