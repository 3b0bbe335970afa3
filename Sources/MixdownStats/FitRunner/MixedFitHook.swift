/// Options of `mixdown fit` for mixed models: `--se lme4|statsmodels` (default statsmodels,
/// which falls back to lme4's where statsmodels has no form: crossed, nested, `||` terms;
/// `stderr_source` says which was used), `--ddf satterthwaite|kenward-roger`,
/// `--confint profile|wald|boot`.
public struct MixedFitOptions: Sendable, Equatable {
    public var se: StandardErrorConvention
    public var ddf: DenominatorDegreesOfFreedom?
    public var confint: MixedConfidenceIntervals.Method?

    public init(se: StandardErrorConvention = .statsmodels, ddf: DenominatorDegreesOfFreedom? = nil,
                confint: MixedConfidenceIntervals.Method? = nil) {
        self.se = se
        self.ddf = ddf
        self.confint = confint
    }

    /// Parses the option values as typed on the command line; nil and a message when one is unknown.
    public static func parse(se: String?, ddf: String?, confint: String?) -> (MixedFitOptions?, String?) {
        var out = MixedFitOptions()
        if let se {
            guard let v = StandardErrorConvention(rawValue: se.lowercased()) else {
                return (nil, "--se must be lme4 or statsmodels (got '\(se)')")
            }
            out.se = v
        }
        if let ddf {
            guard let v = DenominatorDegreesOfFreedom(name: ddf) else {
                return (nil, "--ddf must be satterthwaite or kenward-roger (got '\(ddf)')")
            }
            out.ddf = v
        }
        if let confint {
            guard let v = MixedConfidenceIntervals.Method(rawValue: confint.lowercased()) else {
                return (nil, "--confint must be profile, wald or boot (got '\(confint)')")
            }
            out.confint = v
        }
        return (out, nil)
    }
}

extension FitRunner {
    /// `mixdown fit` for a formula with random-effect terms: a linear mixed model (REML unless
    /// `ml`), printed as the contracts §3 JSON object (plus the inference keys the options ask
    /// for) or as a statsmodels-style summary followed by the plain-language warnings (and a
    /// t-test table with `--ddf`). Bad input exits 2, a failed fit 1.
    static func runMixed(data: DataFrame, formula: Formula, ml: Bool, json: Bool,
                         options: MixedFitOptions = MixedFitOptions()) -> FitRunOutput {
        do {
            let (input, frame) = try LinearMixedModel.input(formula: formula, data: data)
            var fit = try LinearMixedModel.fit(input, method: ml ? .ml : .reml)
            fit.droppedRows = frame.droppedRows
            if frame.droppedRows > 0 {
                fit.warnings.append("\(frame.droppedRows) row\(frame.droppedRows == 1 ? "" : "s") with a missing value dropped")
            }
            let model = MixedModel(input: input, fit: fit.using(options.se))
            let inference = try MixedJSONInference(model, ddf: options.ddf, confint: options.confint)
            var text: String
            if json {
                text = MixedJSON.render(model.fit, formula: formula.source, inference: inference) + "\n"
            } else {
                text = MixedSummary.statsmodels(model.fit) + model.fit.warnings.map { "Warning: \($0)\n" }.joined()
                if let tests = inference.tTests, let ddf = options.ddf { text += "\n" + MixedSummary.tTestTable(tests, ddf: ddf) }
                if let ci = inference.intervals { text += "\n" + MixedSummary.intervalTable(ci) }
            }
            return FitRunOutput(stdout: text, stderr: "", exitCode: model.fit.converged ? 0 : 1)
        } catch let e as ModelError {
            return failure(e.kind == .input ? 2 : 1, e.message)
        } catch let e as MixedModelError {
            return failure(1, e.description)
        } catch let e as MixedInferenceError {
            return failure(1, e.description)
        } catch {
            return failure(1, "\(error)")
        }
    }
}
