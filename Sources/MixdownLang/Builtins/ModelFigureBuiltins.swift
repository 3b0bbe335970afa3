import Foundation
import MixdownCharts
import MixdownStats

/// Figures drawn from fitted models: diagnose, ancova_plot, ancova_full_plot,
/// random_intercepts_plot, predictions, caterpillar, shrinkage. Every line is the model's own
/// prediction on a grid of x per group (never rebuilt from coefficient names), so a figure is
/// right for any model it accepts; what it cannot draw correctly is refused with a reason.
enum ModelFigureBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("diagnose", [.required("model"), .optional("group")]) { args in
                let model = try model(args, "model")
                var groups: [String]?
                var legend: String?
                if args.has("group") {
                    groups = try groupLabels(args, "group", model)
                    legend = try args.string("group")
                }
                let scatter = Panel(title: "Residuals vs prediction", xLabel: "prediction", yLabel: "residual",
                                    marks: [.points(x: model.fitted, y: model.resid, categories: groups, size: 4, opacity: 0.8, outline: false),
                                            .refLine(.horizontal, at: 0, dash: .dashed)])
                let density = Panel(title: "Residuals", xLabel: "density", yLabel: "residual",
                                    marks: [.density(model.resid, orientation: .vertical)])
                var panels = [scatter, density]
                if let groups {
                    panels.append(Panel(title: "Residuals by \(legend ?? "group")", xLabel: "density", yLabel: "residual",
                                        marks: [.density(model.resid, categories: groups, orientation: .vertical)]))
                }
                return .plot(Plot(panels: panels, sharedX: false, sharedY: true, legendTitle: legend))
            },
            Builtin("ancova_plot", [.required("model"), .required("x"), .required("group")]) { args in
                let model = try leastSquares(args, "model")
                let lines = try GroupLines(model, x: try args.string("x"), group: try args.string("group"), args: args)
                var marks: [Mark] = [.points(x: lines.xs, y: model.response, categories: lines.rowGroups, opacity: 0.8, outline: false)]
                marks += lines.lines(color: { _ in .ink }, dash: .solid, width: 1.75)
                marks += lines.shiftArrows()
                return .plot(Plot(panel: Panel(xLabel: lines.x, yLabel: model.responseName, marks: marks), legendTitle: lines.group))
            },
            Builtin("ancova_full_plot", [.required("full"), .required("common"), .required("x"), .required("group")]) { args in
                let full = try leastSquares(args, "full"), common = try leastSquares(args, "common")
                let (x, group) = (try args.string("x"), try args.string("group"))
                let free = try GroupLines(full, x: x, group: group, args: args, modelArgument: "full")
                let shared = try GroupLines(common, x: x, group: group, args: args, modelArgument: "common")
                var marks: [Mark] = [.points(x: shared.xs, y: common.response, categories: shared.rowGroups, opacity: 0.8, outline: false)]
                marks += shared.lines(color: { _ in .ink }, dash: .dashed, width: 1.5)
                marks += free.lines(color: MarkColor.category, dash: .solid, width: 2)
                marks += shared.shiftArrows()
                return .plot(Plot(panel: Panel(xLabel: x, yLabel: full.responseName, marks: marks), legendTitle: group))
            },
            Builtin("random_intercepts_plot", [.required("model"), .required("x"), .optional("highlight")]) { args in
                var plot = try randomInterceptsPlot(args)
                plot.highlight = try LayerBuiltins.highlight(args)
                return .plot(plot)
            },
            Builtin("predictions", [.required("model"), .required("x"), .optional("group"), .optional("re", .bool(true)),
                                    .optional("n", .number(50))]) { args in
                .frame(try predictionGrid(args))
            },
            Builtin("caterpillar", [.required("model"), .optional("group")]) { args in
                .plot(try caterpillar(args))
            },
            Builtin("shrinkage", [.required("model"), .required("x")]) { args in
                .plot(try shrinkage(args))
            },
        ]
    }

    static func model(_ args: Args, _ name: String) throws -> FittedModel {
        if case .model(let m) = args[name] { return m }
        throw args.typeError(name, expected: "a fitted model")
    }

    /// The group labels of the model's rows, from the column named by argument `name`.
    static func groupLabels(_ args: Args, _ name: String, _ model: FittedModel) throws -> [String] {
        let column = try args.column(name, of: model.data)
        return column.labels
    }
}

