import Foundation

/// Turns a validated `Figure` into SVG text: prepare data, lay out, draw marks, place labels.
struct Renderer {
    let figure: Figure

    /// A label whose final position is decided after every mark and fixed text is known.
    private struct PendingLabel {
        var panel: Int
        var text: String
        var fontSize: Double
        var spots: [LabelPlacer.Spot]
        var cssClass: String
        var fill: String?
    }

    func render() throws -> String {
        try Validation.figure(figure)
        let prepared = try figure.panels.enumerated().map { try PreparedPanel(index: $0.offset, panel: $0.element) }
        var cats = Set<String>()
        for p in figure.panels { cats.formUnion(PreparedPanel.categories(of: p.marks)) }
        let colors = ColorMap(categories: cats, highlight: figure.highlight)
        let (frames, fixedTexts, legend) = try LayoutEngine(figure: figure, prepared: prepared, colors: colors).layout()

        let id = figure.id
        var defs = ""
        var body = ""
        var obstacles: [Box] = []
        var pending: [PendingLabel] = []
        var panelMarks: [String] = []
        for (frame, prep) in zip(frames, prepared) {
            let clipID = "\(id)-panel-\(frame.index + 1)-clip"
            let p = frame.plot
            defs += SVG.element("clipPath", [("id", clipID)], content: SVG.element("rect", [
                ("x", Format.num(p.x0)), ("y", Format.num(p.y0)), ("width", Format.num(p.width)), ("height", Format.num(p.height)),
            ]))
            var marks = ""
            let dodge = arrowDodge(prep.panel.marks, frame: frame)
            for m in drawingOrder(prep.panel.marks, colors) {
                let mark = prep.panel.marks[m]
                if case .arrow(let a) = mark {
                    marks += drawArrow(a, dx: dodge[m] ?? 0, frame: frame, colors: colors, obstacles: &obstacles, pending: &pending)
                    continue
                }
                marks += draw(mark, index: m, frame: frame, prep: prep, colors: colors, obstacles: &obstacles, pending: &pending)
            }
            panelMarks.append(SVG.element("g", [("class", "mx-marks"), ("clip-path", "url(#\(clipID))")], content: marks))
        }

        // Labels: avoid all fixed text, then each other, and marks where possible.
        var placer = LabelPlacer(fixedTexts: fixedTexts.map(\.box))
        placer.obstacles = obstacles
        var labelsByPanel = [String](repeating: "", count: frames.count)
        for l in pending {
            let item = placer.place(l.text, fontSize: l.fontSize, spots: l.spots, within: frames[l.panel].plot,
                                    cssClass: l.cssClass, fill: l.fill)
            labelsByPanel[l.panel] += SVG.text(item)
        }

        for (i, frame) in frames.enumerated() {
            var g = ""
            if prepared[i].panel.grid { g += grid(frame) }
            g += panelMarks[i]
            g += axes(frame)
            let own = fixedTexts.filter { $0.panel == i }
            g += own.map(SVG.text).joined()
            if !labelsByPanel[i].isEmpty { g += SVG.element("g", [("class", "mx-labels")], content: labelsByPanel[i]) }
            body += SVG.element("g", [("class", "mx-panel"), ("id", "\(id)-panel-\(i + 1)")], content: g)
        }
        if let legend {
            body += drawLegend(legend, colors: colors, texts: fixedTexts.filter { $0.panel == nil })
        }

        let describer = Describer(figure: figure)
        // Ink follows the page: a page that inlines the SVG may set --mx-ink (text, axes) and
        // --mx-paper (its background, used for point outlines); otherwise the colours follow
        // prefers-color-scheme. color-scheme lets a standalone SVG get a dark canvas in dark mode.
        let style = "#\(id){color-scheme:light dark;color:var(--mx-ink,#262626);--mx-p:var(--mx-paper,#fff)}"
            + "@media (prefers-color-scheme:dark){#\(id){color:var(--mx-ink,#e2e2e2);--mx-p:var(--mx-paper,#1c1c1c)}}"
            + "#\(id) .mx-o{stroke:var(--mx-p)}"
        var svg = SVG.element("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("id", id), ("class", "mx-chart"),
            ("viewBox", "0 0 \(Format.num(figure.width)) \(Format.num(figure.height))"),
            ("width", Format.num(figure.width)), ("height", Format.num(figure.height)),
            ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"),
            ("font-family", Style.fontFamily), ("color", "#262626"), ("fill", "currentColor"),
        ], content: "")
        svg.removeLast("</svg>".count)
        svg += "\n" + SVG.element("title", [("id", "\(id)-title")], content: Format.xml(describer.title))
        svg += "\n" + SVG.element("desc", [("id", "\(id)-desc")], content: Format.xml(describer.description))
        svg += "\n<style>" + style + "</style>"
        svg += "\n<defs>" + defs + "</defs>\n"
        svg += body
        svg += "\n</svg>\n"
        return svg
    }

    // MARK: Marks

    private func draw(_ mark: Mark, index m: Int, frame: Frame, prep: PreparedPanel, colors: ColorMap,
                      obstacles: inout [Box], pending: inout [PendingLabel]) -> String {
        let x = frame.x, y = frame.y
        switch mark {
        case .points(let p):
            var groups: [(key: String?, paint: String, idx: [Int])] = []
            if let cats = p.categories {
                var byCat: [String: [Int]] = [:]
                for (i, c) in cats.enumerated() { byCat[c, default: []].append(i) }
                // Grey (not highlighted) groups first, so the coloured ones are drawn over them.
                let order = byCat.keys.sorted().filter(colors.isMuted) + byCat.keys.sorted().filter { !colors.isMuted($0) }
                for c in order { groups.append((c, colors.paint(category: c), byCat[c] ?? [])) }
            } else {
                groups.append((p.color.categoryName, colors.paint(p.color), Array(p.x.indices)))
            }
            var out = ""
            for g in groups {
                var circles = ""
                for i in g.idx {
                    let cx = x(p.x[i]), cy = y(p.y[i])
                    circles += "<circle cx=\"\(Format.num(cx))\" cy=\"\(Format.num(cy))\" r=\"\(Format.num(p.size))\"/>"
                    obstacles.append(Box(x0: cx - p.size, y0: cy - p.size, x1: cx + p.size, y1: cy + p.size))
                }
                out += SVG.element("g", [
                    ("class", p.outline ? "mx-points mx-o" : "mx-points"), ("data-category", g.key),
                    ("fill", g.paint), ("fill-opacity", p.opacity < 1 ? Format.num(p.opacity) : nil),
                    ("stroke", p.outline ? "#fff" : nil), ("stroke-width", p.outline ? "0.75" : nil),
                ], content: circles)
            }
            return out
        case .line(var l):
            // Beside grey groups, a highlighted line is drawn opaque and a little wider.
            if colors.mutedCount > 0, let c = l.color.categoryName, !colors.isMuted(c) {
                l.opacity = 1
                l.width *= 1.4
            }
            let pts = zip(l.x, l.y).map { (x($0.0), y($0.1)) }
            addPolylineObstacles(pts, to: &obstacles)
            return SVG.element("path", [
                ("class", "mx-line"), ("data-category", l.color.categoryName), ("data-group", l.group), ("d", SVG.polyline(pts)),
                ("fill", "none"), ("stroke", colors.paint(l.color)), ("stroke-width", Format.num(l.width)),
                ("stroke-opacity", l.opacity < 1 ? Format.num(l.opacity) : nil),
                ("stroke-dasharray", l.dash.dasharray), ("stroke-linecap", l.dash == .solid ? "round" : nil),
            ])
        case .band(let b):
            var pts = zip(b.x, b.upper).map { (x($0.0), y($0.1)) }
            pts += zip(b.x, b.lower).reversed().map { (x($0.0), y($0.1)) }
            return SVG.element("path", [
                ("class", "mx-band"), ("data-category", b.color.categoryName), ("d", SVG.polyline(pts, close: true)),
                ("fill", colors.paint(b.color)), ("fill-opacity", Format.num(b.opacity)), ("stroke", "none"),
            ])
        case .bars(let b):
            guard case .band(let band) = x else { return "" }
            var out = ""
            let y0 = y(0)
            for (c, v) in zip(b.categories, b.values) {
                guard let center = band.center(c) else { continue }
                let top = min(y0, y(v)), height = abs(y(v) - y0)
                let left = center - band.bandwidth / 2
                let box = Box(x0: left, y0: top, x1: left + band.bandwidth, y1: top + height)
                obstacles.append(box)
                out += SVG.element("rect", [
                    ("class", "mx-bar"), ("data-category", c),
                    ("x", Format.num(left)), ("y", Format.num(top)), ("width", Format.num(band.bandwidth)),
                    ("height", Format.num(height)),
                    ("fill", b.colorByCategory ? colors.paint(category: c) : colors.paint(b.color)),
                    ("fill-opacity", b.opacity < 1 ? Format.num(b.opacity) : nil),
                ])
            }
            return out
        case .refLine(let r):
            let p = frame.plot
            let (x1, y1, x2, y2): (Double, Double, Double, Double)
            if r.direction == .horizontal {
                let v = y(r.value); (x1, y1, x2, y2) = (p.x0, v, p.x1, v)
            } else {
                let v = x(r.value); (x1, y1, x2, y2) = (v, p.y0, v, p.y1)
            }
            if let label = r.label, !label.isEmpty {
                let fs = 11.0
                let spots: [LabelPlacer.Spot]
                if r.direction == .horizontal {
                    spots = [.init(x: p.x1 - 4, y: y1 - 4, anchor: .end),
                             .init(x: p.x1 - 4, y: y1 + 4 + TextMetrics.ascent * fs, anchor: .end),
                             .init(x: p.x0 + 4, y: y1 - 4, anchor: .start),
                             .init(x: p.x0 + 4, y: y1 + 4 + TextMetrics.ascent * fs, anchor: .start)]
                } else {
                    spots = [.init(x: x1 + 4, y: p.y0 + 4 + TextMetrics.ascent * fs, anchor: .start),
                             .init(x: x1 - 4, y: p.y0 + 4 + TextMetrics.ascent * fs, anchor: .end)]
                }
                pending.append(PendingLabel(panel: frame.index, text: label, fontSize: fs, spots: spots,
                                            cssClass: "mx-ref-label", fill: fillAttr(r.color, colors)))
            }
            return SVG.element("line", [
                ("class", "mx-ref"), ("x1", Format.num(x1)), ("y1", Format.num(y1)), ("x2", Format.num(x2)), ("y2", Format.num(y2)),
                ("stroke", colors.paint(r.color)), ("stroke-width", "1.25"), ("stroke-dasharray", r.dash.dasharray),
            ])
        case .text(let t):
            let px = x(t.x), py = y(t.y) + 0.35 * t.fontSize
            let other: TextAnchor = t.anchor == .end ? .start : (t.anchor == .start ? .end : .middle)
            let shift = t.anchor == .middle ? 0.0 : (t.anchor == .start ? -1.0 : 1.0)
            pending.append(PendingLabel(panel: frame.index, text: t.text, fontSize: t.fontSize,
                                        spots: [.init(x: px, y: py, anchor: t.anchor),
                                                .init(x: px + shift * 2, y: py, anchor: other)],
                                        cssClass: "mx-text", fill: fillAttr(t.color, colors)))
            return ""
        case .arrow(let a):
            return drawArrow(a, dx: 0, frame: frame, colors: colors, obstacles: &obstacles, pending: &pending)
        case .errorBars(let e):
            return drawErrorBars(e, frame: frame, colors: colors, obstacles: &obstacles)
        case .slopedLine(let l):
            return drawSlopedLine(l, frame: frame, colors: colors, pending: &pending)
        case .histogram(let h):
            let (edges, counts) = h.counts
            var rects = ""
            for (k, n) in counts.enumerated() where n > 0 {
                let box = Box(x0: x(edges[k]), y0: y(Double(n)), x1: x(edges[k + 1]), y1: y(0))
                obstacles.append(box)
                rects += "<rect x=\"\(Format.num(box.x0))\" y=\"\(Format.num(box.y0))\" width=\"\(Format.num(box.width))\" height=\"\(Format.num(box.height))\"/>"
            }
            return SVG.element("g", [("class", "mx-histogram"), ("data-category", h.color.categoryName),
                                     ("fill", colors.paint(h.color)), ("fill-opacity", h.opacity < 1 ? Format.num(h.opacity) : nil),
                                     ("stroke", "var(--mx-p)"), ("stroke-width", "0.75")], content: rects)
        case .density(let d):
            var out = ""
            for c in prep.curves[m] ?? [] {
                let pts: [(Double, Double)] = zip(c.grid, c.density).map { g, dens in
                    d.orientation == .vertical ? (x(dens), y(g)) : (x(g), y(dens))
                }
                guard let first = c.grid.first, let last = c.grid.last else { continue }
                let base: [(Double, Double)] = d.orientation == .vertical
                    ? [(x(0), y(last)), (x(0), y(first))] : [(x(last), y(0)), (x(first), y(0))]
                let paint = colors.paint(c.color)
                out += SVG.element("g", [("class", "mx-density"), ("data-category", c.category ?? c.color.categoryName)],
                                   content: SVG.element("path", [
                                       ("d", SVG.polyline(pts + base, decimals: 1, close: true)), ("fill", paint),
                                       ("fill-opacity", Format.num(d.fillOpacity)), ("stroke", "none"),
                                   ]) + SVG.element("path", [
                                       ("d", SVG.polyline(pts, decimals: 1)), ("fill", "none"), ("stroke", paint),
                                       ("stroke-width", "1.25"),
                                   ]))
            }
            return out
        }
    }

    /// The order marks are drawn in: as given, except that among the lines the grey (not
    /// highlighted) ones go first, so that highlighted lines are drawn over them.
    private func drawingOrder(_ marks: [Mark], _ colors: ColorMap) -> [Int] {
        guard colors.mutedCount > 0 else { return Array(marks.indices) }
        func muted(_ m: Int) -> Bool {
            if case .line(let l) = marks[m], let c = l.color.categoryName { return colors.isMuted(c) }
            return false
        }
        let lineSlots = marks.indices.filter { if case .line = marks[$0] { return true } else { return false } }
        let reordered = lineSlots.filter(muted) + lineSlots.filter { !muted($0) }
        var order = Array(marks.indices)
        for (slot, m) in zip(lineSlots, reordered) { order[slot] = m }
        return order
    }

    /// One `<g class="mx-errorbars">` per colour, one `<path>` per interval (shaft and caps) and
    /// a dot at the centre when given.
    private func drawErrorBars(_ e: ErrorBars, frame: Frame, colors: ColorMap, obstacles: inout [Box]) -> String {
        var byPaint: [(key: String?, idx: [Int])] = []
        if let cats = e.categories {
            var byCat: [String: [Int]] = [:]
            for (i, c) in cats.enumerated() { byCat[c, default: []].append(i) }
            let keys = byCat.keys.sorted()
            for c in keys.filter(colors.isMuted) + keys.filter({ !colors.isMuted($0) }) { byPaint.append((c, byCat[c] ?? [])) }
        } else {
            byPaint.append((e.color.categoryName, Array(e.position.indices)))
        }
        var out = ""
        for group in byPaint {
            let paint = group.key.map { colors.paint(category: $0) } ?? colors.paint(e.color)
            var content = ""
            for i in group.idx {
                let vertical = e.orientation == .vertical
                let at = vertical ? frame.x(e.position[i]) : frame.y(e.position[i])
                let a = vertical ? frame.y(e.lower[i]) : frame.x(e.lower[i])
                let b = vertical ? frame.y(e.upper[i]) : frame.x(e.upper[i])
                func pt(_ along: Double, _ across: Double) -> String {
                    vertical ? Format.num(across) + " " + Format.num(along) : Format.num(along) + " " + Format.num(across)
                }
                var d = "M" + pt(a, at) + "L" + pt(b, at)
                if e.cap > 0 {
                    d += "M" + pt(a, at - e.cap) + "L" + pt(a, at + e.cap) + "M" + pt(b, at - e.cap) + "L" + pt(b, at + e.cap)
                }
                content += "<path d=\"" + d + "\"/>"
                obstacles.append(vertical ? Box(x0: at - e.cap, y0: a, x1: at + e.cap, y1: b)
                                          : Box(x0: a, y0: at - e.cap, x1: b, y1: at + e.cap))
                if let c = e.center {
                    let v = vertical ? frame.y(c[i]) : frame.x(c[i])
                    let (cx, cy) = vertical ? (at, v) : (v, at)
                    content += "<circle cx=\"\(Format.num(cx))\" cy=\"\(Format.num(cy))\" r=\"\(Format.num(e.width + 1.5))\" stroke=\"none\"/>"
                }
            }
            out += SVG.element("g", [("class", "mx-errorbars"), ("data-category", group.key), ("fill", paint),
                                     ("stroke", paint), ("stroke-width", Format.num(e.width)),
                                     ("opacity", e.opacity < 1 ? Format.num(e.opacity) : nil)], content: content)
        }
        return out
    }

    /// y = a + b·x cut to the plot rectangle: the segment of the line inside both domains.
    private func drawSlopedLine(_ l: SlopedLine, frame: Frame, colors: ColorMap, pending: inout [PendingLabel]) -> String {
        guard case .linear(let xs) = frame.x else { return "" }
        guard let seg = Self.clip(intercept: l.intercept, slope: l.slope, x: xs.domain, y: frame.y.domain) else { return "" }
        let (x1, y1, x2, y2) = (xs(seg.x0), frame.y(seg.y0), xs(seg.x1), frame.y(seg.y1))
        if let label = l.label, !label.isEmpty {
            let fs = 11.0
            pending.append(PendingLabel(panel: frame.index, text: label, fontSize: fs,
                                        spots: [.init(x: x2 - 4, y: y2 - 4 + (y2 < y1 ? 4 + TextMetrics.ascent * fs : 0), anchor: .end),
                                                .init(x: x1 + 4, y: y1 - 4, anchor: .start)],
                                        cssClass: "mx-ref-label", fill: fillAttr(l.color, colors)))
        }
        return SVG.element("line", [
            ("class", "mx-abline"), ("x1", Format.num(x1)), ("y1", Format.num(y1)), ("x2", Format.num(x2)), ("y2", Format.num(y2)),
            ("stroke", colors.paint(l.color)), ("stroke-width", Format.num(l.width)), ("stroke-dasharray", l.dash.dasharray),
        ])
    }

    /// The part of y = a + b·x with x in `x` and y in `y` (nil when the line misses the box).
    static func clip(intercept a: Double, slope b: Double, x: ClosedRange<Double>, y: ClosedRange<Double>)
        -> (x0: Double, y0: Double, x1: Double, y1: Double)? {
        var lo = x.lowerBound, hi = x.upperBound
        if b == 0 {
            guard y.contains(a) else { return nil }
        } else {
            let xa = (y.lowerBound - a) / b, xb = (y.upperBound - a) / b
            lo = max(lo, min(xa, xb)); hi = min(hi, max(xa, xb))
            guard lo <= hi else { return nil }
        }
        return (lo, a + b * lo, hi, a + b * hi)
    }

    private func fillAttr(_ c: MarkColor, _ colors: ColorMap) -> String? {
        c == .ink ? nil : colors.paint(c)
    }

    /// Vertical arrows drawn at the same x would hide each other: spread them sideways, 7 px
    /// apart, centred on their common x (by mark index; arrows alone at their x stay put).
    private func arrowDodge(_ marks: [Mark], frame: Frame) -> [Int: Double] {
        var columns: [Double: [Int]] = [:]
        for (m, mark) in marks.enumerated() {
            guard case .arrow(let a) = mark, a.fromX == a.toX, a.fromY != a.toY else { continue }
            let px = (frame.x(a.fromX) * 2).rounded() / 2
            columns[px, default: []].append(m)
        }
        var out: [Int: Double] = [:]
        for key in columns.keys.sorted() {
            guard let members = columns[key], members.count > 1 else { continue }
            let mid = Double(members.count - 1) / 2
            for (k, m) in members.enumerated() { out[m] = (Double(k) - mid) * 7 }
        }
        return out
    }

    private func drawArrow(_ a: Arrow, dx: Double, frame: Frame, colors: ColorMap, obstacles: inout [Box],
                           pending: inout [PendingLabel]) -> String {
        let x0 = frame.x(a.fromX) + dx, y0 = frame.y(a.fromY), x1 = frame.x(a.toX) + dx, y1 = frame.y(a.toY)
        let dx = x1 - x0, dy = y1 - y0
        let length = (dx * dx + dy * dy).squareRoot()
        guard length >= 0.5 else { return "" }
        let ux = dx / length, uy = dy / length
        let head = min(9 + a.width * 1.5, length)
        let half = head * 0.42
        let bx = x1 - ux * head, by = y1 - uy * head
        let left = (bx - uy * half, by + ux * half), right = (bx + uy * half, by - ux * half)
        let paint = colors.paint(a.color)
        addPolylineObstacles([(x0, y0), (x1, y1)], to: &obstacles, pad: 2)
        if let label = a.label, !label.isEmpty {
            let fs = 11.0
            let mx = (x0 + x1) / 2, my = (y0 + y1) / 2 + 0.35 * fs
            // Beside the shaft's middle first, then further out (clear of neighbouring arrows),
            // then beside the head.
            var spots: [LabelPlacer.Spot] = []
            for k in 0..<6 {
                spots.append(.init(x: mx + 6 + 8 * Double(k), y: my, anchor: .start))
                spots.append(.init(x: mx - 6 - 8 * Double(k), y: my, anchor: .end))
            }
            spots.append(.init(x: x1 + 8, y: y1 + 0.35 * fs, anchor: .start))
            spots.append(.init(x: x1 - 8, y: y1 + 0.35 * fs, anchor: .end))
            pending.append(PendingLabel(panel: frame.index, text: label, fontSize: fs, spots: spots,
                                        cssClass: "mx-arrow-label", fill: fillAttr(a.color, colors)))
        }
        let shaft = SVG.element("line", [
            ("x1", Format.num(x0)), ("y1", Format.num(y0)), ("x2", Format.num(bx + ux * 0.5)), ("y2", Format.num(by + uy * 0.5)),
            ("stroke", paint), ("stroke-width", Format.num(a.width)),
        ])
        let tip = SVG.element("path", [("d", SVG.polyline([(x1, y1), left, right], close: true)), ("fill", paint)])
        return SVG.element("g", [("class", "mx-arrow"), ("data-category", a.color.categoryName)], content: shaft + tip)
    }

    /// Marks a polyline's path as occupied, in small boxes along it.
    private func addPolylineObstacles(_ pts: [(Double, Double)], to obstacles: inout [Box], pad: Double = 1.5) {
        guard pts.count >= 2 else { return }
        for i in 1..<pts.count {
            let (ax, ay) = pts[i - 1], (bx, by) = pts[i]
            let len = ((bx - ax) * (bx - ax) + (by - ay) * (by - ay)).squareRoot()
            let steps = max(1, Int(len / 8))
            for k in 0...steps {
                let t = Double(k) / Double(steps)
                let px = ax + (bx - ax) * t, py = ay + (by - ay) * t
                obstacles.append(Box(x0: px - pad, y0: py - pad, x1: px + pad, y1: py + pad))
            }
        }
    }

    // MARK: Axes, grid, legend

    private func axes(_ f: Frame) -> String {
        let p = f.plot
        let spine = "M" + Format.num(p.x0) + " " + Format.num(p.y0) + "V" + Format.num(p.y1) + "H" + Format.num(p.x1)
        var ticks = ""
        for t in f.xTicks { ticks += "M" + Format.num(t.position) + " " + Format.num(p.y1) + "v" + Format.num(Style.tickLength) }
        for t in f.yTicks { ticks += "M" + Format.num(p.x0) + " " + Format.num(t.position) + "h-" + Format.num(Style.tickLength) }
        return SVG.element("path", [("class", "mx-axis"), ("d", spine + ticks), ("fill", "none"),
                                    ("stroke", "currentColor"), ("stroke-width", "1"), ("stroke-linecap", "square")])
    }

    private func grid(_ f: Frame) -> String {
        let p = f.plot
        var d = ""
        if case .linear = f.x {
            for t in f.xTicks { d += "M" + Format.num(t.position) + " " + Format.num(p.y0) + "V" + Format.num(p.y1) }
        }
        for t in f.yTicks { d += "M" + Format.num(p.x0) + " " + Format.num(t.position) + "H" + Format.num(p.x1) }
        return SVG.element("path", [("class", "mx-grid"), ("d", d), ("fill", "none"), ("stroke", "currentColor"),
                                    ("stroke-opacity", "0.12"), ("stroke-width", "1")])
    }

    private func drawLegend(_ l: LegendLayout, colors: ColorMap, texts: [TextItem]) -> String {
        var content = ""
        for e in l.entries {
            let cx = e.cx, cy = e.cy
            let paint = e.paint
            switch e.glyph {
            case .dot:
                content += SVG.element("circle", [("cx", Format.num(cx)), ("cy", Format.num(cy)), ("r", "4.5"), ("fill", paint)])
            case .bar:
                content += SVG.element("rect", [("x", Format.num(cx - 6)), ("y", Format.num(cy - 5)), ("width", "12"),
                                                ("height", "10"), ("fill", paint)])
            case .patch:
                content += SVG.element("rect", [("x", Format.num(cx - 7)), ("y", Format.num(cy - 5)), ("width", "14"),
                                                ("height", "10"), ("fill", paint), ("fill-opacity", "0.25"),
                                                ("stroke", paint), ("stroke-width", "1")])
            case .line:
                content += SVG.element("path", [("d", "M" + Format.num(cx - 8) + " " + Format.num(cy) + "h16"),
                                                ("stroke", paint), ("stroke-width", "2")])
            }
        }
        content += texts.map(SVG.text).joined()
        return SVG.element("g", [("class", "mx-legend")], content: content)
    }
}
