import CCmarkGFM

/// GitHub's alert syntax for callouts, on the cmark tree: a block quote whose first line is
/// `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]` (any case) becomes
/// `<div class="callout callout-note" role="note">` with a title, its other content unchanged.
///
/// Pandoc/Quarto fenced divs (`::: {.callout-note}`) are not supported: one syntax is enough and
/// the alert form also reads well on GitHub. A paragraph that starts with `:::` is reported, so it
/// is never silently printed as text.
enum Callouts {
    /// The supported kinds and their titles.
    static let kinds: [String: String] = [
        "note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
    ]

    /// A problem found while transforming: its message and the (cmark) line it is on.
    struct Problem: Equatable {
        let message: String
        let line: Int
    }

    /// Rewrites every alert block quote under `root` in place; returns the problems found.
    static func transform(_ root: OpaquePointer) -> [Problem] {
        var quotes: [OpaquePointer] = []
        var problems: [Problem] = []
        let iterator = cmark_iter_new(root)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_BLOCK_QUOTE {
                quotes.append(node)
            } else if type == CMARK_NODE_PARAGRAPH, let text = firstLine(of: node), text.hasPrefix(":::") {
                problems.append(Problem(message: "fenced divs (':::') are not supported; write a callout as a block quote starting '> [!NOTE]' (or TIP, IMPORTANT, WARNING, CAUTION)",
                                        line: Int(cmark_node_get_start_line(node))))
            }
        }
        cmark_iter_free(iterator)
        for quote in quotes {
            if let problem = rewrite(quote) { problems.append(problem) }
        }
        return problems
    }

    /// The text of a paragraph's first line when it is made of text nodes only.
    private static func firstLine(of paragraph: OpaquePointer) -> String? {
        var text = ""
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { break }
            guard type == CMARK_NODE_TEXT else { return text.isEmpty ? nil : text }
            text += cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            child = cmark_node_next(node)
        }
        return text
    }

    private static func rewrite(_ quote: OpaquePointer) -> Problem? {
        guard let paragraph = cmark_node_first_child(quote), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
              let marker = cmark_node_first_child(paragraph), cmark_node_get_type(marker) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(marker).map({ String(cString: $0) }),
              literal.hasPrefix("[!"), let close = literal.firstIndex(of: "]") else { return nil }
        let kind = literal[literal.index(literal.startIndex, offsetBy: 2)..<close].lowercased()
        guard let title = kinds[kind] else {
            return Problem(message: "unknown callout '[!\(literal[literal.index(literal.startIndex, offsetBy: 2)..<close])]': use NOTE, TIP, IMPORTANT, WARNING or CAUTION",
                           line: Int(cmark_node_get_start_line(quote)))
        }
        // Drop the marker (and the line break after it); text after it on the same line stays.
        let rest = String(literal[literal.index(after: close)...].drop { $0 == " " })
        if rest.isEmpty {
            if let next = cmark_node_next(marker), cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK
                || cmark_node_get_type(next) == CMARK_NODE_LINEBREAK {
                cmark_node_free(unlinked(next))
            }
            cmark_node_free(unlinked(marker))
        } else {
            cmark_node_set_literal(marker, rest)
        }
        if cmark_node_first_child(paragraph) == nil { cmark_node_free(unlinked(paragraph)) }

        let open = htmlBlock("<div class=\"callout callout-\(kind)\" role=\"note\">\n<p class=\"callout-title\">\(title)</p>")
        cmark_node_insert_before(quote, open)
        while let child = cmark_node_first_child(quote) {
            cmark_node_insert_before(quote, unlinked(child))
        }
        cmark_node_insert_before(quote, htmlBlock("</div>"))
        cmark_node_free(unlinked(quote))
        return nil
    }

    private static func unlinked(_ node: OpaquePointer) -> OpaquePointer {
        cmark_node_unlink(node)
        return node
    }

    private static func htmlBlock(_ html: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_HTML_BLOCK)!
        cmark_node_set_literal(node, html)
        return node
    }
}