extension FittedModel {
    /// The estimate of a fixed-effect term, if the model has it.
    func coefficient(_ name: String) -> Double? {
        terms.firstIndex(of: name).map { coef[$0] }
    }
}

extension TableValue {
    var number: Double? { if case .number(let x) = self { return x } else { return nil } }
}

extension FittedModel {
    /// The data columns the model's right-hand side reads (fixed and random terms, groupings).
    var predictorColumns: [String] {
        let response = Set(formula.formula.response?.columnNames ?? [])
        return formula.formula.columnNames.filter { !response.contains($0) }
    }
}

extension ModelFigureBuiltins {
    /// A least-squares model, or an error saying which figure to use for a mixed one.
    static func leastSquares(_ args: Args, _ name: String) throws -> FittedModel {
        let m = try model(args, name)
        guard m.kind == .ols else {
            throw args.error("\(args.function)() draws least-squares models (ols); for a mixed model use random_intercepts_plot() or lines() of predictions()", name)
        }
        return m
    }

    /// Points per x where the model is a straight line in x (2), else a fine grid.
    static func gridSize(_ model: FittedModel, x: String) -> Int {
        let f = model.formula.formula
        let factors = (f.fixed.terms + f.random.flatMap(\.effects.terms)).flatMap(\.factors)
        let straight = factors.filter { $0.columnNames.contains(x) }.allSatisfy { $0.kind == .column }
            && f.fixed.terms.allSatisfy { t in t.factors.filter { $0.columnNames.contains(x) }.count <= 1 }
        return straight ? 2 : 60
    }

    static func randomInterceptsPlot(_ args: Args) throws -> Plot {
        let model = try model(args, "model")
        guard model.kind == .mixed else { throw args.typeError("model", expected: "a fitted mixed model") }
        let predictor = try GroupPredictor(model, function: "random_intercepts_plot", at: args.location("model"))
        let x = try args.string("x")
        let grid = try GroupGrid(model.data, x: x, group: predictor.group, n: gridSize(model, x: x),
                                 modelColumns: model.predictorColumns, function: "random_intercepts_plot", at: args.location("x"))
        guard model.predictorColumns.contains(x) else {
            throw args.error("random_intercepts_plot(): the model does not use '\(x)'; its formula is \(model.formula.text)", "x")
        }
        let gridX = try grid.frame.numbers(x)
        let fixed = try predictor.predict(grid.frame, re: false), conditional = try predictor.predict(grid.frame, re: true)
        let xs = try model.data.numbers(x)
        let groups = try model.data.column(predictor.group).labels
        var marks: [Mark] = [.points(x: xs, y: model.response, categories: groups, opacity: 0.8, outline: false)]
        let byLevel = Dictionary(grouping: grid.levels.indices, by: { grid.levels[$0] })
        let levels = byLevel.keys.sorted(by: Categorical.precedes)
        // The population lines (one per distinct line, e.g. one per sex), then each group's.
        var population: [[Double]] = []
        for level in levels {
            let rows = byLevel[level] ?? []
            let line = rows.map { fixed[$0] }
            if population.contains(where: { zip($0, line).allSatisfy { abs($0 - $1) < 1e-9 } }) { continue }
            population.append(line)
            marks.append(.line(x: rows.map { gridX[$0] }, y: line, color: .ink, dash: .dashed, width: 1.5))
        }
        let lo = gridX.min() ?? 0, hi = gridX.max() ?? 1
        let x0 = lo <= 0 && 0 <= hi ? 0.0 : lo
        for level in levels {
            let rows = byLevel[level] ?? []
            marks.append(.line(x: rows.map { gridX[$0] }, y: rows.map { conditional[$0] }, color: .category(level), group: level))
        }
        // Arrows at x0: from the group's population line to its own line (its random effect there).
        let atX0 = try GroupGrid(model.data, x: x, group: predictor.group, n: 1, modelColumns: model.predictorColumns,
                                 function: "random_intercepts_plot", at: args.location("x")).frame(withX: x, at: x0)
        let (from, to) = (try predictor.predict(atX0, re: false), try predictor.predict(atX0, re: true))
        // With more than ten groups the arrows would crowd the axis: the lines say it alone.
        for (k, level) in levels.enumerated() where levels.count <= 10 && abs(to[k] - from[k]) > 1e-9 {
            marks.append(.arrow(from: (x0, from[k]), to: (x0, to[k]), color: .category(level)))
        }
        if let label = interceptLabel(model, x: x), let first = from.first {
            marks.append(.text(x: x0 + 0.035 * (hi - lo), y: first, label, anchor: .start))
        }
        return Plot(panel: Panel(xLabel: x, yLabel: model.responseName, marks: marks), legendTitle: predictor.group)
    }

