import Foundation

/// The model comparison table built row by row: Model, RMSE, Coef, Stat, Pval.
public final class ComparisonTable {
    public static let columns = ["Model", "RMSE", "Coef", "Stat", "Pval"]
    public private(set) var rows: [[TableValue]] = []

    var table: Table { Table(columns: ComparisonTable.columns, rows: rows) }

    /// `table.add(...)` and the columns of the table as members.
    func member(_ name: String, at loc: SourceLocation) throws -> Value {
        switch name {
        case "add": return .function(.builtin(addMethod))
        default:
            if let j = ComparisonTable.columns.firstIndex(of: name) { return Members.tableColumn(table, j) }
            throw LangError("a comparison table has no member '\(name)'", at: loc,
                            hint: Suggest.hint(for: name, in: ["add"] + ComparisonTable.columns))
        }
    }

    /// `add(name, model, term = "edu")`: appends the model's RMSE and the term's estimate,
    /// statistic and p value.
    private var addMethod: Builtin {
        Builtin("add", [.required("name"), .required("model"), .optional("term", .string("edu"))]) { [self] args in
            let name = try args.string("name")
            guard case .model(let model) = args["model"] else { throw args.typeError("model", expected: "a fitted model") }
            let i = try model.termIndex(try args.string("term"), at: args.location("term"))
            rows.append([.string(name), .number(model.rmse), .number(model.coef[i]), .number(model.stat[i]),
                         .number(model.pvalues[i])])
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
