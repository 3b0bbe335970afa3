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

    /// The chart to render; `number` makes the ids inside the SVG unique on the page.
    public func figure(number: Int) -> Figure {
        let n = panels.count
        let layout: Layout = n == 1 ? .single : .row(sharedX: sharedX, sharedY: sharedY)
        let width: Double = n == 1 ? 560 : Double(n) * 360 + 120
        let height: Double = n == 1 ? 420 : 380
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
}
