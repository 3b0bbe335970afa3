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
    /// Vertical space between two rows of a grid.
    static let rowGap = 6.0
    /// The longest a category label may be before it is cut with an ellipsis.
    static let maxCategoryLabel = 140.0
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

/// Decides every position: plot rectangles, ticks, axis titles, panel titles, legend. Panels sit
/// in a grid (one row for `.row`, one cell for `.single`); every cell of the grid has the same
/// plot size.
struct LayoutEngine {
    let figure: Figure
    let prepared: [PreparedPanel]
    let colors: ColorMap

    /// The vertical and horizontal sizes that every panel shares.
    private struct Geometry {
        var plotTop = 0.0
        var plotHeight = 0.0
        var plotWidth = 0.0
        var rowTops: [Double] = []
        var columnLefts: [Double] = []
        var yTicks: [(values: [Double], labels: [String])] = []
        var legendWidth = 0.0
        var legendRows = 1
        var legendColumn = 0.0
    }

    func layout() throws -> (frames: [Frame], texts: [TextItem], legend: LegendLayout?) {
        let plan = GridPlan(figure: figure)
        let (xDomains, yDomains) = domains(plan)
        // Category labels on x are written across when they fit their band, else turned
        // upright, which needs more room under the axis: lay out once, and again if so.
        var rotatedDepth = 0.0
        var g = try geometry(plan, yDomains: yDomains, rotatedDepth: 0)
        if let depth = uprightLabelDepth(plotWidth: g.plotWidth) {
            rotatedDepth = depth
            g = try geometry(plan, yDomains: yDomains, rotatedDepth: depth)
        }

        var frames: [Frame] = []
        var texts: [TextItem] = []
        for (i, p) in prepared.enumerated() {
            let firstText = texts.count
            let left = g.columnLefts[plan.column(i)]
            let top = g.rowTops[plan.row(i)]
            let plot = Box(x0: left, y0: top, x1: left + g.plotWidth, y1: top + g.plotHeight)
            let frame = makeFrame(i, p, plot: plot, plan: plan, xDomain: xDomains[i], yDomain: yDomains[i],
                                  yTicks: g.yTicks[i], upright: rotatedDepth > 0)
            frames.append(frame)
            texts += tickTexts(frame, upright: rotatedDepth > 0)
            texts += axisTitles(frame, p.panel, plan: plan, rotatedDepth: rotatedDepth)
            if let t = p.panel.title, !t.isEmpty {
                let (text, size) = Self.fit(t, room: (g.plotWidth + Style.panelGap - 4) / 1.1)
                texts.append(TextItem(text: text, x: (plot.x0 + plot.x1) / 2, y: plot.y0 - 10, fontSize: size,
                                      anchor: .middle, cssClass: "mx-title"))
            }
            for k in firstText..<texts.count { texts[k].panel = i }
        }

        var legend: LegendLayout?
        if g.legendWidth > 0, let right = frames.map(\.plot.x1).max() {
            let (l, legendTexts) = legendLayout(x: right + 16, top: g.plotTop, rows: g.legendRows, column: g.legendColumn)
            legend = l
            texts += legendTexts
        }
        return (frames, texts, legend)
    }

    // MARK: Domains and sizes

    /// Shared axes take the union of the extents, or the first fixed domain.
    private func domains(_ plan: GridPlan) -> ([ClosedRange<Double>], [ClosedRange<Double>]) {
        var xDomains = prepared.map(\.xDomain)
        var yDomains = prepared.map(\.yDomain)
        if plan.sharedX && prepared.count > 1 {
            let linear = prepared.filter { $0.bandCategories == nil }
            let d = Self.sharedDomain(fixed: linear.map { $0.panel.xDomain ?? PreparedPanel.categoryDomain($0.panel.xCategories) },
                                      extents: linear.map(\.x))
            xDomains = xDomains.map { _ in d }
        }
        if plan.sharedY && prepared.count > 1 {
            let d = Self.sharedDomain(fixed: prepared.map { $0.panel.yDomain ?? PreparedPanel.categoryDomain($0.panel.yCategories) },
                                      extents: prepared.map(\.y))
            yDomains = yDomains.map { _ in d }
        }
        return (xDomains, yDomains)
    }