    /// "~N(9.865, 10.84)": the distribution of the group intercepts (mean, variance on the data
    /// scale) when the model's only fixed effects are the intercept and x; with other fixed
    /// effects the intercepts' mean differs between kinds of group, so it is the random effect's
    /// "u ~ N(0, τ²)". Nil without a random intercept.
    static func interceptLabel(_ model: FittedModel, x: String) -> String? {
        guard let re = model.mixedModel?.fit.randomEffects.first, let k = re.names.firstIndex(of: "Intercept") else { return nil }
        let variance = re.covariance[k][k]
        if model.terms == ["Intercept", x], let b0 = model.coefficient("Intercept") {
            return String(format: "~N(%.3f, %.2f)", b0, variance)
        }
        return String(format: "u ~ N(0, %.2f)", variance)
    }

    /// `predictions(m, x = "Days", group = "Subject", re = true)`: a frame with, for every level
    /// of the group, a grid of x over its range in the data, the level's other columns, and
    /// `predicted` (with the level's random effects when `re`).
    static func predictionGrid(_ args: Args) throws -> DataFrame {
        let model = try model(args, "model")
        let x = try args.string("x"), re = try args.bool("re"), n = try args.integer("n")
        guard (2...1000).contains(n) else { throw args.error("predictions() needs n between 2 and 1000", "n") }
        var group = try args.optionalString("group")
        var predict: (DataFrame) throws -> [Double] = model.predictor
        if model.kind == .mixed && (re || group == nil) {
            let p = try GroupPredictor(model, function: "predictions", at: args.location("model"))
            if let g = group, g != p.group {
                throw args.error("predictions(): the model's random effects are grouped by '\(p.group)', not '\(g)'", "group")
            }
            group = group ?? p.group
            predict = { try p.predict($0, re: re) }
        }
        guard let group else { throw args.error("predictions() of a least-squares model needs group = \"column\"", "group") }
        let grid = try GroupGrid(model.data, x: x, group: group, n: n, modelColumns: model.predictorColumns,
                                 function: "predictions", at: args.location("x"))
        return try grid.frame.adding(Column(name: "predicted", numbers: try predict(grid.frame)))
    }

