import Foundation
import MixdownCharts

/// Builds the nine figures of the walkthrough from the data set and the statsmodels reference,
/// the way the cell-language layer will: fitted values computed outside, plain numbers passed in.
struct Walkthrough {
    let data: Fixtures.DataSet
    static let single = (width: 480.0, height: 400.0)
    static let row = (width: 900.0, height: 320.0)

    init() throws { data = try Fixtures.dataSet() }

    /// The nine figures, named as their golden files.
    func all() throws -> [(name: String, figure: Figure)] {
        [
            ("01-scatter-by-classroom", scatter()),
            ("02-lm-global-fit", try globalFit()),
            ("03-lm-global-diagnosis", try globalDiagnosis()),
            ("04-ancova-inter", try ancovaInter()),
            ("05-ancova-inter-diagnosis", try ancovaInterDiagnosis()),
            ("06-aggregation", try aggregation()),
            ("07-hierarchical", try hierarchical()),
            ("08-lmm-random-intercepts", try lmmRandomIntercepts()),
            ("09-ancova-full", try ancovaFull()),
        ]
    }

    var eduRange: (Double, Double) { (data.edu.min() ?? 0, data.edu.max() ?? 1) }

    // MARK: 1 and 2

    func scatter() -> Figure {
        Figure(panels: [Panel(xLabel: "edu", yLabel: "score",
                              marks: [.points(x: data.edu, y: data.score, categories: data.classroom)])],
               width: Self.single.width, height: Self.single.height, legendTitle: "classroom", id: "fig-1")
    }

    func globalFit() throws -> Figure {
        let p = try Fixtures.params("LM-Global (biased)")
        let a = try Fixtures.param(p, "Intercept"), b = try Fixtures.param(p, "edu")
        let ols = SimpleOLS(x: data.edu, y: data.score)
        let xs = grid(eduRange.0, eduRange.1)
        guard let band = ols.band(at: xs) else { throw Fixtures.FixtureError(description: "no t quantile") }
        return Figure(panels: [Panel(xLabel: "edu", yLabel: "score", marks: [
            .points(x: data.edu, y: data.score, opacity: 0.8, outline: false),
            .band(x: xs, lower: band.lower, upper: band.upper),
            .line(x: xs, y: xs.map { a + b * $0 }),
        ])], width: Self.single.width, height: Self.single.height, id: "fig-2")
    }

    // MARK: 3 and 5: residual diagnosis

    func diagnosis(fitted: [Double], id: String) -> Figure {
        let residuals = zip(data.score, fitted).map { $0 - $1 }
        return Figure(panels: [
            Panel(title: "Residuals vs predictions", xLabel: "prediction", yLabel: "residual",
                  marks: [.points(x: fitted, y: residuals, categories: data.classroom)]),
            Panel(title: "Residuals", xLabel: "density", marks: [.density(residuals)]),
            Panel(title: "Residuals by classroom", xLabel: "density",
                  marks: [.density(residuals, categories: data.classroom)]),
        ], layout: .row(sharedX: false, sharedY: true), width: Self.row.width, height: Self.row.height,
        legendTitle: "classroom", id: id)
    }

    func globalDiagnosis() throws -> Figure {
        let p = try Fixtures.params("LM-Global (biased)")
        let a = try Fixtures.param(p, "Intercept"), b = try Fixtures.param(p, "edu")
        return diagnosis(fitted: data.edu.map { a + b * $0 }, id: "fig-3")
    }

    /// Intercept of each classroom under `score ~ edu + classroom` (treatment coding against c0).
    func ancovaIntercepts() throws -> (intercepts: [String: Double], slope: Double) {
        let p = try Fixtures.params("ANCOVA-Inter (biased)")
        let base = try Fixtures.param(p, "Intercept")
        var out: [String: Double] = [:]
        for c in data.classrooms { out[c] = base + (p["classroom[T.\(c)]"] ?? 0) }
        return (out, try Fixtures.param(p, "edu"))
    }

