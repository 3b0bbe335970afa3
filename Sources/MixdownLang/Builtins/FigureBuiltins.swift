import Foundation
import MixdownCharts
import MixdownStats

/// Figure built-ins: scatter, points, regplot, bars, hline, panels, ylim, title, labels (and,
/// from LayerBuiltins, the grammar layers). The numbers (regression lines, confidence bands) are
/// computed here and handed to the charts library as marks. Model-based figures live in
/// ModelFigureBuiltins.swift.
enum FigureBuiltins {
    static let pointParams: [Param] = [
        .optional("hue"), .optional("alpha", .number(0.85)), .optional("highlight"), .optional("order"),
        .optional("descending", .bool(false)),
    ]

    static func all() -> [Builtin] {
        LayerBuiltins.all() + [
            Builtin("scatter", [.required("df"), .required("x"), .required("y"), .optional("size", .number(3))] + pointParams) { args in
                .plot(try pointsPlot(args))
            },
            Builtin("points", [.required("df"), .required("x"), .required("y"), .optional("size", .number(9))] + pointParams) { args in
                .plot(try pointsPlot(args))
            },
            Builtin("regplot", [.required("df"), .required("x"), .required("y"), .optional("hue"), .optional("size", .number(3))]) { args in
                let frame = try args.frame("df")
                let (xName, xs) = try numericColumn(args, "x", frame)
                let (yName, ys) = try numericColumn(args, "y", frame)
                let size = try args.number("size")
                var marks: [Mark] = []
                var hueName: String?
                if let hue = try args.optionalString("hue") {
                    let groups = try categories(args, "hue", frame)
                    hueName = hue
                    for (key, rows) in Column(name: hue, cells: groups).groups() {
                        let level = Column.label(key)
                        let fit = try RegressionLine(x: rows.map { xs[$0] }, y: rows.map { ys[$0] }, at: args.location("hue"), what: "\(hue) '\(level)'")
                        marks += fit.bandAndLine(color: .category(level))
                    }
                    marks.append(.points(x: xs, y: ys, categories: groups, size: size))
                } else {
                    let fit = try RegressionLine(x: xs, y: ys, at: args.callLocation, what: "the data")
                    marks += fit.bandAndLine(color: .accent)
                    marks.append(.points(x: xs, y: ys, color: .accent, size: size, opacity: 0.8, outline: false))
                }
                return .plot(Plot(panel: Panel(xLabel: xName, yLabel: yName, marks: marks), legendTitle: hueName))
            },
            Builtin("bars", [.required("df"), .required("x"), .required("y")]) { args in
                let frame = try args.frame("df")
                let labels = try categories(args, "x", frame)
                let (yName, ys) = try numericColumn(args, "y", frame)
                let xName = try args.string("x")
                return .plot(Plot(panel: Panel(xLabel: xName, yLabel: yName, marks: [.bars(categories: labels, values: ys)]),
                                  legendTitle: xName))
            },
            Builtin("hline", [.required("y"), .optional("label"), .optional("dashed", .bool(false))]) { args in
                let y = try args.number("y")
                let mark = Mark.refLine(.horizontal, at: y, label: try args.optionalString("label"),
                                        dash: try args.bool("dashed") ? .dashed : .solid)
                return .plot(try Plot(layers: [Layer(fixed: [mark])], panel: Panel(marks: []), legendTitle: nil, madeBy: "hline()"))
            },
            Builtin("panels", [.optional("share", .string("none")), .optional("cols")], variadic: true) { args in
                guard !args.rest.isEmpty else { throw args.error("panels() needs at least one plot") }
                var plots: [Plot] = []
                for (v, loc) in zip(args.rest, args.restLocations) {
                    guard case .plot(let p) = v else {
                        throw LangError("panels() expects plots, got \(v.typeDescription)", at: loc)
                    }
                    plots.append(p)
                }
                let share = try args.string("share")
                guard ["x", "y", "xy", "none"].contains(share) else {
                    throw args.error("panels() expects share to be \"x\", \"y\", \"xy\" or \"none\", got \"\(share)\"", "share")
                }
                var out = Plot(panels: plots.flatMap(\.panels), sharedX: share.contains("x"), sharedY: share.contains("y"),
                               legendTitle: plots.compactMap(\.legendTitle).first)
                out.title = plots.count == 1 ? plots[0].title : nil
                out.highlight = plots.first { !$0.highlight.isEmpty }?.highlight ?? []
                // Up to four panels stand in a row; more wrap into rows (or `cols` per row).
                let n = out.panels.count
                if args.has("cols") {
                    let cols = try args.integer("cols")
                    guard cols >= 1 else { throw args.error("panels() needs cols of at least 1", "cols") }
                    out.columns = cols
                } else if n > 4 {
                    out.columns = Int(Double(n).squareRoot().rounded(.up))
                }
                out.fitSharedYToData()
                return .plot(out)
            },
            Builtin("ylim", [.required("plot"), .required("low"), .required("high")]) { args in
                var p = try plot(args, "plot")
                let lo = try args.number("low"), hi = try args.number("high")
                guard lo < hi else { throw args.error("ylim() needs low < high, got \(Display.numberText(lo)) and \(Display.numberText(hi))", "high") }
                for i in p.panels.indices { p.panels[i].yDomain = lo...hi }
                return .plot(p)
            },
            Builtin("xlim", [.required("plot"), .required("low"), .required("high")]) { args in
                var p = try plot(args, "plot")
                let lo = try args.number("low"), hi = try args.number("high")
                guard lo < hi else { throw args.error("xlim() needs low < high, got \(Display.numberText(lo)) and \(Display.numberText(hi))", "high") }
                for i in p.panels.indices { p.panels[i].xDomain = lo...hi }
                return .plot(p)
            },
            Builtin("title", [.required("plot"), .required("text")]) { args in
                var p = try plot(args, "plot")
                let text = try args.string("text")
                if p.panels.count == 1 { p.panels[0].title = text } else { p.title = text }
                return .plot(p)
            },
            Builtin("labels", [.required("plot"), .optional("x"), .optional("y")]) { args in
                var p = try plot(args, "plot")
                let x = try args.optionalString("x"), y = try args.optionalString("y")
                for i in p.panels.indices {
                    if let x { p.panels[i].xLabel = x }
                    if let y { p.panels[i].yLabel = y }
                }
                return .plot(p)
            },
        ]
    }

