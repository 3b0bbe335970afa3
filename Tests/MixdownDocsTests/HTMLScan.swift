import Foundation

/// A lenient reader of a built HTML page: every start tag with its attributes, in document order,
/// enough to check ids, accessible names and escaped markup the way a browser would see them.
struct HTMLScan {
    struct Element {
        let name: String
        let attributes: [String: String]
        /// Offset of the tag's `<` in the page (UTF-8 bytes).
        let offset: Int
        subscript(_ key: String) -> String? { attributes[key] }
    }

    let html: String
    let elements: [Element]

    init(_ html: String) {
        self.html = html
        let bytes = Array(html.utf8)
        var elements: [Element] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            if Self.starts(bytes, at: i, with: "<!--") {
                i = Self.find(bytes, "-->", from: i + 4).map { $0 + 3 } ?? bytes.count
                continue
            }
            var j = i + 1
            while j < bytes.count, Self.isNameByte(bytes[j]) { j += 1 }
            guard j > i + 1, let close = Self.tagEnd(bytes, from: j) else { i += 1; continue }
            let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self).lowercased()
            let attributes = Self.attributes(String(decoding: bytes[j..<close], as: UTF8.self))
            elements.append(Element(name: name, attributes: attributes, offset: i))
            i = close + 1
            if name == "script" || name == "style" {   // raw text: skip to the end tag
                i = Self.find(bytes, "</\(name)", from: i) ?? bytes.count
            }
        }
        self.elements = elements
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// Every `id` in the page, with how often it occurs.
    var idCounts: [String: Int] {
        elements.compactMap { $0["id"] }.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// SVG and HTML tag names that appear as escaped text (`&lt;title`), i.e. markup a browser
    /// shows as characters instead of building elements.
    var escapedTags: [String] {
        let pattern = try! NSRegularExpression(pattern: "&lt;/?(svg|title|desc|style|g|path|text|circle|rect|line|figure|table|div|span)[ >/]")
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).map { (html as NSString).substring(with: $0.range) }
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b == 0x2d || b == 0x3a
    }

    private static func starts(_ bytes: [UInt8], at i: Int, with s: String) -> Bool {
        let p = Array(s.utf8)
        return i + p.count <= bytes.count && Array(bytes[i..<(i + p.count)]) == p
    }

    private static func find(_ bytes: [UInt8], _ s: String, from start: Int) -> Int? {
        var i = start
        while i < bytes.count { if starts(bytes, at: i, with: s) { return i }; i += 1 }
        return nil
    }

    /// The `>` closing a tag, skipping quoted attribute values.
    private static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var quote: UInt8?
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if let q = quote { if b == q { quote = nil } }
            else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b }
            else if b == UInt8(ascii: ">") { return i }
            i += 1
        }
        return nil
    }

    private static func attributes(_ text: String) -> [String: String] {
        let pattern = try! NSRegularExpression(pattern: #"([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+)))?"#)
        var result: [String: String] = [:]
        let ns = text as NSString
        for m in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: m.range(at: 1)).lowercased()
            var value = ""
            for g in 2...4 where m.range(at: g).location != NSNotFound { value = ns.substring(with: m.range(at: g)) }
            result[name] = value
        }
        return result
    }
}
