/// Writes the accessible title and description of a figure from its data, e.g.
/// "Scatter plot of score against edu, 60 points in 3 classrooms (c0, c1, c2)."
struct Describer {
    let figure: Figure

    /// The `<title>`: the figure's own title, else the panel titles, else "y against x".
    var title: String {
        if let t = figure.title, !t.isEmpty { return t }
        let titles = figure.panels.compactMap { $0.title }.filter { !$0.isEmpty }
        if !titles.isEmpty { return titles.joined(separator: "; ") }
        if let p = figure.panels.first {
            let y = p.yLabel ?? "", x = p.xLabel ?? ""
            if !y.isEmpty && !x.isEmpty { return "\(y) against \(x)" }
            if !y.isEmpty { return y }
            if !x.isEmpty { return x }
        }
        return "Chart"
    }

    /// One sentence per panel, prefixed by "Panel k" when there are several.
    var description: String {
        let many = figure.panels.count > 1
        // Small multiples: one sentence for the grid, then the first panel as an example.
        if figure.panels.count > 8, let first = figure.panels.first {
            let titles = figure.panels.compactMap(\.title).filter { !$0.isEmpty }
            let named = titles.isEmpty ? "" : " (\(list(titles)))"
            return "\(figure.panels.count) panels\(named) on the same axes; the first: \(sentence(first))."
        }
        return figure.panels.enumerated().map { i, p in
            let body = sentence(p)
            guard many else { return capitalized(body) + "." }
            let name = (p.title ?? "").isEmpty ? "" : " (\(p.title ?? ""))"
            return "Panel \(i + 1)\(name): \(body)."
        }.joined(separator: " ")
    }

    private var groupNoun: String {
        guard let t = figure.legendTitle, !t.isEmpty else { return "groups" }
        return Self.plural(t)
    }