    private func geometry(_ plan: GridPlan, yDomains: [ClosedRange<Double>], rotatedDepth: Double) throws -> Geometry {
        var g = Geometry()
        let hasTitles = prepared.contains { ($0.panel.title ?? "").isEmpty == false }
        let titleSpace = hasTitles ? Style.titleFont + 10 : 4
        g.plotTop = Style.margin + titleSpace
        // Under each row: tick labels (if any panel of the row shows them) and axis titles.
        var below: [Double] = []
        for r in 0..<plan.rows {
            let members = plan.panels(inRow: r)
            let ticks = members.contains { plan.showsXTicks($0) }
            let label = members.contains { plan.showsXTicks($0) && !(prepared[$0].panel.xLabel ?? "").isEmpty }
            var h = Style.tickLength + (ticks ? Style.tickPad + (rotatedDepth > 0 ? rotatedDepth : Style.tickFont) : 2)
            if label { h += 6 + Style.labelFont }
            below.append(h)
        }
        let rows = Double(plan.rows)
        let fixed = 2 * Style.margin + titleSpace * rows + below.reduce(0, +) + (rows - 1) * Style.rowGap
        g.plotHeight = (figure.height - fixed) / rows
        guard g.plotHeight >= 40 else {
            let what = plan.rows == 1 ? "the plot" : "\(plan.rows) rows of panels"
            throw ChartError.invalidParameter("figure \(figure.id): height \(Format.num(figure.height)) leaves no room for \(what)")
        }
        var top = g.plotTop
        for r in 0..<plan.rows {
            g.rowTops.append(top)
            top += g.plotHeight + below[r] + Style.rowGap + titleSpace
        }

        // Y ticks (at most 9, at least 30 px apart), then the width each column's y axis needs.
        g.yTicks = zip(prepared, yDomains).map { p, d in yTicks(p.panel.yCategories, domain: d, plotHeight: g.plotHeight) }
        var axisWidths: [Double] = []
        for c in 0..<plan.columns {
            let widths = plan.panels(inColumn: c).map { i -> Double in
                guard plan.showsYTicks(i) else { return Style.tickLength }
                let widest = g.yTicks[i].labels.map { TextMetrics.width($0, fontSize: Style.tickFont) }.max() ?? 0
                let hasTitle = !(prepared[i].panel.yLabel ?? "").isEmpty
                return Style.tickLength + Style.tickPad + widest + (hasTitle ? 8 + Style.labelFont : 0)
            }
            axisWidths.append(widths.max() ?? Style.tickLength)
        }

        legendSize(&g)
        let columns = Double(plan.columns)
        let rightPad = 16.0
        let used = Style.margin + axisWidths.reduce(0, +) + (columns - 1) * Style.panelGap + g.legendWidth + rightPad
        g.plotWidth = (figure.width - used) / columns
        guard g.plotWidth >= 40 else {
            let cols = plan.columns == plan.count ? "" : " in \(plan.columns) columns"
            throw ChartError.invalidParameter("figure \(figure.id): width \(Format.num(figure.width)) is too narrow for \(plan.count) panel(s)\(cols)")
        }
        var left = Style.margin
        for c in 0..<plan.columns {
            left += axisWidths[c]
            g.columnLefts.append(left)
            left += g.plotWidth + Style.panelGap
        }
        return g
    }

    /// Legend width: entries that do not fit under one another go into further columns.
    private func legendSize(_ g: inout Geometry) {
        let labels = legendLabels()
        guard figure.showLegend, !labels.isEmpty else { return }
        let title = legendTitle
        let titleW = title.map { TextMetrics.width($0, fontSize: Style.legendTitleFont, bold: true) } ?? 0
        let labelW = labels.map { TextMetrics.width($0, fontSize: Style.legendFont) }.max() ?? 0
        let titleHeight = title == nil ? 0 : TextMetrics.ascent * Style.legendTitleFont + 6
        let room = figure.height - g.plotTop - titleHeight - Style.margin
        g.legendRows = max(1, min(labels.count, Int(room / Style.legendRow)))
        let columns = (labels.count + g.legendRows - 1) / g.legendRows
        g.legendColumn = 22 + labelW + 12
        g.legendWidth = 16 + max(titleW, Double(columns) * g.legendColumn - 12) + 4
    }

