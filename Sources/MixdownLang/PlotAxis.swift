import Foundation
import MixdownStats

/// A data column read as a plot axis: numbers as they are, or strings as a categorical axis
/// whose category `k` sits at position `k`. The categories are decided once, from all the rows
/// (in level order, or sorted by the mean of another column per level), so every facet panel
/// and every layer puts a level at the same place.
struct PlotAxis {
    let name: String
    /// nil for a numeric axis.
    let categories: [String]?

    /// The axis for `column` of `frame`; `orderBy` sorts categories by the mean of that numeric
    /// column within each level (ascending unless `descending`).
    init(_ column: Column, in frame: DataFrame, orderBy: String? = nil, descending: Bool = false,
         args: Args, argument: String) throws {
        name = column.name
        guard let cat = column.categorical else {
            categories = nil
            return
        }
        var levels = cat.levels
        if let orderBy {
            guard let values = frame.column(named: orderBy)?.numbers else {
                throw args.error("\(args.function)() orders categories by a numeric column; '\(orderBy)' is not one",
                                 "order", hint: Suggest.hint(for: orderBy, in: frame.columnNames))
            }
            var sums = [Double](repeating: 0, count: levels.count), counts = sums
            for (code, v) in zip(cat.codes, values) where code >= 0 && !v.isNaN {
                sums[Int(code)] += v; counts[Int(code)] += 1
            }
            let means = zip(sums, counts).map { $0.1 > 0 ? $0.0 / $0.1 : .infinity }
            let order = levels.indices.sorted { a, b in
                means[a] == means[b] ? a < b : (descending ? means[a] > means[b] : means[a] < means[b])
            }
            levels = order.map { levels[$0] }
        }
        categories = levels
    }

    /// The position of every cell of `column` (a column of the same name in a subset of rows);
    /// a missing cell is an error naming how many are missing.
    func positions(_ column: Column, args: Args, argument: String) throws -> [Double] {
        if column.missingCount > 0 {
            throw args.error("\(args.function)(): column '\(name)' has \(column.missingCount) missing value\(column.missingCount == 1 ? "" : "s"); filter them out first",
                             argument)
        }
        guard let categories else {
            guard let xs = column.numbers else {
                throw args.error("\(args.function)(): column '\(name)' holds text where numbers were expected", argument)
            }
            return xs
        }
        var index: [String: Double] = [:]
        for (k, c) in categories.enumerated() { index[c] = Double(k) }
        return column.labels.map { index[$0] ?? -1 }
    }
}
