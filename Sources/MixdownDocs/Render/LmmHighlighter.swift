/// Colours `lmm` cell source for display: comments, strings, numbers, keywords, function names,
/// formula operators. Output is escaped HTML with `<span class="tok-…">` wrappers.
enum LmmHighlighter {
    private static let keywords: Set<String> = ["true", "false", "none", "and", "or", "not"]

    static func html(_ code: String) -> String {
        let s = Array(code.unicodeScalars)
        var out = ""
        var i = 0
        var depth = 0   // parentheses: `name =` inside a call is a named argument
        func span(_ cls: String, _ text: String) { out += "<span class=\"tok-\(cls)\">\(escapeHTML(text))</span>" }
        func text(_ from: Int, _ to: Int) -> String { String(String.UnicodeScalarView(s[from..<to])) }
        while i < s.count {
            let c = s[i]
            if c == "#" {
                var j = i
                while j < s.count && s[j] != "\n" { j += 1 }
                span("comment", text(i, j)); i = j
            } else if c == "\"" {
                var j = i + 1
                while j < s.count && s[j] != "\"" && s[j] != "\n" { j += s[j] == "\\" ? 2 : 1 }
                j = min(j + 1, s.count)
                span("string", text(i, j)); i = j
            } else if c.properties.numericType != nil && c.isASCII {
                var j = i
                while j < s.count && (s[j].isASCII && (s[j].properties.numericType != nil || s[j] == "." || s[j] == "e")) { j += 1 }
                span("number", text(i, j)); i = j
            } else if c.properties.isAlphabetic || c == "_" {
                var j = i
                while j < s.count && (s[j].properties.isAlphabetic || s[j] == "_" || (s[j].isASCII && s[j].properties.numericType != nil)) { j += 1 }
                let word = text(i, j)
                var k = j
                while k < s.count && s[k] == " " { k += 1 }
                if keywords.contains(word) { span("keyword", word) }
                else if k < s.count && s[k] == "(" { span("function", word) }
                else if depth > 0 && k < s.count && s[k] == "=" && (k + 1 >= s.count || s[k + 1] != "=") { span("argname", word) }
                else { out += escapeHTML(word) }
                i = j
            } else if c == "~" || c == "|" {
                span("formula", String(c)); i += 1
            } else if c == "-" && i + 1 < s.count && s[i + 1] == ">" {
                span("operator", "->"); i += 2
            } else {
                if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) }
                out += escapeHTML(String(c)); i += 1
            }
        }
        return out
    }
}
