import Foundation
import Testing
import MixdownCharts
@testable import MixdownLang

@Suite struct FigureTests {
    func figures(_ r: CellRunResult) -> [Figure] {
        r.outputs.compactMap { if case .figure(let f) = $0 { return f } else { return nil } }
    }

    @Test func scatterIsAFigureWithNumberedIds() throws {
        let r = try runWithScore(["scatter(df, x = \"edu\", y = \"score\", hue = \"classroom\")",
                                  "p = regplot(df, x = \"edu\", y = \"score\")\np"])
        let a = try #require(figures(r[0]).first)
        let b = try #require(figures(r[1]).first)
        let svg = try a.svg()
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(a.width == 480 && b.width == 480)   // default size; the page sets id and size
        #expect(!a.description.isEmpty)
    }

    @Test func sameCellsGiveByteIdenticalFigures() throws {
        let cells = ["panels(regplot(df, x = \"edu\", y = \"score\", hue = \"classroom\"), bars(aggregate(df, by = \"classroom\", mean), x = \"classroom\", y = \"score\") + hline(0, label = \"Null\", dashed = true), share = \"none\")"]
        #expect(try runWithScore(cells)[0].outputs == (try runWithScore(cells)[0].outputs))
        #expect(try runWithScore(cells)[0].error == nil)
    }

    /// The band at x = 0 is the confidence interval of the intercept of score ~ edu
    /// (statsmodels: [7.910586063128979, 10.695153667532479]).
    @Test func regressionBandMatchesTheInterceptInterval() throws {
        let x = DataTests.rows.map(\.1), y = DataTests.rows.map(\.2)
        let fit = try RegressionLine(x: x, y: y, at: SourceLocation(file: "t", line: 1, column: 1), what: "data")
        #expect(abs(fit.intercept - 9.30286986533073) < 1e-9)
        #expect(abs(fit.slope - 0.23284229143205287) < 1e-9)
        let band = fit.band(at: 0)
        #expect(abs(band.lower - 7.910586063128979) < 1e-6)
        #expect(abs(band.upper - 10.695153667532479) < 1e-6)
    }

    @Test func overlayAndAdjustments() throws {
        let r = try runWithScore(["""
            p = scatter(df, x = "edu", y = "score", size = 3) + points(aggregate(df, by = "classroom", mean), x = "edu", y = "score", hue = "classroom")
            q = title(labels(ylim(p, 0, 20), x = "education", y = "test score"), "Means")
            q
            """])
        #expect(r[0].error == nil)
        let svg = try #require(figures(r[0]).first).svg()
        #expect(svg.contains("education"))
        #expect(svg.contains("Means"))
    }

    @Test func figureErrors() throws {
        // (scatter takes a string column as a categorical axis; a regression line needs numbers.)
        let r = try runWithScore(["regplot(df, x = \"edu\", y = \"classroom\")",
                                  "panels(1, share = \"xy\")",
                                  "panels(scatter(df, x = \"edu\", y = \"score\"), share = \"both\")",
                                  "scatter(df, x = \"edu\", y = \"score\") + 1"])
        #expect(r[0].error?.message == "regplot() needs a numeric column for y, but 'classroom' holds text")
        #expect(r[1].error?.message == "panels() expects plots, got a number")
        #expect(r[2].error?.message == "panels() expects share to be \"x\", \"y\", \"xy\" or \"none\", got \"both\"")
        #expect(r[3].error?.message == "cannot apply '+' to a plot and a number")
    }
}

/// Markup in data reaches figures only as escaped text.
@Suite struct FigureEscapingTests {
    @Test func categoryLabelsAreEscapedInSVG() throws {
        let t = try TempTutorial(files: ["evil.csv": "g,x,y\n<script>alert(1)</script>,1,2\nb&c,2,3\nb&c,3,1\n"])
        let r = t.session().run("d = read_csv(\"evil.csv\")\nscatter(d, x = \"x\", y = \"y\", hue = \"g\")", firstLine: 1)
        #expect(r.error == nil)
        guard case .figure(let f)? = r.outputs.first else { Issue.record("no figure"); return }
        let svg = try f.svg()
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;"))
        #expect(!svg.contains("b&c"))
    }
}
