import Foundation
import MixdownStats

/// Recursive-descent parser with precedence climbing. A formula (`y ~ x + (1 | g)`) is handed,
/// as its source text, to the statistics library's formula parser.
public struct Parser {
    private let tokens: [Token]
    private let source: [Character]
    private let file: String
    private var current = 0

    /// Parses a whole cell.
    public static func parse(_ source: String, file: String, firstLine: Int = 1) throws -> [Stmt] {
        var lexer = Lexer(source, file: file, firstLine: firstLine)
        var parser = Parser(tokens: try lexer.tokenize(), source: Array(source), file: file)
        return try parser.program()
    }

    /// Parses a single expression (used for `{...}` inside strings).
    static func parseExpression(_ source: String, file: String, at location: SourceLocation) throws -> Expr {
        var lexer = Lexer(source, file: file, firstLine: location.line, firstColumn: location.column)
        var parser = Parser(tokens: try lexer.tokenize(), source: Array(source), file: file)
        parser.skipNewlines()
        let expr = try parser.expression()
        parser.skipNewlines()
        guard parser.check(.eof) else {
            throw LangError("unexpected \(parser.peek.quoted) in '{...}'", at: parser.peek.location)
        }
        return expr
    }

    init(tokens: [Token], source: [Character], file: String) {
        self.tokens = tokens; self.source = source; self.file = file
    }

    // MARK: Token helpers

    private var peek: Token { tokens[current] }
    private var previous: Token { tokens[max(0, current - 1)] }
    private func peekKind(_ offset: Int) -> TokenKind {
        current + offset < tokens.count ? tokens[current + offset].kind : .eof
    }
    private func check(_ kind: TokenKind) -> Bool { peek.kind == kind }

    @discardableResult
    private mutating func advance() -> Token {
        let t = tokens[current]
        if t.kind != .eof { current += 1 }
        return t
    }

    private mutating func match(_ kinds: TokenKind...) -> Bool {
        if kinds.contains(peek.kind) { advance(); return true }
        return false
    }

    @discardableResult
    private mutating func consume(_ kind: TokenKind, _ what: String) throws -> Token {
        if check(kind) { return advance() }
        throw LangError("expected \(kind.display) \(what), found \(peek.quoted)", at: errorLocation)
    }

    /// Where a missing token should have been: the current token, or just after the previous
    /// token when the statement ran out (so the error points at the line that lacks it).
    private var errorLocation: SourceLocation {
        guard peek.kind == .newline || peek.kind == .eof, current > 0 else { return peek.location }
        let p = previous
        var loc = p.location
        if !p.lexeme.contains("\n") { loc.column += p.lexeme.count }
        return loc
    }

    private mutating func skipNewlines() { while check(.newline) { advance() } }

    // MARK: Statements

    private mutating func program() throws -> [Stmt] {
        var statements: [Stmt] = []
        skipNewlines()
        while !check(.eof) {
            statements.append(try statement())
            if !check(.eof) {
                guard check(.newline) else {
                    throw LangError("expected end of line after the statement, found \(peek.quoted)", at: peek.location)
                }
            }
            skipNewlines()
        }
        return statements
    }

    private mutating func statement() throws -> Stmt {
        if check(.identifier) && peekKind(1) == .equal {
            let name = advance()
            advance() // =
            if check(.newline) || check(.eof) {
                throw LangError("expected a value after '=', found \(peek.quoted)", at: peek.location)
            }
            return .assign(name: name.lexeme, nameLocation: name.location, value: try expression())
        }
        let expr = try expression()
        guard check(.equal) else { return .expression(expr) }
        let equal = advance()
        switch expr {
        case .member(.variable(let frame, let loc), let column, let columnLoc):
            return .setColumn(frame: frame, frameLocation: loc, column: .string([.text(column)], columnLoc),
                              value: try assignedValue())
        case .index(.variable(let frame, let loc), let column, _):
            return .setColumn(frame: frame, frameLocation: loc, column: column, value: try assignedValue())
        default:
            throw LangError("only a variable (x = …) or a column of a data frame (df.x = … or df[\"x\"] = …) can be assigned to", at: equal.location)
        }
    }

    private mutating func assignedValue() throws -> Expr {
        if check(.newline) || check(.eof) {
            throw LangError("expected a value after '=', found \(peek.quoted)", at: peek.location)
        }
        return try expression()
    }

    // MARK: Expressions

    /// How deeply expressions may nest before the parser gives up (instead of exhausting the stack).
    static let maximumNesting = 200
    private var nesting = 0

    /// expression := formula | lambda | or
    private mutating func expression() throws -> Expr {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Parser.maximumNesting {
            throw LangError("this expression is nested too deeply (more than \(Parser.maximumNesting) levels)", at: peek.location)
        }
        if check(.identifier) && peekKind(1) == .arrow {
            let param = advance()
            advance() // ->
            return .lambda(parameter: param.lexeme, body: try expression(), param.location)
        }
        if formulaAhead() { return .formula(try formula()) }
        return try or()
    }

