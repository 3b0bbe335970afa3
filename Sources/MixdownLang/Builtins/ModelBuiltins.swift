import Foundation
import MixdownStats

/// Model built-ins: ols, lmm, mixedlm (fitting, in ModelFitting.swift), t_test, summary,
/// design, response, predict.
enum ModelBuiltins {
    static func all() -> [Builtin] {
        ModelFitting.all() + [
            Builtin("t_test", [.required("model"), .required("term")]) { args in
                let model = try ModelFigureBuiltins.model(args, "model")
                return .table(try model.tTest(try args.string("term"), at: args.location("term")))
            },
            Builtin("summary", [.required("model"), .optional("style", .string("statsmodels"))]) { args in
                let model = try ModelFigureBuiltins.model(args, "model")
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
            Builtin("predict", [.required("model"), .optional("data")]) { args in
                let model = try ModelFigureBuiltins.model(args, "model")
                guard args.has("data") else {
                    return .column(Column(name: "predicted", numbers: model.fitted))
                }
                let frame = try args.frame("data")
                do {
                    return .column(Column(name: "predicted", numbers: try model.predictor(frame)))
                } catch let e as LangError {
                    throw LangError(e.message, at: args.location("data"), hint: e.hint)
                } catch {
                    throw args.error("predict() failed: \(error)", "data")
                }
            },
        ]
    }
}