    /// One panel per random-effect term of `group`: the levels sorted by their effect on the
    /// first term, each with its 95 % interval (± 1.96 conditional standard deviations).
    static func caterpillar(_ args: Args) throws -> Plot {
        let model = try model(args, "model")
        guard model.kind == .mixed, let mixed = model.mixedModel else { throw args.typeError("model", expected: "a fitted mixed model") }
        let predictions = try mixed.randomEffectPredictions()
        let groups = predictions.map(\.group)
        let prediction: RandomEffectPrediction
        if let g = try args.optionalString("group") {
            guard let p = predictions.first(where: { $0.group == g }) else {
                throw args.error("caterpillar(): the model has no grouping factor '\(g)'; its factors are \(Indexing.quotedList(groups))",
                                 "group", hint: Suggest.hint(for: g, in: groups))
            }
            prediction = p
        } else {
            guard predictions.count == 1, let p = predictions.first else {
                throw args.error("caterpillar() needs group = one of \(Indexing.quotedList(groups))", "model")
            }
            prediction = p
        }
        let sd = prediction.conditionalStandardDeviations
        let order = prediction.levels.indices.sorted { prediction.values[$0][0] < prediction.values[$1][0] }
        let categories = order.map { prediction.levels[$0] }
        let z = Distributions.normalQuantile(0.975)
        let panels = prediction.names.indices.map { k -> Panel in
            let values = order.map { prediction.values[$0][k] }, half = order.map { z * sd[$0][k] }
            return Panel(title: prediction.names[k], xLabel: "predicted random effect", yLabel: k == 0 ? prediction.group : nil,
                         marks: [.refLine(.vertical, at: 0, dash: .dashed),
                                 .errorBars(at: order.indices.map(Double.init), lower: zip(values, half).map { $0 - $1 },
                                            upper: zip(values, half).map { $0 + $1 }, center: values, orientation: .horizontal,
                                            color: .ink)],
                         yCategories: categories)
        }
        var plot = Plot(panels: panels, sharedX: false, sharedY: true, legendTitle: nil)
        plot.title = "Predicted random effects of \(prediction.group) with 95 % intervals"
        plot.preferredHeight = min(4000, max(340, 16 * Double(categories.count) + 90))
        if panels.count == 1 { plot.panels[0].title = nil; plot.panels[0].xLabel = "predicted random effect: \(prediction.names[0])" }
        return plot
    }

    /// Each group's own least-squares line (y on x within the group) against its line in the
    /// mixed model (fixed effects plus its random effects), intercept on x and slope on y, with
    /// an arrow from the first to the second: the pull towards the population line.
    static func shrinkage(_ args: Args) throws -> Plot {
        let model = try model(args, "model")
        guard model.kind == .mixed else { throw args.typeError("model", expected: "a fitted mixed model") }
        let predictor = try GroupPredictor(model, function: "shrinkage", at: args.location("model"))
        let x = try args.string("x")
        guard model.terms == ["Intercept", x] else {
            throw args.error("shrinkage() compares per-group lines y ~ \(x) with the model's; it needs fixed effects exactly Intercept and \(x), this model has \(Indexing.quotedList(model.terms))", "x")
        }
        guard Set(predictor.names).isSubset(of: ["Intercept", x]) else {
            throw args.error("shrinkage(): the random effects \(Indexing.quotedList(predictor.names)) are not those of a line in \(x)", "model")
        }
        let xs = try model.data.numbers(x)
        let groups = try model.data.column(predictor.group).groups()
        let (b0, b1) = (model.coefficient("Intercept") ?? 0, model.coefficient(x) ?? 0)
        var marks: [Mark] = []
        var own: [(Double, Double)] = [], mixed: [(Double, Double)] = []
        for g in groups {
            let level = Column.label(g.key)
            let gx = g.rows.map { xs[$0] }, gy = g.rows.map { model.response[$0] }
            let mx = gx.reduce(0, +) / Double(gx.count), my = gy.reduce(0, +) / Double(gy.count)
            let sxx = gx.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
            guard gx.count >= 2, sxx > 0 else {
                throw args.error("shrinkage(): \(predictor.group) '\(level)' has a single value of \(x), so it has no line of its own", "x")
            }
            let slope = zip(gx, gy).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
            let u = predictor.effects[level] ?? []
            let u0 = predictor.names.firstIndex(of: "Intercept").map { u[$0] } ?? 0
            let u1 = predictor.names.firstIndex(of: x).map { u[$0] } ?? 0
            own.append((my - slope * mx, slope)); mixed.append((b0 + u0, b1 + u1))
            marks.append(.arrow(from: own[own.count - 1], to: mixed[mixed.count - 1], color: .hex("#7f7f7f"), width: 1))
        }
        marks.insert(.points(x: own.map(\.0), y: own.map(\.1), color: .category("own least-squares line"), size: 3.5, opacity: 0.9), at: 0)
        marks.append(.points(x: mixed.map(\.0), y: mixed.map(\.1), color: .category("mixed model"), size: 3.5, opacity: 0.9))
        marks.append(.points(x: [b0], y: [b1], color: .ink, size: 5, opacity: 1))
        marks.append(.text(x: b0, y: b1, "  population", anchor: .start))
        var plot = Plot(panel: Panel(xLabel: "Intercept", yLabel: x, marks: marks), legendTitle: nil)
        plot.title = "Per-\(predictor.group) lines: own fit and mixed model"
        return plot
    }
}

