import Foundation
import MixdownStats

/// The model comparison table built row by row: Model, RMSE, Coef, Stat, Pval (a data frame
/// when read or shown).
public final class ComparisonTable {
    public static let columns = ["Model", "RMSE", "Coef", "Stat", "Pval"]
    private var models: [String] = []
    private var numbers: [[Double]] = [[], [], [], []]

    /// The rows so far, as a data frame.
    var frame: DataFrame {
        DataFrame.unchecked([Column(name: "Model", cells: models)]
            + zip(ComparisonTable.columns.dropFirst(), numbers).map { Column(name: $0, numbers: $1) })
    }

    /// `table.add(...)` and the columns of the table as members.
    func member(_ name: String, at loc: SourceLocation) throws -> Value {
        switch name {
        case "add": return .function(.builtin(addMethod))
        default:
            if let c = frame.column(named: name) { return .column(c) }
            throw LangError("a comparison table has no member '\(name)'", at: loc,
                            hint: Suggest.hint(for: name, in: ["add"] + ComparisonTable.columns))
        }
    }

    /// `add(name, model, term = "x")`: appends the model's RMSE and the term's estimate,
    /// statistic and p value.
    private var addMethod: Builtin {
        Builtin("add", [.required("name"), .required("model"), .required("term")]) { [self] args in
            let name = try args.string("name")
            guard case .model(let model) = args["model"] else { throw args.typeError("model", expected: "a fitted model") }
            let i = try model.termIndex(try args.string("term"), at: args.location("term"))
            models.append(name)
            for (k, x) in [model.rmse, model.coef[i], model.stat[i], model.pvalues[i]].enumerated() { numbers[k].append(x) }
            return .none
        }
    }
}

/// `comparison()`.
enum ComparisonBuiltins {
    static func all() -> [Builtin] {
        [Builtin("comparison") { _ in .comparison(ComparisonTable()) }]
    }
}
