import Foundation
import MixdownCharts
import Testing
@testable import MixdownLang

/// The model figures' marks, checked against the statsmodels estimates.
@Suite struct ModelFigureTests {
    /// Runs `setup` with the data in `df`, then evaluates `expression` to a plot.
    func plot(_ setup: String, _ expression: String) throws -> Plot {
        let t = try scoreTutorial()
        let interpreter = Interpreter(context: SessionContext(lessonName: "lesson.md", lessonDirectory: t.root, tutorialRoot: t.root))
        for stmt in try Parser.parse("df = read_csv(\"datasets/score_parentedu_byclass.csv\")\n" + setup, file: "lesson.md") {
            _ = try interpreter.execute(stmt)
        }
        guard case .expression(let e)? = try Parser.parse(expression, file: "lesson.md").first,
              case .plot(let p) = try interpreter.evaluate(e, in: interpreter.globals) else {
            throw LangError("not a plot", at: SourceLocation(file: "lesson.md", line: 1, column: 1))
        }
        return p
    }

    func lines(_ panel: Panel) -> [Line] { panel.marks.compactMap { if case .line(let l) = $0 { return l } else { return nil } } }
    func arrows(_ panel: Panel) -> [Arrow] { panel.marks.compactMap { if case .arrow(let a) = $0 { return a } else { return nil } } }

    @Test func diagnoseHasThreePanelsOfResiduals() throws {
        let p = try plot("m = ols(score ~ edu, df)", "diagnose(m, group = \"classroom\")")
        #expect(p.panels.count == 3)
        #expect(p.sharedY && !p.sharedX)
        guard case .points(let pts)? = p.panels[0].marks.first else { Issue.record("no points"); return }
        // residual = score − fitted, with statsmodels' LM-Global parameters
        let a = Reference.globalParams["Intercept"] ?? 0, b = Reference.globalParams["edu"] ?? 0
        for (i, row) in DataTests.rows.enumerated() {
            #expect(abs(pts.x[i] - (a + b * row.1)) < 1e-9)
            #expect(abs(pts.y[i] - (row.2 - a - b * row.1)) < 1e-9)
        }
        #expect(pts.categories == DataTests.rows.map(\.0))
        guard case .density(let d)? = p.panels[2].marks.first else { Issue.record("no density"); return }
        #expect(d.categories == DataTests.rows.map(\.0))
    }

    @Test func ancovaPlotDrawsParallelLinesAndShifts() throws {
        let p = try plot("m = ols(score ~ edu + classroom, df)", "ancova_plot(m, x = \"edu\", group = \"classroom\")")
        let panel = try #require(p.panels.first)
        let params = Dictionary(uniqueKeysWithValues: zip(Reference.ancovaNames, Reference.ancovaParams))
        let a = params["Intercept"] ?? 0, b = params["edu"] ?? 0
        let shifts = [0, params["classroom[T.c1]"] ?? 0, params["classroom[T.c2]"] ?? 0]
        let ls = lines(panel)
        #expect(ls.count == 3)
        for (line, s) in zip(ls, shifts) {
            #expect(abs(line.y[0] - (a + s + b * line.x[0])) < 1e-9)
            #expect(abs(line.y[1] - (a + s + b * line.x[1])) < 1e-9)
        }
        let ar = arrows(panel)
        #expect(ar.map(\.label) == ["c1 +2.58", "c2 +6.13"])
        #expect(ar.allSatisfy { $0.fromX == 0 && abs($0.fromY - a) < 1e-9 })
    }

    @Test func ancovaFullPlotDrawsFreeSlopesOverCommonOnes() throws {
        let p = try plot("full = ols(score ~ edu * classroom, df)\ncommon = ols(score ~ edu + classroom, df)",
                         "ancova_full_plot(full, common, x = \"edu\", group = \"classroom\")")
        let ls = lines(try #require(p.panels.first))
        #expect(ls.count == 6)
        #expect(ls.prefix(3).allSatisfy { $0.dash == .dashed })
        let params = Dictionary(uniqueKeysWithValues: zip(Reference.fullNames, Reference.fullParams))
        let a = params["Intercept"] ?? 0, b = params["edu"] ?? 0
        for (k, level) in ["c0", "c1", "c2"].enumerated() {
            let line = ls[3 + k]
            let slope = b + (params["edu:classroom[T.\(level)]"] ?? 0)
            let intercept = a + (params["classroom[T.\(level)]"] ?? 0)
            #expect(line.dash == .solid)
            #expect(abs((line.y[1] - line.y[0]) / (line.x[1] - line.x[0]) - slope) < 1e-9)
            #expect(abs(line.y[0] - (intercept + slope * line.x[0])) < 1e-9)
        }
    }

    @Test func randomInterceptsPlot() throws {
        let p = try plot("m = lmm(score ~ edu + (1 | classroom), df)", "random_intercepts_plot(m, x = \"edu\")")
        let panel = try #require(p.panels.first)
        let ls = lines(panel)
        #expect(ls.count == 4) // the fixed line (dashed) and one per classroom
        let a = Reference.lmmInterFe[0], b = Reference.lmmInterFe[1]
        for (line, u) in zip(ls.dropFirst(), Reference.lmmInterRanef) {
            #expect(abs(line.y[0] - (a + u + b * line.x[0])) < 1e-3)
        }
        let texts = panel.marks.compactMap { if case .text(let t) = $0 { return t.text } else { return nil } }
        #expect(texts.count == 1)
        // The classroom variance on the data scale, as lme4's VarCorr prints it (9.42796); 10.85 is
        // its ratio to the residual variance, which the figure used to print as if it were the variance.
        #expect(texts.first == "~N(9.865, 9.43)", "\(texts)")
        #expect(arrows(panel).count == 3)
    }

    @Test func modelFigureErrors() throws {
        #expect(throws: LangError("random_intercepts_plot() expects a fitted mixed model as its first argument, got a fitted OLS model",
                                  at: SourceLocation(file: "lesson.md", line: 1, column: 24))) {
            _ = try plot("m = ols(score ~ edu, df)", "random_intercepts_plot(m, x = \"edu\")")
        }
        #expect(throws: LangError("the data frame has no column 'class'", at: SourceLocation(file: "lesson.md", line: 1, column: 21),
                                  hint: "did you mean 'classroom'?")) {
            _ = try plot("m = ols(score ~ edu, df)", "diagnose(m, group = \"class\")")
        }
    }
}