    /// True when a `~` occurs before the end of this expression (same bracket depth).
    private func formulaAhead() -> Bool {
        var i = current, depth = 0
        while i < tokens.count {
            switch tokens[i].kind {
            case .leftParen, .leftBracket: depth += 1
            case .rightParen, .rightBracket:
                if depth == 0 { return false }
                depth -= 1
            case .comma, .arrow, .equal: if depth == 0 { return false }
            case .newline, .eof: return false
            case .tilde: if depth == 0 { return true }
            default: break
            }
            i += 1
        }
        return false
    }

    private mutating func or() throws -> Expr {
        var left = try and()
        while check(.orKeyword) {
            let op = advance()
            left = .binary(.or, left, try and(), op.location)
        }
        return left
    }

    private mutating func and() throws -> Expr {
        var left = try not()
        while check(.andKeyword) {
            let op = advance()
            left = .binary(.and, left, try not(), op.location)
        }
        return left
    }

    private mutating func not() throws -> Expr {
        if check(.notKeyword) && nesting > Parser.maximumNesting {
            throw LangError("this expression is nested too deeply (more than \(Parser.maximumNesting) levels)", at: peek.location)
        }
        if check(.notKeyword) {
            nesting += 1
            defer { nesting -= 1 }
            let op = advance()
            return .unary(.not, try not(), op.location)
        }
        return try comparison()
    }

    private static let comparisons: [TokenKind: BinaryOperator] = [
        .equalEqual: .equal, .bangEqual: .notEqual, .less: .less, .lessEqual: .lessEqual,
        .greater: .greater, .greaterEqual: .greaterEqual,
    ]

    private mutating func comparison() throws -> Expr {
        var left = try additive()
        while let op = Parser.comparisons[peek.kind] {
            let t = advance()
            left = .binary(op, left, try additive(), t.location)
        }
        return left
    }

    private mutating func additive() throws -> Expr {
        var left = try multiplicative()
        while check(.plus) || check(.minus) {
            let t = advance()
            left = .binary(t.kind == .plus ? .add : .subtract, left, try multiplicative(), t.location)
        }
        return left
    }

    private mutating func multiplicative() throws -> Expr {
        var left = try unary()
        while check(.star) || check(.slash) {
            let t = advance()
            left = .binary(t.kind == .star ? .multiply : .divide, left, try unary(), t.location)
        }
        return left
    }

    private mutating func unary() throws -> Expr {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Parser.maximumNesting {
            throw LangError("this expression is nested too deeply (more than \(Parser.maximumNesting) levels)", at: peek.location)
        }
        if check(.minus) {
            let t = advance()
            return .unary(.negate, try unary(), t.location)
        }
        if check(.plus) { advance(); return try unary() }
        return try power()
    }

    private mutating func power() throws -> Expr {
        let base = try postfix()
        if check(.caret) {
            let t = advance()
            return .binary(.power, base, try unary(), t.location)
        }
        return base
    }

    private mutating func postfix() throws -> Expr {
        var expr = try primary()
        while true {
            if check(.leftParen) {
                advance()
                expr = .call(expr, try arguments(), expr.location)
            } else if check(.dot) {
                advance()
                let name = try consume(.identifier, "after '.'")
                expr = .member(expr, name.lexeme, name.location)
            } else if check(.leftBracket) {
                let open = advance()
                if check(.rightBracket) {
                    throw LangError("expected an index inside '[ ]'", at: peek.location)
                }
                if match(.colon) {
                    expr = .slice(expr, nil, try sliceEnd(), open.location)
                    continue
                }
                let index = try expression()
                if match(.colon) {
                    expr = .slice(expr, index, try sliceEnd(), open.location)
                } else {
                    try consume(.rightBracket, "after the index")
                    expr = .index(expr, index, open.location)
                }
            } else {
                return expr
            }
        }
    }

    /// The end of a slice `[from:to]` after the colon, and the `]`.
    private mutating func sliceEnd() throws -> Expr? {
        let to = check(.rightBracket) ? nil : try expression()
        try consume(.rightBracket, "after the slice")
        return to
    }

    /// Arguments after the `(`, up to and including the `)`.
    private mutating func arguments() throws -> [Argument] {
        var args: [Argument] = []
        if match(.rightParen) { return args }
        repeat {
            if check(.rightParen) { break } // trailing comma
            if check(.identifier) && peekKind(1) == .equal {
                let name = advance()
                advance()
                if args.contains(where: { $0.name == name.lexeme }) {
                    throw LangError("argument '\(name.lexeme)' is given twice", at: name.location)
                }
                args.append(Argument(name: name.lexeme, nameLocation: name.location, value: try expression()))
            } else {
                let value = try expression()
                args.append(Argument(name: nil, nameLocation: nil, value: value))
            }
        } while match(.comma)
        try consume(.rightParen, "after arguments")
        return args
    }