    static func plural(_ word: String) -> String {
        let lower = word.lowercased()
        let irregular = ["child": "children", "person": "people", "man": "men", "woman": "women", "mouse": "mice"]
        if let p = irregular[lower] { return word.first?.isUppercase == true ? p.prefix(1).uppercased() + p.dropFirst() : p }
        if lower.hasSuffix("s") || lower.hasSuffix("x") || lower.hasSuffix("ch") || lower.hasSuffix("sh") { return word + "es" }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) { return word.dropLast() + "ies" }
        return word + "s"
    }

    private func list(_ cats: [String]) -> String {
        let shown = cats.prefix(8).joined(separator: ", ")
        return cats.count > 8 ? shown + ", …" : shown
    }

    private func capitalized(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst()
    }

    private func sentence(_ p: Panel) -> String {
        let y = (p.yLabel ?? "").isEmpty ? "y" : (p.yLabel ?? "y")
        let x = (p.xLabel ?? "").isEmpty ? "x" : (p.xLabel ?? "x")
        var parts: [String] = []
        var lead = ""

        let points = p.marks.compactMap { if case .points(let m) = $0 { return m } else { return nil } }
        let bars = p.marks.compactMap { if case .bars(let m) = $0 { return m } else { return nil } }
        let densities = p.marks.compactMap { if case .density(let m) = $0 { return m } else { return nil } }
        let lines = p.marks.compactMap { if case .line(let m) = $0 { return m } else { return nil } }
        let bands = p.marks.compactMap { if case .band(let m) = $0 { return m } else { return nil } }
        let arrows = p.marks.compactMap { if case .arrow(let m) = $0 { return m } else { return nil } }
        let refs = p.marks.compactMap { if case .refLine(let m) = $0 { return m } else { return nil } }
        let texts = p.marks.compactMap { if case .text(let m) = $0 { return m } else { return nil } }

        if !points.isEmpty {
            let total = points.reduce(0) { $0 + $1.x.count }
            var cats = Set<String>()
            for m in points {
                if let c = m.categories { cats.formUnion(c) } else if let c = m.color.categoryName { cats.insert(c) }
            }
            lead = "scatter plot of \(y) against \(x), \(total) point\(total == 1 ? "" : "s")"
            if !cats.isEmpty {
                let sorted = cats.sorted()
                lead += " in \(sorted.count) \(sorted.count == 1 ? (figure.legendTitle ?? "group") : groupNoun) (\(list(sorted)))"
            }
            if points.count > 1 {
                let sizes = Set(points.map(\.size))
                if sizes.count > 1 { lead += ", drawn at \(sizes.count) sizes" }
            }
        }
        if !bars.isEmpty {
            let pairs = bars.flatMap { b in zip(b.categories, b.values).map { "\($0.0) \(Format.prose($0.1))" } }
            let barLead = "bar chart of \(y) by \(x): \(pairs.joined(separator: ", "))"
            if lead.isEmpty { lead = barLead } else { parts.append(barLead) }
        }
        if !densities.isEmpty {
            for d in densities {
                let along = d.orientation == .vertical ? y : x
                var s = "density curve of \(along)"
                if let c = d.categories {
                    let cats = Set(c).sorted()
                    s = "density curves of \(along) for \(cats.count) \(groupNoun) (\(list(cats)))"
                }
                s += " from \(d.values.count) values"
                if lead.isEmpty { lead = s } else { parts.append(s) }
            }
        }
        if lead.isEmpty { lead = "plot of \(y) against \(x)" }
        if !lines.isEmpty {
            let dashed = lines.filter { $0.dash != .solid }.count
            var s = "\(lines.count) line\(lines.count == 1 ? "" : "s")"
            if dashed > 0 && dashed < lines.count { s += " (\(dashed) dashed)" } else if dashed > 0 { s += " (dashed)" }
            let groups = lines.compactMap(\.group)
            if groups.count == lines.count, lines.count > 1 { s += " for \(list(groups))" }
            if lines.count == 1, let l = lines.first, let x0 = l.x.first, let x1 = l.x.last, let y0 = l.y.first, let y1 = l.y.last {
                s += " from (\(Format.prose(x0)), \(Format.prose(y0))) to (\(Format.prose(x1)), \(Format.prose(y1)))"
            }
            parts.append(s)
        }
        let errorBars = p.marks.compactMap { if case .errorBars(let m) = $0 { return m } else { return nil } }
        let ablines = p.marks.compactMap { if case .slopedLine(let m) = $0 { return m } else { return nil } }
        let histograms = p.marks.compactMap { if case .histogram(let m) = $0 { return m } else { return nil } }
        for h in histograms {
            let s = "histogram of \(x) from \(h.values.count) values in \(h.bins) bins"
            if lead.hasPrefix("plot of") { lead = s } else { parts.append(s) }
        }
        if !errorBars.isEmpty {
            let n = errorBars.reduce(0) { $0 + $1.position.count }
            parts.append("\(n) interval\(n == 1 ? "" : "s")")
        }
        for l in ablines {
            var s = "a reference line \(y) = \(Format.prose(l.intercept)) + \(Format.prose(l.slope)) \(x)"
            if let label = l.label, !label.isEmpty { s += " labelled \"\(label)\"" }
            parts.append(s)
        }
        if !bands.isEmpty { parts.append("\(bands.count) shaded band\(bands.count == 1 ? "" : "s")") }
        if !arrows.isEmpty {
            var s = "\(arrows.count) arrow\(arrows.count == 1 ? "" : "s")"
            let labels = arrows.compactMap(\.label).filter { !$0.isEmpty }
            if !labels.isEmpty { s += " labelled " + labels.map { "\"\($0)\"" }.joined(separator: ", ") }
            parts.append(s)
        }
        for r in refs {
            var s = "a reference line at \(r.direction == .horizontal ? y : x) = \(Format.prose(r.value))"
            if let l = r.label, !l.isEmpty { s += " labelled \"\(l)\"" }
            parts.append(s)
        }
        if !texts.isEmpty { parts.append("the note" + (texts.count == 1 ? " " : "s ") + texts.map { "\"\($0.text)\"" }.joined(separator: ", ")) }

        guard !parts.isEmpty else { return lead }
        return lead + ", with " + joinList(parts)
    }

    private func joinList(_ items: [String]) -> String {
        if items.count <= 1 { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }
}
