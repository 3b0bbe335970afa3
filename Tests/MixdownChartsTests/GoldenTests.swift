import Foundation
import Testing
import MixdownCharts

/// Byte-for-byte comparison of every labelled figure cell of the flagship lesson and of the
/// language reference with `Golden/<label>.svg`: the SVG a figure cell draws, built by running
/// the lesson's own cells (see `LessonCells`).
///
/// Update the golden files with `make update-golden` (`MIXDOWN_UPDATE_GOLDEN=1 swift test
/// --filter MixdownChartsTests`); without it a missing or different golden file is a failure.
@Suite struct GoldenTests {
    static let update = ProcessInfo.processInfo.environment["MIXDOWN_UPDATE_GOLDEN"] == "1"

    @Test(arguments: ["lmm.md", "language.md"])
    func figureCellsMatchTheirGoldenFiles(lesson: String) throws {
        let figures = try LessonCells.figures(of: lesson)
        #expect(!figures.isEmpty, "\(lesson) has no labelled figure cell")
        for (name, figure) in figures {
            let svg = try figure.svg()
            let url = Fixtures.goldenDirectory.appendingPathComponent(name + ".svg")
            if Self.update {
                try svg.write(to: url, atomically: true, encoding: .utf8)
                continue
            }
            guard FileManager.default.fileExists(atPath: url.path) else {
                Issue.record("missing golden file \(url.lastPathComponent); run make update-golden to create it")
                continue
            }
            let golden = try String(contentsOf: url, encoding: .utf8)
            if svg != golden {
                let a = svg.split(separator: "\n", omittingEmptySubsequences: false)
                let b = golden.split(separator: "\n", omittingEmptySubsequences: false)
                let line = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
                Issue.record("\(name).svg differs from the golden file from line \(line + 1); run make update-golden if the change is intended")
            }
        }
    }
}
