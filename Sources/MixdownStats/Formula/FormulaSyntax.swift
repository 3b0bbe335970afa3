/// Tokens and the syntax tree of a formula, before term expansion.

struct FormulaToken: Equatable {
    enum Kind: Equatable {
        case name(String)            // identifier or `back-quoted name`
        case number(Double)
        case string(String)          // "..." or '...' (inside Q())
        case op(String)              // ~ + - * / : ** ^ | || ( ) ,
        case end
    }
    let kind: Kind
    /// The source text of the token.
    let text: String
    /// 1-based column of its first character.
    let column: Int
}

/// Splits formula text into tokens, tracking 1-based character columns.
enum FormulaLexer {
    static func tokenize(_ source: String) throws -> [FormulaToken] {
        let chars = Array(source)
        var tokens: [FormulaToken] = []
        var i = 0
        func isNameStart(_ c: Character) -> Bool { c.isLetter || c == "_" }
        func isNameChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "." }
        while i < chars.count {
            let c = chars[i]
            let col = i + 1
            if c.isWhitespace { i += 1; continue }
            if isNameStart(c) {
                var j = i
                while j < chars.count, isNameChar(chars[j]) { j += 1 }
                let s = String(chars[i..<j])
                tokens.append(FormulaToken(kind: .name(s), text: s, column: col))
                i = j
            } else if c.isASCII && (c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber)) {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isNumber || chars[j] == "." { j += 1 }
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                    if k < chars.count, chars[k].isASCII, chars[k].isNumber {
                        j = k
                        while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                    }
                }
                let s = String(chars[i..<j])
                guard let v = Double(s) else { throw FormulaError("malformed number '\(s)'", column: col) }
                tokens.append(FormulaToken(kind: .number(v), text: s, column: col))
                i = j
            } else if c == "`" || c == "\"" || c == "'" {
                var j = i + 1
                while j < chars.count, chars[j] != c { j += 1 }
                guard j < chars.count else {
                    throw FormulaError(c == "`" ? "unclosed back-quoted name" : "unclosed string", column: col)
                }
                let s = String(chars[(i + 1)..<j])
                let text = String(chars[i...j])
                if c == "`" {
                    guard !s.isEmpty else { throw FormulaError("empty back-quoted name", column: col) }
                    tokens.append(FormulaToken(kind: .name(s), text: text, column: col))
                } else {
                    tokens.append(FormulaToken(kind: .string(s), text: text, column: col))
                }
                i = j + 1
            } else {
                let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                let op: String
                switch c {
                case "*" where next == "*": op = "**"
                case "|" where next == "|": op = "||"
                case "~", "+", "-", "*", "/", ":", "^", "|", "(", ")", ",": op = String(c)
                default: throw FormulaError("unexpected character '\(c)'", column: col)
                }
                tokens.append(FormulaToken(kind: .op(op), text: op, column: col))
                i += op.count
            }
        }
        tokens.append(FormulaToken(kind: .end, text: "", column: chars.count + 1))
        return tokens
    }
}

/// The syntax tree of a formula (operators not yet expanded into terms).
indirect enum FormulaNode {
    case name(String, column: Int)
    case number(Double, text: String, column: Int)
    case string(String, column: Int)
    case call(String, args: [FormulaNode], column: Int)
    case unary(String, FormulaNode, column: Int)
    case binary(String, FormulaNode, FormulaNode, column: Int)
    case paren(FormulaNode, column: Int)
    /// `(lhs | group)` or `(lhs || group)`; column of the `(`.
    case bar(FormulaNode, FormulaNode, double: Bool, column: Int)

    var column: Int {
        switch self {
        case .name(_, let c), .number(_, _, let c), .string(_, let c), .call(_, _, let c),
             .unary(_, _, let c), .paren(_, let c), .bar(_, _, _, let c):
            return c
        case .binary(_, let l, _, _):
            return l.column
        }
    }

    /// Source-like text with normalised spacing (patsy style): `I(x ** 2)`.
    var pretty: String {
        switch self {
        case .name(let n, _): return n
        case .number(_, let t, _): return t
        case .string(let s, _): return "\"\(s)\""
        case .call(let f, let args, _): return "\(f)(\(args.map(\.pretty).joined(separator: ", ")))"
        case .unary(let op, let x, _): return op + x.pretty
        case .binary(let op, let l, let r, _): return "\(l.pretty) \(op) \(r.pretty)"
        case .paren(let x, _): return "(\(x.pretty))"
        case .bar(let l, let g, let d, _): return "(\(l.pretty) \(d ? "||" : "|") \(g.pretty))"
        }
    }
}

