import Foundation
import Testing
import MixdownCharts

/// Parses each walkthrough SVG and checks its marks against the data, independently of the
/// renderer's internals: positions are read back through the printed tick labels.
@Suite struct StructureTests {
    let walk: Walkthrough
    init() throws { walk = try Walkthrough() }

    private func parsed(_ f: Figure) throws -> XMLNode { try XMLNode.parse(try f.svg()) }

    private func panel(_ root: XMLNode, _ k: Int) throws -> XMLNode {
        try #require(root.descendants.first { $0["id"] == "\(root["id"] ?? "")-panel-\(k)" })
    }

    @Test func everyFigureIsAccessibleSmallAndDeterministic() throws {
        for (name, figure) in try walk.all() {
            let svg = try figure.svg()
            #expect(svg == (try figure.svg()), "\(name): two renders differ")
            #expect(svg.utf8.count < 60_000, "\(name): \(svg.utf8.count) bytes")
            let root = try XMLNode.parse(svg)
            #expect(root.name == "svg")
            #expect(root["role"] == "img")
            #expect(root["viewBox"] == "0 0 \(Int(figure.width)) \(Int(figure.height))")
            let title = try #require(root.children.first { $0.name == "title" })
            let desc = try #require(root.children.first { $0.name == "desc" })
            #expect(!title.text.isEmpty && !desc.text.isEmpty)
            #expect(desc.text == figure.description)
            // Numbers: no exponent, no negative zero, at most two decimals in coordinates.
            for node in root.descendants {
                for key in ["x", "y", "cx", "cy", "r", "width", "height", "x1", "x2", "y1", "y2"] {
                    guard let v = node[key] else { continue }
                    #expect(!v.contains("e") && v != "-0" && !v.hasPrefix("-0.00"), "\(name): \(key)=\(v)")
                    if let dot = v.firstIndex(of: ".") { #expect(v.distance(from: dot, to: v.endIndex) <= 3, "\(name): \(key)=\(v)") }
                }
            }
            // Every clip path id is derived from the figure id and panel number.
            let clips = root.all("clipPath").compactMap { $0["id"] }
            #expect(clips == (1...figure.panels.count).map { "\(figure.id)-panel-\($0)-clip" })
        }
    }

    @Test func scatterHasOnePointPerStudentAtItsPosition() throws {
        let root = try parsed(try walk.scatter())
        let p = try panel(root, 1)
        let xr = try #require(Ruler(panel: p, tickClass: "mx-xtick"))
        let yr = try #require(Ruler(panel: p, tickClass: "mx-ytick"))
        let groups = p.all("g").filter { $0.classes.contains("mx-points") }
        #expect(groups.map { $0["data-category"] ?? "" } == ["c0", "c1", "c2"])
        #expect(groups.map { $0["fill"] ?? "" } == ["#1f77b4", "#ff7f0e", "#2ca02c"])
        var drawn: [String: [(Double, Double)]] = [:]
        for g in groups { drawn[g["data-category"] ?? ""] = g.all("circle").map { ($0.double("cx") ?? -1, $0.double("cy") ?? -1) } }
        #expect(drawn.values.reduce(0) { $0 + $1.count } == 60)
        for c in walk.data.classrooms {
            let rows = walk.data.rows(of: c)
            let circles = drawn[c] ?? []
            #expect(circles.count == rows.count)
            for (r, circle) in zip(rows, circles) {
                #expect(abs(circle.0 - xr.pixel(walk.data.edu[r])) < 0.05)
                #expect(abs(circle.1 - yr.pixel(walk.data.score[r])) < 0.05)
            }
        }
        // The legend lists the classrooms in sorted order with the same colours.
        let legend = try #require(root.descendants.first { $0.classes.contains("mx-legend") })
        #expect(legend.all("circle").map { $0["fill"] ?? "" } == ["#1f77b4", "#ff7f0e", "#2ca02c"])
        #expect(legend.all("text").map(\.text) == ["classroom", "c0", "c1", "c2"])
        #expect(root.children.first { $0.name == "desc" }?.text
                == "Scatter plot of score against edu, 60 points in 3 classrooms (c0, c1, c2).")
    }

