import Testing
@testable import MixdownDocs

/// Math must reach KaTeX exactly as written, whatever CommonMark would do to it.
@Suite struct MathProtectorTests {
    private func roundTrip(_ markdown: String) -> (html: String, spans: [MathSpan]) {
        let math = MathProtector(markdown: markdown)
        let document = MarkdownDocument(markdown: math.protected)
        let html = math.restore(in: document.renderHTML()) { span in
            "[\(span.display ? "D" : "I"):\(span.tex)]"
        }
        return (html, math.spans)
    }

    @Test func eachDelimiter() {
        let (html, spans) = roundTrip(#"a $x_1$ b \(\beta_1\) c $$y = X\beta$$ d \[\hat\beta_{j}\]"#)
        #expect(spans == [MathSpan(tex: "x_1", display: false), MathSpan(tex: #"\beta_1"#, display: false),
                          MathSpan(tex: #"y = X\beta"#, display: true), MathSpan(tex: #"\hat\beta_{j}"#, display: true)])
        #expect(html == "<p>a [I:x_1] b [I:\\beta_1] c [D:y = X\\beta] d [D:\\hat\\beta_{j}]</p>\n")
    }

    @Test func emphasisCharactersInsideMathSurvive() {
        let (html, _) = roundTrip("$a*b*c$ and $e_{i}^*$ and $e_{j}^*$ and $\\{x\\}$")
        #expect(html == "<p>[I:a*b*c] and [I:e_{i}^*] and [I:e_{j}^*] and [I:\\{x\\}]</p>\n")
    }

    @Test func lineBreaksInDisplayMath() {
        let source = "$$\n\\begin{bmatrix} a \\\\ c \\end{bmatrix}\n$$\n"
        let (html, spans) = roundTrip(source)
        #expect(spans.first?.tex == "\n\\begin{bmatrix} a \\\\ c \\end{bmatrix}\n")
        #expect(html.contains("a \\\\ c"))
    }

    @Test func codeIsLeftAlone() {
        let (html, spans) = roundTrip("`$x$` and\n\n```\n$$not math$$\n```\n")
        #expect(spans.isEmpty)
        #expect(html.contains("<code>$x$</code>"))
        #expect(html.contains("$$not math$$"))
    }

    @Test func dollarsThatAreNotMath() {
        let (_, spans) = roundTrip("It costs $5 and $10, or \\$3.")
        #expect(spans.isEmpty)
    }

    @Test func linesAreMappedBackAcrossMultiLineMath() {
        let math = MathProtector(markdown: "a\n$$\nx\ny\n$$\nb\n")
        // "b" is on line 6 of the original and line 3 of the protected text.
        #expect(math.protected == "a\nMIXDOWNMATH0X\nb\n")
        #expect(math.originalLine(3) == 6)
        #expect(math.originalLine(1) == 1)
    }
}
