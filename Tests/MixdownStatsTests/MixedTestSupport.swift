import Foundation
@testable import MixdownStats

/// Test helpers for the mixed-model tests: fixture loading and a tiny CSV reader independent of
/// the project's DataFrame (so these tests check the numerical core on its own).
enum MixedFixtures {
    static func url(_ name: String) throws -> URL {
        guard let u = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
            throw MixedModelError.numerical("fixture \(name) missing")
        }
        return u
    }

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: url(name))
        guard let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw MixedModelError.numerical("fixture \(name) is not a JSON object")
        }
        return obj
    }

    /// Columns of a simple comma-separated file with a header line (no quoting).
    static func csv(_ name: String) throws -> [String: [String]] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        var cols = [String: [String]]()
        for h in header { cols[h] = [] }
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for (i, h) in header.enumerated() { cols[h]?.append(f[i]) }
        }
        return cols
    }

    static func numbers(_ v: [String]?) -> [Double] { (v ?? []).map { Double($0) ?? .nan } }

    /// A grouping factor: sorted level names and per-row indices.
    static func factor(_ values: [String]) -> (levels: [String], index: [Int32]) {
        let levels = Array(Set(values)).sorted()
        var pos = [String: Int32]()
        for (i, l) in levels.enumerated() { pos[l] = Int32(i) }
        return (levels, values.map { pos[$0] ?? -1 })
    }

    static func term(_ group: String, _ values: [String], names: [String], columns: [[Double]],
                     correlated: Bool = true) -> RandomEffectTerm {
        let f = factor(values)
        return RandomEffectTerm(group: group, levels: f.levels, levelIndex: f.index, columnNames: names,
                                columns: columns, correlated: correlated)
    }

    /// The walkthrough's score data as a mixed-model input: `score ~ edu` with the given random part.
    static func scoreInput(randomSlope: Bool) throws -> MixedModelInput {
        let c = try csv("score_parentedu_byclass.csv")
        let y = numbers(c["score"]), edu = numbers(c["edu"])
        let ones = [Double](repeating: 1, count: y.count)
        let t = randomSlope
            ? term("classroom", c["classroom"] ?? [], names: ["Intercept", "edu"], columns: [ones, edu])
            : term("classroom", c["classroom"] ?? [], names: ["Intercept"], columns: [ones])
        return MixedModelInput(responseName: "score", response: y, fixedNames: ["Intercept", "edu"],
                               fixedColumns: [ones, edu], terms: [t])
    }

    static func relErr(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }
}
