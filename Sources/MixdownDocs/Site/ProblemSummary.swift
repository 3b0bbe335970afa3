/// What a page says about its problems (the banner on the page, the mark on the index):
/// "2 cells failed, 1 other problem" and a link to the first failing cell.
struct ProblemSummary {
    let text: String
    /// `#cell-N` of the first failing cell, if a cell failed.
    let firstHref: String?

    init?(_ lesson: RenderedLesson) {
        guard lesson.failed else { return nil }
        let failing = lesson.failedCells
        let others = lesson.diagnostics.count - failing.count
        var parts: [String] = []
        if !failing.isEmpty { parts.append(Self.count(failing.count, "cell failed", "cells failed")) }
        if others > 0 { parts.append(Self.count(others, "other problem", "other problems")) }
        text = parts.joined(separator: ", ")
        firstHref = failing.first.map { "#cell-\($0.index)" }
    }

    private static func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(n) " + (n == 1 ? one : many)
    }
}
