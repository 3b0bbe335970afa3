import Foundation

/// Sizes of the chart furniture, in pixels.
enum Style {
    static let tickFont = 11.0
    static let labelFont = 12.0
    static let titleFont = 13.0
    static let legendFont = 11.0
    static let legendTitleFont = 11.5
    static let tickLength = 4.0
    static let tickPad = 3.0
    static let margin = 8.0
    static let panelGap = 18.0
    static let legendRow = 18.0
    static let fontFamily = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, DejaVu Sans, sans-serif"
}

/// A piece of text with its position; `rotated` texts run bottom-to-top around (x, y).
struct TextItem {
    var text: String
    var x: Double
    var y: Double
    var fontSize: Double
    var anchor: TextAnchor
    var rotated = false
    var bold = false
    var cssClass: String
    var fill: String? = nil
    /// The panel the text belongs to (nil for the legend).
    var panel: Int? = nil

    var box: Box {
        if rotated {
            let w = TextMetrics.width(text, fontSize: fontSize, bold: bold)
            let (lo, hi): (Double, Double)
            switch anchor {
            case .start: (lo, hi) = (y - w, y)
            case .middle: (lo, hi) = (y - w / 2, y + w / 2)
            case .end: (lo, hi) = (y, y + w)
            }
            return Box(x0: x - TextMetrics.ascent * fontSize, y0: lo, x1: x + TextMetrics.descent * fontSize, y1: hi)
        }
        return Box(text: text, x: x, baseline: y, fontSize: fontSize, anchor: anchor, bold: bold)
    }
}

/// The x scale of a panel: numeric, or one band per category (bars).
enum XScale {
    case linear(LinearScale)
    case band(BandScale)

    /// The pixel position of a numeric x (band scales have none and return the left edge).
    func callAsFunction(_ v: Double) -> Double {
        switch self {
        case .linear(let s): return s(v)
        case .band(let b): return b.range.0
        }
    }
}

/// One tick: its pixel position, label and data value (for bands, the category's index).
struct Tick {
    var position: Double
    var label: String
    var value: Double
}

/// Where a panel ended up: its plot rectangle, scales and ticks.
struct Frame {
    let index: Int
    let plot: Box
    let x: XScale
    let y: LinearScale
    let xTicks: [Tick]
    let yTicks: [Tick]
    let showYTickLabels: Bool
}

/// The legend's place and entries (glyph centres in pixels).
struct LegendLayout {
    enum Glyph { case dot, bar, patch, line }
    struct Entry {
        var category: String
        var glyph: Glyph
        var cx: Double
        var cy: Double
    }
    let entries: [Entry]
}

/// Decides every position: plot rectangles, ticks, axis titles, panel titles, legend.
struct LayoutEngine {
    let figure: Figure
    let prepared: [PreparedPanel]
    let colors: ColorMap

