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

/// Predictions of a mixed model with one random-effect term, including the predicted random
/// effects of its grouping factor (a level the model never saw gets zero). Each effect must be
/// the intercept or a plain numeric column; any other model is refused by name.
struct GroupPredictor {
    let model: FittedModel
    let group: String
    let names: [String]
    let effects: [String: [Double]]

    init(_ model: FittedModel, function: String, at loc: SourceLocation) throws {
        guard model.kind == .mixed, let mixed = model.mixedModel else {
            throw LangError("\(function)() needs a fitted mixed model (lmm or mixedlm); this is \(model.typeDescription)", at: loc)
        }
        let random = model.formula.formula.random
        guard random.count == 1, random[0].grouping.count == 1, let modes = mixed.fit.modes.first else {
            throw LangError("\(function)() draws models with one random-effect term for one grouping factor; \(model.formula.text) has \(random.count) term\(random.count == 1 ? "" : "s")\(random.first.map { $0.grouping.count > 1 ? " grouped by \($0.groupName)" : "" } ?? "")",
                            at: loc)
        }
        for name in modes.names where name != "Intercept" && model.data.column(named: name)?.numbers == nil {
            throw LangError("\(function)(): the random effect '\(name)' is not a numeric column of the data, so its lines cannot be drawn here", at: loc)
        }
        self.model = model
        group = modes.group
        names = modes.names
        var effects: [String: [Double]] = [:]
        for (level, values) in zip(modes.levels, modes.values) { effects[level] = values }
        self.effects = effects
    }

    /// The prediction for every row of `frame`: fixed part, plus the random part when `re`.
    func predict(_ frame: DataFrame, re: Bool) throws -> [Double] {
        var out = try model.predictor(frame)
        guard re else { return out }
        guard let groups = frame.column(named: group)?.labels else {
            throw LangError("the data has no column '\(group)' for the random effects", at: model.formula.location)
        }
        let z: [[Double]] = try names.map { name in
            if name == "Intercept" { return Array(repeating: 1, count: frame.rowCount) }
            guard let v = frame.column(named: name)?.numbers else {
                throw LangError("the data has no numeric column '\(name)' for the random effects", at: model.formula.location)
            }
            return v
        }
        for i in out.indices {
            guard let u = effects[groups[i]] else { continue }
            for k in names.indices { out[i] += u[k] * z[k][i] }
        }
        return out
    }
}
