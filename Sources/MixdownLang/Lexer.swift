import Foundation

/// Turns a cell's source into tokens. Newlines end statements, except inside brackets or after
/// an operator or comma (inside the braces of a function body they end statements again);
/// `#` starts a comment that runs to the end of the line.
public struct Lexer {
    private let chars: [Character]
    private let file: String
    private var pos = 0
    private var line: Int
    private var column: Int
    /// The open brackets, innermost last: `(`, `[` or `{`.
    private var open: [Character] = []
    private var tokens: [Token] = []

    /// - Parameters:
    ///   - firstLine/firstColumn: where the source starts in the lesson file (1-based).
    public init(_ source: String, file: String, firstLine: Int = 1, firstColumn: Int = 1) {
        self.chars = Array(source)
        self.file = file
        self.line = firstLine
        self.column = firstColumn
    }

    private static let keywords: [String: TokenKind] = [
        "true": .trueKeyword, "false": .falseKeyword, "none": .noneKeyword,
        "and": .andKeyword, "or": .orKeyword, "not": .notKeyword, "fn": .fnKeyword,
    ]

    /// Token kinds after which a newline does not end the statement.
    private static let continuing: Set<TokenKind> = [
        .comma, .equal, .tilde, .plus, .minus, .star, .slash, .caret, .bar, .colon,
        .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual, .arrow,
        .andKeyword, .orKeyword, .notKeyword, .dot, .leftBrace,
    ]

    /// Lexes the whole source; the last token is always `.eof`.
    public mutating func tokenize() throws -> [Token] {
        while pos < chars.count {
            let c = chars[pos]
            if c == "\n" {
                let loc = here
                advance()
                if open.last == nil || open.last == "{", let last = tokens.last, last.kind != .newline,
                   !Lexer.continuing.contains(last.kind) {
                    tokens.append(Token(kind: .newline, lexeme: "\n", location: loc, start: pos - 1, end: pos))
                }
                continue
            }
            if c == " " || c == "\t" || c == "\r" { advance(); continue }
            if c == "#" {
                while pos < chars.count && chars[pos] != "\n" { advance() }
                continue
            }
            try scanToken()
        }
        if let last = tokens.last, last.kind != .newline {
            tokens.append(Token(kind: .newline, lexeme: "\n", location: here, start: pos, end: pos))
        }
        tokens.append(Token(kind: .eof, lexeme: "", location: here, start: pos, end: pos))
        return tokens
    }

    private var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    private mutating func advance() {
        if chars[pos] == "\n" { line += 1; column = 1 } else { column += 1 }
        pos += 1
    }

    private func peek(_ offset: Int = 0) -> Character? {
        pos + offset < chars.count ? chars[pos + offset] : nil
    }

    private mutating func add(_ kind: TokenKind, length: Int) {
        let loc = here, start = pos
        for _ in 0..<length { advance() }
        tokens.append(Token(kind: kind, lexeme: String(chars[start..<pos]), location: loc, start: start, end: pos))
    }

    private mutating func scanToken() throws {
        let c = chars[pos]
        let next = peek(1)
        switch c {
        case "(": open.append(c); add(.leftParen, length: 1)
        case ")": close("("); add(.rightParen, length: 1)
        case "[": open.append(c); add(.leftBracket, length: 1)
        case "]": close("["); add(.rightBracket, length: 1)
        case "{": open.append(c); add(.leftBrace, length: 1)
        case "}":
            close("{")
            if let last = tokens.last, last.kind != .newline, last.kind != .leftBrace {
                tokens.append(Token(kind: .newline, lexeme: "\n", location: here, start: pos, end: pos))
            }
            add(.rightBrace, length: 1)
        case ",": add(.comma, length: 1)
        case ".":
            if let n = next, n.isASCII, n.isNumber { try scanNumber() } else { add(.dot, length: 1) }
        case "~": add(.tilde, length: 1)
        case "+": add(.plus, length: 1)
        case "-": if next == ">" { add(.arrow, length: 2) } else { add(.minus, length: 1) }
        case "*":
            if next == "*" { add(.caret, length: 2) } else { add(.star, length: 1) }
        case "/": add(.slash, length: 1)
        case "^": add(.caret, length: 1)
        case "|": add(.bar, length: 1)
        case ":": add(.colon, length: 1)
        case "=": if next == "=" { add(.equalEqual, length: 2) } else { add(.equal, length: 1) }
        case "!":
            if next == "=" { add(.bangEqual, length: 2) } else {
                throw LangError("unexpected character '!' (write 'not' for negation, '!=' for 'not equal')", at: here)
            }
        case "<": if next == "=" { add(.lessEqual, length: 2) } else { add(.less, length: 1) }
        case ">": if next == "=" { add(.greaterEqual, length: 2) } else { add(.greater, length: 1) }
        case "\"", "'": try scanString(quote: c)
        default:
            if c.isASCII && c.isNumber { try scanNumber() }
            else if c == "_" || c.isLetter { scanIdentifier() }
            else { throw LangError("unexpected character '\(c)'", at: here) }
        }
    }

