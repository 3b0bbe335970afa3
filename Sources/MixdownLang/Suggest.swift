import Foundation

/// "Did you mean …?" hints: the closest candidate by edit distance, if close enough.
enum Suggest {
    /// The candidate closest to `name` (Levenshtein, case-insensitive), or nil when none is
    /// plausibly a misspelling. Ties go to the alphabetically first candidate. Failing that, the
    /// only candidate that `name` begins (a truncated name).
    static func closest(to name: String, in candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        let limit = max(1, min(3, target.count / 3 + 1))
        var best: (String, Int)?
        for candidate in candidates.sorted() where candidate != name {
            let d = distance(target, Array(candidate.lowercased()))
            if d <= limit, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        if let best { return best.0 }
        // A truncated name ("class" for "classroom"): the only candidate it begins.
        guard target.count >= 3 else { return nil }
        let prefixed = candidates.filter { $0 != name && $0.lowercased().hasPrefix(name.lowercased()) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// A ready-made hint "did you mean 'x'?" or nil.
    static func hint(for name: String, in candidates: [String]) -> String? {
        closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }
}
