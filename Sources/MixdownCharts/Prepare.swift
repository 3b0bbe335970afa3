/// The data side of a panel before any pixel is decided: extents, categorical x, density curves.
struct PreparedPanel {
    /// The running min/max of the values seen on one axis.
    struct Extent {
        var lo = Double.infinity
        var hi = -Double.infinity
        /// True when zero is a natural edge (bars, densities): no margin is added beyond it.
        var stickyZero = false

        mutating func add(_ v: Double) { lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
        mutating func add(_ vs: [Double]) { for v in vs { add(v) } }
        mutating func merge(_ o: Extent) { lo = Swift.min(lo, o.lo); hi = Swift.max(hi, o.hi); stickyZero = stickyZero || o.stickyZero }
        var isEmpty: Bool { lo > hi }
    }

    /// One evaluated density curve (already scaled for `.common` normalisation).
    struct Curve {
        var category: String?
        var color: MarkColor
        var grid: [Double]
        var density: [Double]
    }

    let index: Int
    let panel: Panel
    /// The categories of the x axis when the panel has bars (in the bars' order).
    var bandCategories: [String]?
    var x = Extent()
    var y = Extent()
    /// Density curves by mark index.
    var curves: [Int: [Curve]] = [:]

    init(index: Int, panel: Panel) throws {
        self.index = index
        self.panel = panel
        var needsLinearX = false
        for (m, mark) in panel.marks.enumerated() {
            switch mark {
            case .points(let p): x.add(p.x); y.add(p.y); needsLinearX = true
            case .line(let l): x.add(l.x); y.add(l.y); needsLinearX = true
            case .band(let b): x.add(b.x); y.add(b.lower); y.add(b.upper); needsLinearX = true
            case .bars(let b):
                var cats = bandCategories ?? []
                for c in b.categories where !cats.contains(c) { cats.append(c) }
                bandCategories = cats
                y.add(b.values); y.add(0); y.stickyZero = true
            case .refLine(let r):
                if r.direction == .horizontal { y.add(r.value) } else { x.add(r.value); needsLinearX = true }
            case .text(let t): x.add(t.x); y.add(t.y); needsLinearX = true
            case .arrow(let a): x.add([a.fromX, a.toX]); y.add([a.fromY, a.toY]); needsLinearX = true
            case .errorBars(let e):
                needsLinearX = true
                if e.orientation == .vertical {
                    x.add(e.position); y.add(e.lower); y.add(e.upper); y.add(e.center ?? [])
                } else {
                    y.add(e.position); x.add(e.lower); x.add(e.upper); x.add(e.center ?? [])
                }
            case .slopedLine: break
            case .histogram(let h):
                needsLinearX = true
                let (edges, counts) = h.counts
                x.add(edges); y.add(0); y.add(Double(counts.max() ?? 0)); y.stickyZero = true
            case .density(let d):
                let name = "panel \(index + 1), mark \(m + 1) (density)"
                let made = try Self.curves(d, name: name)
                curves[m] = made
                needsLinearX = true
                for c in made {
                    if d.orientation == .vertical {
                        y.add(c.grid); x.add(0); x.add(c.density); x.stickyZero = true
                    } else {
                        x.add(c.grid); y.add(0); y.add(c.density); y.stickyZero = true
                    }
                }
            }
        }
        if bandCategories != nil && needsLinearX { throw ChartError.mixedScales(panel: index + 1) }
    }

    /// Splits a density mark by category (sorted) and evaluates each group's KDE.
    static func curves(_ d: Density, name: String) throws -> [Curve] {
        guard let cats = d.categories else {
            let kde = try KernelDensity(values: d.values, adjust: d.bandwidthAdjust, name: name)
            let c = kde.curve()
            return [Curve(category: nil, color: d.color, grid: c.grid, density: c.density)]
        }
        var groups: [String: [Double]] = [:]
        for (v, c) in zip(d.values, cats) { groups[c, default: []].append(v) }
        let total = Double(d.values.count)
        return try groups.keys.sorted().map { cat in
            let values = groups[cat] ?? []
            let kde = try KernelDensity(values: values, adjust: d.bandwidthAdjust, name: "\(name), group \(cat)")
            let c = kde.curve()
            let share = d.norm == .common ? Double(values.count) / total : 1
            return Curve(category: cat, color: .category(cat), grid: c.grid, density: c.density.map { $0 * share })
        }
    }

    /// Every hue category a panel's marks refer to.
    static func categories(of marks: [Mark]) -> Set<String> {
        var s = Set<String>()
        func add(_ c: MarkColor) { if let n = c.categoryName { s.insert(n) } }
        for mark in marks {
            switch mark {
            case .points(let p): if let c = p.categories { s.formUnion(c) } else { add(p.color) }
            case .line(let l): add(l.color)
            case .band(let b): add(b.color)
            case .bars(let b): if b.colorByCategory { s.formUnion(b.categories) } else { add(b.color) }
            case .refLine(let r): add(r.color)
            case .text(let t): add(t.color)
            case .arrow(let a): add(a.color)
            case .density(let d): if let c = d.categories { s.formUnion(c) } else { add(d.color) }
            case .errorBars(let e): if let c = e.categories { s.formUnion(c) } else { add(e.color) }
            case .slopedLine(let l): add(l.color)
            case .histogram(let h): add(h.color)
            }
        }
        return s
    }

    /// The x domain: the fixed one, else −0.5 … n − 0.5 on a categorical axis, else from the data.
    var xDomain: ClosedRange<Double> { Self.domain(fixed: panel.xDomain ?? Self.categoryDomain(panel.xCategories), extent: x) }
    /// The y domain, as `xDomain`.
    var yDomain: ClosedRange<Double> { Self.domain(fixed: panel.yDomain ?? Self.categoryDomain(panel.yCategories), extent: y) }

    static func categoryDomain(_ categories: [String]?) -> ClosedRange<Double>? {
        guard let c = categories, !c.isEmpty else { return nil }
        return -0.5...(Double(c.count) - 0.5)
    }

    /// The domain for an axis: the fixed one, or the extent with a 5 % margin (none beyond a sticky zero).
    static func domain(fixed: ClosedRange<Double>?, extent e: Extent) -> ClosedRange<Double> {
        if let fixed { return fixed }
        guard !e.isEmpty else { return 0...1 }
        var lo = e.lo, hi = e.hi
        if hi - lo < 1e-12 {
            let pad = Swift.max(abs(lo) * 0.1, 0.5)
            return (lo - pad)...(hi + pad)
        }
        let pad = 0.05 * (hi - lo)
        if !(e.stickyZero && lo == 0) { lo -= pad }
        if !(e.stickyZero && hi == 0) { hi += pad }
        return lo...hi
    }
}
