import Foundation

/// The kinds of token the cell language knows.
public enum TokenKind: Equatable, Sendable {
    case identifier, number, string
    case trueKeyword, falseKeyword, noneKeyword, andKeyword, orKeyword, notKeyword, fnKeyword
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, dot, equal, tilde, plus, minus, star, slash, caret, bar, colon
    case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual, arrow
    case newline, eof

    /// How the token is named in error messages ("expected ')' …").
    public var display: String {
        switch self {
        case .identifier: return "a name"
        case .number: return "a number"
        case .string: return "a string"
        case .trueKeyword: return "'true'"
        case .falseKeyword: return "'false'"
        case .noneKeyword: return "'none'"
        case .andKeyword: return "'and'"
        case .orKeyword: return "'or'"
        case .notKeyword: return "'not'"
        case .fnKeyword: return "'fn'"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .comma: return "','"
        case .dot: return "'.'"
        case .equal: return "'='"
        case .tilde: return "'~'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .caret: return "'^'"
        case .bar: return "'|'"
        case .colon: return "':'"
        case .equalEqual: return "'=='"
        case .bangEqual: return "'!='"
        case .less: return "'<'"
        case .lessEqual: return "'<='"
        case .greater: return "'>'"
        case .greaterEqual: return "'>='"
        case .arrow: return "'->'"
        case .newline: return "end of line"
        case .eof: return "end of cell"
        }
    }
}

/// One piece of a string literal: plain text or an interpolated `{expr:spec}`.
public enum StringPiece: Equatable, Sendable {
    case text(String)
    /// The expression's source, its optional format spec, and where the expression starts.
    case interpolation(source: String, spec: String?, location: SourceLocation)
}

/// A token: its kind, its text, where it starts, and its character range in the cell source.
public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    public var lexeme: String
    public var location: SourceLocation
    /// Character offsets [start, end) in the cell source (used to recover a formula's text).
    public var start: Int
    public var end: Int
    /// The value of a number token.
    public var number: Double = 0
    /// The pieces of a string token.
    public var pieces: [StringPiece] = []

    /// How the token is named in an error message: its text, or its kind for line ends.
    public var quoted: String {
        switch kind {
        case .newline, .eof: return kind.display
        case .string: return "a string"
        default: return "'\(lexeme)'"
        }
    }
}