    func ancovaInterDiagnosis() throws -> Figure {
        let (icpt, b) = try ancovaIntercepts()
        let fitted = data.edu.indices.map { (icpt[data.classroom[$0]] ?? 0) + b * data.edu[$0] }
        return diagnosis(fitted: fitted, id: "fig-5")
    }

    // MARK: 4: ANCOVA-Inter

    /// Arrows at x = 0 from the reference intercept to each classroom's (the charts spread
    /// arrows that share an x so that they do not sit on top of each other).
    func shiftArrows(from base: Double, to intercepts: [String: Double], label: (String, Double) -> String?) -> [Mark] {
        let others = data.classrooms.filter { abs((intercepts[$0] ?? base) - base) > 1e-9 }
        return others.map { c in
            let to = intercepts[c] ?? base
            return .arrow(from: (0, base), to: (0, to), color: .category(c), label: label(c, to - base))
        }
    }

    static func signed(_ v: Double) -> String {
        (v >= 0 ? "+" : "\u{2212}") + String(format: "%.2f", abs(v))
    }

    func ancovaInter() throws -> Figure {
        let (icpt, b) = try ancovaIntercepts()
        let xs = [eduRange.0, eduRange.1]
        var marks: [Mark] = [.points(x: data.edu, y: data.score, categories: data.classroom, opacity: 0.8, outline: false)]
        for c in data.classrooms {
            let a = icpt[c] ?? 0
            marks.append(.line(x: xs, y: xs.map { a + b * $0 }, color: .ink, width: 1.75))
        }
        marks += shiftArrows(from: icpt["c0"] ?? 0, to: icpt) { c, d in "\(c) \(Self.signed(d))" }
        return Figure(panels: [Panel(xLabel: "edu", yLabel: "score", marks: marks)],
                      width: Self.single.width, height: Self.single.height, legendTitle: "classroom", id: "fig-4")
    }

    // MARK: 6: aggregation

    func classroomMeans() -> (classroom: [String], edu: [Double], score: [Double]) {
        let cs = data.classrooms
        let mean = { (v: [Double], rows: [Int]) in rows.map { v[$0] }.reduce(0, +) / Double(rows.count) }
        return (cs, cs.map { mean(data.edu, data.rows(of: $0)) }, cs.map { mean(data.score, data.rows(of: $0)) })
    }

    func aggregation() throws -> Figure {
        let means = classroomMeans()
        let p = try Fixtures.params("Aggregation")
        let a = try Fixtures.param(p, "Intercept"), b = try Fixtures.param(p, "edu")
        let ols = SimpleOLS(x: means.edu, y: means.score)
        let xs = grid(means.edu.min() ?? 0, means.edu.max() ?? 1)
        guard let band = ols.band(at: xs) else { throw Fixtures.FixtureError(description: "no t quantile") }
        // The band of a 3-point regression (1 residual df) is very wide: fix the shared y range on
        // the students' scores and let the band run off the panel instead of squashing the data.
        let lo = data.score.min() ?? 0, hi = data.score.max() ?? 1
        let yDomain = (lo - 0.05 * (hi - lo))...(hi + 0.05 * (hi - lo))
        return Figure(panels: [
            Panel(title: "Level 1: students and classroom means", xLabel: "edu", yLabel: "score", marks: [
                .points(x: data.edu, y: data.score, categories: data.classroom, size: 3, opacity: 0.75),
                .points(x: means.edu, y: means.score, categories: means.classroom, size: 8, opacity: 1),
            ], yDomain: yDomain),
            Panel(title: "Level 2: regression on the means", xLabel: "edu", yLabel: "score", marks: [
                .band(x: xs, lower: band.lower, upper: band.upper),
                .line(x: xs, y: xs.map { a + b * $0 }),
                .points(x: means.edu, y: means.score, categories: means.classroom, size: 8, opacity: 1),
            ]),
        ], layout: .row(sharedX: true, sharedY: true), width: Self.row.width, height: Self.row.height,
        legendTitle: "classroom", id: "fig-6")
    }

    // MARK: 7: hierarchical