    /// Closes the innermost bracket if it is `opener` (a mismatch is left to the parser).
    private mutating func close(_ opener: Character) {
        if open.last == opener { open.removeLast() }
    }

    private mutating func scanIdentifier() {
        let loc = here, start = pos
        while let c = peek(), c == "_" || c.isLetter || (c.isASCII && c.isNumber) { advance() }
        let text = String(chars[start..<pos])
        tokens.append(Token(kind: Lexer.keywords[text] ?? .identifier, lexeme: text, location: loc, start: start, end: pos))
    }

    private mutating func scanNumber() throws {
        let loc = here, start = pos
        func digits() { while let c = peek(), c.isASCII, c.isNumber { advance() } }
        digits()
        if peek() == ".", let n = peek(1), n.isASCII, n.isNumber { advance(); digits() }
        else if peek() == ".", start == pos { advance(); digits() }
        if let e = peek(), e == "e" || e == "E" {
            var k = 1
            if let s = peek(1), s == "+" || s == "-" { k = 2 }
            if let d = peek(k), d.isASCII, d.isNumber {
                for _ in 0..<k { advance() }
                digits()
            }
        }
        let text = String(chars[start..<pos])
        if let c = peek(), c == "_" || c.isLetter {
            throw LangError("a name cannot start with a digit: '\(text)\(c)…'", at: loc)
        }
        guard let value = Double(text) else { throw LangError("malformed number '\(text)'", at: loc) }
        var token = Token(kind: .number, lexeme: text, location: loc, start: start, end: pos)
        token.number = value
        tokens.append(token)
    }

    private mutating func scanString(quote: Character) throws {
        let loc = here, start = pos
        advance() // opening quote
        var pieces: [StringPiece] = []
        var text = ""
        while true {
            guard let c = peek(), c != "\n" else {
                throw LangError("unterminated string: add the closing \(quote)", at: loc)
            }
            if c == quote { advance(); break }
            if c == "\\" {
                guard let e = peek(1), e != "\n" else {
                    throw LangError("unterminated string: add the closing \(quote)", at: loc)
                }
                switch e {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "\\": text.append("\\")
                case "\"": text.append("\"")
                case "'": text.append("'")
                case "{": text.append("{")
                case "}": text.append("}")
                default: throw LangError("unknown escape '\\\(e)' in string", at: here)
                }
                advance(); advance()
                continue
            }
            if c == "{" {
                if peek(1) == "{" { text.append("{"); advance(); advance(); continue }
                if !text.isEmpty { pieces.append(.text(text)); text = "" }
                pieces.append(try scanInterpolation(quote: quote))
                continue
            }
            if c == "}" {
                if peek(1) == "}" { text.append("}"); advance(); advance(); continue }
                throw LangError("single '}' in string: write '}}' for a literal brace", at: here)
            }
            text.append(c)
            advance()
        }
        if !text.isEmpty || pieces.isEmpty { pieces.append(.text(text)) }
        var token = Token(kind: .string, lexeme: String(chars[start..<pos]), location: loc, start: start, end: pos)
        token.pieces = pieces
        tokens.append(token)
    }

    /// Scans `{expr}` or `{expr:spec}` starting at the `{`; nested brackets and strings are skipped.
    private mutating func scanInterpolation(quote: Character) throws -> StringPiece {
        let braceLoc = here
        advance() // {
        let exprLoc = here
        var source = ""
        var spec: String?
        var nesting = 0
        var inner: Character?
        while true {
            guard let c = peek(), c != "\n" else {
                throw LangError("unterminated '{' in string: add the closing '}'", at: braceLoc)
            }
            if let q = inner {
                if c == q { inner = nil }
                source.append(c); advance(); continue
            }
            if c == "\"" || c == "'" { inner = c; source.append(c); advance(); continue }
            if c == "(" || c == "[" || c == "{" { nesting += 1 }
            if c == ")" || c == "]" { nesting -= 1 }
            if c == "}" {
                if nesting == 0 { advance(); break }
                nesting -= 1
            }
            if c == ":" && nesting == 0 && spec == nil {
                advance()
                var s = ""
                while let d = peek(), d != "}", d != "\n", d != quote { s.append(d); advance() }
                spec = s
                continue
            }
            if spec != nil { throw LangError("unterminated '{' in string: add the closing '}'", at: braceLoc) }
            source.append(c)
            advance()
        }
        if source.trimmingCharacters(in: .whitespaces).isEmpty {
            throw LangError("empty '{}' in string: put an expression inside, or write '{{' for a brace", at: braceLoc)
        }
        return .interpolation(source: source, spec: spec, location: exprLoc)
    }
}