    func layout() throws -> (frames: [Frame], texts: [TextItem], legend: LegendLayout?) {
        let n = prepared.count
        var sharedX = false, sharedY = false
        if case .row(let sx, let sy) = figure.layout { sharedX = sx; sharedY = sy }

        // Domains (shared axes take the union of the extents, or the first fixed domain).
        var xDomains = prepared.map { PreparedPanel.domain(fixed: $0.panel.xDomain, extent: $0.x) }
        var yDomains = prepared.map { PreparedPanel.domain(fixed: $0.panel.yDomain, extent: $0.y) }
        if sharedX && n > 1 {
            let linear = prepared.filter { $0.bandCategories == nil }
            let d = Self.sharedDomain(fixed: linear.map(\.panel.xDomain), extents: linear.map(\.x))
            xDomains = xDomains.map { _ in d }
        }
        if sharedY && n > 1 {
            let d = Self.sharedDomain(fixed: prepared.map(\.panel.yDomain), extents: prepared.map(\.y))
            yDomains = yDomains.map { _ in d }
        }

        // Vertical geometry, common to all panels.
        let hasTitles = prepared.contains { ($0.panel.title ?? "").isEmpty == false }
        let hasXLabels = prepared.contains { ($0.panel.xLabel ?? "").isEmpty == false }
        let plotTop = Style.margin + (hasTitles ? Style.titleFont + 10 : 4)
        var bottom = Style.tickLength + Style.tickPad + Style.tickFont + Style.margin
        if hasXLabels { bottom += 6 + Style.labelFont }
        let plotBottom = figure.height - bottom
        guard plotBottom - plotTop >= 40 else {
            throw ChartError.invalidParameter("figure \(figure.id): height \(Format.num(figure.height)) leaves no room for the plot")
        }

        // Y ticks (at most 9, at least 30 px apart), then the width each panel's y axis needs.
        let plotHeight = plotBottom - plotTop
        var yTickSets: [(values: [Double], labels: [String])] = []
        for d in yDomains {
            let step = LinearScale.tickStep(for: d, maxCount: min(9, Int(plotHeight / 30) + 1))
            let values = LinearScale.ticks(in: d, step: step)
            yTickSets.append((values, LinearScale.labels(for: values, step: step)))
        }
        var axisWidths: [Double] = []
        var showYLabels: [Bool] = []
        for (i, p) in prepared.enumerated() {
            let show = !(sharedY && i > 0)
            showYLabels.append(show)
            if show {
                let widest = yTickSets[i].labels.map { TextMetrics.width($0, fontSize: Style.tickFont) }.max() ?? 0
                let hasTitle = !(p.panel.yLabel ?? "").isEmpty
                axisWidths.append(Style.tickLength + Style.tickPad + widest + (hasTitle ? 8 + Style.labelFont : 0))
            } else {
                axisWidths.append(Style.tickLength)
            }
        }

        // Legend width.
        let legendEntries = colors.categories
        let legendTitle = figure.legendTitle.flatMap { $0.isEmpty ? nil : $0 }
        var legendWidth = 0.0
        var legendRows = 1
        var legendColumn = 0.0
        let showLegend = figure.showLegend && !legendEntries.isEmpty
        if showLegend {
            let titleW = legendTitle.map { TextMetrics.width($0, fontSize: Style.legendTitleFont, bold: true) } ?? 0
            let labelW = legendEntries.map { TextMetrics.width($0, fontSize: Style.legendFont) }.max() ?? 0
            // Entries that do not fit under one another go into further columns.
            let titleHeight = legendTitle == nil ? 0 : TextMetrics.ascent * Style.legendTitleFont + 6
            let room = figure.height - plotTop - titleHeight - Style.margin
            legendRows = max(1, min(legendEntries.count, Int(room / Style.legendRow)))
            let columns = (legendEntries.count + legendRows - 1) / legendRows
            legendColumn = 22 + labelW + 12
            legendWidth = 16 + max(titleW, Double(columns) * legendColumn - 12) + 4
        }

        let rightPad = 16.0
        let used = Style.margin + axisWidths.reduce(0, +) + Double(n - 1) * Style.panelGap + legendWidth + rightPad
        let plotWidth = (figure.width - used) / Double(n)
        guard plotWidth >= 40 else {
            throw ChartError.invalidParameter("figure \(figure.id): width \(Format.num(figure.width)) is too narrow for \(n) panel(s)")
        }

        var frames: [Frame] = []
        var texts: [TextItem] = []
        var left = Style.margin
        for (i, p) in prepared.enumerated() {
            let firstText = texts.count
            defer { for k in firstText..<texts.count { texts[k].panel = i } }
            left += axisWidths[i]
            let plot = Box(x0: left, y0: plotTop, x1: left + plotWidth, y1: plotBottom)
            let yScale = LinearScale(domain: yDomains[i], range: (plotBottom, plotTop))
            let yTicks = zip(yTickSets[i].values, yTickSets[i].labels).map { Tick(position: yScale($0.0), label: $0.1, value: $0.0) }

            let xScale: XScale
            var xTicks: [Tick] = []
            if let cats = p.bandCategories {
                let band = BandScale(categories: cats, range: (plot.x0, plot.x1))
                xScale = .band(band)
                for (k, c) in cats.enumerated() { xTicks.append(Tick(position: band.center(c) ?? plot.x0, label: c, value: Double(k))) }
            } else {
                let s = LinearScale(domain: xDomains[i], range: (plot.x0, plot.x1))
                xScale = .linear(s)
                var maxCount = min(9, Int(plotWidth / 50) + 1)
                while true {
                    let step = LinearScale.tickStep(for: xDomains[i], maxCount: maxCount)
                    let values = LinearScale.ticks(in: xDomains[i], step: step)
                    let labels = LinearScale.labels(for: values, step: step)
                    let widest = labels.map { TextMetrics.width($0, fontSize: Style.tickFont) }.max() ?? 0
                    let spacing = values.count > 1 ? abs(s(values[1]) - s(values[0])) : .infinity
                    if spacing >= widest + 10 || maxCount <= 2 {
                        xTicks = zip(values, labels).map { Tick(position: s($0.0), label: $0.1, value: $0.0) }
                        break
                    }
                    maxCount -= 1
                }
            }
            frames.append(Frame(index: i, plot: plot, x: xScale, y: yScale, xTicks: xTicks, yTicks: yTicks,
                                showYTickLabels: showYLabels[i]))

            // Tick labels.
            let xLabelBaseline = plotBottom + Style.tickLength + Style.tickPad + TextMetrics.ascent * Style.tickFont
            for t in xTicks {
                texts.append(TextItem(text: t.label, x: t.position, y: xLabelBaseline, fontSize: Style.tickFont,
                                      anchor: .middle, cssClass: "mx-xtick"))
            }
            var widestY = 0.0
            if showYLabels[i] {
                for t in yTicks {
                    let item = TextItem(text: t.label, x: plot.x0 - Style.tickLength - Style.tickPad,
                                        y: t.position + 0.35 * Style.tickFont, fontSize: Style.tickFont,
                                        anchor: .end, cssClass: "mx-ytick")
                    widestY = max(widestY, item.box.width)
                    texts.append(item)
                }
            }
            // Axis titles.
            if let xl = p.panel.xLabel, !xl.isEmpty {
                let baseline = plotBottom + Style.tickLength + Style.tickPad + Style.tickFont + 6 + TextMetrics.ascent * Style.labelFont
                texts.append(TextItem(text: xl, x: (plot.x0 + plot.x1) / 2, y: baseline, fontSize: Style.labelFont,
                                      anchor: .middle, cssClass: "mx-xlabel"))
            }
            if showYLabels[i], let yl = p.panel.yLabel, !yl.isEmpty {
                let x = plot.x0 - Style.tickLength - Style.tickPad - widestY - 8 - TextMetrics.descent * Style.labelFont
                texts.append(TextItem(text: yl, x: x, y: (plot.y0 + plot.y1) / 2, fontSize: Style.labelFont,
                                      anchor: .middle, rotated: true, cssClass: "mx-ylabel"))
            }
            // Panel title, shrunk if it would not fit over the plot.
            if let t = p.panel.title, !t.isEmpty {
                let (text, size) = Self.fit(t, room: (plotWidth + Style.panelGap - 4) / 1.1)
                texts.append(TextItem(text: text, x: (plot.x0 + plot.x1) / 2, y: plotTop - 10, fontSize: size,
                                      anchor: .middle, cssClass: "mx-title"))
            }
            left += plotWidth + (i + 1 < n ? Style.panelGap : 0)
        }

        var legend: LegendLayout?
        if showLegend, let last = frames.last {
            let x = last.plot.x1 + 16
            var top = plotTop
            if let title = legendTitle {
                top += TextMetrics.ascent * Style.legendTitleFont
                texts.append(TextItem(text: title, x: x, y: top, fontSize: Style.legendTitleFont, anchor: .start,
                                      bold: true, cssClass: "mx-legend-title"))
                top += 6
            }
            var entries: [LegendLayout.Entry] = []
            for (k, c) in legendEntries.enumerated() {
                let column = Double(k / legendRows), row = Double(k % legendRows)
                let left = x + column * legendColumn
                let center = top + row * Style.legendRow + Style.legendRow / 2
                entries.append(.init(category: c, glyph: glyph(for: c), cx: left + 8, cy: center))
                texts.append(TextItem(text: c, x: left + 22, y: center + 0.35 * Style.legendFont,
                                      fontSize: Style.legendFont, anchor: .start, cssClass: "mx-legend-label"))
            }
            legend = LegendLayout(entries: entries)
        }
        return (frames, texts, legend)
    }

