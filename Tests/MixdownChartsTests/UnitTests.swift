import Foundation
import Testing
@testable import MixdownCharts

/// Unit checks of the pieces: number formatting, ticks, kernel density, errors.
@Suite struct UnitTests {
    @Test func numbersUseOneFixedFormat() {
        #expect(Format.num(-0.001) == "0")
        #expect(Format.num(0.00001) == "0")
        #expect(Format.num(1234.5678) == "1234.57")
        #expect(Format.num(-2.5) == "-2.5")
        #expect(Format.num(3) == "3")
        #expect(Format.num(1e-5 * 3) == "0")
        #expect(Format.fixed(-0.1, decimals: 2, minusSign: true) == "\u{2212}0.10")
        #expect(Format.fixed(-0.0001, decimals: 2, minusSign: true) == "0.00")
        #expect(Format.xml("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
    }

    @Test func ticksAreOneTwoFiveSteps() {
        #expect(LinearScale.tickStep(for: -0.5...10.5, maxCount: 8) == 2)
        #expect(LinearScale.ticks(in: -0.5...10.5, step: 2) == [0, 2, 4, 6, 8, 10])
        #expect(LinearScale.tickStep(for: 0...0.14, maxCount: 5) == 0.05)
        #expect(LinearScale.labels(for: [0, 0.05, 0.1], step: 0.05) == ["0.00", "0.05", "0.10"])
        #expect(LinearScale.labels(for: [-0.1, 0, 0.1, 0.2], step: 0.1) == ["\u{2212}0.1", "0.0", "0.1", "0.2"])
        #expect(LinearScale.labels(for: [6, 8, 10], step: 2) == ["6", "8", "10"])
        #expect(LinearScale.decimals(forStep: 2.5e-3) == 3)
        #expect(LinearScale.nice(0.3...9.7, maxCount: 6) == 0...10)
    }

