import Foundation
import MixdownCharts
import MixdownStats

/// A plot value: one or more chart panels, how they share axes, and figure-level titles.
/// It becomes a `MixdownCharts.Figure` (a value the page draws) when displayed.
///
/// A single-panel plot made of data layers (`scatter`, `lines`, `errorbars`, reference lines, …)
/// also keeps its `layers`, so `facet` can rebuild the panel once per level from that level's rows.
public struct Plot {
    public var panels: [Panel]
    public var sharedX = false
    public var sharedY = false
    public var title: String?
    public var legendTitle: String?
    /// Levels coloured when the hue has more than ten (the rest are grey).
    public var highlight: [String] = []
    /// Set by `facet`: the panels wrap into rows of this many.
    public var columns: Int?
    /// The height to draw at when the cell gives none (a caterpillar plot grows with its levels).
    public var preferredHeight: Double?
    /// How to rebuild the panel's marks from a subset of the rows (nil: the plot cannot be faceted).
    var layers: [Layer]?
    /// The function that made the plot, for error messages.
    var madeBy = "this plot"

    public init(panel: Panel, legendTitle: String? = nil) {
        panels = [panel]; self.legendTitle = legendTitle
    }

    public init(panels: [Panel], sharedX: Bool, sharedY: Bool, legendTitle: String?) {
        self.panels = panels; self.sharedX = sharedX; self.sharedY = sharedY; self.legendTitle = legendTitle
    }

    /// A single-panel plot built from data layers (so it can be faceted).
    init(layers: [Layer], panel: Panel, legendTitle: String?, madeBy: String) throws {
        var panel = panel
        panel.marks = try layers.flatMap { try $0.marks(nil) }
        self.init(panel: panel, legendTitle: legendTitle)
        self.layers = layers
        self.madeBy = madeBy
    }

    /// The chart to render. Without a size, one panel is 480×400, a row of panels 900×340 and a
    /// facet grid 900 wide with rows of 150 (plus room for the axis titles). The id is a
    /// placeholder (`figure`, or `figure-N` for a standalone SVG): a page gives each figure its own.
    public func figure(number: Int? = nil, width: Double? = nil, height: Double? = nil) -> Figure {
        let n = panels.count
        let layout: Layout
        var defaultHeight: Double = n == 1 ? 400 : 340
        if let columns, n > 1 {
            layout = .grid(columns: columns, sharedX: sharedX, sharedY: sharedY)
            let rows = (n + min(columns, n) - 1) / min(columns, n)
            defaultHeight = min(10_000, Double(rows) * 150 + 30)
        } else {
            layout = n == 1 ? .single : .row(sharedX: sharedX, sharedY: sharedY)
        }
        var defaultWidth: Double = n == 1 ? 480 : 900
        if let columns, n > 1 { defaultWidth = max(900, min(10_000, Double(min(columns, n)) * 80 + 80)) }
        let width: Double = width ?? defaultWidth
        return Figure(panels: panels, layout: layout, width: width, height: height ?? preferredHeight ?? defaultHeight, title: title,
                      legendTitle: legendTitle, id: number.map { "figure-\($0)" } ?? "figure", highlight: highlight)
    }

    /// Both plots on the same axes: marks of `other` drawn over this plot's marks.
    func overlaid(with other: Plot, at loc: SourceLocation) throws -> Plot {
        guard panels.count == 1, other.panels.count == 1 else {
            throw LangError("'+' overlays single-panel plots; put several panels together with panels(...) instead", at: loc)
        }
        var out = self
        var panel = panels[0]
        let top = other.panels[0]
        for (mine, theirs, axis) in [(panel.xCategories, top.xCategories, "x"), (panel.yCategories, top.yCategories, "y")] {
            if let mine, let theirs, mine != theirs {
                throw LangError("'+' needs both plots to put the same categories on \(axis), in the same order", at: loc)
            }
        }
        panel.xCategories = panel.xCategories ?? top.xCategories
        panel.yCategories = panel.yCategories ?? top.yCategories
        if let a = layers, let b = other.layers { out.layers = a + b } else { out.layers = nil }
        if layers == nil { out.madeBy = madeBy } else if other.layers == nil { out.madeBy = other.madeBy }
        out.highlight = highlight.isEmpty ? other.highlight : highlight
        panel.marks += top.marks
        panel.xLabel = panel.xLabel ?? top.xLabel
        panel.yLabel = panel.yLabel ?? top.yLabel
        panel.title = panel.title ?? top.title
        panel.xDomain = panel.xDomain ?? top.xDomain
        panel.yDomain = panel.yDomain ?? top.yDomain
        out.panels = [panel]
        out.legendTitle = legendTitle ?? other.legendTitle
        out.title = title ?? other.title
        return out
    }

    /// The y extent of what a panel shows, without confidence bands and densities (whose extent
    /// the charts library works out itself).
    static func dataYExtent(_ panel: Panel) -> ClosedRange<Double>? {
        var ys: [Double] = []
        for mark in panel.marks {
            switch mark {
            case .points(let p): ys += p.y
            case .line(let l): ys += l.y
            case .bars(let b): ys += b.values + [0]
            case .refLine(let r) where r.direction == .horizontal: ys.append(r.value)
            case .arrow(let a): ys += [a.fromY, a.toY]
            case .text(let t): ys.append(t.y)
            default: break
            }
        }
        let finite = ys.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return nil }
        return lo...hi
    }

    /// For panels sharing their y axis: when a confidence band reaches far beyond the data (a
    /// regression through three means), fix the shared range on the data, with a 5 % margin, and
    /// let the band run off the panel instead of squashing the points.
    mutating func fitSharedYToData() {
        guard sharedY, panels.count > 1, panels.allSatisfy({ $0.yDomain == nil }) else { return }
        let bands = panels.flatMap(\.marks).compactMap { mark -> ClosedRange<Double>? in
            guard case .band(let b) = mark, let lo = b.lower.min(), let hi = b.upper.max() else { return nil }
            return lo...hi
        }
        let extents = panels.compactMap(Plot.dataYExtent)
        guard !bands.isEmpty, let lo = extents.map(\.lowerBound).min(), let hi = extents.map(\.upperBound).max(), hi > lo else { return }
        let margin = 0.05 * (hi - lo)
        guard bands.contains(where: { $0.lowerBound < lo - 5 * margin || $0.upperBound > hi + 5 * margin }) else { return }
        for i in panels.indices { panels[i].yDomain = (lo - margin)...(hi + margin) }
    }
}

/// One layer of a faceted-capable plot: its marks from a subset of its rows (`nil` = all rows).
/// A layer without data (a reference line) gives the same marks for every subset.
struct Layer {
    /// The layer's data, or nil for a reference line.
    let frame: DataFrame?
    let build: (DataFrame) throws -> [Mark]
    let fixed: [Mark]

    init(frame: DataFrame, build: @escaping (DataFrame) throws -> [Mark]) {
        self.frame = frame; self.build = build; fixed = []
    }

    init(fixed: [Mark]) { frame = nil; build = { _ in [] }; self.fixed = fixed }

    /// The marks for the rows where `by` has one value (all rows when `subset` is nil). A data
    /// layer whose frame has no column `by` draws all its rows in every panel.
    func marks(_ subset: (by: String, key: MixdownStats.Value)?) throws -> [Mark] {
        guard let frame else { return fixed }
        guard let subset, let column = frame.column(named: subset.by) else { return try build(frame) }
        let rows = column.groups().first { $0.key == subset.key }?.rows ?? []
        if rows.isEmpty { return [] }
        return try build(frame.rows(rows))
    }
}
