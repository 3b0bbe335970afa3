import Foundation
import MixdownCharts
import MixdownStats

/// Figures drawn from fitted models: diagnose, ancova_plot, ancova_full_plot,
/// random_intercepts_plot. Lines come from the models' estimates; the charts library only draws.
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
                let model = try model(args, "model")
                let xName = try args.string("x")
                let lines = try CommonSlopeLines(model, x: xName, args: args)
                var marks: [Mark] = [.points(x: lines.xs, y: model.response, categories: lines.groups, opacity: 0.8, outline: false)]
                marks += lines.lines(color: { _ in .ink }, dash: .solid, width: 1.75)
                marks += lines.arrows()
                return .plot(Plot(panel: Panel(xLabel: xName, yLabel: model.responseName, marks: marks),
                                  legendTitle: try args.string("group")))
            },
            Builtin("ancova_full_plot", [.required("full"), .required("common"), .required("x"), .required("group")]) { args in
                let full = try model(args, "full")
                let xName = try args.string("x")
                let group = try args.string("group")
                let common = try CommonSlopeLines(try model(args, "common"), x: xName, args: args, modelArgument: "common")
                guard let b0 = full.coefficient("Intercept"), let slope = full.coefficient(xName) else {
                    throw args.error("ancova_full_plot() needs a model with an intercept and a slope for '\(xName)'", "full")
                }
                var marks: [Mark] = [.points(x: common.xs, y: common.response, categories: common.groups, opacity: 0.8, outline: false)]
                marks += common.lines(color: { _ in .ink }, dash: .dashed, width: 1.5)
                for level in common.levels {
                    let shift = full.coefficient("\(group)[T.\(level)]") ?? 0
                    let extra = full.coefficient("\(xName):\(group)[T.\(level)]")
                        ?? full.coefficient("\(group)[T.\(level)]:\(xName)") ?? 0
                    let (lo, hi) = common.range
                    marks.append(.line(x: [lo, hi], y: [b0 + shift + (slope + extra) * lo, b0 + shift + (slope + extra) * hi],
                                       color: .category(level)))
                }
                marks += common.arrows()
                return .plot(Plot(panel: Panel(xLabel: xName, yLabel: full.responseName, marks: marks), legendTitle: group))
            },
            Builtin("random_intercepts_plot", [.required("model"), .required("x")]) { args in
                let model = try model(args, "model")
                guard model.kind == .mixed, let group = model.groupName, let ranef = model.randomEffects else {
                    throw args.typeError("model", expected: "a fitted mixed model")
                }
                let xName = try args.string("x")
                guard let b0 = model.coefficient("Intercept"), let slope = model.coefficient(xName) else {
                    throw args.error("random_intercepts_plot() needs a model with an intercept and a slope for '\(xName)'", "x")
                }
                guard let xs = model.data.column(named: xName)?.numbers else {
                    throw args.error("the model's data has no numeric column '\(xName)'", "x", hint: Suggest.hint(for: xName, in: model.data.columnNames))
                }
                guard let gColumn = model.data.column(named: group) else {
                    throw args.error("the model's data has no column '\(group)'", "model")
                }
                let groups = gColumn.labels
                let lo = xs.min() ?? 0, hi = xs.max() ?? 1
                let x0 = lo <= 0 && 0 <= hi ? 0 : lo
                var marks: [Mark] = [.points(x: xs, y: model.response, categories: groups, opacity: 0.8, outline: false),
                                     .line(x: [lo, hi], y: [b0 + slope * lo, b0 + slope * hi], color: .ink, dash: .dashed, width: 1.5)]
                let interceptColumn = ranef.columns.firstIndex(of: "Intercept")
                let slopeColumn = ranef.columns.firstIndex(of: xName)
                for row in ranef.rows {
                    guard case .string(let level)? = row.first else { continue }
                    let u = interceptColumn.flatMap { row[$0].number } ?? 0
                    let v = slopeColumn.flatMap { row[$0].number } ?? 0
                    marks.append(.line(x: [lo, hi], y: [b0 + u + (slope + v) * lo, b0 + u + (slope + v) * hi], color: .category(level)))
                    if abs(u + v * x0) > 1e-9 {
                        marks.append(.arrow(from: (x0, b0 + slope * x0), to: (x0, b0 + u + (slope + v) * x0), color: .category(level)))
                    }
                }
                let variance = model.allParams["\(group) Var"] ?? model.allParams["Group Var"]
                    ?? (model.covRe?.rows.first.flatMap { $0.count > 1 ? $0[1].number : nil }).map { $0 / model.scale } ?? .nan
                marks.append(.text(x: x0 + 0.035 * (hi - lo), y: b0 + slope * x0, String(format: "~N(%.3f, %.2f)", b0, variance), anchor: .start))
                return .plot(Plot(panel: Panel(xLabel: xName, yLabel: model.responseName, marks: marks), legendTitle: group))
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

/// The parallel lines of a model `y ~ x + group`: one intercept per level, a common slope.
struct CommonSlopeLines {
    let xs: [Double]
    let response: [Double]
    let groups: [String]
    let levels: [String]
    let intercept: Double
    let slope: Double
    let shifts: [Double]
    let range: (Double, Double)

    init(_ model: FittedModel, x: String, args: Args, modelArgument: String = "model") throws {
        let group = try args.string("group")
        guard let b0 = model.coefficient("Intercept"), let b = model.coefficient(x) else {
            throw args.error("\(args.function)() needs a model with an intercept and a slope for '\(x)'; its terms are \(Indexing.quotedList(model.terms))", modelArgument)
        }
        guard let values = model.data.column(named: x)?.numbers else {
            throw args.error("the model's data has no numeric column '\(x)'", "x", hint: Suggest.hint(for: x, in: model.data.columnNames))
        }
        let gColumn = try args.column("group", of: model.data)
        groups = gColumn.labels
        levels = Column(name: group, cells: groups).groups().map { Column.label($0.key) }
        xs = values
        response = model.response
        intercept = b0
        slope = b
        shifts = levels.map { model.coefficient("\(group)[T.\($0)]") ?? 0 }
        range = (values.min() ?? 0, values.max() ?? 1)
    }

    /// Where the shift arrows stand: x = 0 when it is in the data's range, else the left end.
    var arrowX: Double { range.0 <= 0 && 0 <= range.1 ? 0 : range.0 }

    func lines(color: (String) -> MarkColor, dash: Dash, width: Double) -> [Mark] {
        zip(levels, shifts).map { level, s in
            .line(x: [range.0, range.1], y: [intercept + s + slope * range.0, intercept + s + slope * range.1],
                  color: color(level), dash: dash, width: width)
        }
    }

    /// Arrows from the reference level's line to each other level's, labelled "c1 +2.58".
    func arrows() -> [Mark] {
        let x0 = arrowX
        return zip(levels, shifts).dropFirst().map { level, s in
            .arrow(from: (x0, intercept + slope * x0), to: (x0, intercept + s + slope * x0),
                   color: .category(level), label: "\(level) \(CommonSlopeLines.signed(s))")
        }
    }

    /// A signed number with a true minus sign: "+2.58", "−0.32".
    static func signed(_ v: Double) -> String {
        (v >= 0 ? "+" : "\u{2212}") + String(format: "%.2f", abs(v))
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
