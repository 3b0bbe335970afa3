import Foundation
import Testing
@testable import MixdownLang

/// Cells checked against R: `Cases/reference.json`, written by scripts/reference/language.R,
/// holds lmm expressions and the numbers R computes for the same thing (ave, merge, sort,
/// aggregate, scale, poly, contrasts, lme4 fits, distribution functions).
@Suite struct RReferenceTests {
    struct Entry: Decodable, CustomTestStringConvertible {
        var name: String
        var setup: String
        var expr: String
        var values: [Double?]
        var testDescription: String { name }
    }

    static func entries() throws -> [Entry] {
        guard let url = Bundle.module.url(forResource: "Cases/reference", withExtension: "json") else { return [] }
        return try JSONDecoder().decode([Entry].self, from: Data(contentsOf: url))
    }

    /// The numbers of a value (NaN for a missing cell).
    static func numbers(_ v: Value) -> [Double]? {
        if case .column(let c) = v { return c.numbers }
        return Args.numbers(of: v)
    }

    @Test(arguments: try entries())
    func agreesWithR(_ e: Entry) throws {
        let t = try scoreTutorial()
        let s = t.session()
        _ = s.run("df = read_csv(\"datasets/score_parentedu_byclass.csv\")", firstLine: 1)
        if !e.setup.isEmpty { #expect(s.run(e.setup, firstLine: 1).error == nil) }
        let value = try s.evaluate(e.expr)
        let got = try #require(Self.numbers(value), "not numbers: \(value.typeDescription)")
        #expect(got.count == e.values.count)
        for (g, r) in zip(got, e.values) {
            if let r {
                #expect(abs(g - r) <= 1e-7 * max(1, abs(r)), "\(e.name): \(g) vs R \(r)")
            } else {
                #expect(g.isNaN, "\(e.name): \(g) vs R NA")
            }
        }
    }

    @Test func theFixtureIsThere() throws {
        #expect(try Self.entries().count >= 25)
    }
}

extension Session {
    /// Evaluates one expression in the session (for tests).
    func evaluate(_ source: String) throws -> Value {
        try evaluateValue(source, at: SourceLocation(file: "lesson.md", line: 1, column: 1))
    }
}
