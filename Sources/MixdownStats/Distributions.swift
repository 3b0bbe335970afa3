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
}
