import Foundation
import Testing
import MixdownCharts
@testable import MixdownLang

/// The figure spellings of contracts §6 run through the language on the tutorial's data sets,
/// checked against the data read independently here (and R for the QQ plot and histogram).
@Suite struct LanguageGrammarTests {
    static let setup = """
    sleep = read_csv("datasets/sleepstudy.csv")
    growth = read_csv("datasets/growth65.csv")
    """

    /// A CSV without quoted fields, by column name.
    static func csv(_ name: String) throws -> [String: [String]] {
        let text = try String(contentsOf: LessonFigures.tutorial.appendingPathComponent("datasets/\(name)"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var out: [String: [String]] = [:]
        for (k, header) in lines[0].enumerated() { out[header] = lines.dropFirst().map { $0[k] } }
        return out
    }

    private func svgRoot(_ f: Figure) throws -> XMLNode { try XMLNode.parse(try f.svg()) }

    @Test func linesJoinEachSubjectsPointsInDayOrder() throws {
        let data = try Self.csv("sleepstudy.csv")
        let subjects = data["Subject"]!, days = data["Days"]!.map { Double($0)! }, reaction = data["Reaction"]!.map { Double($0)! }
        let plot = try LessonFigures().plot(Self.setup, #"lines(sleep, x = "Days", y = "Reaction", group = "Subject", alpha = 0.6)"#)
        let lines = plot.panels[0].lines
        let names = Array(Set(subjects)).sorted()
        #expect(lines.map { $0.group ?? "" } == names)
        for line in lines {
            let rows = subjects.indices.filter { subjects[$0] == line.group }.sorted { days[$0] < days[$1] }
            #expect(line.x == rows.map { days[$0] })
            #expect(line.y == rows.map { reaction[$0] })
            #expect(line.opacity == 0.6)
        }
        let root = try svgRoot(plot.figure(number: 1))
        #expect(root.all("path").filter { $0.classes.contains("mx-line") }.count == 18)
        #expect(root.descendants.first { $0.classes.contains("mx-legend") } == nil)
    }

    @Test func eighteenHuesGiveOneGreyLegendEntryOrHighlights() throws {
        let f = try LessonFigures().figure(Self.setup, #"lines(sleep, x = "Days", y = "Reaction", group = "Subject", hue = "Subject")"#)
        let legend = try #require(try svgRoot(f).descendants.first { $0.classes.contains("mx-legend") })
        #expect(legend.all("text").map(\.text) == ["Subject", "18 Subjects"])
        let h = try LessonFigures().figure(Self.setup,
            #"lines(sleep, x = "Days", y = "Reaction", group = "Subject", hue = "Subject", highlight = ["S308", "S335"])"#)
        let root = try svgRoot(h)
        let coloured = root.all("path").filter { $0.classes.contains("mx-line") && $0["stroke"] != Palette.muted }
        #expect(coloured.map { $0["data-group"] ?? "" } == ["S308", "S335"])
        let hl = try #require(root.descendants.first { $0.classes.contains("mx-legend") })
        #expect(hl.all("text").map(\.text) == ["Subject", "S308", "S335", "16 others"])
    }

    @Test func facetOf65ChildrenHasOnePanelPerLevelOnSharedScales() throws {
        let data = try Self.csv("growth65.csv")
        let plot = try LessonFigures().plot(Self.setup,
            #"facet(scatter(growth, x = "age", y = "distance") + lines(growth, x = "age", y = "distance", group = "child"), by = "child", cols = 8)"#)
        let children = Array(Set(data["child"]!)).sorted()
        #expect(plot.panels.map { $0.title ?? "" } == children)
        #expect(plot.sharedX && plot.sharedY && plot.columns == 8)
        for (panel, child) in zip(plot.panels, children) {
            let rows = data["child"]!.indices.filter { data["child"]![$0] == child }
            #expect(panel.pointMarks.first?.y == rows.map { Double(data["distance"]![$0])! })
            #expect(panel.lines.count == 1)
        }
        let figure = plot.figure(number: 1)
        #expect(figure.layout == .grid(columns: 8, sharedX: true, sharedY: true))
        let root = try svgRoot(figure)
        let panels = root.descendants.filter { $0.classes.contains("mx-panel") }
        #expect(panels.count == 65)
        #expect(panels.map { $0.all("text").first { $0.classes.contains("mx-title") }?.text ?? "" } == children)
        #expect(panels.allSatisfy { $0.all("circle").count == 4 })
        // A phone gets the same panels in two columns, text unscaled.
        let phone = figure.reflowed(toWidth: 390)
        #expect(phone.layout == .grid(columns: 2, sharedX: true, sharedY: true))
        #expect(try svgRoot(phone).descendants.filter { $0.classes.contains("mx-panel") }.count == 65)
    }

    @Test func facetRefusesWhatItCannotSplit() throws {
        let regplot = try LessonFigures().error(Self.setup, #"facet(regplot(sleep, x = "Days", y = "Reaction"), by = "Subject")"#)
        #expect(regplot?.message.contains("regplot") == true || regplot?.message.contains("cannot be split") == true)
        let typo = try LessonFigures().error(Self.setup, #"facet(lines(sleep, x = "Days", y = "Reaction", group = "Subject"), by = "Subjetc")"#)
        #expect(typo?.message.contains("no column 'Subjetc'") == true)
        #expect(typo?.hint?.contains("Subject") == true)
    }

    @Test func histogramCountsAsR() throws {
        let plot = try LessonFigures().plot(Self.setup, "histogram(sleep.Reaction, bins = 20)")
        guard case .histogram(let h)? = plot.panels[0].marks.first else { Issue.record("no histogram"); return }
        // scripts/reference/figures.R
        #expect(h.counts.counts == [6, 4, 10, 15, 18, 16, 21, 15, 12, 11, 10, 15, 9, 6, 4, 1, 2, 1, 0, 4])
        let root = try svgRoot(plot.figure(number: 1))
        #expect(root.all("rect").filter { $0.parent?.classes.contains("mx-histogram") == true }.count == 19)
    }

    @Test func qqplotMatchesRsQqnormAndQqline() throws {
        let plot = try LessonFigures().plot(Self.setup, "qqplot(sleep.Reaction)")
        let points = try #require(plot.panels[0].pointMarks.first)
        // scripts/reference/figures.R
        #expect(abs((points.x.min() ?? 0) - -2.772921294609) < 1e-9 && abs((points.x.max() ?? 0) - 2.772921294609) < 1e-9)
        #expect(points.y == points.y.sorted() && points.x.count == 180)
        guard case .slopedLine(let l)? = plot.panels[0].marks.last else { Issue.record("no reference line"); return }
        #expect(abs(l.slope - 60.324304391833) < 1e-9 && abs(l.intercept - 296.06395) < 1e-9)
        let root = try svgRoot(plot.figure(number: 1))
        #expect(root.all("line").filter { $0.classes.contains("mx-abline") }.count == 1)
    }

    @Test func stringColumnsGiveCategoricalAxesInLevelOrValueOrder() throws {
        let data = try Self.csv("sleepstudy.csv")
        let subjects = data["Subject"]!, reaction = data["Reaction"]!.map { Double($0)! }
        let sorted = try LessonFigures().plot(Self.setup, #"scatter(sleep, x = "Subject", y = "Reaction", order = "Reaction")"#)
        let levels = Array(Set(subjects)).sorted()
        func mean(_ s: String) -> Double {
            let r = subjects.indices.filter { subjects[$0] == s }
            return r.map { reaction[$0] }.reduce(0, +) / Double(r.count)
        }
        let byMean = levels.sorted { mean($0) < mean($1) }
        #expect(sorted.panels[0].xCategories == byMean)
        let pts = try #require(sorted.panels[0].pointMarks.first)
        for (i, s) in subjects.enumerated() { #expect(pts.x[i] == Double(byMean.firstIndex(of: s)!)) }
        let root = try svgRoot(sorted.figure(number: 1))
        #expect(root.all("text").filter { $0.classes.contains("mx-xtick") }.map(\.text) == byMean)
        let plain = try LessonFigures().plot(Self.setup, #"scatter(sleep, x = "Subject", y = "Reaction")"#)
        #expect(plain.panels[0].xCategories == levels)
    }

    @Test func errorbarsBothWaysAndReferenceLines() throws {
        let csv = "group,estimate,lo,hi\nb,2.5,1.0,4.0\na,-1.0,-2.5,0.5\nc,0.25,-0.5,1.0\n"
        let session = try LessonFigures(files: ["intervals.csv": csv])
        defer { session.cleanUp() }
        let setup = #"iv = read_csv("intervals.csv")"#
        let h = try session.plot(setup, #"errorbars(iv, x = "estimate", y = "group", lower = "lo", upper = "hi", horizontal = true, order = "estimate") + vline(0, dashed = true)"#)
        #expect(h.panels[0].yCategories == ["a", "c", "b"])
        let bars = try #require(h.panels[0].errorBarMarks.first)
        #expect(bars.orientation == .horizontal && bars.position == [2, 0, 1] && bars.lower == [1, -2.5, -0.5] && bars.upper == [4, 0.5, 1])
        let root = try svgRoot(h.figure(number: 1))
        #expect(root.all("g").first { $0.classes.contains("mx-errorbars") }?.all("path").count == 3)
        #expect(root.all("line").filter { $0.classes.contains("mx-ref") }.count == 1)
        let v = try session.plot(setup, #"errorbars(iv, x = "group", y = "estimate", lower = "lo", upper = "hi") + abline(0, 1)"#)
        #expect(v.panels[0].xCategories == ["a", "b", "c"])
        #expect(v.panels[0].errorBarMarks.first?.orientation == .vertical)
        let bad = session.error(setup, #"errorbars(iv, x = "group", y = "estimate", lower = "hi", upper = "lo")"#)
        #expect(bad?.message.contains("above upper") == true)
    }

    @Test func panelsOfManyPlotsWrapIntoRows() throws {
        let many = (1...27).map { _ in #"scatter(sleep, x = "Days", y = "Reaction")"# }.joined(separator: ", ")
        let plot = try LessonFigures().plot(Self.setup, "panels(\(many), share = \"xy\")")
        let figure = plot.figure(number: 1)
        #expect(figure.layout == .grid(columns: 6, sharedX: true, sharedY: true))
        #expect(try XMLNode.parse(try figure.svg()).descendants.filter { $0.classes.contains("mx-panel") }.count == 27)
        let three = try LessonFigures().plot(Self.setup, #"panels(histogram(sleep.Reaction), qqplot(sleep.Reaction), histogram(sleep.Days))"#)
        #expect(three.figure(number: 1).layout == .row(sharedX: false, sharedY: false))
    }
}