/// The line of a least-squares model for every level of `group` against x (predictions on a
/// grid), and the arrows from the first level's line to each other level's at x = 0 (or the
/// smallest x), labelled with the difference ("c1 +2.58").
struct GroupLines {
    let x: String
    let group: String
    let xs: [Double]
    /// The group of every row of the model's data.
    let rowGroups: [String]
    let levels: [String]
    /// Per level: the grid and the predictions on it.
    let curves: [(x: [Double], y: [Double])]
    let arrowX: Double
    let atArrow: [Double]

    init(_ model: FittedModel, x: String, group: String, args: Args, modelArgument: String = "model") throws {
        guard model.predictorColumns.contains(x) else {
            throw args.error("\(args.function)(): the model does not use '\(x)'; its formula is \(model.formula.text)", modelArgument)
        }
        let columns = model.predictorColumns
        let grid = try GroupGrid(model.data, x: x, group: group, n: ModelFigureBuiltins.gridSize(model, x: x), modelColumns: columns,
                                 function: args.function, at: args.location("group"))
        let predicted = try model.predictor(grid.frame)
        let gridX = try grid.frame.numbers(x)
        let byLevel = Dictionary(grouping: grid.levels.indices, by: { grid.levels[$0] })
        levels = byLevel.keys.sorted(by: Categorical.precedes)
        curves = levels.map { l in let rows = byLevel[l] ?? []; return (rows.map { gridX[$0] }, rows.map { predicted[$0] }) }
        self.x = x; self.group = group
        xs = try model.data.numbers(x)
        rowGroups = try model.data.column(group).labels
        let lo = xs.min() ?? 0, hi = xs.max() ?? 1
        arrowX = lo <= 0 && 0 <= hi ? 0 : lo
        atArrow = try model.predictor(try GroupGrid(model.data, x: x, group: group, n: 1, modelColumns: columns,
                                                    function: args.function, at: args.location("group")).frame(withX: x, at: arrowX))
    }

    func lines(color: (String) -> MarkColor, dash: Dash, width: Double) -> [Mark] {
        zip(levels, curves).map { level, c in .line(x: c.x, y: c.y, color: color(level), dash: dash, width: width, group: level) }
    }

    func shiftArrows() -> [Mark] {
        guard let base = atArrow.first else { return [] }
        return zip(levels, atArrow).dropFirst().map { level, y in
            .arrow(from: (arrowX, base), to: (arrowX, y), color: .category(level), label: "\(level) \(Self.signed(y - base))")
        }
    }

    /// A signed number with a true minus sign: "+2.58", "−0.32".
    static func signed(_ v: Double) -> String {
        (v >= 0 ? "+" : "\u{2212}") + String(format: "%.2f", abs(v))
    }
}
