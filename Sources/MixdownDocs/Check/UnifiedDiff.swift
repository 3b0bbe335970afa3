/// A short unified diff of two texts (`---`/`+++` header, `@@` hunks with 2 lines of context),
/// built on the standard library's `CollectionDifference`.
enum UnifiedDiff {
    static func make(old: String, new: String, name: String, context: Int = 2, maxLines: Int = 60) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let diff = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in diff {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // Walk both sides in step, producing an edit script of (' ', '-', '+') lines.
        var script: [(tag: Character, text: String, oldLine: Int, newLine: Int)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count && removed.contains(i) {
                script.append(("-", a[i], i, j)); i += 1
            } else if j < b.count && inserted.contains(j) {
                script.append(("+", b[j], i, j)); j += 1
            } else {
                if i < a.count && j < b.count { script.append((" ", a[i], i, j)) }
                i += 1; j += 1
            }
        }
        let changed = script.indices.filter { script[$0].tag != " " }
        guard !changed.isEmpty else { return "" }
        var out = ["--- \(name) (committed)", "+++ \(name) (rendered now)"]
        var k = 0
        var printed = 0
        while k < changed.count {
            let start = max(0, changed[k] - context)
            var end = min(script.count - 1, changed[k] + context)
            while k + 1 < changed.count && changed[k + 1] - context <= end + 1 {
                k += 1
                end = min(script.count - 1, changed[k] + context)
            }
            let hunk = script[start...end]
            let oldCount = hunk.filter { $0.tag != "+" }.count
            let newCount = hunk.filter { $0.tag != "-" }.count
            out.append("@@ -\(hunk.first!.oldLine + 1),\(oldCount) +\(hunk.first!.newLine + 1),\(newCount) @@")
            for line in hunk {
                let text = line.text.count > 200 ? String(line.text.prefix(200)) + "…" : line.text
                out.append("\(line.tag)\(text)")
                printed += 1
                if printed >= maxLines {
                    out.append("… (diff cut at \(maxLines) lines)")
                    return out.joined(separator: "\n")
                }
            }
            k += 1
        }
        return out.joined(separator: "\n")
    }
}
