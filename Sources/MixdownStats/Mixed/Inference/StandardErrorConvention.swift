/// How the fixed-effect standard errors of a mixed model are computed. One model uses one
/// convention for every output (summaries in either style, `.bse`, t tests, intervals).
public enum StandardErrorConvention: String, Sendable, Equatable, CaseIterable {
    /// lme4's `vcov`: σ² (X'V⁻¹X)⁻¹, conditional on the estimated covariance parameters θ.
    case lme4
    /// statsmodels' MixedLM: the β block of the inverse negative Hessian of the profile
    /// log-likelihood in (β, Ψ). Only defined for one grouping factor with a full covariance;
    /// other models fall back to lme4's, and say so in `standardErrorConvention`.
    case statsmodels
}

extension LinearMixedModelFit {
    /// The convention the standard errors in `fixed` follow.
    public var standardErrorConvention: StandardErrorConvention {
        fixedCovarianceSource == .statsmodelsHessian ? .statsmodels : .lme4
    }

    /// Whether statsmodels' Hessian standard errors exist for this model.
    public var hasStatsmodelsStandardErrors: Bool {
        fixedCovarianceSource == .statsmodelsHessian || statsmodelsFixedCovariance != nil
    }

    /// The same fit with `fixed` (standard errors, z, p, 95 % intervals) and `fixedCovariance`
    /// in `convention`; statsmodels' falls back to lme4's when the model has no Hessian form.
    public func using(_ convention: StandardErrorConvention) -> LinearMixedModelFit {
        var out = self
        if fixedCovarianceSource == .statsmodelsHessian { out.statsmodelsFixedCovariance = fixedCovariance }
        switch convention {
        case .lme4:
            out.fixedCovarianceSource = .generalizedLeastSquares
            out.fixedCovariance = fixedCovarianceGLS
        case .statsmodels:
            guard let hessian = out.statsmodelsFixedCovariance else { return out }
            out.fixedCovarianceSource = .statsmodelsHessian
            out.fixedCovariance = hessian
        }
        let z975 = Distributions.normalQuantile(0.975)
        out.fixed = fixed.indices.map { c in
            let b = fixed[c].estimate
            let se = out.fixedCovariance[c][c].squareRoot()
            let z = b / se
            return MixedFixedEffect(name: fixed[c].name, estimate: b, stderr: se, z: z,
                                    pValue: Distributions.normalTwoSidedP(z),
                                    ciLow: b - z975 * se, ciHigh: b + z975 * se)
        }
        return out
    }
}
