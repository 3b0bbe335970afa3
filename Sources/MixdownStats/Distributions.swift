import CDist

/// Distribution functions used for p values and confidence intervals (Boost.Math via `CDist`).
public enum Distributions {
    /// Two-sided p value of a Student t statistic with `df` degrees of freedom.
    public static func tTwoSidedP(_ t: Double, df: Double) -> Double { 2 * dist_t_sf(abs(t), df) }
    /// Two-sided p value of a standard normal statistic.
    public static func normalTwoSidedP(_ z: Double) -> Double { 2 * dist_norm_sf(abs(z)) }
    public static func tQuantile(_ p: Double, df: Double) -> Double { dist_t_quantile(p, df) }
    public static func tCDF(_ t: Double, df: Double) -> Double { dist_t_cdf(t, df) }
    public static func tSF(_ t: Double, df: Double) -> Double { dist_t_sf(t, df) }
    public static func normalCDF(_ x: Double) -> Double { dist_norm_cdf(x) }
    public static func normalSF(_ x: Double) -> Double { dist_norm_sf(x) }
    public static func normalQuantile(_ p: Double) -> Double { dist_norm_quantile(p) }
    public static func chiSquaredCDF(_ x: Double, df: Double) -> Double { dist_chisq_cdf(x, df) }
    public static func chiSquaredSF(_ x: Double, df: Double) -> Double { dist_chisq_sf(x, df) }
    public static func chiSquaredQuantile(_ p: Double, df: Double) -> Double { dist_chisq_quantile(p, df) }
    public static func fCDF(_ x: Double, df1: Double, df2: Double) -> Double { dist_f_cdf(x, df1, df2) }
    public static func fSF(_ x: Double, df1: Double, df2: Double) -> Double { dist_f_sf(x, df1, df2) }
    public static func fQuantile(_ p: Double, df1: Double, df2: Double) -> Double { dist_f_quantile(p, df1, df2) }
    public static func normalUpperQuantile(_ q: Double) -> Double { dist_norm_quantile_upper(q) }
    public static func tUpperQuantile(_ q: Double, df: Double) -> Double { dist_t_quantile_upper(q, df) }
    public static func chiSquaredUpperQuantile(_ q: Double, df: Double) -> Double { dist_chisq_quantile_upper(q, df) }
    public static func fUpperQuantile(_ q: Double, df1: Double, df2: Double) -> Double { dist_f_quantile_upper(q, df1, df2) }
}

/// R's distribution functions (`pnorm`, `qt`, `pchisq`, …): a probability or a quantile,
/// lower tail by default, NaN outside the domain. Probabilities of values below a
/// distribution's support are 0 (above it, 1), as in R.
public enum RDistribution: String, CaseIterable, Sendable {
    case norm, t, chisq, f

    /// How many shape parameters the distribution takes (df; df1 and df2).
    public var shapeCount: Int {
        switch self {
        case .norm: return 0
        case .t, .chisq: return 1
        case .f: return 2
        }
    }

    /// P(X ≤ q), or P(X > q) when `lowerTail` is false.
    public func probability(_ q: Double, _ shape: [Double], lowerTail: Bool) -> Double {
        if q.isNaN { return .nan }
        let lowerBound = (self == .chisq || self == .f) ? 0.0 : -Double.infinity
        if q <= lowerBound && q.isFinite || q == -.infinity { return lowerTail ? 0 : 1 }
        if q == .infinity { return lowerTail ? 1 : 0 }
        switch (self, lowerTail) {
        case (.norm, true): return Distributions.normalCDF(q)
        case (.norm, false): return Distributions.normalSF(q)
        case (.t, true): return Distributions.tCDF(q, df: shape[0])
        case (.t, false): return Distributions.tSF(q, df: shape[0])
        case (.chisq, true): return Distributions.chiSquaredCDF(q, df: shape[0])
        case (.chisq, false): return Distributions.chiSquaredSF(q, df: shape[0])
        case (.f, true): return Distributions.fCDF(q, df1: shape[0], df2: shape[1])
        case (.f, false): return Distributions.fSF(q, df1: shape[0], df2: shape[1])
        }
    }

    /// The q with P(X ≤ q) = p (or P(X > q) = p when `lowerTail` is false).
    public func quantile(_ p: Double, _ shape: [Double], lowerTail: Bool) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        let lowest = (self == .chisq || self == .f) ? 0.0 : -Double.infinity
        if p == 0 { return lowerTail ? lowest : .infinity }
        if p == 1 { return lowerTail ? .infinity : lowest }
        switch (self, lowerTail) {
        case (.norm, true): return Distributions.normalQuantile(p)
        case (.norm, false): return Distributions.normalUpperQuantile(p)
        case (.t, true): return Distributions.tQuantile(p, df: shape[0])
        case (.t, false): return Distributions.tUpperQuantile(p, df: shape[0])
        case (.chisq, true): return Distributions.chiSquaredQuantile(p, df: shape[0])
        case (.chisq, false): return Distributions.chiSquaredUpperQuantile(p, df: shape[0])
        case (.f, true): return Distributions.fQuantile(p, df1: shape[0], df2: shape[1])
        case (.f, false): return Distributions.fUpperQuantile(p, df1: shape[0], df2: shape[1])
        }
    }
}
