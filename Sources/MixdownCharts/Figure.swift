/// One plot area: its marks, axis titles, title and optional fixed domains.
public struct Panel: Sendable, Equatable {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    /// Drawn in order: later marks paint over earlier ones.
    public var marks: [Mark]
    /// A fixed x domain; when nil it is the data's extent with a 5 % margin.
    public var xDomain: ClosedRange<Double>?
    /// A fixed y domain; when nil it is the data's extent with a 5 % margin.
    public var yDomain: ClosedRange<Double>?
    /// Light grid lines at the ticks.
    public var grid: Bool

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, marks: [Mark],
                xDomain: ClosedRange<Double>? = nil, yDomain: ClosedRange<Double>? = nil, grid: Bool = false) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.marks = marks
        self.xDomain = xDomain; self.yDomain = yDomain; self.grid = grid
    }
}

/// How the panels of a figure are arranged.
public enum Layout: Sendable, Equatable {
    /// Exactly one panel.
    case single
    /// Panels side by side. A shared axis gets one domain for all panels; a shared y axis is
    /// labelled only on the first panel.
    case row(sharedX: Bool, sharedY: Bool)
}

/// A complete chart: one panel or a row of panels, a hue legend on the right, rendered to SVG.
///
/// Categories used by any mark (`MarkColor.category`, `Points.categories`, `Bars`, `Density`)
/// are collected over the whole figure, sorted, and given tab10 colours in that order, so a
/// category has the same colour in every panel and in the legend.
///
/// Ink (axes, tick labels, titles, ink-coloured marks) is `currentColor`, set by a `<style>` scoped
/// to the figure's id: `var(--mx-ink)` when the page defines it, else dark grey, or light grey under
/// `prefers-color-scheme: dark`. `--mx-paper` (the page background) outlines points. A page with
/// its own theme switch should set both custom properties; a standalone `.svg` needs nothing.
///
/// ```swift
/// let fig = Figure(panels: [Panel(xLabel: "edu", yLabel: "score",
///                                 marks: [.points(x: edu, y: score, categories: classroom)])],
///                  legendTitle: "classroom", id: "fig-1")
/// let svg = try fig.svg()
/// ```
public struct Figure: Sendable, Equatable, CustomStringConvertible {
    public var panels: [Panel]
    public var layout: Layout
    /// Size in CSS pixels (also the viewBox).
    public var width: Double
    public var height: Double
    /// The accessible title (`<title>`); when nil one is made from the panels' titles and axes.
    public var title: String?
    /// The title of the hue legend (e.g. "classroom"); also names the groups in the description.
    public var legendTitle: String?
    /// Draw the hue legend when the figure has categories.
    public var showLegend: Bool
    /// A caller-given id (e.g. "fig-3"): prefix of every id inside the SVG, so several figures
    /// can share one page. Letters, digits, `-` and `_`, starting with a letter.
    public var id: String

    public init(panels: [Panel], layout: Layout = .single, width: Double = 480, height: Double = 400,
                title: String? = nil, legendTitle: String? = nil, showLegend: Bool = true, id: String) {
        self.panels = panels; self.layout = layout; self.width = width; self.height = height
        self.title = title; self.legendTitle = legendTitle; self.showLegend = showLegend; self.id = id
    }

    /// The figure as a standalone SVG document (also fit to be inlined in HTML).
    /// Throws `ChartError` when the data cannot be drawn (mismatched lengths, NaN, bad id, …).
    public func svg() throws -> String {
        try Renderer(figure: self).render()
    }

    /// A plain-language description generated from the data (the SVG's `<desc>`).
    public var description: String {
        Describer(figure: self).description
    }

    /// The accessible title used for `<title>`.
    public var accessibleTitle: String {
        Describer(figure: self).title
    }
}
