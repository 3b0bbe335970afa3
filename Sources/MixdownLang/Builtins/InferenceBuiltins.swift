import Foundation
import MixdownStats

/// Inference on fitted mixed models (contracts §6 "Mixed models"): anova, confint, VarCorr,
/// ranef, bootstrap, and the small-sample t tests behind summary(m, ddf = …) and
/// t_test(m, term, ddf = …). Each returns a data frame; the numbers come from the statistics
/// library's MixedModel.
enum InferenceBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("anova", [], variadic: true) { args in .frame(try anova(args)) },
            Builtin("confint", [.required("model"), .optional("method", .string("profile")), .optional("level", .number(0.95)),
                                .optional("nsim", .number(500)), .optional("seed", .number(1))]) { args in
                .frame(try confint(args))
            },
            Builtin("VarCorr", [.required("model")]) { args in
                .frame(try varCorr(try mixed(args, "model", function: "VarCorr").fit))
            },
            Builtin("ranef", [.required("model"), .optional("group"), .optional("condvar", .bool(false))]) { args in
                try ranef(args)
            },
            Builtin("bootstrap", [.required("model"), .optional("nsim", .number(1000)), .optional("seed", .number(42))]) { args in
                let model = try mixed(args, "model", function: "bootstrap")
                let nsim = try args.integer("nsim")
                let boot = try wrap(args, "nsim") {
                    try ParametricBootstrap(model, nsim: nsim, seed: UInt64(truncatingIfNeeded: try args.integer("seed")))
                }
                if boot.unconverged > 0 {
                    args.interpreter.context.warn("\(boot.unconverged) of \(nsim) bootstrap refits did not converge")
                }
                return .frame(try DataFrame(columns: boot.names.indices.map { j in
                    Column(name: boot.names[j], numbers: boot.replicates.map { $0[j] })
                }))
            },
        ]
    }

    /// The statistics-library model behind a fitted mixed model argument, or a located error.
    static func mixed(_ args: Args, _ name: String, function: String) throws -> MixedModel {
        let model = try ModelFigureBuiltins.model(args, name)
        guard model.kind == .mixed, let m = model.mixedModel else {
            throw args.error("\(function)() needs a mixed model (fitted with lmm or mixedlm); this is \(model.typeDescription)", name)
        }
        return m
    }

    /// Runs a statistics computation, turning its errors into a language error at `name`.
    static func wrap<T>(_ args: Args, _ name: String?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as LangError {
            throw e
        } catch let e as MixedInferenceError {
            throw args.error("\(args.function)(): \(e.description)", name)
        } catch {
            throw args.error("\(args.function)(): \(error)", name)
        }
    }

    // MARK: anova

    static func anova(_ args: Args) throws -> DataFrame {
        var models: [(name: String, model: MixedModel)] = []
        for (k, value) in args.rest.enumerated() {
            guard case .model(let m) = value else {
                throw LangError("anova() compares fitted mixed models; argument \(k + 1) is \(value.typeDescription)", at: args.restLocations[k])
            }
            guard m.kind == .mixed, let mm = m.mixedModel else {
                throw LangError("anova() compares mixed models (lmm or mixedlm); argument \(k + 1) is \(m.typeDescription)",
                                at: args.restLocations[k])
            }
            models.append((variableName(of: m, args) ?? "model\(k + 1)", mm))
        }
        guard models.count >= 2 else {
            throw args.error("anova() needs at least two fitted mixed models, such as anova(m0, m1)")
        }
        let table = try wrap(args, nil) { try LikelihoodRatioTable(models) }
        if table.refitted { args.interpreter.context.warn("refitting model(s) with ML (instead of REML)") }
        let optional = { (xs: [Double?]) in xs.map { $0 ?? .nan } }
        return try DataFrame(columns: [
            Column(name: "model", strings: table.names),
            Column(name: "npar", numbers: table.npar.map(Double.init)),
            Column(name: "AIC", numbers: table.aic), Column(name: "BIC", numbers: table.bic),
            Column(name: "logLik", numbers: table.logLik), Column(name: "deviance", numbers: table.deviance),
            Column(name: "Chisq", numbers: optional(table.chisq)),
            Column(name: "Df", numbers: table.df.map { $0.map(Double.init) ?? .nan }),
            Column(name: "Pr(>Chisq)", numbers: optional(table.pValue)),
        ])
    }

    /// The session variable that holds this model (the first in sorted order), if any.
    static func variableName(of model: FittedModel, _ args: Args) -> String? {
        args.interpreter.globals.variables.keys.sorted().first { name in
            if case .model(let m)? = args.interpreter.globals.variables[name] { return m === model }
            return false
        }
    }

    // MARK: confint

    static func confint(_ args: Args) throws -> DataFrame {
        let model = try ModelFigureBuiltins.model(args, "model")
        let level = try args.number("level")
        guard level > 0 && level < 1 else { throw args.error("level must be between 0 and 1, got \(level)", "level") }
        let methodName = try args.string("method")
        let methods = MixedConfidenceIntervals.Method.allCases.map(\.rawValue)
        guard let method = MixedConfidenceIntervals.Method(rawValue: methodName) else {
            throw args.error("confint() knows the methods \(Indexing.quotedList(methods)), got \"\(methodName)\"", "method",
                             hint: Suggest.hint(for: methodName, in: methods))
        }
        let names: [String], lower: [Double], upper: [Double], columns: (String, String)
        if model.kind == .ols {
            guard method == .wald || !args.has("method") else {
                throw args.error("confint() of an OLS model gives its t intervals; method = \"\(methodName)\" is for mixed models", "method")
            }
            let q = Distributions.tQuantile(1 - (1 - level) / 2, df: model.dfResid)
            names = model.terms
            lower = model.coef.indices.map { model.coef[$0] - q * model.bse[$0] }
            upper = model.coef.indices.map { model.coef[$0] + q * model.bse[$0] }
            let a = (1 - level) / 2 * 100
            columns = (MixedConfidenceIntervals.percent(a), MixedConfidenceIntervals.percent(100 - a))
        } else {
            let m = try mixed(args, "model", function: "confint")
            let nsim = try args.integer("nsim")
            let seed = UInt64(truncatingIfNeeded: try args.integer("seed"))
            let ci = try wrap(args, method == .boot ? "nsim" : "model") {
                try MixedConfidenceIntervals(m, method: method, level: level, nsim: nsim, seed: seed)
            }
            names = ci.names; lower = ci.lower; upper = ci.upper; columns = ci.columnNames
        }
        return try DataFrame(columns: [Column(name: "parameter", strings: names), Column(name: columns.0, numbers: lower),
                                       Column(name: columns.1, numbers: upper)])
    }

    // MARK: t tests

    /// lmerTest's coefficient table for `terms` (all when nil): term, Estimate, Std. Error, df,
    /// t value, Pr(>|t|).
    static func tTests(_ model: FittedModel, ddf name: String, terms: [String]?, _ args: Args) throws -> DataFrame {
        let choices = DenominatorDegreesOfFreedom.allCases.map(\.rawValue)
        guard let ddf = DenominatorDegreesOfFreedom(name: name) else {
            throw args.error("ddf must be \(Indexing.quotedList(choices)), got \"\(name)\"", "ddf",
                             hint: Suggest.hint(for: name, in: choices))
        }
        guard model.kind == .mixed, let m = model.mixedModel else {
            throw args.error("ddf applies to mixed models: an OLS model's t tests already use its \(NumberFormat.json(model.dfResid)) residual degrees of freedom", "ddf")
        }
        var tests = try wrap(args, "ddf") { try m.tTests(ddf: ddf) }
        if let terms { tests = tests.filter { terms.contains($0.name) } }
        return try DataFrame(columns: [
            Column(name: "term", strings: tests.map(\.name)),
            Column(name: "Estimate", numbers: tests.map(\.estimate)), Column(name: "Std. Error", numbers: tests.map(\.stderr)),
            Column(name: "df", numbers: tests.map(\.df)), Column(name: "t value", numbers: tests.map(\.t)),
            Column(name: "Pr(>|t|)", numbers: tests.map(\.pValue)),
        ])
    }

    // MARK: VarCorr, ranef

    static func varCorr(_ fit: LinearMixedModelFit) throws -> DataFrame {
        let rows = fit.varianceComponents
        let corrColumns = rows.map(\.correlations.count).max() ?? 0
        var columns = [
            Column(name: "Groups", strings: rows.map(\.group)), Column(name: "Name", strings: rows.map(\.name)),
            Column(name: "Variance", numbers: rows.map(\.variance)), Column(name: "Std.Dev.", numbers: rows.map(\.standardDeviation)),
        ]
        for k in 0..<max(1, corrColumns) {
            columns.append(Column(name: k == 0 ? "Corr" : "Corr.\(k + 1)",
                                  numbers: rows.map { k < $0.correlations.count ? $0.correlations[k] : .nan }))
        }
        return try DataFrame(columns: columns)
    }

    static func ranef(_ args: Args) throws -> Value {
        let model = try mixed(args, "model", function: "ranef")
        let condvar = try args.bool("condvar")
        let predictions = try wrap(args, "model") { try model.randomEffectPredictions() }
        let groups = predictions.map(\.group)
        let frames = try predictions.map { p -> DataFrame in
            var columns = [Column(name: p.group, strings: p.levels)]
            for (k, name) in p.names.enumerated() { columns.append(Column(name: name, numbers: p.values.map { $0[k] })) }
            if condvar {
                let sd = p.conditionalStandardDeviations
                for (k, name) in p.names.enumerated() { columns.append(Column(name: "se_\(name)", numbers: sd.map { $0[k] })) }
            }
            return try DataFrame(columns: columns)
        }
        if let g = try args.optionalString("group") {
            guard let i = groups.firstIndex(of: g) else {
                throw args.error("ranef(): the model has no grouping factor '\(g)'; its factors are \(Indexing.quotedList(groups))",
                                 "group", hint: Suggest.hint(for: g, in: groups))
            }
            return .frame(frames[i])
        }
        return frames.count == 1 ? .frame(frames[0]) : .list(frames.map(Value.frame))
    }
}