    /// A title that fits `room` pixels: shrunk down to 10 px, then cut with an ellipsis.
    /// The one domain of a shared axis: the first panel's fixed domain, else the union of the extents.
    static func sharedDomain(fixed: [ClosedRange<Double>?], extents: [PreparedPanel.Extent]) -> ClosedRange<Double> {
        if let first = fixed.compactMap({ $0 }).first { return first }
        var union = PreparedPanel.Extent()
        for e in extents { union.merge(e) }
        return PreparedPanel.domain(fixed: nil, extent: union)
    }

    static func fit(_ title: String, room: Double) -> (String, Double) {
        var size = Style.titleFont
        while size > 10 && TextMetrics.width(title, fontSize: size) > room { size -= 0.5 }
        var text = title
        while text.count > 1 && TextMetrics.width(text, fontSize: size) > room {
            text = String(text.dropLast(2)) + "\u{2026}"
        }
        return (text, size)
    }

    /// The legend symbol for a category: a dot when it is drawn as points, else a bar, patch or line.
    private func glyph(for category: String) -> LegendLayout.Glyph {
        var kinds = Set<Int>()
        for p in prepared {
            for mark in p.panel.marks {
                switch mark {
                case .points(let m):
                    if m.categories?.contains(category) == true || m.color.categoryName == category { kinds.insert(0) }
                case .bars(let b):
                    if (b.colorByCategory && b.categories.contains(category)) || b.color.categoryName == category { kinds.insert(1) }
                case .density(let d):
                    if d.categories?.contains(category) == true || d.color.categoryName == category { kinds.insert(2) }
                case .band(let b): if b.color.categoryName == category { kinds.insert(2) }
                default: break
                }
            }
        }
        if kinds.contains(0) { return .dot }
        if kinds.contains(1) { return .bar }
        if kinds.contains(2) { return .patch }
        return .line
    }
}
