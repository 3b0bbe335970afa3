/// The inference parts of `mixdown fit --json` for a mixed model (new keys after the contracts
/// §3 ones): small-sample t tests (`ddf`, and per fixed effect `df`, `stderr_ddf`, `stat_ddf`,
/// `pvalue_ddf`), the conditional standard deviations of the random effects (`ranef_se`, same
/// shape as `ranef`) and confidence intervals (`confint`).
public struct MixedJSONInference: Sendable {
    public var ddf: DenominatorDegreesOfFreedom?
    public var tTests: [FixedEffectTTest]?
    public var predictions: [RandomEffectPrediction]?
    public var intervals: MixedConfidenceIntervals?
    public static let ranefSELimit = 1500
    /// Why a part was left out, if one was.
    public var omitted: String?

    public init(ddf: DenominatorDegreesOfFreedom? = nil, tTests: [FixedEffectTTest]? = nil,
                predictions: [RandomEffectPrediction]? = nil, intervals: MixedConfidenceIntervals? = nil) {
        self.ddf = ddf
        self.tTests = tTests
        self.predictions = predictions
        self.intervals = intervals
    }

    /// Computes what the options ask for. `ranef_se` is left out (and `omitted` says why) when
    /// a crossed or nested design has more than `ranefSELimit` random effects (the dense
    /// factorisation would dominate the fit's time; `ranef(m, condvar = true)` in a lesson goes
    /// up to `MixedModel.maxDenseRandomEffects`).
    public init(_ model: MixedModel, ddf: DenominatorDegreesOfFreedom?, confint: MixedConfidenceIntervals.Method?) throws {
        self.ddf = ddf
        tTests = try ddf.map { try model.tTests(ddf: $0) }
        do {
            predictions = try model.randomEffectPredictions(limit: Self.ranefSELimit)
        } catch let e as MixedInferenceError {
            predictions = nil
            omitted = "ranef_se: \(e.description)"
        }
        intervals = try confint.map { try MixedConfidenceIntervals(model, method: $0) }
    }

    var fields: [(String, String)] {
        let j = NumberFormat.json
        let s = JSONText.string
        var out: [(String, String)] = []
        if let ddf { out.append(("ddf", s(ddf.rawValue))) }
        if let omitted { out.append(("inference_notes", "[" + s(omitted) + "]")) }
        if let predictions {
            let groups = predictions.map { p -> String in
                let allSDs = p.conditionalStandardDeviations   // computed over every level: once per factor
                let levels = p.levels.indices.map { l -> String in
                    let sds = allSDs[l]
                    let values = p.names.indices.map { "\(s(p.names[$0])): \(j(sds[$0]))" }.joined(separator: ", ")
                    return "\(s(p.levels[l])): {\(values)}"
                }
                return "\(s(p.group)): {\n      " + levels.joined(separator: ",\n      ") + "\n    }"
            }
            out.append(("ranef_se", "{\n    " + groups.joined(separator: ",\n    ") + "\n  }"))
        }
        if let ci = intervals {
            let rows = ci.names.indices.map { k in
                "{\"name\": \(s(ci.names[k])), \"lower\": \(ci.lower[k].isFinite ? j(ci.lower[k]) : "null"), "
                    + "\"upper\": \(ci.upper[k].isFinite ? j(ci.upper[k]) : "null")}"
            }
            out.append(("confint", "{\"method\": \(s(ci.method.rawValue)), \"level\": \(j(ci.level)), \"parameters\": [\n    "
                + rows.joined(separator: ",\n    ") + "\n  ]}"))
        }
        return out
    }
}
