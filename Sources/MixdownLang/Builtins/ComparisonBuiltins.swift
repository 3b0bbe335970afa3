import Foundation

/// The model comparison table built row by row: Model, RMSE, Coef, Stat, Pval.
public final class ComparisonTable {
    public static let columns = ["Model", "RMSE", "Coef", "Stat", "Pval"]
    public private(set) var rows: [[TableValue]] = []

    var table: Table { Table(columns: ComparisonTable.columns, rows: rows) }

    func append(model: String, rmse: Double, coef: Double, stat: Double, pvalue: Double) {
        rows.append([.string(model), .number(rmse), .number(coef), .number(stat), .number(pvalue)])
    }

    func member(_ name: String, at loc: SourceLocation) throws -> Value {
        switch name {
        case "add": return .function(.builtin(addMethod()))
        default:
            if let j = ComparisonTable.columns.firstIndex(of: name) { return Members.tableColumn(table, j) }
            throw LangError("a comparison table has no member '\(name)'", at: loc,
                            hint: Suggest.hint(for: name, in: ["add"] + ComparisonTable.columns))
        }
    }
}
