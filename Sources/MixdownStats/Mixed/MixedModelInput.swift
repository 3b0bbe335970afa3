/// Whether a linear mixed model is fitted by restricted (REML) or plain maximum likelihood (ML).
public enum MixedModelMethod: String, Sendable, Equatable {
    case reml
    case ml
}

/// One random-effect term of a linear mixed model, on plain arrays: a grouping factor (its level
/// names and, for every row, the index of that row's level) and the model columns whose
/// coefficients vary by level (`Intercept`, `edu`, ...). `correlated == false` is the `(x || g)`
/// form: the random effects of the term are independent (a diagonal covariance matrix).
public struct RandomEffectTerm: Sendable {
    /// Name of the grouping factor, e.g. `classroom` or `batch:cask`.
    public var group: String
    /// Level names, in the order used by `levelIndex`.
    public var levels: [String]
    /// For every row, the index into `levels` of the row's level.
    public var levelIndex: [Int32]
    /// Names of the random-effect columns, e.g. `["Intercept", "edu"]`.
    public var columnNames: [String]
    /// The random-effect columns (each of length n).
    public var columns: [[Double]]
    /// Whether the random effects of this term may be correlated with each other.
    public var correlated: Bool

    public init(group: String, levels: [String], levelIndex: [Int32], columnNames: [String],
                columns: [[Double]], correlated: Bool = true) {
        self.group = group
        self.levels = levels
        self.levelIndex = levelIndex
        self.columnNames = columnNames
        self.columns = columns
        self.correlated = correlated
    }

    /// Number of random effects per level.
    public var width: Int { columns.count }
}

/// Everything a linear mixed model fit needs, independent of formulas and data frames:
/// the response, the fixed-effect design matrix (by columns, with patsy-style names) and the
/// random-effect terms.
public struct MixedModelInput: Sendable {
    /// Name of the response (dependent variable).
    public var responseName: String
    /// The response, one value per row.
    public var response: [Double]
    /// Names of the fixed-effect columns (`Intercept`, `edu`, `f[T.b]`, ...).
    public var fixedNames: [String]
    /// The fixed-effect columns, each of length n.
    public var fixedColumns: [[Double]]
    /// The random-effect terms (at least one).
    public var terms: [RandomEffectTerm]

    public init(responseName: String, response: [Double], fixedNames: [String],
                fixedColumns: [[Double]], terms: [RandomEffectTerm]) {
        self.responseName = responseName
        self.response = response
        self.fixedNames = fixedNames
        self.fixedColumns = fixedColumns
        self.terms = terms
    }
}
