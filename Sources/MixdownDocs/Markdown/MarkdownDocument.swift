import CCmarkGFM
import Foundation

/// A GitHub-flavoured Markdown document parsed by cmark-gfm, whose code blocks, headings and text
/// can be visited and replaced by HTML before it is rendered.
final class MarkdownDocument {
    /// A fenced code block: its info string (`lmm`, `python`, …), content and 1-based start line.
    struct CodeBlock {
        let id: Int
        let info: String
        let literal: String
        let line: Int
        /// Position in reading order among code blocks and inline code.
        let order: Int
        var language: String { String(info.split(separator: " ").first ?? "") }
    }

    /// An inline code span: its content, the start line of the block it sits in, reading order.
    struct InlineCode {
        let id: Int
        let literal: String
        let blockLine: Int
        let order: Int
    }

    /// A heading with its level, plain text and rendered inner HTML.
    struct Heading {
        let id: Int
        let level: Int
        let text: String
        let line: Int
    }

    private let parser: OpaquePointer
    private let root: OpaquePointer
    private var nodes: [OpaquePointer] = []
    private(set) var codeBlocks: [CodeBlock] = []
    private(set) var headings: [Heading] = []
    private(set) var inlineCodes: [InlineCode] = []
    /// Text nodes, by node id, with their literal content (adjacent text nodes merged).
    private(set) var texts: [(id: Int, text: String)] = []
    /// Problems found while turning alert block quotes into callouts (see `Callouts`).
    private(set) var calloutProblems: [Callouts.Problem] = []

    /// GFM without `tagfilter`: lessons are trusted input (their cells run code), and the filter
    /// would escape an author's own `<svg><title>` or `<style>` in prose.
    private static let extensions = ["table", "strikethrough", "autolink", "tasklist"]
    private static let options = CMARK_OPT_UNSAFE | CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES

    init(markdown: String) {
        cmark_gfm_core_extensions_ensure_registered()
        let parser: OpaquePointer = cmark_parser_new(Self.options)
        for name in Self.extensions {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var text = markdown
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        self.parser = parser
        root = cmark_parser_finish(parser)
        cmark_consolidate_text_nodes(root)
        calloutProblems = Callouts.transform(root)
        Self.joinSoftBreaks(root)
        collect()
    }

    /// Merges text that a soft line break splits (`text, softbreak, text`) into one text node
    /// holding a newline, so that a mention wrapped across lines (`[@a;⏎@b]`) is seen whole. The
    /// HTML is the same: cmark writes a soft break as a newline.
    private static func joinSoftBreaks(_ root: OpaquePointer) {
        var breaks: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK,
                  let before = cmark_node_previous(node), cmark_node_get_type(before) == CMARK_NODE_TEXT,
                  let after = cmark_node_next(node), cmark_node_get_type(after) == CMARK_NODE_TEXT else { continue }
            breaks.append(node)
        }
        cmark_iter_free(iterator)
        for node in breaks {
            guard let before = cmark_node_previous(node), let after = cmark_node_next(node) else { continue }
            let joined = (cmark_node_get_literal(before).map { String(cString: $0) } ?? "") + "\n"
                + (cmark_node_get_literal(after).map { String(cString: $0) } ?? "")
            cmark_node_set_literal(before, joined)
            cmark_node_unlink(node); cmark_node_free(node)
            cmark_node_unlink(after); cmark_node_free(after)
        }
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    private func collect() {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_CODE_BLOCK {
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                codeBlocks.append(CodeBlock(id: remember(node), info: info, literal: literal,
                                            line: Int(cmark_node_get_start_line(node)), order: nodes.count))
            } else if type == CMARK_NODE_CODE {
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                inlineCodes.append(InlineCode(id: remember(node), literal: literal,
                                              blockLine: Self.blockLine(of: node), order: nodes.count))
            } else if type == CMARK_NODE_HEADING {
                headings.append(Heading(id: remember(node), level: Int(cmark_node_get_heading_level(node)),
                                        text: Self.plainText(of: node), line: Int(cmark_node_get_start_line(node))))
            } else if type == CMARK_NODE_TEXT {
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                texts.append((remember(node), literal))
            }
        }
    }

    private func remember(_ node: OpaquePointer) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }

    /// The start line of the nearest block around an inline node (cmark locates blocks only).
    private static func blockLine(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let n = current {
            let line = Int(cmark_node_get_start_line(n))
            if line > 0 { return line }
            current = cmark_node_parent(n)
        }
        return 1
    }

    /// The concatenated text and inline code of a node's descendants.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += cmark_node_get_literal(child).map { String(cString: $0) } ?? ""
            }
        }
        return text
    }

    /// The HTML of one node's inline content (used for headings).
    func innerHTML(ofHeading id: Int) -> String {
        let html = render(nodes[id])
        // `<h2>inner</h2>\n` → `inner`
        guard let open = html.firstIndex(of: ">"), let close = html.range(of: "</h", options: .backwards) else { return html }
        return String(html[html.index(after: open)..<close.lowerBound])
    }

    /// Replaces a block node (code block, heading) with raw HTML.
    func replaceBlock(_ id: Int, withHTML html: String) {
        replace(id, type: CMARK_NODE_HTML_BLOCK, html: html)
    }

    /// Replaces an inline text node with raw inline HTML.
    func replaceText(_ id: Int, withHTML html: String) {
        replace(id, type: CMARK_NODE_HTML_INLINE, html: html)
    }

    /// Replaces an inline code span with raw inline HTML.
    func replaceInline(_ id: Int, withHTML html: String) {
        replace(id, type: CMARK_NODE_HTML_INLINE, html: html)
    }

    private func replace(_ id: Int, type: cmark_node_type, html: String) {
        let old = nodes[id]
        guard let new = cmark_node_new(type) else { return }
        cmark_node_set_literal(new, html)
        cmark_node_replace(old, new)
        cmark_node_free(old)
        nodes[id] = new
    }

    /// Inserts a raw HTML block right after a (possibly replaced) block node.
    func insertHTML(_ html: String, after id: Int) {
        guard let node = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { return }
        cmark_node_set_literal(node, html)
        cmark_node_insert_after(nodes[id], node)
    }

    /// Appends a raw HTML block at the end of the document.
    func appendHTML(_ html: String) {
        guard let node = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { return }
        cmark_node_set_literal(node, html)
        cmark_node_append_child(root, node)
    }

    /// The whole document as HTML.
    func renderHTML() -> String { render(root) }

    private func render(_ node: OpaquePointer) -> String {
        guard let c = cmark_render_html(node, Self.options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(c) }
        return String(cString: c)
    }
}
