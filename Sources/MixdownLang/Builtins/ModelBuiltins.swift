import Foundation
import MixdownStats

/// Model built-ins: ols, lmm, mixedlm (fitting, in ModelFitting.swift), the inference
/// built-ins (InferenceBuiltins.swift), t_test and summary (with ddf), design, response,
/// predict (with re).
enum ModelBuiltins {
    static func all() -> [Builtin] {
        ModelFitting.all() + InferenceBuiltins.all() + [
            Builtin("t_test", [.required("model"), .required("term"), .optional("ddf")]) { args in
                let model = try ModelFigureBuiltins.model(args, "model")
                let term = try args.string("term")
                if let ddf = try args.optionalString("ddf") {
                    _ = try model.termIndex(term, at: args.location("term"))
                    return .frame(try InferenceBuiltins.tTests(model, ddf: ddf, terms: [term], args))
                }
                return .frame(try model.tTest(term, at: args.location("term")))
            },
            Builtin("summary", [.required("model"), .optional("style", .string("statsmodels")), .optional("ddf")]) { args in
                let model = try ModelFigureBuiltins.model(args, "model")
                if let ddf = try args.optionalString("ddf") {
                    return .frame(try InferenceBuiltins.tTests(model, ddf: ddf, terms: nil, args))
                }
                let style = try args.string("style")
                guard ["statsmodels", "lme4"].contains(style) else {
                    throw args.error("summary() knows the styles \"statsmodels\" and \"lme4\", got \"\(style)\"", "style",
                                     hint: Suggest.hint(for: style, in: ["statsmodels", "lme4"]))
                }
                for w in model.warnings { args.interpreter.context.warn(w) }
                return .string(try model.summaryText(style))
            },
            Builtin("design", [.required("model")]) { args in
                let model = try ModelFigureBuiltins.model(args, "model")
                return .frame(try DataFrame(columns: zip(model.designNames, model.designColumns).map {
                    Column(name: $0, numbers: $1)
                }))
            },
            Builtin("response", [.required("model")]) { args in
                let model = try ModelFigureBuiltins.model(args, "model")
                return .column(Column(name: model.responseName, numbers: model.response))
            },
            Builtin("predict", [.required("model"), .optional("data"), .optional("re")]) { args in
                let model = try ModelFigureBuiltins.model(args, "model")
                let re = args.has("re") ? try args.bool("re") : nil
                if re == true && model.kind != .mixed {
                    throw args.error("re = true needs a mixed model; an OLS model has no random effects", "re")
                }
                guard args.has("data") else {
                    let population = re == false && model.kind == .mixed
                    return .column(Column(name: "predicted", numbers: population ? model.mixedModel?.fit.fittedFixed ?? model.fitted
                                                                                 : model.fitted))
                }
                let frame = try args.frame("data")
                do {
                    var values = try model.predictor(frame)
                    if re == true, let mixed = model.mixedModel {
                        let random = try mixed.randomPart(formula: model.formula.formula, data: frame)
                        for i in values.indices { values[i] += random[i] }
                    }
                    return .column(Column(name: "predicted", numbers: values))
                } catch let e as LangError {
                    throw LangError(e.message, at: args.location("data"), hint: e.hint)
                } catch {
                    throw args.error("predict() failed: \(error)", "data")
                }
            },
        ]
    }
}
