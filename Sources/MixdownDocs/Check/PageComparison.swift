/// Compares two versions of a built page as a whole (prose, tables, inline values and the SVG of
/// figures): words and markup must match exactly; a number may move by one unit of the last digit
/// it shows, or by 1e-8 of its size (full-precision tooltips), so that round-off does not count.
enum PageComparison {
    /// nil when the pages are the same within tolerance; else a diff of the lines that changed.
    static func differences(old: String, new: String, name: String = "page") -> String? {
        if old == new { return nil }
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard a.count == b.count else {
            return UnifiedDiff.make(old: old, new: new, name: name)
        }
        var changes: [String] = []
        for (n, (x, y)) in zip(a, b).enumerated() where x != y {
            if let what = TextTolerance.firstDifference(x, y, relative: 1e-8) {
                changes.append("line \(n + 1): \(what)\n- \(clip(x))\n+ \(clip(y))")
            }
        }
        return changes.isEmpty ? nil : changes.joined(separator: "\n")
    }

    /// A long line (an SVG path) cut to something readable.
    private static func clip(_ line: String) -> String {
        line.count > 160 ? String(line.prefix(157)) + "…" : line
    }
}
