import Foundation
import Testing
import MixdownCharts
@testable import MixdownLang

/// Model figures built from the general parts: each group's line is the model's own prediction,
/// checked against the fitted values the statistics library computed (to 1e-9 in data units),
/// and what a figure cannot draw correctly is refused.
@Suite struct ModelFigureGrammarTests {
    static let setup = LanguageGrammarTests.setup

    /// The value of a line at `x` (lines are drawn on a grid; straight between grid points).
    static func value(_ line: Line, at x: Double) -> Double {
        for k in 1..<line.x.count where x <= line.x[k] + 1e-12 {
            let t = (x - line.x[k - 1]) / (line.x[k] - line.x[k - 1])
            return line.y[k - 1] + t * (line.y[k] - line.y[k - 1])
        }
        return line.y.last ?? .nan
    }

    /// The wrong-lines case: a random intercept per child and a second fixed effect (sex). Each
    /// child's line must pass through the model's fitted values for that child.
    @Test func eachGroupsLineIsItsOwnPredictionWithASecondFixedEffect() throws {
        let session = try LessonFigures()
        let plot = try session.plot(Self.setup + "\nm = lmm(distance ~ age + sex + (1 | child), growth)", #"random_intercepts_plot(m, x = "age")"#)
        guard case .model(let m) = try session.value("", "m") else { Issue.record("no model"); return }
        let panel = plot.panels[0]
        let ages = try m.data.numbers("age"), children = try m.data.column("child").labels
        let own = panel.lines.filter { $0.group != nil }
        #expect(own.count == 65)
        for line in own {
            let rows = children.indices.filter { children[$0] == line.group }
            for r in rows { #expect(abs(Self.value(line, at: ages[r]) - m.fitted[r]) < 1e-9, "child \(line.group ?? "")") }
        }
        // Two population lines (girls and boys), and the arrows are each child's random intercept.
        let population = panel.lines.filter { $0.group == nil }
        #expect(population.count == 2 && population.allSatisfy { $0.dash == .dashed })
        // C01 (first level) is a boy: the first population line is the boys'.
        let sexGap = (population[0].y[0] - population[1].y[0])
        #expect(abs(sexGap - (m.coefficient("sex[T.M]") ?? .nan)) < 1e-9)
        #expect(panel.arrows.isEmpty, "65 arrows would crowd the axis")
        // With eight children each gets an arrow: its random intercept, from its population line.
        let few = try session.plot("few = lmm(distance ~ age + sex + (1 | child), growth[growth.child <= \"C08\"])",
                                   #"random_intercepts_plot(few, x = "age")"#)
        guard case .model(let f) = try session.value("", "few") else { Issue.record("no model"); return }
        let modes = try #require(f.mixedModel?.fit.modes.first)
        #expect(few.panels[0].arrows.count == 8)
        for arrow in few.panels[0].arrows {
            let k = try #require(modes.levels.firstIndex { arrow.color == .category($0) })
            #expect(abs((arrow.toY - arrow.fromY) - modes.values[k][0]) < 1e-9)
        }
        let label = panel.marks.compactMap { if case .text(let t) = $0 { return t.text } else { return nil } }
        #expect(label.count == 1 && label[0].hasPrefix("u ~ N(0, "))
        // Drawn: 65 coloured-or-grey group lines, 2 dashed, one legend entry for the 65 children.
        let root = try XMLNode.parse(try plot.figure(number: 1).svg())
        #expect(root.all("path").filter { $0.classes.contains("mx-line") }.count == 67)
    }

    @Test func randomSlopeLinesAndPredictionsMatchTheFit() throws {
        let session = try LessonFigures()
        let setup = Self.setup + "\nm = lmm(Reaction ~ Days + (1 + Days | Subject), sleep)"
        let plot = try session.plot(setup, #"random_intercepts_plot(m, x = "Days")"#)
        guard case .model(let m) = try session.value("", "m") else { Issue.record("no model"); return }
        let days = try m.data.numbers("Days"), subjects = try m.data.column("Subject").labels
        for line in plot.panels[0].lines where line.group != nil {
            for r in subjects.indices where subjects[r] == line.group {
                #expect(abs(Self.value(line, at: days[r]) - m.fitted[r]) < 1e-9)
            }
        }
        guard case .frame(let grid) = try session.value("", #"predictions(m, x = "Days", n = 10)"#) else { Issue.record("no frame"); return }
        #expect(grid.rowCount == 180 && grid.columnNames.contains("predicted"))
        // The grid's day 0 and day 9 rows are the subjects' fitted values at those days.
        let gx = try grid.numbers("Days"), gp = try grid.numbers("predicted"), gs = try grid.column("Subject").labels
        for i in 0..<grid.rowCount where gx[i] == 0 || gx[i] == 9 {
            let r = try #require(subjects.indices.first { subjects[$0] == gs[i] && days[$0] == gx[i] })
            #expect(abs(gp[i] - m.fitted[r]) < 1e-9)
        }
        let lines = try session.plot("", #"lines(predictions(m, x = "Days"), x = "Days", y = "predicted", group = "Subject")"#)
        #expect(lines.panels[0].lines.count == 18)
    }

    @Test func ancovaLinesAreTheModelsPredictionsEvenWithAnInteraction() throws {
        let session = try LessonFigures()
        let setup = #"df = read_csv("datasets/score_parentedu_byclass.csv")"# + "\nm = ols(score ~ edu * classroom, df)"
        let plot = try session.plot(setup, #"ancova_plot(m, x = "edu", group = "classroom")"#)
        guard case .model(let m) = try session.value("", "m") else { Issue.record("no model"); return }
        let edu = try m.data.numbers("edu"), rooms = try m.data.column("classroom").labels
        for line in plot.panels[0].lines {
            for r in rooms.indices where rooms[r] == line.group { #expect(abs(Self.value(line, at: edu[r]) - m.fitted[r]) < 1e-9) }
        }
        let arrows = plot.panels[0].arrows
        #expect(arrows.count == 2)
        for (arrow, line) in zip(arrows, plot.panels[0].lines.dropFirst()) {
            #expect(abs(arrow.toY - Self.value(line, at: 0)) < 1e-9)
        }
    }

    @Test func modelFiguresRefuseWhatTheyCannotDraw() throws {
        let session = try LessonFigures()
        let setup = Self.setup + #"""

        score = read_csv("datasets/score_parentedu_byclass.csv")
        mixed = lmm(score ~ edu + (1 | classroom), score)
        common = ols(score ~ edu + classroom, score)
        crossed = lmm(distance ~ age + (1 | child) + (1 | sex), growth)
        """#
        let full = session.error(setup, #"ancova_full_plot(mixed, common, x = "edu", group = "classroom")"#)
        #expect(full?.message.contains("least-squares") == true)
        let two = session.error("", #"random_intercepts_plot(crossed, x = "age")"#)
        #expect(two?.message.contains("one grouping factor") == true)
        let notUsed = session.error("", #"random_intercepts_plot(mixed, x = "score")"#)
        #expect(notUsed != nil)
        let shrink = session.error("", #"shrinkage(lmm(distance ~ age + sex + (1 | child), growth), x = "age")"#)
        #expect(shrink?.message.contains("exactly Intercept and age") == true)
        let cat = session.error("", #"caterpillar(crossed, group = "chlid")"#)
        #expect(cat?.hint?.contains("child") == true)
    }

    @Test func aCovariateThatVariesWithinAGroupIsRefused() throws {
        var csv = "child,age,dose,y\n"
        for c in 0..<8 { for a in [8, 10, 12, 14] { csv += "k\(c),\(a),\((a * (c + 1)) % 5),\(Double(c) + 0.5 * Double(a) + Double((a * 7 + c) % 3))\n" } }
        let session = try LessonFigures(files: ["dose.csv": csv])
        defer { session.cleanUp() }
        let e = session.error(#"d = read_csv("dose.csv")"# + "\nm = lmm(y ~ age + dose + (1 | child), d)", #"random_intercepts_plot(m, x = "age")"#)
        #expect(e?.message.contains("'dose' varies within child") == true)
    }

    @Test func caterpillarSortsTheLevelsWithIntervalsFromConditionalVariances() throws {
        let session = try LessonFigures()
        let plot = try session.plot(Self.setup + "\nm = lmm(Reaction ~ Days + (1 + Days | Subject), sleep)", #"caterpillar(m, group = "Subject")"#)
        guard case .model(let m) = try session.value("", "m") else { Issue.record("no model"); return }
        let reference = try #require(try m.mixedModel?.randomEffectPredictions().first)
        #expect(plot.panels.map { $0.title ?? "" } == reference.names)
        let order = reference.levels.indices.sorted { reference.values[$0][0] < reference.values[$1][0] }
        for (k, panel) in plot.panels.enumerated() {
            #expect(panel.yCategories == order.map { reference.levels[$0] })
            let bars = try #require(panel.errorBarMarks.first)
            #expect(bars.position.count == 18)
            for (i, level) in order.enumerated() {
                let sd = reference.conditionalStandardDeviations[level][k]
                #expect(abs((bars.center?[i] ?? .nan) - reference.values[level][k]) < 1e-12)
                #expect(abs(bars.upper[i] - bars.lower[i] - 2 * 1.959963984540054 * sd) < 1e-9)
            }
        }
        let root = try XMLNode.parse(try plot.figure(number: 1, height: 420).svg())
        let panels = root.descendants.filter { $0.classes.contains("mx-panel") }
        #expect(panels.count == 2)
        #expect(panels.allSatisfy { $0.all("g").first { $0.classes.contains("mx-errorbars") }?.all("path").count == 18 })
    }

    @Test func shrinkageArrowsRunFromEachGroupsOwnLineToTheModels() throws {
        let session = try LessonFigures()
        let plot = try session.plot(Self.setup + "\nm = lmm(Reaction ~ Days + (1 + Days | Subject), sleep)", #"shrinkage(m, x = "Days")"#)
        let data = try LanguageGrammarTests.csv("sleepstudy.csv")
        let subjects = data["Subject"]!, days = data["Days"]!.map { Double($0)! }, rt = data["Reaction"]!.map { Double($0)! }
        let arrows = plot.panels[0].arrows
        #expect(arrows.count == 18)
        for (arrow, s) in zip(arrows, Array(Set(subjects)).sorted()) {
            let r = subjects.indices.filter { subjects[$0] == s }
            let mx = r.map { days[$0] }.reduce(0, +) / Double(r.count), my = r.map { rt[$0] }.reduce(0, +) / Double(r.count)
            let b = r.reduce(0) { $0 + (days[$1] - mx) * (rt[$1] - my) } / r.reduce(0) { $0 + (days[$1] - mx) * (days[$1] - mx) }
            #expect(abs(arrow.fromY - b) < 1e-9 && abs(arrow.fromX - (my - b * mx)) < 1e-9)
        }
    }
}
