import Foundation

/// `mixdown check`: compares a freshly rendered site with the committed output folder.
/// Cell results are compared with tolerance (see `ResultComparison`); the pages as readers get
/// them, figure markup included, with the number tolerance of `PageComparison`; every other
/// file byte for byte.
public struct SiteChecker {
    public init() {}

    /// Readable differences, empty when the site is up to date.
    public func differences(rendered: [String: Data], committed: [String: Data]) -> [String] {
        var report: [String] = []
        for path in Set(rendered.keys).union(committed.keys).sorted() {
            guard let new = rendered[path] else {
                report.append("\(path): in the output folder but no longer rendered (delete it, or run `mixdown build`)")
                continue
            }
            guard let old = committed[path] else {
                report.append("\(path): rendered now but missing from the output folder")
                continue
            }
            if old == new { continue }
            if path.hasPrefix("results/") && path.hasSuffix(".json") {
                let lesson = String(path.dropFirst("results/".count).dropLast(".json".count)) + ".md"
                guard let a = JSONNode.parse(old), let b = JSONNode.parse(new) else {
                    report.append("\(path): the stored results are not valid JSON")
                    continue
                }
                report += ResultComparison(lesson: lesson).differences(committed: a, fresh: b)
            } else if path.hasSuffix(".html") || path.hasSuffix(".svg") {
                let a = String(decoding: old, as: UTF8.self), b = String(decoding: new, as: UTF8.self)
                if let changes = PageComparison.differences(old: a, new: b, name: path) {
                    report.append("\(path): the page changed\n" + changes)
                }
            } else if let a = String(data: old, encoding: .utf8), let b = String(data: new, encoding: .utf8) {
                report.append("\(path): changed\n" + UnifiedDiff.make(old: a, new: b, name: path))
            } else {
                report.append("\(path): binary file changed (\(old.count) → \(new.count) bytes)")
            }
        }
        return report
    }

}
