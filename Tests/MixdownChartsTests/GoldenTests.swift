import Foundation
import Testing
import MixdownCharts

/// Byte-for-byte comparison of the nine walkthrough figures with `Golden/NN-name.svg`.
///
/// Update the golden files with `MIXDOWN_UPDATE_GOLDEN=1 swift test --filter MixdownChartsTests`
/// (the Makefile's `make update-golden`); without it a missing golden file is a failure.
@Suite struct GoldenTests {
    static let update = ProcessInfo.processInfo.environment["MIXDOWN_UPDATE_GOLDEN"] == "1"

    @Test(arguments: [
        "01-scatter-by-classroom", "02-lm-global-fit", "03-lm-global-diagnosis", "04-ancova-inter",
        "05-ancova-inter-diagnosis", "06-aggregation", "07-hierarchical", "08-lmm-random-intercepts", "09-ancova-full",
    ])
    func matchesGolden(name: String) throws {
        let figures = try Walkthrough().all()
        let figure = try #require(figures.first { $0.name == name }?.figure)
        let svg = try figure.svg()
        let url = Fixtures.goldenDirectory.appendingPathComponent(name + ".svg")
        if Self.update {
            try svg.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("missing golden file \(url.lastPathComponent); run with MIXDOWN_UPDATE_GOLDEN=1 to create it")
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        if svg != golden {
            let a = svg.split(separator: "\n", omittingEmptySubsequences: false)
            let b = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
            Issue.record("\(name).svg differs from the golden file from line \(line + 1); run with MIXDOWN_UPDATE_GOLDEN=1 if the change is intended")
        }
    }
}
