import Testing
@testable import MixdownLang

@Suite struct LexerTests {
    func kinds(_ s: String) throws -> [TokenKind] {
        var l = Lexer(s, file: "t.md")
        return try l.tokenize().map(\.kind)
    }

    @Test func numbersAndNames() throws {
        var l = Lexer("x1 = 1e-3 + .5 * 20", file: "t.md")
        let toks = try l.tokenize()
        #expect(toks.map(\.kind) == [.identifier, .equal, .number, .plus, .number, .star, .number, .newline, .eof])
        #expect(toks[2].number == 0.001)
        #expect(toks[4].number == 0.5)
        #expect(toks[6].number == 20)
        #expect(toks[0].lexeme == "x1")
    }

    @Test func operatorsAndKeywords() throws {
        #expect(try kinds("a <= b != c -> not true and false or none ~ | : ^ ** ==")
                == [.identifier, .lessEqual, .identifier, .bangEqual, .identifier, .arrow, .notKeyword,
                    .trueKeyword, .andKeyword, .falseKeyword, .orKeyword, .noneKeyword, .tilde, .bar,
                    .colon, .caret, .caret, .equalEqual, .newline, .eof])
    }

    @Test func locationsAreOneBasedAndOffsetByFirstLine() throws {
        var l = Lexer("a = 1\n  bb", file: "t.md", firstLine: 40)
        let toks = try l.tokenize()
        #expect(toks[0].location == SourceLocation(file: "t.md", line: 40, column: 1))
        #expect(toks[2].location == SourceLocation(file: "t.md", line: 40, column: 5))
        #expect(toks[4].location == SourceLocation(file: "t.md", line: 41, column: 3))
    }

    @Test func newlinesInsideBracketsAndAfterOperatorsAreIgnored() throws {
        #expect(try kinds("f(a,\n b)\nx = 1 +\n 2") ==
                [.identifier, .leftParen, .identifier, .comma, .identifier, .rightParen, .newline,
                 .identifier, .equal, .number, .plus, .number, .newline, .eof])
    }

    @Test func commentsAreSkipped() throws {
        #expect(try kinds("# a comment\nx # trailing\n") == [.identifier, .newline, .eof])
    }

    @Test func stringPiecesAndEscapes() throws {
        var l = Lexer(#""a\"b {x:.3f} {{c}}""#, file: "t.md")
        let t = try l.tokenize()[0]
        #expect(t.kind == .string)
        #expect(t.pieces == [.text("a\"b "),
                             .interpolation(source: "x", spec: ".3f", location: SourceLocation(file: "t.md", line: 1, column: 8)),
                             .text(" {c}")])
    }

    @Test func unterminatedStringIsAnError() throws {
        var l = Lexer("x = \"abc", file: "t.md")
        #expect(throws: LangError("unterminated string: add the closing \"", at: SourceLocation(file: "t.md", line: 1, column: 5))) {
            try l.tokenize()
        }
    }

    @Test func unexpectedCharacter() throws {
        var l = Lexer("a @ b", file: "t.md")
        #expect(throws: LangError("unexpected character '@'", at: SourceLocation(file: "t.md", line: 1, column: 3))) {
            try l.tokenize()
        }
    }
}
