import Foundation
import Testing
@testable import MixdownCharts

/// Per-mark structural checks of the grammar marks (lines by group, error bars, sloped lines,
/// histograms), facets, categorical axes and the many-groups colours: each SVG is parsed and its
/// elements read back into data units through the printed tick labels.
@Suite struct GrammarTests {
    private func render(_ f: Figure) throws -> XMLNode { try XMLNode.parse(try f.svg()) }

    private func panels(_ root: XMLNode) -> [XMLNode] {
        root.descendants.filter { $0.classes.contains("mx-panel") }
    }

    private func rulers(_ panel: XMLNode) throws -> (x: Ruler, y: Ruler) {
        (try #require(Ruler(panel: panel, tickClass: "mx-xtick")), try #require(Ruler(panel: panel, tickClass: "mx-ytick")))
    }

    /// A spaghetti-plot data set: `groups` subjects measured at ages 8, 10, 12, 14.
    private func spaghetti(groups: Int) -> [(name: String, x: [Double], y: [Double])] {
        (0..<groups).map { g in
            let x = [8.0, 10, 12, 14]
            return (String(format: "S%02d", g + 1), x, x.map { 20 + 0.5 * $0 + Double(g % 7) - 0.1 * Double(g) })
        }
    }

    @Test func linesByGroupSitAtTheirDataAndGreyBeyondTenGroups() throws {
        for count in [18, 65] {
            let data = spaghetti(groups: count)
            let marks = data.map { Mark.line(x: $0.x, y: $0.y, color: .category($0.name), opacity: 0.6, group: $0.name) }
            let fig = Figure(panels: [Panel(xLabel: "age", yLabel: "distance", marks: marks)], width: 480, height: 360,
                             legendTitle: "Subject", id: "spag")
            let root = try render(fig)
            let p = try #require(panels(root).first)
            let (xr, yr) = try rulers(p)
            let lines = p.all("path").filter { $0.classes.contains("mx-line") }
            #expect(lines.count == count)
            for (line, d) in zip(lines, data) {
                #expect(line["data-group"] == d.name)
                #expect(line["stroke"] == Palette.muted)
                #expect(line["stroke-opacity"] == "0.6")
                let pts = pathPoints(line["d"] ?? "")
                #expect(pts.count == 4)
                for (k, pt) in pts.enumerated() {
                    #expect(abs(xr.value(pt.0) - d.x[k]) < 0.01 && abs(yr.value(pt.1) - d.y[k]) < 0.01)
                }
            }
            // One legend entry for all the grey groups; the plot keeps most of the width.
            let legend = try #require(root.descendants.first { $0.classes.contains("mx-legend") })
            #expect(legend.all("text").map(\.text) == ["Subject", "\(count) Subjects"])
            let clip = try #require(root.all("clipPath").first?.all("rect").first)
            #expect((clip.double("width") ?? 0) > 0.6 * 480)
        }
    }

    @Test func highlightedGroupsKeepColoursAndLegendEntries() throws {
        let data = spaghetti(groups: 65)
        let marks = data.map { Mark.line(x: $0.x, y: $0.y, color: .category($0.name), group: $0.name) }
        var fig = Figure(panels: [Panel(marks: marks)], legendTitle: "Subject", id: "hl")
        fig.highlight = ["S07", "S03", "nobody"]
        let root = try render(fig)
        let lines = root.all("path").filter { $0.classes.contains("mx-line") }
        let colored = lines.filter { $0["stroke"] != Palette.muted }
        #expect(colored.map { $0["data-group"] ?? "" } == ["S03", "S07"])
        #expect(lines.first { $0["data-group"] == "S07" }?["stroke"] == Palette.tab10[0])
        #expect(lines.first { $0["data-group"] == "S03" }?["stroke"] == Palette.tab10[1])
        let legend = try #require(root.descendants.first { $0.classes.contains("mx-legend") })
        #expect(legend.all("text").map(\.text) == ["Subject", "S07", "S03", "63 others"])
    }

    @Test func tenGroupsOrFewerKeepTab10() throws {
        let data = spaghetti(groups: 10)
        let marks = data.map { Mark.line(x: $0.x, y: $0.y, color: .category($0.name), group: $0.name) }
        let root = try render(Figure(panels: [Panel(marks: marks)], legendTitle: "Subject", id: "ten"))
        let strokes = root.all("path").filter { $0.classes.contains("mx-line") }.map { $0["stroke"] ?? "" }
        #expect(strokes == Palette.tab10)
    }

    @Test func errorBarsSpanTheirIntervalsBothWays() throws {
        let pos = [1.0, 2, 3, 4], lo = [0.5, 1.1, 2.0, 2.2], hi = [1.5, 2.9, 3.5, 6.0], mid = [1.0, 2.0, 2.75, 4.1]
        for orientation in [Orientation.vertical, .horizontal] {
            let fig = Figure(panels: [Panel(marks: [.errorBars(at: pos, lower: lo, upper: hi, center: mid, orientation: orientation)])],
                             id: "eb")
            let root = try render(fig)
            let p = try #require(panels(root).first)
            let (xr, yr) = try rulers(p)
            let g = try #require(p.all("g").first { $0.classes.contains("mx-errorbars") })
            let paths = g.all("path")
            #expect(paths.count == 4)
            #expect(g.all("circle").count == 4)
            for (k, path) in paths.enumerated() {
                let pts = pathPoints(path["d"] ?? "")
                #expect(pts.count == 6) // shaft and two caps
                let (a, b) = (pts[0], pts[1])
                if orientation == .vertical {
                    #expect(abs(xr.value(a.0) - pos[k]) < 0.01 && abs(xr.value(b.0) - pos[k]) < 0.01)
                    #expect(abs(yr.value(a.1) - lo[k]) < 0.01 && abs(yr.value(b.1) - hi[k]) < 0.01)
                } else {
                    #expect(abs(yr.value(a.1) - pos[k]) < 0.01 && abs(yr.value(b.1) - pos[k]) < 0.01)
                    #expect(abs(xr.value(a.0) - lo[k]) < 0.01 && abs(xr.value(b.0) - hi[k]) < 0.01)
                }
            }
        }
    }

    @Test func slopedLineIsClippedToThePanelAndLiesOnTheLine() throws {
        let panel = Panel(marks: [.points(x: [0, 10], y: [0, 10]), .abline(intercept: -5, slope: 2)])
        let root = try render(Figure(panels: [panel], id: "ab"))
        let p = try #require(panels(root).first)
        let (xr, yr) = try rulers(p)
        let line = try #require(p.all("line").first { $0.classes.contains("mx-abline") })
        let clip = try #require(root.all("clipPath").first?.all("rect").first)
        let (cx0, cy0) = (clip.double("x") ?? 0, clip.double("y") ?? 0)
        let (cx1, cy1) = (cx0 + (clip.double("width") ?? 0), cy0 + (clip.double("height") ?? 0))
        for (kx, ky) in [("x1", "y1"), ("x2", "y2")] {
            let px = try #require(line.double(kx)), py = try #require(line.double(ky))
            #expect(px >= cx0 - 0.01 && px <= cx1 + 0.01 && py >= cy0 - 0.01 && py <= cy1 + 0.01)
            #expect(abs(yr.value(py) - (-5 + 2 * xr.value(px))) < 0.02)
        }
        // The line leaves through the top and bottom edges (y domain −0.5 … 10.5).
        #expect(abs(yr.value(try #require(line.double("y1"))) - (-0.5)) < 0.01)
        #expect(abs(yr.value(try #require(line.double("y2"))) - 10.5) < 0.01)
        #expect(Renderer.clip(intercept: 100, slope: 0, x: 0...1, y: 0...1) == nil)
    }

    @Test func histogramCountsEveryValueOnce() throws {
        let values = (0..<200).map { k in sin(Double(k) * 1.7) * 3 + Double(k % 5) }
        let bins = 12
        let root = try render(Figure(panels: [Panel(marks: [.histogram(values, bins: bins)])], id: "hist"))
        let p = try #require(panels(root).first)
        let (xr, yr) = try rulers(p)
        let rects = try #require(p.all("g").first { $0.classes.contains("mx-histogram") }).all("rect")
        let lo = values.min()!, hi = values.max()!, w = (hi - lo) / Double(bins)
        var expected = [Int](repeating: 0, count: bins)
        for v in values { expected[min(bins - 1, Int((v - lo) / w))] += 1 }
        #expect(rects.count == expected.filter { $0 > 0 }.count)
        var total = 0.0
        for r in rects {
            let x0 = xr.value(r.double("x") ?? 0)
            let k = Int(((x0 - lo) / w).rounded())
            let count = yr.value(r.double("y") ?? 0)
            #expect(abs(count - Double(expected[k])) < 0.02)
            #expect(abs(xr.value((r.double("x") ?? 0) + (r.double("width") ?? 0)) - (lo + w * Double(k + 1))) < 0.01)
            total += count
        }
        #expect(abs(total - 200) < 0.5)
    }

    private func facetFigure(_ count: Int, columns: Int) -> Figure {
        let data = spaghetti(groups: count)
        let panels = data.map { d in
            Panel(title: d.name, xLabel: "age", yLabel: "distance",
                  marks: [.points(x: d.x, y: d.y), .line(x: d.x, y: d.y, group: d.name)])
        }
        let rows = (count + columns - 1) / columns
        return Figure(panels: panels, layout: .grid(columns: columns, sharedX: true, sharedY: true),
                      width: 900, height: Double(rows) * 150, id: "facet")
    }

    @Test(arguments: [(27, 6), (65, 8)])
    func facetsWrapIntoRowsWithSharedAxesAndTitles(count: Int, columns: Int) throws {
        let root = try render(facetFigure(count, columns: columns))
        let ps = panels(root)
        #expect(ps.count == count)
        let rows = (count + columns - 1) / columns
        var tops: Set<String> = [], lefts: Set<String> = []
        for (i, p) in ps.enumerated() {
            let rect = try #require(root.all("clipPath")[i].all("rect").first)
            tops.insert(rect["y"] ?? ""); lefts.insert(rect["x"] ?? "")
            #expect(p.all("text").filter { $0.classes.contains("mx-title") }.map(\.text) == [String(format: "S%02d", i + 1)])
            let yTicks = p.all("text").filter { $0.classes.contains("mx-ytick") }
            let xTicks = p.all("text").filter { $0.classes.contains("mx-xtick") }
            #expect(yTicks.isEmpty == (i % columns != 0), "panel \(i + 1): y tick labels only on the first column")
            #expect(xTicks.isEmpty == (i + columns < count), "panel \(i + 1): x tick labels only at the bottom of a column")
            #expect(p.all("circle").count == 4)
            for t in yTicks + xTicks { #expect((t.double("font-size") ?? 0) >= 11) }
        }
        #expect(tops.count == rows && lefts.count == columns)
        // Shared scales: every panel's points map the same data to the same pixels.
        let first = try #require(Ruler(panel: ps[0], tickClass: "mx-ytick"))
        let lastRow = try #require(Ruler(panel: ps[(rows - 1) * columns], tickClass: "mx-ytick"))
        #expect(abs(first.slope - lastRow.slope) < 1e-6)
    }

    @Test func aGridTooSmallSaysWhy() throws {
        var f = facetFigure(27, columns: 27)
        f.height = 200
        #expect(throws: ChartError.self) { try f.svg() }
        do { _ = try f.svg() } catch { #expect("\(error)".contains("too narrow for 27 panel(s) in 27 columns") || "\(error)".contains("27")) }
    }

    @Test func reflowForAPhoneKeepsTextFullSize() throws {
        let wide = facetFigure(27, columns: 6)
        let narrow = wide.reflowed(toWidth: 390)
        #expect(narrow.width == 390)
        #expect(narrow.layout == .grid(columns: 2, sharedX: true, sharedY: true))
        let root = try render(narrow)
        #expect(panels(root).count == 27)
        for t in root.all("text") { #expect((t.double("font-size") ?? 0) >= 10) }
        for clip in root.all("clipPath") { #expect((clip.all("rect").first?.double("width") ?? 0) >= 120) }
        let row = Figure(panels: [Panel(marks: [.points(x: [1], y: [1])]), Panel(marks: [.points(x: [1], y: [2])])],
                         layout: .row(sharedX: false, sharedY: true), width: 900, height: 340, id: "r")
        let column = row.reflowed(toWidth: 390)
        #expect(column.layout == .grid(columns: 2, sharedX: false, sharedY: true) || column.layout == .grid(columns: 1, sharedX: false, sharedY: true))
        _ = try column.svg()
    }

    @Test func categoricalAxesLabelTheLevelsInOrder() throws {
        let levels = ["308", "309", "310", "330", "331"]
        let values = [3.1, -2.0, 0.4, 1.2, -0.7]
        // Sorted by value on y (a caterpillar plot): levels in the order given, bottom to top.
        let order = values.indices.sorted { values[$0] < values[$1] }
        let panel = Panel(marks: [.errorBars(at: order.indices.map(Double.init), lower: order.map { values[$0] - 1 },
                                             upper: order.map { values[$0] + 1 }, center: order.map { values[$0] },
                                             orientation: .horizontal)],
                          yCategories: order.map { levels[$0] })
        let root = try render(Figure(panels: [panel], id: "cat"))
        let p = try #require(panels(root).first)
        let labels = p.all("text").filter { $0.classes.contains("mx-ytick") }
        #expect(labels.map(\.text) == order.map { levels[$0] })
        let ys = labels.compactMap { $0.double("y") }
        #expect(ys == ys.sorted(by: >), "first category at the bottom")
        let centers = p.all("circle").compactMap { $0.double("cy") }
        for (k, label) in labels.enumerated() {
            #expect(abs(((label.double("y") ?? 0) - 0.35 * 11) - centers[k]) < 0.01)
        }
    }

    @Test func manyBarLabelsNeverCollide() throws {
        let cats = (1...40).map { "classroom \($0)" }
        let panel = Panel(marks: [.bars(categories: cats, values: cats.indices.map { Double($0 % 7) }, colorByCategory: false)])
        let root = try render(Figure(panels: [panel], width: 480, height: 400, id: "bars"))
        let labels = root.all("text").filter { $0.classes.contains("mx-xtick") }
        #expect(!labels.isEmpty)
        // Upright labels: a label's height (its font size) fits between neighbouring ticks.
        let xs = labels.compactMap { $0.double("x") }
        for (a, b) in zip(xs, xs.dropFirst()) { #expect(b - a >= 11) }
        #expect(labels.allSatisfy { ($0["transform"] ?? "").hasPrefix("rotate(-90") })
        // Below the plot and inside the figure.
        let clip = try #require(root.all("clipPath").first?.all("rect").first)
        let bottom = (clip.double("y") ?? 0) + (clip.double("height") ?? 0)
        for l in labels { #expect((l.double("y") ?? 0) > bottom) }
        // A few short labels stay across.
        let few = Panel(marks: [.bars(categories: ["a", "b", "c"], values: [1, 2, 3])])
        let fewLabels = try render(Figure(panels: [few], id: "few")).all("text").filter { $0.classes.contains("mx-xtick") }
        #expect(fewLabels.map(\.text) == ["a", "b", "c"] && fewLabels.allSatisfy { $0["transform"] == nil })
    }

    @Test func translucencyIsWritten() throws {
        let root = try render(Figure(panels: [Panel(marks: [.points(x: [1, 2], y: [1, 2], opacity: 0.5),
                                                           .line(x: [1, 2], y: [1, 2], opacity: 0.3)])], id: "al"))
        #expect(root.all("g").first { $0.classes.contains("mx-points") }?["fill-opacity"] == "0.5")
        #expect(root.all("path").first { $0.classes.contains("mx-line") }?["stroke-opacity"] == "0.3")
    }

    @Test func newMarksRejectBadInput() throws {
        let bad: [Mark] = [
            .errorBars(at: [1, 2], lower: [0], upper: [1, 2]),
            .errorBars(at: [1], lower: [2], upper: [1]),
            .histogram([1, 2, .nan]),
            .histogram([1, 2], bins: 0),
            .abline(intercept: .infinity, slope: 1),
        ]
        for (k, m) in bad.enumerated() {
            #expect(throws: ChartError.self, "case \(k)") { try Figure(panels: [Panel(marks: [m])], id: "bad").svg() }
        }
    }
}
