/// One fixed-effect coefficient of a mixed model with its Wald test (normal reference
/// distribution, 95 % interval), as statsmodels' MixedLM reports it.
public struct MixedFixedEffect: Sendable, Equatable {
    public var name: String
    public var estimate: Double
    public var stderr: Double
    /// Wald z = estimate / stderr.
    public var z: Double
    /// Two-sided p value from the standard normal distribution.
    public var pValue: Double
    public var ciLow: Double
    public var ciHigh: Double
}

/// The estimated covariance of one random-effect term on the data scale (what lme4's
/// `VarCorr` prints): variances, standard deviations and correlations.
public struct RandomEffectCovariance: Sendable, Equatable {
    /// Grouping factor name.
    public var group: String
    /// Random-effect column names (`Intercept`, `edu`).
    public var names: [String]
    /// Whether the term was fitted with correlated effects.
    public var correlated: Bool
    /// Covariance matrix (data scale), names.count × names.count.
    public var covariance: [[Double]]

    public var variances: [Double] { (0..<names.count).map { covariance[$0][$0] } }
    public var standardDeviations: [Double] { variances.map { $0.squareRoot() } }
    /// Correlation between effects i and j (0 when either variance is 0).
    public func correlation(_ i: Int, _ j: Int) -> Double {
        let d = (covariance[i][i] * covariance[j][j]).squareRoot()
        return d > 0 ? covariance[i][j] / d : 0
    }
}

/// A variance parameter in statsmodels' MixedLM parametrisation (single grouping factor):
/// `Group Var`, `Group x edu Cov`, `edu Var`.
public struct StatsmodelsVarianceParameter: Sendable, Equatable {
    /// statsmodels' name, e.g. `Group Var`.
    public var name: String
    /// The value in the parameter vector (`params`): covariance divided by the scale.
    public var scaleFree: Double
    /// The value on the data scale (the summary table's `Coef.`).
    public var dataScale: Double
    /// Standard error of `scaleFree` (statsmodels' `bse`), from the inverse Hessian.
    public var stderrScaleFree: Double
    /// The standard error statsmodels prints in its summary: sqrt(scale) × `bse`.
    public var stderrSummary: Double
}

/// Conditional modes (BLUPs) of one term's random effects, one row per level.
public struct RandomEffectModes: Sendable, Equatable {
    public var group: String
    public var levels: [String]
    public var names: [String]
    /// values[level][effect], on the data scale.
    public var values: [[Double]]
}

/// Where the fixed-effect standard errors of a fit come from.
public enum FixedEffectCovarianceSource: String, Sendable, Equatable {
    /// statsmodels: the inverse of the negative Hessian of the profile log-likelihood in
    /// (β, Ψ) (one grouping factor).
    case statsmodelsHessian
    /// lme4: σ² (X'V⁻¹X)⁻¹ (used when statsmodels' parametrisation does not apply).
    case generalizedLeastSquares
}

/// The result of fitting a linear mixed model by REML or ML.
public struct LinearMixedModelFit: Sendable {
    public var responseName: String
    public var method: MixedModelMethod
    public var nobs: Int
    /// Fixed effects with the standard errors given by `fixedCovarianceSource`.
    public var fixed: [MixedFixedEffect]
    public var fixedCovarianceSource: FixedEffectCovarianceSource
    /// Covariance of β used for `fixed`.
    public var fixedCovariance: [[Double]]
    /// lme4's `vcov`: σ² (X'V⁻¹X)⁻¹.
    public var fixedCovarianceGLS: [[Double]]
    /// Residual variance σ² (statsmodels' `scale`).
    public var residualVariance: Double
    /// Random-effect covariances on the data scale, one per term, in the order of the input terms.
    public var randomEffects: [RandomEffectCovariance]
    /// statsmodels' variance parameters (nil unless there is exactly one term).
    public var statsmodelsParameters: [StatsmodelsVarianceParameter]?
    /// θ in lme4's order (terms sorted by decreasing number of levels) and names like lme4's
    /// `Subject.(Intercept)`.
    public var theta: [Double]
    public var thetaNames: [String]
    /// −2 × log-likelihood at the optimum (lme4's "REML criterion" or deviance).
    public var criterion: Double
    /// (RE)ML log-likelihood.
    public var logLikelihood: Double
    public var aic: Double
    public var bic: Double
    /// Conditional modes per term (input order).
    public var modes: [RandomEffectModes]
    /// Xβ + Zb.
    public var fitted: [Double]
    /// Xβ (population-level prediction).
    public var fittedFixed: [Double]
    /// y − (Xβ + Zb).
    public var residuals: [Double]
    /// sqrt(Σ residual² / (n − p)), conditional residuals.
    public var rmse: Double
    public var converged: Bool
    /// The optimiser's own account of how it stopped.
    public var optimizerStatus: String
    /// Deviance evaluations (start search, optimiser, polish and final).
    public var evaluations: Int
    /// A variance at zero or a correlation at ±1 (θ diagonal below 1e-4, as lme4's isSingular).
    public var singular: Bool
    /// Plain-language warnings for the student.
    public var warnings: [String]
    /// Per term (input order): levels, minimum, maximum and mean group size.
    public var groupSizes: [(group: String, levels: Int, min: Int, max: Int, mean: Double)]
    /// Rows dropped for a missing value before fitting (set by the formula front end).
    public var droppedRows = 0
    /// statsmodels' Hessian covariance of β, kept when `using(.lme4)` switched `fixed` away from
    /// it (nil when the model has no statsmodels form or `fixed` already uses it).
    public var statsmodelsFixedCovariance: [[Double]]? = nil
}