/// A Pratt parser from tokens to ``FormulaNode``s.
struct FormulaSyntaxParser {
    private let tokens: [FormulaToken]
    private var pos = 0
    /// How deeply expressions nest, bounded so that deep input fails instead of exhausting the stack.
    private var depth = 0
    static let maximumDepth = 200

    init(tokens: [FormulaToken]) { self.tokens = tokens }

    var current: FormulaToken { tokens[min(pos, tokens.count - 1)] }

    mutating func advance() { if pos < tokens.count - 1 { pos += 1 } }

    func isOp(_ s: String) -> Bool { current.kind == .op(s) }

    static let binaryPrecedence: [String: Int] = ["+": 100, "-": 100, "*": 200, "/": 200, ":": 300, "**": 500, "^": 500]

    /// Parses an expression whose operators bind at least as tightly as `minPrecedence`.
    /// `after` names what came before, for the "expected a term after ..." message.
    mutating func parseExpression(_ minPrecedence: Int = 0, after: String? = nil) throws -> FormulaNode {
        depth += 1
        defer { depth -= 1 }
        guard depth <= FormulaSyntaxParser.maximumDepth else {
            throw FormulaError("the formula is nested too deeply (more than \(FormulaSyntaxParser.maximumDepth) levels)", column: current.column)
        }
        var left = try parsePrefix(after: after)
        while case .op(let op) = current.kind, let prec = Self.binaryPrecedence[op], prec >= minPrecedence {
            let col = current.column
            advance()
            let rightAssoc = op == "**" || op == "^"
            let right = try parseExpression(rightAssoc ? prec : prec + 1, after: op)
            left = .binary(op, left, right, column: col)
        }
        return left
    }

    private mutating func parsePrefix(after: String?) throws -> FormulaNode {
        let tok = current
        switch tok.kind {
        case .end:
            throw FormulaError(after.map { "expected a term after '\($0)'" } ?? "expected a term", column: tok.column)
        case .name(let n):
            advance()
            if isOp("(") {
                let open = current.column
                advance()
                var args: [FormulaNode] = []
                if !isOp(")") {
                    args.append(try parseExpression(0, after: "("))
                    while isOp(",") {
                        advance()
                        args.append(try parseExpression(0, after: ","))
                    }
                }
                try expectClose(openedAt: open)
                return .call(n, args: args, column: tok.column)
            }
            return .name(n, column: tok.column)
        case .number(let v):
            advance()
            return .number(v, text: tok.text, column: tok.column)
        case .string(let s):
            advance()
            return .string(s, column: tok.column)
        case .op("-"), .op("+"):
            advance()
            let x = try parseExpression(101, after: tok.text)
            return .unary(tok.text, x, column: tok.column)
        case .op("("):
            advance()
            let inner = try parseExpression(0, after: "(")
            if isOp("|") || isOp("||") {
                let double = isOp("||")
                let barText = current.text
                advance()
                let group = try parseExpression(0, after: barText)
                try expectClose(openedAt: tok.column)
                return .bar(inner, group, double: double, column: tok.column)
            }
            try expectClose(openedAt: tok.column)
            return .paren(inner, column: tok.column)
        case .op(let op):
            if let after { throw FormulaError("expected a term after '\(after)'", column: tok.column) }
            throw FormulaError("unexpected '\(op)'", column: tok.column)
        }
    }

    private mutating func expectClose(openedAt column: Int) throws {
        if isOp(")") { advance(); return }
        if current.kind == .end { throw FormulaError("unclosed '('", column: column) }
        throw FormulaError("expected ')' but found '\(current.text)'", column: current.column)
    }
}
