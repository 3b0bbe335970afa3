import Foundation
import Testing
import MixdownCharts
@testable import MixdownLang
import MixdownStats

/// Figures on a data set the lessons never use, written only with the spellings of contracts §6
/// (as outside checks do): a seeded simulation of 27 people measured weekly, with a treatment
/// arm and names that need escaping. Each figure is drawn and read back from its SVG.
@Suite struct UnseenDataTests {
    /// 27 people × 6 weeks; person k's line is 40 + k/3 + 1.5·week (+ 4 in arm "B & C") + noise.
    static func csv() -> String {
        var rng = SplitMix64(state: 27)
        var text = "person,arm,week,score\n"
        for k in 1...27 {
            let arm = k % 3 == 0 ? "\"B & C\"" : "A<1>"
            let shift = Double(k) / 3 + (k % 3 == 0 ? 4 : 0)
            for week in 0..<6 {
                let noise = Double(rng.next() % 1000) / 250 - 2
                text += "P-\(k < 10 ? "0" : "")\(k),\(arm),\(week),\(40 + shift + 1.5 * Double(week) + noise)\n"
            }
        }
        return text
    }

    private func drawn(_ session: LessonFigures, _ setup: String, _ expression: String) throws -> XMLNode {
        try XMLNode.parse(try session.figure(setup, expression).svg())
    }

    private func panels(_ root: XMLNode) -> [XMLNode] { root.descendants.filter { $0.classes.contains("mx-panel") } }

    @Test func everyFigureSpellingDrawsOnUnseenData() throws {
        let session = try LessonFigures(files: ["trial.csv": Self.csv()])
        defer { session.cleanUp() }
        let setup = #"d = read_csv("trial.csv")"#
        let spaghetti = try drawn(session, setup, #"lines(d, x = "week", y = "score", group = "person", hue = "person", alpha = 0.5)"#)
        #expect(spaghetti.all("path").filter { $0.classes.contains("mx-line") }.count == 27)
        #expect(spaghetti.descendants.first { $0.classes.contains("mx-legend") }?.all("text").map(\.text) == ["person", "27 people"])
        let facets = try drawn(session, "", #"facet(scatter(d, x = "week", y = "score", alpha = 0.5) + lines(d, x = "week", y = "score"), by = "person", cols = 6)"#)
        #expect(panels(facets).count == 27)
        #expect(panels(facets).allSatisfy { $0.all("circle").count == 6 })
        let arms = try drawn(session, "", #"scatter(d, x = "arm", y = "score", hue = "arm") + vline(0.5) + abline(40, 2)"#)
        let xLabels = arms.all("text").filter { $0.classes.contains("mx-xtick") }.map(\.text)
        #expect(xLabels.sorted() == ["A<1>", "B & C"])
        #expect(arms.all("line").filter { $0.classes.contains("mx-abline") || $0.classes.contains("mx-ref") }.count == 2)
        let hist = try drawn(session, "", "histogram(d.score, bins = 12)")
        #expect((hist.all("g").first { $0.classes.contains("mx-histogram") }?.all("rect").count ?? 0) > 0)
        let qq = try drawn(session, "", "qqplot(d.score)")
        #expect(qq.all("circle").count == 162)
        let m = "m = lmm(score ~ week + (1 + week | person), d)"
        let cat = try drawn(session, m, #"caterpillar(m, group = "person")"#)
        #expect(panels(cat).count == 2)
        #expect(panels(cat).allSatisfy { $0.all("g").first { $0.classes.contains("mx-errorbars") }?.all("path").count == 27 })
        let means = "means = aggregate(d, by = \"person\", mean)\nmeans.lo = means.score - 1\nmeans.hi = means.score + 1"
        let bars = try drawn(session, means, #"errorbars(means, x = "score", y = "person", lower = "lo", upper = "hi", horizontal = true)"#)
        #expect(bars.all("g").first { $0.classes.contains("mx-errorbars") }?.all("path").count == 27)
    }
}