    /// Per-classroom OLS fits (closed form on the data).
    func perClassroomFits() -> [(classroom: String, fit: SimpleOLS, edu: [Double])] {
        data.classrooms.map { c in
            let rows = data.rows(of: c)
            let x = rows.map { data.edu[$0] }
            return (c, SimpleOLS(x: x, y: rows.map { data.score[$0] }), x)
        }
    }

    func hierarchical() throws -> Figure {
        var left: [Mark] = [.points(x: data.edu, y: data.score, categories: data.classroom, opacity: 0.8, outline: false)]
        for g in perClassroomFits() {
            let xs = grid(g.edu.min() ?? 0, g.edu.max() ?? 1)
            guard let band = g.fit.band(at: xs) else { throw Fixtures.FixtureError(description: "no t quantile") }
            left.append(.band(x: xs, lower: band.lower, upper: band.upper, color: .category(g.classroom)))
            left.append(.line(x: xs, y: xs.map(g.fit.predict), color: .category(g.classroom)))
        }
        let fits = perClassroomFits()
        return Figure(panels: [
            Panel(title: "Level 1: a regression per classroom", xLabel: "edu", yLabel: "score", marks: left),
            Panel(title: "Level 2: test of the slopes", xLabel: "classroom", yLabel: "beta", marks: [
                .bars(categories: fits.map(\.classroom), values: fits.map(\.fit.b)),
                .refLine(.horizontal, at: 0, label: "Null slope"),
            ], yDomain: -0.1...0.2),
        ], layout: .row(sharedX: false, sharedY: false), width: Self.row.width, height: 360,
        legendTitle: "classroom", id: "fig-7")
    }

    // MARK: 8: LMM random intercepts

    func lmmRandomIntercepts() throws -> Figure {
        let p = try Fixtures.params("LMM-Inter")
        let a = try Fixtures.param(p, "Intercept"), b = try Fixtures.param(p, "edu")
        let groupVar = try Fixtures.param(p, "Group Var")
        let u = try Fixtures.randomIntercepts("LMM-Inter")
        let xs = [eduRange.0, eduRange.1]
        var marks: [Mark] = [.points(x: data.edu, y: data.score, categories: data.classroom, opacity: 0.8, outline: false)]
        var intercepts: [String: Double] = [:]
        for c in data.classrooms {
            let ic = a + (u[c] ?? 0)
            intercepts[c] = ic
            marks.append(.line(x: xs, y: xs.map { ic + b * $0 }, color: .category(c)))
        }
        marks += shiftArrows(from: a, to: intercepts) { _, _ in nil }
        marks.append(.text(x: 0.35, y: a, "~N(\(String(format: "%.3f", a)), \(String(format: "%.2f", groupVar)))"))
        return Figure(panels: [Panel(xLabel: "edu", yLabel: "score", marks: marks)],
                      width: Self.single.width, height: Self.single.height, legendTitle: "classroom", id: "fig-8")
    }

    // MARK: 9: ANCOVA-Full

    func ancovaFull() throws -> Figure {
        let p = try Fixtures.params("ANCOVA-Full (biased)")
        let base = try Fixtures.param(p, "Intercept"), b = try Fixtures.param(p, "edu")
        let xs = [eduRange.0, eduRange.1]
        var marks: [Mark] = [.points(x: data.edu, y: data.score, categories: data.classroom, opacity: 0.8, outline: false)]
        var intercepts: [String: Double] = [:]
        for c in data.classrooms {
            let ic = base + (p["classroom[T.\(c)]"] ?? 0)
            let slope = b + (p["edu:classroom[T.\(c)]"] ?? 0)
            intercepts[c] = ic
            marks.append(.line(x: xs, y: xs.map { ic + b * $0 }, color: .ink, dash: .dashed, width: 1.5))
            marks.append(.line(x: xs, y: xs.map { ic + slope * $0 }, color: .category(c)))
        }
        marks += shiftArrows(from: base, to: intercepts) { c, d in "\(c) \(Self.signed(d))" }
        return Figure(panels: [Panel(xLabel: "edu", yLabel: "score", marks: marks)],
                      width: Self.single.width, height: Self.single.height, legendTitle: "classroom", id: "fig-9")
    }
}
