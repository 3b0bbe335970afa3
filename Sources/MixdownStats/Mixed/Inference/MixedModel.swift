import Foundation

/// A fitted linear mixed model together with the numerical input it was fitted to: what the
/// inference routines need to refit (ML for `anova`, bootstrap replicates), to differentiate the
/// deviance (Satterthwaite), to rebuild the marginal covariance (Kenward–Roger) and to predict.
public struct MixedModel: Sendable {
    /// The response, fixed-effect columns and random-effect terms (input order).
    public let input: MixedModelInput
    /// The fit, with its fixed-effect standard errors in `convention`.
    public let fit: LinearMixedModelFit

    /// Fits `input` by `method` and reports standard errors in `convention`.
    public init(input: MixedModelInput, method: MixedModelMethod = .reml,
                convention: StandardErrorConvention = .lme4) throws {
        self.input = input
        self.fit = try LinearMixedModel.fit(input, method: method).using(convention)
    }

    /// Wraps an existing fit of `input`.
    public init(input: MixedModelInput, fit: LinearMixedModelFit) {
        self.input = input
        self.fit = fit
    }

    public var method: MixedModelMethod { fit.method }
    public var convention: StandardErrorConvention { fit.standardErrorConvention }

    /// The same model with its standard errors in `convention`.
    public func using(_ convention: StandardErrorConvention) -> MixedModel {
        MixedModel(input: input, fit: fit.using(convention))
    }

    /// The same model refitted by `method` (itself when it already is), in the same convention.
    public func refitted(_ method: MixedModelMethod) throws -> MixedModel {
        method == fit.method ? self : try MixedModel(input: input, method: method, convention: convention)
    }

    /// Indices of the input terms in lme4's order (decreasing number of levels, stable): the
    /// order of θ and of the factorisation.
    var thetaOrder: [Int] {
        input.terms.indices.sorted {
            let a = input.terms[$0].levels.count, b = input.terms[$1].levels.count
            return a != b ? a > b : $0 < $1
        }
    }

    /// The input terms in θ order.
    var sortedTerms: [RandomEffectTerm] { thetaOrder.map { input.terms[$0] } }

    /// A fresh deviance function of this model's data (by `method`), terms in θ order.
    func devianceFunction(_ method: MixedModelMethod? = nil, response: [Double]? = nil) -> ProfiledDeviance {
        ProfiledDeviance(response: response ?? input.response, fixed: input.fixedColumns, terms: sortedTerms,
                         method: method ?? fit.method)
    }

    /// The relative covariance factors T (q×q column-major) of the terms in θ order at `theta`.
    func relativeFactors(_ theta: [Double]) -> [[Double]] {
        var offset = 0
        return sortedTerms.map { term in
            let layout = ThetaLayout(q: term.width, correlated: term.correlated)
            var t = [Double](repeating: 0, count: term.width * term.width)
            layout.fill(theta[offset..<(offset + layout.positions.count)], into: &t)
            offset += layout.positions.count
            return t
        }
    }

    /// Number of parameters as lme4 counts them for AIC and `anova`: β, θ and σ.
    public var parameterCount: Int { fit.fixed.count + fit.theta.count + 1 }
}
