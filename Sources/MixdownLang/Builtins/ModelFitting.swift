import Foundation
import MixdownStats

/// ols, lmm and mixedlm: check the formula's columns against the data (located errors with
/// suggestions), fit with the statistics library, and adapt the result to `FittedModel`.
enum ModelFitting {
    static func all() -> [Builtin] {
        [
            Builtin("ols", [.required("formula"), .required("data")]) { args in
                let formula = try args.formula("formula")
                let frame = try args.frame("data")
                try checkColumns(formula, frame, args)
                guard !formula.isOneSided else {
                    throw args.error("ols() needs a formula with a response, such as score ~ edu", "formula")
                }
                let parsed = formula.formula
                if !parsed.random.isEmpty {
                    throw args.error("ols() cannot fit the random term \(parsed.random[0]); use lmm() for a mixed model", "formula")
                }
                return .model(try ols(formula, parsed, frame, args))
            },
            Builtin("lmm", [.required("formula"), .required("data"), .optional("reml", .bool(true)), .optional("se")]) { args in
                let formula = try args.formula("formula")
                let frame = try args.frame("data")
                try checkColumns(formula, frame, args)
                let parsed = formula.formula
                guard !parsed.random.isEmpty else {
                    throw args.error("lmm() needs a random term such as (1 | classroom) in the formula; without one, use ols()", "formula")
                }
                return .model(try mixed(formula, parsed, frame, reml: try args.bool("reml"),
                                        convention: try convention(args, default: .lme4), args))
            },
            Builtin("mixedlm", [.required("formula"), .required("data"), .required("groups"), .optional("re_formula"),
                                .optional("reml", .bool(true)), .optional("se")]) { args in
                let formula = try args.formula("formula")
                let frame = try args.frame("data")
                try checkColumns(formula, frame, args)
                let groups = try args.column("groups", of: frame).name
                var effects = TermList(intercept: true, terms: [])
                if args.has("re_formula") {
                    let re = try args.formula("re_formula")
                    guard re.isOneSided, re.formula.random.isEmpty else {
                        throw args.error("mixedlm() expects re_formula to be one-sided, such as ~ 1 + edu", "re_formula")
                    }
                    try checkColumns(re, frame, args)
                    effects = re.formula.fixed
                }
                var parsed = formula.formula
                parsed.random.append(RandomTerm(effects: effects, grouping: [groups]))
                return .model(try mixed(formula, parsed, frame, reml: try args.bool("reml"),
                                        convention: try convention(args, default: .statsmodels), args))
            },
        ]
    }

    /// The standard-error convention of a mixed model: `se = "lme4"` or `"statsmodels"`, else
    /// the fitting function's own (lmm: lme4, mixedlm: statsmodels).
    static func convention(_ args: Args, default value: StandardErrorConvention) throws -> StandardErrorConvention {
        guard let name = try args.optionalString("se") else { return value }
        guard let c = StandardErrorConvention(rawValue: name) else {
            throw args.error("se must be \"lme4\" or \"statsmodels\", got \"\(name)\"", "se",
                             hint: Suggest.hint(for: name, in: StandardErrorConvention.allCases.map(\.rawValue)))
        }
        return c
    }

    /// Every column a formula names must exist in the frame; the error points at the name.
    static func checkColumns(_ formula: FormulaValue, _ frame: DataFrame, _ args: Args) throws {
        for ref in formula.formula.references where !frame.hasColumn(ref.name) {
            throw LangError("the data frame has no column '\(ref.name)'", at: formula.location(ofColumn: ref.column),
                            hint: Suggest.hint(for: ref.name, in: frame.columnNames))
        }
    }

    /// A statistics-library error as a language error at the call.
    static func fitError(_ error: Error, _ args: Args) -> LangError {
        if let e = error as? LangError { return e }
        return args.error("\(args.function)() could not fit the model: \(error)", "formula")
    }