    @Test func globalFitLineEndsOnTheFitAndTheBandCoversIt() throws {
        let root = try parsed(try walk.globalFit())
        let p = try panel(root, 1)
        let xr = try #require(Ruler(panel: p, tickClass: "mx-xtick"))
        let yr = try #require(Ruler(panel: p, tickClass: "mx-ytick"))
        // Reference: statsmodels, score ~ edu: Intercept 9.302870, edu 0.232842.
        let line = pathPoints(try #require(p.all("path").first { $0.classes.contains("mx-line") }?["d"]))
        let first = try #require(line.first), last = try #require(line.last)
        #expect(abs(xr.value(first.0) - 0) < 1e-3 && abs(yr.value(first.1) - 9.302870) < 1e-3)
        #expect(abs(xr.value(last.0) - 10) < 1e-3 && abs(yr.value(last.1) - (9.302870 + 10 * 0.232842)) < 1e-3)
        let band = pathPoints(try #require(p.all("path").first { $0.classes.contains("mx-band") }?["d"]))
        #expect(band.count % 2 == 0 && band.count >= 4)
        let half = band.count / 2
        let upper = Array(band.prefix(half)), lower = Array(band.suffix(half).reversed())
        for k in upper.indices {
            #expect(abs(upper[k].0 - lower[k].0) < 0.01)
            let onLine = straight(line, at: upper[k].0)
            #expect(upper[k].1 < onLine && onLine < lower[k].1, "band does not cover the line at point \(k)")
        }
        // Width of the band at edu = 0: 2·t(0.975, 58)·se(mean at 0), se from the statsmodels
        // intercept standard error 0.6955446 (the fitted mean at x = 0 is the intercept).
        let halfWidth = (yr.value(upper[0].1) - yr.value(lower[0].1)) / 2
        #expect(abs(halfWidth - 2.0017174841 * 0.6955446077) < 1e-3)
        #expect(p.all("circle").count == 60)
    }

    @Test func hierarchicalBarsAreTheSlopes() throws {
        let root = try parsed(try walk.hierarchical())
        let p = try panel(root, 2)
        let yr = try #require(Ruler(panel: p, tickClass: "mx-ytick"))
        // Per-classroom OLS slopes from the walkthrough (statsmodels).
        let expected = ["c0": 0.129084, "c1": 0.177567, "c2": 0.055772]
        let bars = p.all("rect").filter { $0.classes.contains("mx-bar") }
        #expect(bars.count == 3)
        for bar in bars {
            let c = bar["data-category"] ?? ""
            let top = try #require(bar.double("y")), height = try #require(bar.double("height"))
            #expect(abs(yr.value(top + height) - 0) < 1e-4, "\(c) bar does not start at zero")
            #expect(abs(yr.value(top) - (expected[c] ?? .nan)) < 1e-4, "\(c) bar height")
        }
        let labels = p.all("text").filter { $0.classes.contains("mx-ref-label") }
        #expect(labels.map(\.text) == ["Null slope"])
        let ref = try #require(p.all("line").first { $0.classes.contains("mx-ref") })
        #expect(abs(yr.value(try #require(ref.double("y1")))) < 1e-4)
        // The axis runs from −0.1 to 0.2 as asked.
        let yTicks = p.all("text").filter { $0.classes.contains("mx-ytick") }.map(\.text)
        #expect(yTicks.first == "\u{2212}0.10" && yTicks.last == "0.20")
        // Left panel: one line and one band per classroom, each band covering its line.
        let left = try panel(root, 1)
        let lines = left.all("path").filter { $0.classes.contains("mx-line") }
        let bands = left.all("path").filter { $0.classes.contains("mx-band") }
        #expect(lines.count == 3 && bands.count == 3)
        for (l, b) in zip(lines, bands) {
            let lp = pathPoints(l["d"] ?? ""), bp = pathPoints(b["d"] ?? "")
            let upper = Array(bp.prefix(bp.count / 2)), lower = Array(bp.suffix(bp.count / 2).reversed())
            for k in upper.indices {
                let onLine = straight(lp, at: upper[k].0)
                #expect(upper[k].1 < onLine && onLine < lower[k].1)
            }
        }
    }

    @Test func densitiesIntegrateToTheirShare() throws {
        let root = try parsed(try walk.globalDiagnosis())
        for (k, shares) in [(2, [1.0]), (3, [20.0 / 60, 20.0 / 60, 20.0 / 60])] {
            let p = try panel(root, k)
            let xr = try #require(Ruler(panel: p, tickClass: "mx-xtick"))
            let yr = try #require(Ruler(panel: try panel(root, 1), tickClass: "mx-ytick"))
            let curves = p.all("g").filter { $0.classes.contains("mx-density") }
            #expect(curves.count == shares.count)
            for (curve, share) in zip(curves, shares) {
                let outline = try #require(curve.all("path").last)
                let pts = pathPoints(outline["d"] ?? "").map { (yr.value($0.1), xr.value($0.0)) }
                var area = 0.0
                for i in 1..<pts.count { area += abs(pts[i].0 - pts[i - 1].0) * (pts[i].1 + pts[i - 1].1) / 2 }
                #expect(abs(area - share) < 0.01, "panel \(k) density area \(area), expected \(share)")
            }
        }
    }

    @Test func arrowsRunBetweenTheIntercepts() throws {
        let root = try parsed(try walk.ancovaInter())
        let p = try panel(root, 1)
        let yr = try #require(Ruler(panel: p, tickClass: "mx-ytick"))
        let arrows = p.all("g").filter { $0.classes.contains("mx-arrow") }
        #expect(arrows.map { $0["data-category"] ?? "" } == ["c1", "c2"])
        // statsmodels ANCOVA-Inter: Intercept 6.965429, classroom[T.c1] 2.577854, classroom[T.c2] 6.129755.
        for (arrow, shift) in zip(arrows, [2.577854, 6.129755]) {
            let shaft = try #require(arrow.all("line").first)
            #expect(abs(yr.value(try #require(shaft.double("y1"))) - 6.965429) < 1e-3)
            let head = try #require(arrow.all("path").first?["d"])
            let tip = try #require(pathPoints(head).first)
            #expect(abs(yr.value(tip.1) - (6.965429 + shift)) < 1e-3)
        }
        let labels = p.all("text").filter { $0.classes.contains("mx-arrow-label") }.map(\.text)
        #expect(labels == ["c1 +2.58", "c2 +6.13"])
        // Both arrows start at edu = 0; they are spread sideways so neither hides the other.
        let xs = arrows.compactMap { $0.all("line").first?.double("x1") }
        let xr = try #require(Ruler(panel: p, tickClass: "mx-xtick"))
        #expect(xs.count == 2 && abs(xs[0] - xs[1]) >= 6)
        #expect(xs.allSatisfy { abs($0 - xr.pixel(0)) <= 4 })
    }

    @Test func noTextOverlapsAnotherOrLeavesTheFigure() throws {
        for (name, figure) in try walk.all() {
            let root = try parsed(figure)
            let boxes: [(String, TextBox.B)] = root.all("text").map { ($0.text, TextBox.of($0)) }
            for (t, b) in boxes {
                #expect(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= figure.width && b.y1 <= figure.height, "\(name): \"\(t)\" is outside")
            }
            for i in boxes.indices {
                for j in boxes.indices where j > i {
                    #expect(!boxes[i].1.overlaps(boxes[j].1), "\(name): \"\(boxes[i].0)\" overlaps \"\(boxes[j].0)\"")
                }
            }
        }
    }

    @Test func everyTextIsEscaped() throws {
        let nasty = "a<b & \"c\" 'd'"
        let f = Figure(panels: [Panel(title: nasty, xLabel: nasty, yLabel: nasty, marks: [
            .points(x: [1, 2, 3], y: [1, 3, 2], categories: [nasty, "b", nasty]),
            .text(x: 2, y: 2, nasty),
        ])], legendTitle: nasty, id: "fig-esc")
        let svg = try f.svg()
        #expect(!svg.contains(nasty))
        let root = try XMLNode.parse(svg)
        let texts = root.all("text").map(\.text)
        #expect(texts.filter { $0 == nasty }.count == 6)   // panel title, x, y, legend title, legend entry, text mark
        #expect(root.children.first { $0.name == "title" }?.text == nasty)
        #expect(root.descendants.contains { $0["data-category"] == nasty })
    }
}

/// The pixel y of a straight line (its first and last points) at pixel x.
func straight(_ line: [(Double, Double)], at x: Double) -> Double {
    guard let a = line.first, let b = line.last, b.0 != a.0 else { return .nan }
    return a.1 + (x - a.0) * (b.1 - a.1) / (b.0 - a.0)
}

/// The test's own estimate of a text's box: 0.55 em per character, 0.95 em tall.
enum TextBox {
    struct B {
        var x0: Double, y0: Double, x1: Double, y1: Double
        func overlaps(_ o: B) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }
    }

    static func of(_ t: XMLNode) -> B {
        let size = t.double("font-size") ?? 11
        let x = t.double("x") ?? 0, y = t.double("y") ?? 0
        let w = 0.55 * size * Double(t.text.count)
        let anchor = t["text-anchor"] ?? "start"
        let start = anchor == "middle" ? -w / 2 : (anchor == "end" ? -w : 0)
        if (t["transform"] ?? "").hasPrefix("rotate(-90") {
            return B(x0: x - 0.75 * size, y0: y - start - w, x1: x + 0.2 * size, y1: y - start)
        }
        return B(x0: x + start, y0: y - 0.75 * size, x1: x + start + w, y1: y + 0.2 * size)
    }

}