    private var legendTitle: String? { figure.legendTitle.flatMap { $0.isEmpty ? nil : $0 } }

    /// One label per coloured category, then one for the grey ones ("63 others", or "65 Subjects"
    /// when none is highlighted). Long labels are cut so the legend never crowds the plots.
    private func legendLabels() -> [String] {
        var labels = colors.legendCategories.map { Self.cut($0, fontSize: Style.legendFont, room: Style.maxCategoryLabel) }
        if colors.mutedCount > 0 {
            if colors.legendCategories.isEmpty {
                labels.append("\(colors.mutedCount) \(Describer.plural(legendTitle ?? "group"))")
            } else {
                labels.append("\(colors.mutedCount) other\(colors.mutedCount == 1 ? "" : "s")")
            }
        }
        return labels
    }

    // MARK: Ticks

    private func yTicks(_ categories: [String]?, domain d: ClosedRange<Double>, plotHeight: Double) -> (values: [Double], labels: [String]) {
        if let cats = categories {
            let step = plotHeight / max(1, d.upperBound - d.lowerBound)
            let every = Self.labelStride(step: step, need: Style.tickFont * 1.15)
            let shown = cats.indices.filter { $0 % every == 0 && d.contains(Double($0)) }
            return (shown.map(Double.init), shown.map { Self.cut(cats[$0], fontSize: Style.tickFont, room: Style.maxCategoryLabel) })
        }
        let step = LinearScale.tickStep(for: d, maxCount: min(9, Int(plotHeight / 30) + 1))
        let values = LinearScale.ticks(in: d, step: step)
        return (values, LinearScale.labels(for: values, step: step))
    }

    /// The categories of a panel's x axis: its `xCategories` or its bars' categories.
    private func xCategories(_ p: PreparedPanel) -> [String]? { p.panel.xCategories ?? p.bandCategories }

    /// When some panel's x category labels are wider than their band, the depth under the axis
    /// that upright labels need (nil when every label fits across).
    private func uprightLabelDepth(plotWidth: Double) -> Double? {
        var widest = 0.0
        var crowded = false
        for p in prepared {
            guard let cats = xCategories(p), !cats.isEmpty else { continue }
            let w = cats.map { TextMetrics.width(Self.cut($0, fontSize: Style.tickFont, room: Style.maxCategoryLabel), fontSize: Style.tickFont) }.max() ?? 0
            widest = max(widest, w)
            if w + 6 > plotWidth / Double(cats.count) { crowded = true }
        }
        return crowded ? min(widest + 2, 0.3 * figure.height) : nil
    }

    private func makeFrame(_ i: Int, _ p: PreparedPanel, plot: Box, plan: GridPlan, xDomain: ClosedRange<Double>,
                           yDomain: ClosedRange<Double>, yTicks ticks: (values: [Double], labels: [String]), upright: Bool) -> Frame {
        let yScale = LinearScale(domain: yDomain, range: (plot.y1, plot.y0))
        let yTicks = zip(ticks.values, ticks.labels).map { Tick(position: yScale($0.0), label: $0.1, value: $0.0) }
        let xScale: XScale
        var xTicks: [Tick] = []
        if let cats = p.bandCategories {
            let band = BandScale(categories: cats, range: (plot.x0, plot.x1))
            xScale = .band(band)
            let every = Self.labelStride(step: band.step, need: upright ? Style.tickFont * 1.15 : 0)
            for (k, c) in cats.enumerated() where k % every == 0 {
                xTicks.append(Tick(position: band.center(c) ?? plot.x0, label: Self.cut(c, fontSize: Style.tickFont, room: Style.maxCategoryLabel), value: Double(k)))
            }
        } else {
            let s = LinearScale(domain: xDomain, range: (plot.x0, plot.x1))
            xScale = .linear(s)
            if let cats = p.panel.xCategories {
                let step = plot.width / max(1, xDomain.upperBound - xDomain.lowerBound)
                let every = Self.labelStride(step: step, need: upright ? Style.tickFont * 1.15 : 0)
                for (k, c) in cats.enumerated() where k % every == 0 && xDomain.contains(Double(k)) {
                    xTicks.append(Tick(position: s(Double(k)), label: Self.cut(c, fontSize: Style.tickFont, room: Style.maxCategoryLabel), value: Double(k)))
                }
            } else {
                xTicks = Self.linearXTicks(s, domain: xDomain, plotWidth: plot.width)
            }
        }
        return Frame(index: i, plot: plot, x: xScale, y: yScale, xTicks: xTicks, yTicks: yTicks,
                     showXTickLabels: plan.showsXTicks(i), showYTickLabels: plan.showsYTicks(i))
    }