    static func ols(_ formula: FormulaValue, _ parsed: Formula, _ frame: DataFrame, _ args: Args) throws -> FittedModel {
        let fit: OLSFit
        do {
            fit = try OLS.fit(parsed, data: frame)
        } catch {
            throw fitError(error, args)
        }
        let rows = fit.modelFrame?.rows ?? Array(0..<frame.rowCount)
        let coefficients = fit.coefficients
        let names = fit.names
        let design = (0..<fit.design.columnCount).map { Array(fit.design.column($0)) }
        return FittedModel(
            kind: .ols, formula: formula, data: frame.rows(rows), responseName: fit.responseName, response: fit.response,
            designNames: names, designColumns: design, terms: names,
            coef: coefficients.map(\.estimate), bse: coefficients.map(\.stdErr), stat: coefficients.map(\.stat),
            pvalues: coefficients.map(\.pValue), ciLow: coefficients.map(\.ciLow), ciHigh: coefficients.map(\.ciHigh),
            nobs: fit.nobs, dfResid: fit.dfResid, llf: fit.llf, aic: fit.aic, bic: fit.bic, scale: fit.scale,
            fitted: fit.fitted, resid: fit.residuals, converged: true, singular: false, warnings: [],
            rsquared: fit.rsquared, allParams: nil, groupName: nil, covRe: nil, randomEffects: nil,
            summaryText: { style in
                style == "lme4" ? Summary.olsLme4(fit, formula: formula.text) : fit.summary()
            },
            predictor: { newData in
                try fit.predict(newData).map(\.mean)
            })
    }

    static func mixed(_ formula: FormulaValue, _ parsed: Formula, _ frame: DataFrame, reml: Bool,
                      convention: StandardErrorConvention, _ args: Args) throws -> FittedModel {
        let mf: ModelFrame
        let fit: LinearMixedModelFit
        let input: MixedModelInput
        do {
            let built = try LinearMixedModel.input(formula: parsed, data: frame)
            mf = built.frame
            input = built.input
            fit = try LinearMixedModel.fit(built.input, method: reml ? .reml : .ml).using(convention)
        } catch {
            throw fitError(error, args)
        }
        for w in fit.warnings { args.interpreter.context.warn(w) }
        let x = mf.fixedDesign
        let design = (0..<x.columnCount).map { Array(x.column($0)) }
        let fixedNames = fit.fixed.map(\.name)
        var allNames = fixedNames, allValues = fit.fixed.map(\.estimate)
        for p in fit.statsmodelsParameters ?? [] { allNames.append(p.name); allValues.append(p.scaleFree) }
        let first = fit.randomEffects.first
        let covRe = try first.map { re in
            try DataFrame(columns: [Column(name: "", cells: re.names)]
                          + re.names.indices.map { j in Column(name: re.names[j], numbers: re.covariance.map { $0[j] }) })
        }
        let modes = fit.modes.first
        let ranef = try modes.map { m in
            try DataFrame(columns: [Column(name: m.group, cells: m.levels)]
                          + m.names.indices.map { j in Column(name: m.names[j], numbers: m.values.map { $0[j] }) })
        }
        let fixedSpec = x.spec
        let beta = fit.fixed.map(\.estimate)
        let model = FittedModel(
            kind: .mixed, formula: formula, data: frame.rows(mf.rows), responseName: fit.responseName,
            response: mf.response ?? [], designNames: x.columnNames, designColumns: design, terms: fixedNames,
            coef: beta, bse: fit.fixed.map(\.stderr), stat: fit.fixed.map(\.z), pvalues: fit.fixed.map(\.pValue),
            ciLow: fit.fixed.map(\.ciLow), ciHigh: fit.fixed.map(\.ciHigh), nobs: fit.nobs,
            dfResid: Double(fit.nobs - fixedNames.count), llf: fit.logLikelihood, aic: fit.aic, bic: fit.bic,
            scale: fit.residualVariance, fitted: fit.fitted, resid: fit.residuals, converged: fit.converged,
            singular: fit.singular, warnings: fit.warnings, rsquared: nil,
            allParams: NamedVector(names: allNames, values: allValues), groupName: first?.group, covRe: covRe,
            randomEffects: ranef,
            summaryText: { style in
                style == "lme4" ? MixedSummary.lme4(fit, formula: formula.text) : MixedSummary.statsmodels(fit)
            },
            predictor: { newData in
                let (m, _) = try fixedSpec.matrix(for: newData)
                return (0..<m.rowCount).map { i in zip(m.row(i), beta).reduce(0) { $0 + $1.0 * $1.1 } }
            })
        model.mixedModel = MixedModel(input: input, fit: fit)
        return model
    }
}
