/// A model matrix: `rowCount` × `columnCount` numbers stored column-major,
/// with patsy-style column names, plus the coding needed to build the same
/// columns for new data (``spec``).
public struct DesignMatrix: Sendable {
    /// Column names, e.g. `Intercept`, `classroom[T.c1]`, `edu`, `edu:classroom[T.c1]`.
    public var columnNames: [String] { spec.columnNames }
    public let rowCount: Int
    /// Column-major values: column `j` is `values[j*rowCount ..< (j+1)*rowCount]`.
    public let values: [Double]
    /// How the columns were coded (terms, levels), for new data.
    public let spec: DesignSpec

    public var columnCount: Int { spec.columnNames.count }

    /// The cell at (`row`, `column`).
    public subscript(row: Int, column: Int) -> Double { values[column * rowCount + row] }

    /// One column.
    public func column(_ j: Int) -> ArraySlice<Double> { values[(j * rowCount)..<((j + 1) * rowCount)] }

    /// One column by name, nil if there is none.
    public func column(named name: String) -> ArraySlice<Double>? {
        columnNames.firstIndex(of: name).map { column($0) }
    }

    /// One row, across the columns.
    public func row(_ i: Int) -> [Double] { (0..<columnCount).map { values[$0 * rowCount + i] } }
}

/// The coding of a design matrix: its terms in patsy order, and for each
/// column the factors (and levels) multiplied together. Built once from the
/// fitting data, then applied to any frame with the same columns.
public struct DesignSpec: Sendable {
    /// One factor's coding: numeric, or categorical with its levels.
    struct FactorCoding: Sendable {
        let factor: Factor
        /// nil = numeric; else the levels (sorted, as seen in the fitting data).
        let levels: [String]?
    }

    /// One part of a column product: a numeric factor, or an indicator of one level.
    struct Part: Sendable {
        let factor: Int      // index into `factors`
        let level: Int       // -1 for a numeric factor
        /// For a sum-to-zero column: the level coded −1 (the last one); else −1.
        var sumAgainst: Int = -1
    }

    let factors: [FactorCoding]
    /// For each column, the parts whose product it is (empty = intercept).
    let parts: [[Part]]
    public let columnNames: [String]
    /// Term names in design order (`Intercept`, `classroom`, `edu`, `edu:classroom`).
    public let termNames: [String]
    /// The columns of each term (same order as ``termNames``).
    public let termColumns: [Range<Int>]
    /// The terms in design order (the intercept is the term with no factors).
    public let terms: [Term]
    /// Parameters of fitted transforms (`scale`, `poly`, …) from the fitting data.
    var fitted: [Expression: [Double]] = [:]
}