    static func plot(_ args: Args, _ name: String) throws -> Plot {
        if case .plot(let p) = args[name] { return p }
        throw args.typeError(name, expected: "a plot")
    }

    /// A numeric column named by a string argument.
    static func numericColumn(_ args: Args, _ name: String, _ frame: DataFrame) throws -> (String, [Double]) {
        let column = try args.column(name, of: frame)
        guard let xs = column.numbers else {
            throw args.error("\(args.function)() needs a numeric column for \(name), but '\(column.name)' holds text", name)
        }
        return (column.name, xs)
    }

    /// A column as category labels (numbers written as text).
    static func categories(_ args: Args, _ name: String, _ frame: DataFrame) throws -> [String] {
        try args.column(name, of: frame).labels
    }

    /// Points at (x, y), coloured by `hue`; a string column on x or y gives a categorical axis.
    private static func pointsPlot(_ args: Args) throws -> Plot {
        let frame = try args.frame("df")
        let (xAxis, yAxis) = try LayerBuiltins.axes(args, frame)
        let size = try args.number("size")
        guard size > 0 else { throw args.error("\(args.function)() needs a positive size", "size") }
        let opacity = try LayerBuiltins.alpha(args)
        let hue = try args.optionalString("hue")
        if hue != nil { _ = try categories(args, "hue", frame) }
        let layer = Layer(frame: frame) { rows in
            let xs = try xAxis.positions(try args.column("x", of: rows), args: args, argument: "x")
            let ys = try yAxis.positions(try args.column("y", of: rows), args: args, argument: "y")
            let groups = hue == nil ? nil : try categories(args, "hue", rows)
            return [.points(x: xs, y: ys, categories: groups, size: size, opacity: opacity)]
        }
        var plot = try Plot(layers: [layer], panel: Panel(xLabel: xAxis.name, yLabel: yAxis.name, marks: [],
                                                         xCategories: xAxis.categories, yCategories: yAxis.categories),
                            legendTitle: hue, madeBy: "\(args.function)()")
        plot.highlight = try LayerBuiltins.highlight(args)
        return plot
    }
}

/// A least-squares line y = a + b x with its analytic 95 % confidence band for the mean,
/// a + b x ± t(0.975, n − 2) · s · sqrt(1/n + (x − x̄)² / Sxx).
struct RegressionLine {
    let intercept: Double
    let slope: Double
    let xs: [Double]
    let s: Double
    let n: Double
    let meanX: Double
    let sxx: Double

    init(x: [Double], y: [Double], at loc: SourceLocation, what: String) throws {
        guard x.count >= 3 else {
            throw LangError("a regression line with a confidence band needs at least 3 points; \(what) has \(x.count)", at: loc)
        }
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for (a, b) in zip(x, y) { sxx += (a - mx) * (a - mx); sxy += (a - mx) * (b - my) }
        guard sxx > 0 else { throw LangError("cannot fit a line: x takes a single value in \(what)", at: loc) }
        slope = sxy / sxx
        intercept = my - slope * mx
        var ssr = 0.0
        for (a, b) in zip(x, y) { let r = b - intercept - slope * a; ssr += r * r }
        s = (ssr / (n - 2)).squareRoot()
        self.n = n; self.meanX = mx; self.sxx = sxx; self.xs = x
    }

    /// The 95 % confidence interval of the mean response at `x`.
    func band(at x: Double) -> (lower: Double, upper: Double) {
        let t = Distributions.tQuantile(0.975, df: n - 2)
        let fit = intercept + slope * x
        let half = t * s * (1 / n + (x - meanX) * (x - meanX) / sxx).squareRoot()
        return (fit - half, fit + half)
    }

    /// The band and the line over the data's x range, on a grid of 50 points.
    func bandAndLine(color: MarkColor) -> [Mark] {
        let lo = xs.min() ?? 0, hi = xs.max() ?? 1
        let grid = (0..<50).map { lo + (hi - lo) * Double($0) / 49 }
        let bands = grid.map(band)
        return [.band(x: grid, lower: bands.map(\.lower), upper: bands.map(\.upper), color: color),
                .line(x: [lo, hi], y: [intercept + slope * lo, intercept + slope * hi], color: color)]
    }
}