    private mutating func primary() throws -> Expr {
        let t = peek
        switch t.kind {
        case .number: advance(); return .number(t.number, t.location)
        case .string: advance(); return .string(try interpolated(t), t.location)
        case .trueKeyword: advance(); return .bool(true, t.location)
        case .falseKeyword: advance(); return .bool(false, t.location)
        case .noneKeyword: advance(); return .none(t.location)
        case .identifier: advance(); return .variable(t.lexeme, t.location)
        case .leftParen:
            advance()
            let inner = try expression()
            try consume(.rightParen, "after the expression in parentheses")
            return inner
        case .leftBracket:
            advance()
            var items: [Expr] = []
            if !check(.rightBracket) {
                repeat {
                    if check(.rightBracket) { break }
                    items.append(try expression())
                } while match(.comma)
            }
            try consume(.rightBracket, "after list items")
            return .list(items, t.location)
        case .tilde:
            return .formula(try formula())
        case .fnKeyword:
            advance()
            return .function(try functionLiteral(), t.location)
        case .newline, .eof:
            throw LangError("expected an expression, found \(t.quoted)", at: errorLocation)
        default:
            throw LangError("expected an expression, found \(t.quoted)", at: t.location)
        }
    }

    /// `(a, b = default) { statements }` after `fn`.
    private mutating func functionLiteral() throws -> FunctionLiteral {
        try consume(.leftParen, "after 'fn' (write fn(x, y) { … })")
        var parameters: [String] = [], defaults: [Expr?] = []
        while !check(.rightParen) {
            let name = try consume(.identifier, "as a parameter name")
            if parameters.contains(name.lexeme) {
                throw LangError("the parameter '\(name.lexeme)' is listed twice", at: name.location)
            }
            parameters.append(name.lexeme)
            defaults.append(match(.equal) ? try expression() : nil)
            if !match(.comma) { break }
        }
        try consume(.rightParen, "after the parameters")
        try consume(.leftBrace, "to start the function's body")
        var body: [Stmt] = []
        skipNewlines()
        while !check(.rightBrace) {
            if check(.eof) { throw LangError("expected '}' to end the function's body, found end of cell", at: errorLocation) }
            body.append(try statement())
            guard check(.newline) || check(.rightBrace) else {
                throw LangError("expected end of line after the statement, found \(peek.quoted)", at: peek.location)
            }
            skipNewlines()
        }
        advance() // }
        guard !body.isEmpty else { throw LangError("a function needs at least one statement in its body", at: previous.location) }
        return FunctionLiteral(parameters: parameters, defaults: defaults, body: body)
    }

    private func interpolated(_ token: Token) throws -> [InterpolatedPiece] {
        try token.pieces.map { piece in
            switch piece {
            case .text(let s): return .text(s)
            case .interpolation(let src, let spec, let loc):
                return .expression(try Parser.parseExpression(src, file: file, at: loc), spec: spec, location: loc)
            }
        }
    }

    // MARK: Formulas

    /// A formula runs to the next `,`, `)` or `]` at its own bracket depth, or to the end of the
    /// statement. Its source span (comments blanked, so character positions stay those of the
    /// lesson) is handed to the statistics library's formula parser; its errors point at the
    /// exact character, also in a formula written over several lines.
    private mutating func formula() throws -> FormulaValue {
        let first = peek
        var depth = 0
        var last = first
        scan: while true {
            switch peek.kind {
            case .leftParen, .leftBracket: depth += 1
            case .rightParen, .rightBracket:
                if depth == 0 { break scan }
                depth -= 1
            case .comma: if depth == 0 { break scan }
            case .newline, .eof: break scan
            default: break
            }
            last = advance()
        }
        let text = formulaText(from: first, to: last)
        do {
            return FormulaValue(text: text, formula: try Formula(text), location: first.location)
        } catch let e as FormulaError {
            throw LangError("in the formula: \(e.message)", at: first.location.advanced(over: text.prefix(e.column - 1)))
        }
    }

    /// The source between two tokens, with anything between tokens that is not white space
    /// (comments) replaced by spaces.
    private func formulaText(from first: Token, to last: Token) -> String {
        var chars = Array(source[first.start..<max(first.start, last.end)])
        var inToken = [Bool](repeating: false, count: chars.count)
        for t in tokens where t.start >= first.start && t.end <= last.end && t.kind != .newline {
            for k in t.start..<t.end { inToken[k - first.start] = true }
        }
        for k in chars.indices where !inToken[k] && chars[k] != "\n" && !chars[k].isWhitespace { chars[k] = " " }
        return String(chars)
    }
}