    /// Numeric x ticks: as many as fit (at most 9, 50 px apart), labels at least 10 px apart.
    static func linearXTicks(_ s: LinearScale, domain: ClosedRange<Double>, plotWidth: Double) -> [Tick] {
        var maxCount = min(9, Int(plotWidth / 50) + 1)
        while true {
            let step = LinearScale.tickStep(for: domain, maxCount: maxCount)
            let values = LinearScale.ticks(in: domain, step: step)
            let labels = LinearScale.labels(for: values, step: step)
            let widest = labels.map { TextMetrics.width($0, fontSize: Style.tickFont) }.max() ?? 0
            let spacing = values.count > 1 ? abs(s(values[1]) - s(values[0])) : .infinity
            if spacing >= widest + 10 || maxCount <= 2 {
                return zip(values, labels).map { Tick(position: s($0.0), label: $0.1, value: $0.0) }
            }
            maxCount -= 1
        }
    }

    /// Label every k-th category so that labelled ones are at least `need` pixels apart.
    static func labelStride(step: Double, need: Double) -> Int {
        guard step > 0, need > step else { return 1 }
        return Int((need / step).rounded(.up))
    }

    // MARK: Texts

    private func tickTexts(_ f: Frame, upright: Bool) -> [TextItem] {
        var texts: [TextItem] = []
        if f.showXTickLabels {
            let top = f.plot.y1 + Style.tickLength + Style.tickPad
            let categorical: Bool = { if case .band = f.x { return true }; return prepared[f.index].panel.xCategories != nil }()
            for t in f.xTicks {
                if upright && categorical {
                    texts.append(TextItem(text: t.label, x: t.position + 0.35 * Style.tickFont, y: top, fontSize: Style.tickFont,
                                          anchor: .end, rotated: true, cssClass: "mx-xtick"))
                } else {
                    texts.append(TextItem(text: t.label, x: t.position, y: top + TextMetrics.ascent * Style.tickFont,
                                          fontSize: Style.tickFont, anchor: .middle, cssClass: "mx-xtick"))
                }
            }
        }
        if f.showYTickLabels {
            for t in f.yTicks {
                texts.append(TextItem(text: t.label, x: f.plot.x0 - Style.tickLength - Style.tickPad,
                                      y: t.position + 0.35 * Style.tickFont, fontSize: Style.tickFont,
                                      anchor: .end, cssClass: "mx-ytick"))
            }
        }
        return texts
    }

    private func axisTitles(_ f: Frame, _ panel: Panel, plan: GridPlan, rotatedDepth: Double) -> [TextItem] {
        var texts: [TextItem] = []
        let plot = f.plot
        if f.showXTickLabels, let xl = panel.xLabel, !xl.isEmpty {
            let depth = rotatedDepth > 0 ? rotatedDepth : Style.tickFont
            let baseline = plot.y1 + Style.tickLength + Style.tickPad + depth + 6 + TextMetrics.ascent * Style.labelFont
            texts.append(TextItem(text: xl, x: (plot.x0 + plot.x1) / 2, y: baseline, fontSize: Style.labelFont,
                                  anchor: .middle, cssClass: "mx-xlabel"))
        }
        if f.showYTickLabels, let yl = panel.yLabel, !yl.isEmpty {
            let widestY = f.yTicks.map { TextMetrics.width($0.label, fontSize: Style.tickFont) }.max() ?? 0
            let x = plot.x0 - Style.tickLength - Style.tickPad - widestY - 8 - TextMetrics.descent * Style.labelFont
            texts.append(TextItem(text: yl, x: x, y: (plot.y0 + plot.y1) / 2, fontSize: Style.labelFont,
                                  anchor: .middle, rotated: true, cssClass: "mx-ylabel"))
        }
        return texts
    }