    @Test func kernelDensityMatchesScipy() throws {
        // scipy 1.17.1: gaussian_kde([0, 1, 2, 4])([0.5, 1.5, 3.0])
        let kde = try KernelDensity(values: [0, 1, 2, 4])
        let expected = [0.18439475287807577, 0.19433499006497362, 0.14294835258895233]
        for (x, e) in zip([0.5, 1.5, 3.0], expected) { #expect(abs(kde(x) - e) < 1e-12) }
        // Scott's factor 4^(-1/5) = 0.757858283255199 times the sample sd sqrt(1.6751851…·(1/0.7578…²)).
        #expect(abs(kde.bandwidth - (1.6751851).squareRoot()) < 1e-6)
        #expect(throws: ChartError.self) { try KernelDensity(values: [1, 1, 1]) }
    }

    @Test func badInputThrowsNamingTheCulprit() {
        let mismatch = Figure(panels: [Panel(marks: [.points(x: [1, 2], y: [1])])], id: "f")
        #expect(throws: ChartError.lengthMismatch(mark: "panel 1, mark 1 (points)", field: "y", expected: 2, got: 1)) { try mismatch.svg() }
        let nan = Figure(panels: [Panel(marks: [.line(x: [1, 2], y: [1, .nan])])], id: "f")
        #expect(throws: ChartError.nonFinite(mark: "panel 1, mark 1 (line)", field: "y", index: 1)) { try nan.svg() }
        let badID = Figure(panels: [Panel(marks: [.points(x: [1], y: [1])])], id: "1 bad")
        #expect(throws: ChartError.invalidID("1 bad")) { try badID.svg() }
        let mixed = Figure(panels: [Panel(marks: [.bars(categories: ["a"], values: [1]), .points(x: [1], y: [1])])], id: "f")
        #expect(throws: ChartError.mixedScales(panel: 1)) { try mixed.svg() }
        let colour = Figure(panels: [Panel(marks: [.points(x: [1], y: [1], color: .hex("red"))])], id: "f")
        #expect(throws: ChartError.invalidColor("red")) { try colour.svg() }
        let tiny = Figure(panels: [Panel(marks: [.points(x: [1], y: [1])])], width: 60, height: 60, id: "f")
        #expect(throws: ChartError.self) { try tiny.svg() }
        #expect(ChartError.mixedScales(panel: 2).description.contains("panel 2"))
    }

    @Test func categoriesKeepTheirColourAcrossPanels() throws {
        let f = Figure(panels: [
            Panel(marks: [.points(x: [1, 2], y: [1, 2], categories: ["b", "a"])]),
            Panel(marks: [.line(x: [0, 1], y: [0, 1], color: .category("b"))]),
        ], layout: .row(sharedX: true, sharedY: true), width: 600, height: 300, id: "f")
        let root = try XMLNode.parse(try f.svg())
        let points = root.all("g").filter { $0.classes.contains("mx-points") }
        #expect(points.map { $0["fill"] ?? "" } == ["#1f77b4", "#ff7f0e"])
        #expect(root.all("path").first { $0.classes.contains("mx-line") }?["stroke"] == "#ff7f0e")
    }

    @Test func optionalPiecesRender() throws {
        let f = Figure(panels: [
            Panel(xLabel: "x", yLabel: "y", marks: [
                .density([1, 2, 2, 3, 7], orientation: .horizontal),
                .refLine(.vertical, at: 4, label: "cut"),
            ], grid: true),
        ], id: "g")
        let root = try XMLNode.parse(try f.svg())
        #expect(root.all("path").contains { $0.classes.contains("mx-grid") })
        let ref = try #require(root.all("line").first { $0.classes.contains("mx-ref") })
        #expect(ref["x1"] == ref["x2"] && ref["y1"] != ref["y2"])
        #expect(root.all("text").contains { $0.text == "cut" && $0.classes.contains("mx-ref-label") })
        // Horizontal density: the value axis is x, the density axis y starts at zero.
        let yTicks = root.all("text").filter { $0.classes.contains("mx-ytick") }.map(\.text)
        #expect(yTicks.first == "0.00" || yTicks.first == "0.0")
        #expect(f.description.hasPrefix("Density curve of x from 5 values"))
    }

    @Test func sharedAxesGetTheSameTicks() throws {
        let fig = try Walkthrough().aggregation()
        let root = try XMLNode.parse(try fig.svg())
        let panels = root.all("g").filter { $0.classes.contains("mx-panel") }
        #expect(panels.count == 2)
        let xTicks = panels.map { $0.all("text").filter { $0.classes.contains("mx-xtick") }.map(\.text) }
        #expect(xTicks[0] == xTicks[1] && !xTicks[0].isEmpty)
        // A shared y axis is labelled once: the second panel has tick marks but no tick labels.
        #expect(panels[1].all("text").filter { $0.classes.contains("mx-ytick") }.isEmpty)
    }

    @Test func longTitlesShrinkToFitTheirPanel() throws {
        let long = String(repeating: "A very long panel title ", count: 3)
        let f = Figure(panels: [Panel(title: long, marks: [.points(x: [0, 1], y: [0, 1])]),
                                Panel(title: long, marks: [.points(x: [0, 1], y: [0, 1])])],
                       layout: .row(sharedX: false, sharedY: false), width: 900, height: 300, id: "t")
        let root = try XMLNode.parse(try f.svg())
        let titles = root.all("text").filter { $0.classes.contains("mx-title") }
        #expect(titles.count == 2)
        #expect((titles[0].double("font-size") ?? 13) < 13)
        let boxes = titles.map(TextBox.of)
        #expect(!boxes[0].overlaps(boxes[1]))
    }

    @Test func degenerateButValidInputStillDraws() throws {
        let cases: [Panel] = [
            Panel(marks: [.points(x: [3], y: [3])]),                                   // one point
            Panel(marks: [.line(x: [0, 1], y: [2, 2])]),                                // flat line
            Panel(marks: [.bars(categories: ["a", "b"], values: [-1, 0.5])]),           // negative bar
            Panel(marks: []),                                                           // nothing
            Panel(marks: [.arrow(from: (1, 1), to: (1, 1))]),                           // zero-length arrow
            Panel(marks: [.points(x: [0, 1e6], y: [-1e-6, 1e-6])]),                     // extreme spans
        ]
        for (k, panel) in cases.enumerated() {
            let svg = try Figure(panels: [panel], id: "d\(k)").svg()
            let root = try XMLNode.parse(svg)
            #expect(root.name == "svg")
            #expect(!svg.contains("e+") && !svg.contains("e-0") && !svg.contains("nan") && !svg.contains("inf"))
        }
        #expect(throws: ChartError.self) {
            try Figure(panels: [Panel(marks: [.density([2, 2, 2])])], id: "flat").svg()
        }
        #expect(throws: ChartError.self) {
            try Figure(panels: [Panel(marks: []), Panel(marks: [])], layout: .single, id: "two").svg()
        }
    }
}
