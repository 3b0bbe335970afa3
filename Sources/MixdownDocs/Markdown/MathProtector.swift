/// A math span found in Markdown source: its TeX and whether it is displayed on its own line.
public struct MathSpan: Equatable, Sendable {
    public var tex: String
    public var display: Bool
    /// The `{#eq-…}` label written after a display span (`$$ … $$ {#eq-model}`), if any.
    public var label: String? = nil
}

/// Shields TeX math from Markdown: CommonMark would eat backslashes (`\(` → `(`), turn `*` and `_`
/// into emphasis and drop `\\` line breaks. Math spans (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) outside
/// code are swapped for inert placeholder words before cmark runs and swapped back afterwards.
///
/// Rules for single `$` follow Pandoc: the opening `$` is followed by a non-space, the closing one
/// is preceded by a non-space and not followed by a digit, so "$5 and $10" stays text.
public struct MathProtector {
    /// The source with math replaced by placeholders.
    public private(set) var protected: String = ""
    /// The math spans, in order; placeholder `i` stands for `spans[i]`.
    public private(set) var spans: [MathSpan] = []
    /// Where multi-line spans collapsed lines: (protected line after which, total lines removed so far).
    private var lineShifts: [(line: Int, shift: Int)] = []
    private var protectedLine = 1

    public init(markdown: String) {
        protect(Array(markdown.unicodeScalars))
    }

    /// The inert word that stands for span `index` (letters and digits only, so Markdown leaves it alone).
    public static func placeholder(_ index: Int) -> String { "MIXDOWNMATH\(index)X" }

    /// The line of the original Markdown that a line of `protected` came from.
    public func originalLine(_ line: Int) -> Int {
        line + (lineShifts.last { $0.line < line }?.shift ?? 0)
    }