    private func legendLayout(x: Double, top start: Double, rows: Int, column: Double) -> (LegendLayout, [TextItem]) {
        var texts: [TextItem] = []
        var top = start
        if let title = legendTitle {
            top += TextMetrics.ascent * Style.legendTitleFont
            texts.append(TextItem(text: title, x: x, y: top, fontSize: Style.legendTitleFont, anchor: .start,
                                  bold: true, cssClass: "mx-legend-title"))
            top += 6
        }
        let labels = legendLabels()
        var entries: [LegendLayout.Entry] = []
        for (k, label) in labels.enumerated() {
            let category = k < colors.legendCategories.count ? colors.legendCategories[k] : nil
            let col = Double(k / rows), row = Double(k % rows)
            let left = x + col * column
            let center = top + row * Style.legendRow + Style.legendRow / 2
            let paint = category.map { colors.paint(category: $0) } ?? Palette.muted
            entries.append(.init(category: category, paint: paint, glyph: glyph(for: category), cx: left + 8, cy: center))
            texts.append(TextItem(text: label, x: left + 22, y: center + 0.35 * Style.legendFont,
                                  fontSize: Style.legendFont, anchor: .start, cssClass: "mx-legend-label"))
        }
        return (LegendLayout(entries: entries), texts)
    }

    /// The one domain of a shared axis: the first panel's fixed domain, else the union of the extents.
    static func sharedDomain(fixed: [ClosedRange<Double>?], extents: [PreparedPanel.Extent]) -> ClosedRange<Double> {
        if let first = fixed.compactMap({ $0 }).first { return first }
        var union = PreparedPanel.Extent()
        for e in extents { union.merge(e) }
        return PreparedPanel.domain(fixed: nil, extent: union)
    }

    /// A title that fits `room` pixels: shrunk down to 10 px, then cut with an ellipsis.
    static func fit(_ title: String, room: Double) -> (String, Double) {
        var size = Style.titleFont
        while size > 10 && TextMetrics.width(title, fontSize: size) > room { size -= 0.5 }
        return (cut(title, fontSize: size, room: room), size)
    }

    /// The text cut with an ellipsis until it fits `room` pixels at `fontSize`.
    static func cut(_ text: String, fontSize: Double, room: Double) -> String {
        var text = text
        while text.count > 1 && TextMetrics.width(text, fontSize: fontSize) > room {
            text = String(text.dropLast(2)) + "\u{2026}"
        }
        return text
    }

    /// The legend symbol for a category (nil: the grey ones): a dot when it is drawn as points,
    /// else a bar, patch or line.
    private func glyph(for category: String?) -> LegendLayout.Glyph {
        func matches(_ color: MarkColor, _ cats: [String]? = nil) -> Bool {
            guard let category else {
                if let cats { return cats.contains { colors.isMuted($0) } }
                return color.categoryName.map(colors.isMuted) ?? false
            }
            return cats?.contains(category) == true || color.categoryName == category
        }
        var kinds = Set<Int>()
        for p in prepared {
            for mark in p.panel.marks {
                switch mark {
                case .points(let m): if matches(m.color, m.categories) { kinds.insert(0) }
                case .errorBars(let e): if matches(e.color, e.categories) { kinds.insert(0) }
                case .bars(let b): if matches(b.color, b.colorByCategory ? b.categories : nil) { kinds.insert(1) }
                case .histogram(let h): if matches(h.color) { kinds.insert(1) }
                case .density(let d): if matches(d.color, d.categories) { kinds.insert(2) }
                case .band(let b): if matches(b.color) { kinds.insert(2) }
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
