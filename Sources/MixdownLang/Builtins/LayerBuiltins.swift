import Foundation
import MixdownCharts
import MixdownStats

/// The layer built-ins of the figure grammar: lines, errorbars, vline, abline, histogram,
/// qqplot and facet. Each data layer keeps its frame and a recipe, so `facet` can redraw it per
/// level; string columns on x or y give categorical axes.
enum LayerBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("lines", [.required("df"), .required("x"), .required("y"), .optional("group"), .optional("hue"),
                              .optional("alpha", .number(1)), .optional("width", .number(1.75)),
                              .optional("highlight"), .optional("order"), .optional("descending", .bool(false))]) { args in
                .plot(try linesPlot(args))
            },
            Builtin("errorbars", [.required("df"), .required("x"), .required("y"), .required("lower"), .required("upper"),
                                  .optional("horizontal", .bool(false)), .optional("hue"), .optional("alpha", .number(1)),
                                  .optional("highlight"), .optional("order"), .optional("descending", .bool(false))]) { args in
                .plot(try errorBarsPlot(args))
            },
            Builtin("vline", [.required("x"), .optional("label"), .optional("dashed", .bool(false))]) { args in
                let mark = Mark.refLine(.vertical, at: try args.number("x"), label: try args.optionalString("label"),
                                        dash: try args.bool("dashed") ? .dashed : .solid)
                return .plot(try Plot(layers: [Layer(fixed: [mark])], panel: Panel(marks: []), legendTitle: nil, madeBy: "vline()"))
            },
            Builtin("abline", [.required("intercept"), .required("slope"), .optional("label"), .optional("dashed", .bool(true))]) { args in
                let (a, b) = (try args.number("intercept"), try args.number("slope"))
                guard a.isFinite, b.isFinite else { throw args.error("abline() needs a finite intercept and slope") }
                let mark = Mark.abline(intercept: a, slope: b, dash: try args.bool("dashed") ? .dashed : .solid,
                                       label: try args.optionalString("label"))
                return .plot(try Plot(layers: [Layer(fixed: [mark])], panel: Panel(marks: []), legendTitle: nil, madeBy: "abline()"))
            },
            Builtin("histogram", [.required("data"), .optional("x"), .optional("bins", .number(20))]) { args in
                let bins = try args.integer("bins")
                guard (1...1000).contains(bins) else { throw args.error("histogram() needs bins between 1 and 1000, got \(bins)", "bins") }
                let (name, frame) = try sample(args)
                let layer = Layer(frame: frame) { rows in
                    [.histogram(try finiteValues(rows, name, args), bins: bins)]
                }
                return .plot(try Plot(layers: [layer], panel: Panel(xLabel: name, yLabel: "count", marks: []),
                                      legendTitle: nil, madeBy: "histogram()"))
            },
            Builtin("qqplot", [.required("data"), .optional("x")]) { args in
                let (name, frame) = try sample(args)
                let layer = Layer(frame: frame) { rows in try qqMarks(try finiteValues(rows, name, args), args: args) }
                return .plot(try Plot(layers: [layer], panel: Panel(xLabel: "theoretical quantiles", yLabel: name, marks: []),
                                      legendTitle: nil, madeBy: "qqplot()"))
            },
            Builtin("facet", [.required("plot"), .required("by"), .optional("cols"), .optional("share", .string("xy"))]) { args in
                .plot(try facet(args))
            },
        ]
    }

    // MARK: Lines and intervals

    /// The hue colour of each row, and the legend's title (nil without a hue).
    private static func hues(_ args: Args, _ frame: DataFrame) throws -> [String]? {
        guard try args.optionalString("hue") != nil else { return nil }
        return try args.column("hue", of: frame).labels
    }

    static func alpha(_ args: Args) throws -> Double {
        let a = try args.number("alpha")
        guard a >= 0 && a <= 1 else { throw args.error("\(args.function)() needs alpha between 0 and 1, got \(Display.numberText(a))", "alpha") }
        return a
    }

    /// The levels to colour when the hue has more than ten (a string or a list of strings).
    static func highlight(_ args: Args) throws -> [String] {
        switch args["highlight"] {
        case .none: return []
        case .string(let s): return [s]
        case .number(let x): return [Display.numberText(x)]
        case .list(let items):
            return try items.map { item in
                switch item {
                case .string(let s): return s
                case .number(let x): return Display.numberText(x)
                default: throw args.typeError("highlight", expected: "a level or a list of levels")
                }
            }
        case .column(let c): return c.labels
        default: throw args.typeError("highlight", expected: "a level or a list of levels")
        }
    }

    /// The x and y axes of a data layer (categorical for string columns).
    static func axes(_ args: Args, _ frame: DataFrame, x: String = "x", y: String = "y") throws -> (PlotAxis, PlotAxis) {
        let order = try args.optionalString("order"), descending = try args.bool("descending")
        let xColumn = try args.column(x, of: frame), yColumn = try args.column(y, of: frame)
        // `order` sorts whichever axis is categorical (x first).
        let xAxis = try PlotAxis(xColumn, in: frame, orderBy: xColumn.categorical != nil ? order : nil, descending: descending,
                                 args: args, argument: x)
        let yAxis = try PlotAxis(yColumn, in: frame, orderBy: xColumn.categorical == nil ? order : nil, descending: descending,
                                 args: args, argument: y)
        return (xAxis, yAxis)
    }

    private static func linesPlot(_ args: Args) throws -> Plot {
        let frame = try args.frame("df")
        let (xAxis, yAxis) = try axes(args, frame)
        let groupName = try args.optionalString("group"), hueName = try args.optionalString("hue")
        if groupName != nil { _ = try args.column("group", of: frame) }
        _ = try hues(args, frame)
        let opacity = try alpha(args), width = try args.number("width")
        guard width > 0 else { throw args.error("lines() needs a positive width", "width") }
        let layer = Layer(frame: frame) { rows in
            let xs = try xAxis.positions(try args.column("x", of: rows), args: args, argument: "x")
            let ys = try yAxis.positions(try args.column("y", of: rows), args: args, argument: "y")
            let groups = try groupName.map { _ in try args.column("group", of: rows).labels }
            let colours = try hues(args, rows)
            // One line per (group, hue) pair, in sorted order, joined in x order.
            var keyed: [String: (group: String?, hue: String?, rows: [Int])] = [:]
            var order: [String] = []
            for i in 0..<rows.rowCount {
                let g = groups?[i], h = colours?[i]
                let key = (g ?? "") + "\u{1F}" + (h ?? "")
                if keyed[key] == nil { keyed[key] = (g, h, []); order.append(key) }
                keyed[key]?.rows.append(i)
            }
            var marks: [Mark] = []
            for key in order.sorted() {
                guard let entry = keyed[key] else { continue }
                let sorted = entry.rows.sorted { xs[$0] < xs[$1] || (xs[$0] == xs[$1] && $0 < $1) }
                let color: MarkColor = entry.hue.map(MarkColor.category) ?? .accent
                if sorted.count == 1, let i = sorted.first {
                    marks.append(.points(x: [xs[i]], y: [ys[i]], color: color, size: 2.5, opacity: opacity, outline: false))
                    continue
                }
                marks.append(.line(x: sorted.map { xs[$0] }, y: sorted.map { ys[$0] }, color: color, width: width,
                                   opacity: opacity, group: entry.group ?? entry.hue))
            }
            return marks
        }
        var plot = try Plot(layers: [layer], panel: Panel(xLabel: xAxis.name, yLabel: yAxis.name, marks: [],
                                                         xCategories: xAxis.categories, yCategories: yAxis.categories),
                            legendTitle: hueName, madeBy: "lines()")
        plot.highlight = try highlight(args)
        return plot
    }

    private static func errorBarsPlot(_ args: Args) throws -> Plot {
        let frame = try args.frame("df")
        let (xAxis, yAxis) = try axes(args, frame)
        let horizontal = try args.bool("horizontal")
        let hueName = try args.optionalString("hue")
        _ = try hues(args, frame)
        for bound in ["lower", "upper"] {
            guard try args.column(bound, of: frame).numbers != nil else {
                throw args.error("errorbars() needs a numeric column for \(bound)", bound)
            }
        }
        if horizontal, xAxis.categories != nil { throw args.error("errorbars(horizontal = true) needs a numeric x: the intervals run along x", "x") }
        if !horizontal, yAxis.categories != nil { throw args.error("errorbars() needs a numeric y: the intervals run along y (or pass horizontal = true)", "y") }
        let opacity = try alpha(args)
        let layer = Layer(frame: frame) { rows in
            let xs = try xAxis.positions(try args.column("x", of: rows), args: args, argument: "x")
            let ys = try yAxis.positions(try args.column("y", of: rows), args: args, argument: "y")
            let lo = try finiteValues(rows, try args.string("lower"), args), hi = try finiteValues(rows, try args.string("upper"), args)
            if let i = lo.indices.first(where: { lo[$0] > hi[$0] }) {
                throw args.error("errorbars(): row \(i + 1) has lower \(Display.numberText(lo[i])) above upper \(Display.numberText(hi[i]))", "lower")
            }
            var bars = ErrorBars(position: horizontal ? ys : xs, lower: lo, upper: hi, center: horizontal ? xs : ys,
                                 orientation: horizontal ? .horizontal : .vertical, categories: try hues(args, rows),
                                 color: .accent, opacity: opacity)
            if bars.categories == nil { bars.color = .accent }
            return [.errorBars(bars)]
        }
        var plot = try Plot(layers: [layer], panel: Panel(xLabel: xAxis.name, yLabel: yAxis.name, marks: [],
                                                         xCategories: xAxis.categories, yCategories: yAxis.categories),
                            legendTitle: hueName, madeBy: "errorbars()")
        plot.highlight = try highlight(args)
        return plot
    }

    // MARK: Distributions

    /// The sample of histogram/qqplot: a column (or list of numbers), or a frame with `x`.
    private static func sample(_ args: Args) throws -> (String, DataFrame) {
        if let frame = args["data"].dataFrame {
            guard args.has("x") else { throw args.error("\(args.function)() of a data frame needs x = \"column\"", "data") }
            let column = try args.column("x", of: frame)
            return (column.name, frame)
        }
        if case .column(let c) = args["data"] {
            return (c.name, try DataFrame(columns: [c]))
        }
        guard let xs = Args.numbers(of: args["data"]) else {
            throw args.typeError("data", expected: "a numeric column, a list of numbers or a data frame")
        }
        return ("value", try DataFrame(columns: [Column(name: "value", numbers: xs)]))
    }

    /// The numbers of `name` in `rows`: an error for text or missing values.
    static func finiteValues(_ rows: DataFrame, _ name: String, _ args: Args) throws -> [Double] {
        guard let column = rows.column(named: name), let xs = column.numbers else {
            throw args.error("\(args.function)(): '\(name)' must be a numeric column")
        }
        let missing = xs.filter { !$0.isFinite }.count
        guard missing == 0 else {
            throw args.error("\(args.function)(): '\(name)' has \(missing) missing or infinite value\(missing == 1 ? "" : "s"); filter them out first")
        }
        guard !xs.isEmpty else { throw args.error("\(args.function)(): '\(name)' has no values") }
        return xs
    }

    /// A normal QQ plot as R's `qqnorm` + `qqline`: the sorted sample against the normal
    /// quantiles of `ppoints(n)`, and the line through the first and third quartiles.
    static func qqMarks(_ values: [Double], args: Args) throws -> [Mark] {
        let n = values.count
        guard n >= 2 else { throw args.error("qqplot() needs at least two values, got \(n)") }
        let sorted = values.sorted()
        let a = n <= 10 ? 3.0 / 8 : 0.5
        let theoretical = (1...n).map { Distributions.normalQuantile((Double($0) - a) / (Double(n) + 1 - 2 * a)) }
        let (q1, q3) = (Summary.quantile(sorted, 0.25), Summary.quantile(sorted, 0.75))
        let (z1, z3) = (Distributions.normalQuantile(0.25), Distributions.normalQuantile(0.75))
        let slope = (q3 - q1) / (z3 - z1)
        return [.points(x: theoretical, y: sorted, size: 3, opacity: 0.8, outline: false),
                .abline(intercept: q1 - slope * z1, slope: slope, dash: .solid)]
    }

    // MARK: Facets

    private static func facet(_ args: Args) throws -> Plot {
        let base = try FigureBuiltins.plot(args, "plot")
        let by = try args.string("by")
        guard base.panels.count == 1, let layers = base.layers else {
            throw args.error("facet() splits a plot of data layers (scatter, points, lines, errorbars, histogram, qqplot and reference lines); \(base.madeBy) cannot be split", "plot")
        }
        let share = try args.string("share")
        guard ["x", "y", "xy", "none"].contains(share) else {
            throw args.error("facet() expects share to be \"x\", \"y\", \"xy\" or \"none\", got \"\(share)\"", "share")
        }
        var keys: [MixdownStats.Value] = []
        for frame in layers.compactMap(\.frame) {
            guard let column = frame.column(named: by) else { continue }
            for g in column.groups() where !keys.contains(g.key) { keys.append(g.key) }
        }
        guard !keys.isEmpty else {
            let names = layers.compactMap(\.frame).first?.columnNames ?? []
            throw args.error("facet(): the plot's data has no column '\(by)'", "by", hint: Suggest.hint(for: by, in: names))
        }
        let columns: Int
        if args.has("cols") {
            columns = try args.integer("cols")
            guard columns >= 1 else { throw args.error("facet() needs cols of at least 1", "cols") }
        } else {
            columns = Int(Double(keys.count).squareRoot().rounded(.up))
        }
        let template = base.panels[0]
        var panels: [Panel] = []
        for key in keys {
            var panel = template
            panel.title = Column.label(key)
            panel.marks = try layers.flatMap { try $0.marks((by, key)) }
            panels.append(panel)
        }
        var out = Plot(panels: panels, sharedX: share.contains("x"), sharedY: share.contains("y"), legendTitle: base.legendTitle)
        out.title = base.title ?? template.title
        out.highlight = base.highlight
        out.columns = columns
        return out
    }
}
