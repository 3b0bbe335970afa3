/// Links the prose of a lesson after its headings and cells are in place: `@fig-`/`@tbl-`/`@sec-`/
/// `@eq-` cross-references and `[@key]`/`@key` citations, formatted by the bibliography. Every
/// unknown label or key is reported with the line and column of its first mention.
struct ProseLinker {
    let numbers: CrossReferences
    let bibliography: Bibliography?
    /// Reports a problem at the first mention of a text in the lesson source.
    let report: (_ message: String, _ mention: String) -> Void

    /// Rewrites the document's text nodes; returns the HTML of the reference list (empty when
    /// nothing is cited).
    func link(_ document: MarkdownDocument) -> String {
        let texts = document.texts.filter { $0.text.contains("@") }
        // Every citation whose keys are all known is formatted in one run of the processor.
        var citations: [Citation] = []
        for text in texts {
            for case .citation(let citation) in ProseMentions.split(text.text)
            where citation.keys.allSatisfy({ bibliography?.keys.contains($0) ?? false }) && !citations.contains(citation) {
                citations.append(citation)
            }
        }
        var formatted: [Citation: String] = [:]
        var references = ""
        if let bibliography, !citations.isEmpty {
            do {
                let result = try bibliography.format(citations)
                formatted = Dictionary(uniqueKeysWithValues: zip(citations, result.citations))
                references = result.references
            } catch {
                report("\(error)", "@" + citations[0].keys[0])
            }
        }
        var reported = Set<String>()
        for text in texts {
            let (html, unknown) = numbers.link(text.text) { formatted[$0] }
            if let html { document.replaceText(text.id, withHTML: html) }
            for key in unknown where reported.insert(key).inserted {
                report(CrossReferences.unknownMessage(key, bibliography: bibliography?.url.lastPathComponent), "@" + key)
            }
        }
        return references
    }

    /// The 1-based line and column of the first mention of `needle` (not preceded by a letter or
    /// digit) in the lesson body, or line 1 column 1 when it is not found.
    static func locate(_ needle: String, in lines: [String]) -> (line: Int, column: Int) {
        for (n, line) in lines.enumerated() {
            var search = line.startIndex
            while let range = line[search...].range(of: needle) {
                let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
                let after = range.upperBound == line.endIndex ? nil : line[range.upperBound]
                if !(before.map { $0.isLetter || $0.isNumber } ?? false),
                   !(after.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false) {
                    return (n + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1)
                }
                search = range.upperBound
            }
        }
        return (1, 1)
    }
}
