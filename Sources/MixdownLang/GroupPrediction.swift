import Foundation
import MixdownStats

/// A grid of x values for every level of a grouping column, carrying each level's other
/// columns, so that a model can be asked for each group's line: the general part under the
/// fitted-lines figures. A column the model reads that varies within a group has no single value
/// on the group's line, so it is an error rather than a guess.
struct GroupGrid {
    let frame: DataFrame
    /// The level of each grid row.
    let levels: [String]

    /// `n` evenly spaced x values over the range of x in the whole of `data` (the same range for
    /// every group), for each level of `group` in sorted order.
    init(_ data: DataFrame, x: String, group: String, n: Int, modelColumns: [String], function: String,
         at loc: SourceLocation) throws {
        guard let xs = data.column(named: x)?.numbers else {
            throw LangError("\(function)(): the model's data has no numeric column '\(x)'", at: loc,
                            hint: Suggest.hint(for: x, in: data.columnNames))
        }
        guard let groupColumn = data.column(named: group) else {
            throw LangError("\(function)(): the model's data has no column '\(group)'", at: loc,
                            hint: Suggest.hint(for: group, in: data.columnNames))
        }
        let lo = xs.min() ?? 0, hi = xs.max() ?? 1
        let grid = (0..<n).map { lo + (hi - lo) * Double($0) / Double(max(1, n - 1)) }
        let groups = groupColumn.groups()
        var levels: [String] = []
        var sourceRows: [Int] = []
        for g in groups {
            levels += Array(repeating: Column.label(g.key), count: n)
            sourceRows += Array(repeating: g.rows[0], count: n)
        }
        var columns: [Column] = []
        for column in data.columns {
            if column.name == x {
                columns.append(Column(name: x, numbers: groups.flatMap { _ in grid }))
                continue
            }
            if modelColumns.contains(column.name) && column.name != group {
                for g in groups {
                    let values = Set(g.rows.map { column[$0] })
                    if values.count > 1 {
                        throw LangError("\(function)(): '\(column.name)' varies within \(group) '\(Column.label(g.key))', so the group has no single line against \(x)",
                                        at: loc)
                    }
                }
            }
            columns.append(column.rows(sourceRows))
        }
        frame = try DataFrame(columns: columns)
        self.levels = levels
    }

    /// The grid's rows with x set to one value (where a figure draws its arrows).
    func frame(withX x: String, at value: Double) throws -> DataFrame {
        try DataFrame(columns: frame.columns.map {
            $0.name == x ? Column(name: x, numbers: Array(repeating: value, count: frame.rowCount)) : $0
        })
    }
}

/// Predictions of a mixed model whose random effects have one grouping factor, with or without
/// that factor's predicted random effects (as `predict(m, df, re = …)`; a level the model never
/// saw gets zero). A model with several grouping factors has no single line per group, so it is
/// refused by name.
struct GroupPredictor {
    let model: FittedModel
    let mixed: MixedModel
    let group: String
    /// The random effects' names and each level's predicted values.
    let names: [String]
    let effects: [String: [Double]]

    init(_ model: FittedModel, function: String, at loc: SourceLocation) throws {
        guard model.kind == .mixed, let mixed = model.mixedModel else {
            throw LangError("\(function)() needs a fitted mixed model (lmm or mixedlm); this is \(model.typeDescription)", at: loc)
        }
        let groupings = Array(Set(model.formula.formula.random.map(\.groupName))).sorted()
        guard groupings.count == 1, let modes = mixed.fit.modes.first else {
            throw LangError("\(function)() draws models whose random effects have one grouping factor; \(model.formula.text) has \(groupings.count) (\(groupings.joined(separator: ", ")))",
                            at: loc)
        }
        self.model = model
        self.mixed = mixed
        group = modes.group
        names = modes.names
        var effects: [String: [Double]] = [:]
        for (level, values) in zip(modes.levels, modes.values) { effects[level] = values }
        self.effects = effects
    }

    /// The prediction for every row of `frame`: fixed part, plus the random part when `re`.
    func predict(_ frame: DataFrame, re: Bool) throws -> [Double] {
        let fixed = try model.predictor(frame)
        guard re else { return fixed }
        let random = try mixed.randomPart(formula: model.formula.formula, data: frame)
        return zip(fixed, random).map { $0 + $1 }
    }
}