    /// Replaces every placeholder in rendered HTML by `render(span)`.
    public func restore(in html: String, render: (MathSpan) -> String) -> String {
        guard !spans.isEmpty else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count)
        var rest = Substring(html)
        while let range = rest.range(of: "MIXDOWNMATH") {
            result += rest[rest.startIndex..<range.lowerBound]
            var cursor = range.upperBound
            var digits = ""
            while cursor < rest.endIndex, let d = rest[cursor].wholeNumberValue, rest[cursor].isASCII {
                digits.append(String(d)); cursor = rest.index(after: cursor)
            }
            if let index = Int(digits), index < spans.count, cursor < rest.endIndex, rest[cursor] == "X" {
                result += render(spans[index])
                rest = rest[rest.index(after: cursor)...]
            } else {
                result += "MIXDOWNMATH"
                rest = rest[range.upperBound...]
            }
        }
        result += rest
        return result
    }

    // MARK: - Scanning

    private mutating func protect(_ s: [Unicode.Scalar]) {
        var out = String.UnicodeScalarView()
        protectedLine = 1
        var i = 0
        var atLineStart = true
        var fence: (char: Unicode.Scalar, count: Int)? = nil

        func emit(_ c: Unicode.Scalar) {
            out.append(c)
            if c == "\n" { protectedLine += 1 }
        }

        while i < s.count {
            // Fenced code blocks are copied untouched, line by line.
            if atLineStart {
                let lineEnd = s[i...].firstIndex(of: "\n") ?? s.count
                let line = s[i..<lineEnd]
                let trimmed = line.drop(while: { $0 == " " })
                if line.count - trimmed.count <= 3, let first = trimmed.first, first == "`" || first == "~" {
                    let run = trimmed.prefix(while: { $0 == first }).count
                    if run >= 3 {
                        if let f = fence {
                            if f.char == first && run >= f.count && trimmed.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) {
                                fence = nil
                            }
                        } else {
                            fence = (first, run)
                        }
                        for c in s[i..<min(lineEnd + 1, s.count)] { emit(c) }
                        i = lineEnd + 1
                        continue
                    }
                }
                if fence != nil {
                    for c in s[i..<min(lineEnd + 1, s.count)] { emit(c) }
                    i = lineEnd + 1
                    continue
                }
            }
            let c = s[i]
            atLineStart = false
            if c == "\n" { atLineStart = true; emit(c); i += 1; continue }
            // Inline code spans: copy up to the matching backtick run.
            if c == "`" {
                let run = countRun(s, i, "`")
                if let close = findBacktickClose(s, from: i + run, run: run) {
                    for k in i..<(close + run) { emit(s[k]) }
                    i = close + run
                } else {
                    for k in i..<(i + run) { emit(s[k]) }
                    i += run
                }
                continue
            }
            if c == "\\" && i + 1 < s.count {
                let next = s[i + 1]
                if next == "(" || next == "[" {
                    let closer: [Unicode.Scalar] = next == "(" ? ["\\", ")"] : ["\\", "]"]
                    if let end = find(s, closer, from: i + 2) {
                        var span = MathSpan(tex: String(String.UnicodeScalarView(s[(i + 2)..<end])), display: next == "[")
                        i = end + 2
                        if span.display, let (label, after) = equationLabel(s, from: i) { span.label = label; i = after }
                        add(span, to: &out)
                        continue
                    }
                }
                if next == "$" { emit(c); emit(next); i += 2; continue }   // an escaped dollar is text
            }
            if c == "$" {
                if i + 1 < s.count && s[i + 1] == "$" {
                    if let end = find(s, ["$", "$"], from: i + 2) {
                        var span = MathSpan(tex: String(String.UnicodeScalarView(s[(i + 2)..<end])), display: true)
                        i = end + 2
                        if let (label, after) = equationLabel(s, from: i) { span.label = label; i = after }
                        add(span, to: &out)
                        continue
                    }
                } else if let end = findInlineDollarClose(s, from: i + 1) {
                    add(MathSpan(tex: String(String.UnicodeScalarView(s[(i + 1)..<end])), display: false), to: &out)
                    i = end + 1
                    continue
                }
            }
            emit(c)
            i += 1
        }
        protected = String(out)
    }

    private mutating func add(_ span: MathSpan, to out: inout String.UnicodeScalarView) {
        out.append(contentsOf: Self.placeholder(spans.count).unicodeScalars)
        spans.append(span)
        let newlines = span.tex.unicodeScalars.filter { $0 == "\n" }.count
        if newlines > 0 {
            lineShifts.append((protectedLine, (lineShifts.last?.shift ?? 0) + newlines))
        }
    }

    /// A `{#label}` after a display span on the same line (spaces allowed before it), and the
    /// index after its `}`.
    private func equationLabel(_ s: [Unicode.Scalar], from: Int) -> (String, Int)? {
        var j = from
        while j < s.count && (s[j] == " " || s[j] == "\t") { j += 1 }
        guard j + 1 < s.count, s[j] == "{", s[j + 1] == "#" else { return nil }
        var k = j + 2
        var label = String.UnicodeScalarView()
        while k < s.count, s[k] != "}", s[k] != "\n", s[k] != " " { label.append(s[k]); k += 1 }
        guard k < s.count, s[k] == "}", !label.isEmpty else { return nil }
        return (String(label), k + 1)
    }

    private func countRun(_ s: [Unicode.Scalar], _ i: Int, _ c: Unicode.Scalar) -> Int {
        var j = i
        while j < s.count && s[j] == c { j += 1 }
        return j - i
    }

    private func findBacktickClose(_ s: [Unicode.Scalar], from: Int, run: Int) -> Int? {
        var j = from
        while j < s.count {
            if s[j] == "`" {
                let r = countRun(s, j, "`")
                if r == run { return j }
                j += r
            } else if s[j] == "\n" && j + 1 < s.count && s[j + 1] == "\n" {
                return nil   // code spans do not cross paragraphs
            } else {
                j += 1
            }
        }
        return nil
    }

    private func find(_ s: [Unicode.Scalar], _ needle: [Unicode.Scalar], from: Int) -> Int? {
        guard needle.count <= s.count else { return nil }
        var j = from
        while j + needle.count <= s.count {
            if s[j] == needle[0] && Array(s[j..<(j + needle.count)]) == needle { return j }
            if s[j] == "\n" && j + 1 < s.count && s[j + 1] == "\n" { return nil }   // not across paragraphs
            j += 1
        }
        return nil
    }

    private func findInlineDollarClose(_ s: [Unicode.Scalar], from: Int) -> Int? {
        guard from < s.count, s[from] != " ", s[from] != "\t", s[from] != "\n" else { return nil }
        var j = from
        while j < s.count {
            let c = s[j]
            if c == "\n" && j + 1 < s.count && s[j + 1] == "\n" { return nil }
            if c == "\\" { j += 2; continue }
            if c == "$" {
                let before = s[j - 1]
                let after: Unicode.Scalar? = j + 1 < s.count ? s[j + 1] : nil
                if before != " " && before != "\t" && before != "\n" && j > from
                    && !(after.map { ("0"..."9").contains($0) } ?? false) {
                    return j
                }
                return nil
            }
            j += 1
        }
        return nil
    }
}
