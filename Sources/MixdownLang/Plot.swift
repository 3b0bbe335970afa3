import Foundation
import MixdownCharts

/// A plot value: one or more chart panels, how they share axes, and figure-level titles.
/// It becomes a `MixdownCharts.Figure` (with a per-session numbered id) only when displayed.
public struct Plot {
    public var panels: [Panel]
    public var sharedX = false
    public var sharedY = false
    public var title: String?
    public var legendTitle: String?

    public init(panel: Panel, legendTitle: String? = nil) {
        panels = [panel]; self.legendTitle = legendTitle
    }

    public init(panels: [Panel], sharedX: Bool, sharedY: Bool, legendTitle: String?) {
        self.panels = panels; self.sharedX = sharedX; self.sharedY = sharedY; self.legendTitle = legendTitle
    }

    /// The chart to render; `number` makes the ids inside the SVG unique on the page. Without a
    /// size, one panel is 480×400 and a row of panels 900×340.
    public func figure(number: Int, width: Double? = nil, height: Double? = nil) -> Figure {
        let n = panels.count
        let layout: Layout = n == 1 ? .single : .row(sharedX: sharedX, sharedY: sharedY)
        let width: Double = width ?? (n == 1 ? 480 : 900)
        let height: Double = height ?? (n == 1 ? 400 : 340)
        return Figure(panels: panels, layout: layout, width: width, height: height, title: title,
                      legendTitle: legendTitle, id: "figure-\(number)")
    }

    /// Both plots on the same axes: marks of `other` drawn over this plot's marks.
    func overlaid(with other: Plot, at loc: SourceLocation) throws -> Plot {
        guard panels.count == 1, other.panels.count == 1 else {
            throw LangError("'+' overlays single-panel plots; put several panels together with panels(...) instead", at: loc)
        }
        var out = self
        var panel = panels[0]
        let top = other.panels[0]
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
