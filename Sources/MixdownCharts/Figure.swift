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
    /// A categorical x axis: category `k` sits at x = k (marks give positions 0, 1, …) and the
    /// ticks are labelled with the categories; the domain is −0.5 … n − 0.5 unless fixed.
    public var xCategories: [String]?
    /// A categorical y axis, as `xCategories` (category 0 at the bottom).
    public var yCategories: [String]?

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, marks: [Mark],
                xDomain: ClosedRange<Double>? = nil, yDomain: ClosedRange<Double>? = nil, grid: Bool = false,
                xCategories: [String]? = nil, yCategories: [String]? = nil) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.marks = marks
        self.xDomain = xDomain; self.yDomain = yDomain; self.grid = grid
        self.xCategories = xCategories; self.yCategories = yCategories
    }
}

/// How the panels of a figure are arranged.
public enum Layout: Sendable, Equatable {
    /// Exactly one panel.
    case single
    /// Panels side by side. A shared axis gets one domain for all panels; a shared y axis is
    /// labelled only on the first panel.
    case row(sharedX: Bool, sharedY: Bool)
    /// Small multiples wrapping into rows of `columns` panels (the last row may be short). A
    /// shared x axis is labelled only under the lowest panel of each column, a shared y axis
    /// only on the first column.
    case grid(columns: Int, sharedX: Bool, sharedY: Bool)

    var columns: Int? { if case .grid(let c, _, _) = self { return c } else { return nil } }
    var shared: (x: Bool, y: Bool) {
        switch self {
        case .single: return (false, false)
        case .row(let x, let y), .grid(_, let x, let y): return (x, y)
        }
    }
}

/// A complete chart: one panel, a row or a wrapped grid of panels, a hue legend on the right,
/// rendered to SVG.
///
/// Categories used by any mark (`MarkColor.category`, `Points.categories`, `Bars`, `Density`)
/// are collected over the whole figure, sorted, and given tab10 colours in that order, so a
/// category has the same colour in every panel and in the legend.
///
/// Many groups: with more than ten categories colours would repeat, so none is coloured by
/// default: every category is drawn in one neutral grey and the legend is a single entry
/// ("65 Subjects"). `highlight` names up to ten categories that keep a tab10 colour (in the
/// order given) and a legend entry each, drawn over the grey ones; the rest share one
/// "other …" entry.
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
    /// Categories coloured when there are more than ten (see above); ignored with ten or fewer.
    public var highlight: [String]

    public init(panels: [Panel], layout: Layout = .single, width: Double = 480, height: Double = 400,
                title: String? = nil, legendTitle: String? = nil, showLegend: Bool = true, id: String,
                highlight: [String] = []) {
        self.panels = panels; self.layout = layout; self.width = width; self.height = height
        self.title = title; self.legendTitle = legendTitle; self.showLegend = showLegend; self.id = id
        self.highlight = highlight
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

extension Figure {
    /// The narrowest a panel's plot area should be on a small screen.
    public static let minimumPanelWidth = 120.0

    /// About how wide the legend beside the panels is (its title or widest label, glyph, gaps).
    var legendWidthEstimate: Double {
        var cats = Set<String>()
        for p in panels { cats.formUnion(PreparedPanel.categories(of: p.marks)) }
        guard showLegend, !cats.isEmpty else { return 0 }
        let colors = ColorMap(categories: cats, highlight: highlight)
        let labels = colors.legendCategories + (colors.mutedCount > 0 ? ["\(colors.mutedCount) others"] : [])
        let widest = labels.map { TextMetrics.width($0, fontSize: Style.legendFont) + 22 }.max() ?? 0
        let title = legendTitle.map { TextMetrics.width($0, fontSize: Style.legendTitleFont, bold: true) } ?? 0
        return 16 + min(Style.maxCategoryLabel + 22, max(widest, title)) + 4
    }

    /// The same figure laid out again for a narrow screen (e.g. 390 px on a phone), so that its
    /// text keeps its size instead of being scaled down with the picture: the panels wrap into
    /// as many columns as fit at `minimumPanelWidth` (one column for a row of two or three), each
    /// row keeps the height a row had, and a single panel keeps its aspect ratio.
    public func reflowed(toWidth narrow: Double) -> Figure {
        guard narrow < width else { return self }
        var out = self
        out.width = narrow
        let n = panels.count
        guard n > 1 else {
            out.height = max(200, (height * narrow / width).rounded())
            return out
        }
        let (sharedX, sharedY) = layout.shared
        let oldColumns = GridPlan(figure: self).columns
        let oldRows = Double((n + oldColumns - 1) / oldColumns)
        let room = narrow - 60 - legendWidthEstimate + Style.panelGap
        let columns = max(1, min(oldColumns, Int(room / (Self.minimumPanelWidth + Style.panelGap))))
        let rows = Double((n + columns - 1) / columns)
        let rowHeight = min(height / oldRows, 300)
        out.layout = .grid(columns: columns, sharedX: sharedX, sharedY: sharedY)
        out.height = min(10_000, (rowHeight * rows).rounded())
        return out
    }
}
