import Foundation

/// The bibliography of a tutorial: `references.bib` (BibTeX) or `references.json` (CSL-JSON) in
/// the tutorial folder, the keys it defines, and the citation processor that formats from it.
///
/// Formatting is done by pandoc's citeproc (Debian's `pandoc`), a maintained CSL processor: it
/// parses BibTeX (with its LaTeX accents and braces), disambiguates "et al." and years, and writes
/// escaped HTML in the Chicago author-date style. Mixdown only finds the citations, checks their
/// keys (an unknown key is a located error in the lesson) and places the results.
struct Bibliography {
    /// The file names looked for in the tutorial folder, in order.
    static let fileNames = ["references.bib", "references.json"]

    let url: URL
    let keys: Set<String>
    let pandoc: Pandoc

    /// The tutorial's bibliography, nil when it has none; throws for an unreadable or malformed
    /// file, or when pandoc is missing.
    static func load(tutorial: URL, pandoc: Pandoc? = Pandoc.locate()) throws -> Bibliography? {
        guard let url = fileNames.lazy.map({ tutorial.appendingPathComponent($0) })
            .first(where: { FileManager.default.fileExists(atPath: $0.path) }) else { return nil }
        guard let pandoc else {
            throw SiteError.badBibliography(url.lastPathComponent, "formatting citations needs pandoc (run `make deps`)")
        }
        let json: Data
        if url.pathExtension == "json" {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw SiteError.badBibliography(url.lastPathComponent, "cannot read the file")
            }
            json = data
        } else {
            do {
                json = Data(try pandoc.run(["--from", "bibtex", "--to", "csljson", url.path]).utf8)
            } catch let error as PandocError {
                throw located(error.message, file: url.lastPathComponent)
            }
        }
        guard let entries = try? JSONSerialization.jsonObject(with: json) as? [[String: Any]] else {
            throw SiteError.badBibliography(url.lastPathComponent, "not a CSL-JSON array of entries")
        }
        var keys = Set<String>()
        for (n, entry) in entries.enumerated() {
            guard let id = entry["id"] as? String, !id.isEmpty else {
                throw SiteError.badBibliography(url.lastPathComponent, "entry \(n + 1) has no \"id\"")
            }
            guard keys.insert(id).inserted else {
                let line = definitionLines(of: id, in: url).dropFirst().first
                throw SiteError.badBibliography(url.lastPathComponent + (line.map { ":\($0):1" } ?? ""),
                                                "the key '\(id)' is defined twice")
            }
        }
        return Bibliography(url: url, keys: keys, pandoc: pandoc)
    }

    /// Pandoc's `Error at "FILE" (line L, column C): what` as `FILE:L:C` and what.
    static func located(_ message: String, file: String) -> SiteError {
        let pattern = #/Error at "[^"]*" \(line (\d+), column (\d+)\):\s*(.*)/#.dotMatchesNewlines()
        guard let match = message.firstMatch(of: pattern) else { return .badBibliography(file, message) }
        let what = match.3.split(whereSeparator: \.isNewline).joined(separator: "; ")
        return .badBibliography("\(file):\(match.1):\(match.2)", what)
    }

    /// The 1-based lines where a BibTeX entry with this key starts (`@type{key,`).
    private static func definitionLines(of key: String, in url: URL) -> [Int] {
        guard url.pathExtension == "bib", let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { n, line in
            let compact = line.filter { !$0.isWhitespace }
            guard compact.hasPrefix("@"), let brace = compact.firstIndex(where: { $0 == "{" || $0 == "(" }) else { return nil }
            return compact[compact.index(after: brace)...].hasPrefix(key + ",") ? n + 1 : nil
        }
    }

    /// The formatted citations (HTML, one per citation, linked to their entries `#ref-KEY`) and the
    /// reference list of the entries cited, in the style's order.
    func format(_ citations: [Citation]) throws -> (citations: [String], references: String) {
        guard !citations.isEmpty else { return ([], "") }
        let document = citations.map(\.source).joined(separator: "\n\n") + "\n"
        let html: String
        do {
            html = try pandoc.run(["--from", "markdown", "--to", "html", "--wrap=none", "--citeproc",
                                   "--bibliography", url.path,
                                   "--metadata", "link-citations=true", "--metadata", "link-bibliography=false"],
                                  input: document)
        } catch let error as PandocError {
            throw SiteError.badBibliography(url.lastPathComponent, error.message)
        }
        var lines = html.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard let refsStart = lines.firstIndex(where: { $0.hasPrefix("<div id=\"refs\"") }) else {
            throw SiteError.badBibliography(url.lastPathComponent, "pandoc wrote no reference list")
        }
        let references = lines[refsStart...].joined(separator: "\n")
        lines.removeSubrange(refsStart...)
        let paragraphs = lines.filter { $0.hasPrefix("<p>") && $0.hasSuffix("</p>") }
            .map { String($0.dropFirst(3).dropLast(4)) }
        guard paragraphs.count == citations.count else {
            throw SiteError.badBibliography(url.lastPathComponent,
                                            "pandoc formatted \(paragraphs.count) of \(citations.count) citations")
        }
        return (paragraphs, references)
    }
}
