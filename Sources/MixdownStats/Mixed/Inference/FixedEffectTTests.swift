/// How the denominator degrees of freedom of the fixed-effect t tests are found.
public enum DenominatorDegreesOfFreedom: String, Sendable, Equatable, CaseIterable {
    /// lmerTest's Satterthwaite approximation (standard errors: lme4's).
    case satterthwaite
    /// pbkrtest's Kenward–Roger approximation (standard errors: the adjusted covariance).
    case kenwardRoger = "kenward-roger"

    /// Parses `satterthwaite`, `kenward-roger` (also `kr`, `Kenward-Roger`, `kenward_roger`).
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "satterthwaite": self = .satterthwaite
        case "kenward-roger", "kr": self = .kenwardRoger
        default: return nil
        }
    }
}

/// One fixed-effect t test with small-sample degrees of freedom (lmerTest's summary row).
public struct FixedEffectTTest: Sendable, Equatable {
    public var name: String
    public var estimate: Double
    public var stderr: Double
    public var df: Double
    public var t: Double
    public var pValue: Double
}

extension MixedModel {
    /// t tests of every fixed effect with `ddf` degrees of freedom, as lmerTest's
    /// `summary(fit, ddf = …)`.
    public func tTests(ddf: DenominatorDegreesOfFreedom) throws -> [FixedEffectTTest] {
        let p = fit.fixed.count
        let unit = { (c: Int) in (0..<p).map { $0 == c ? 1.0 : 0.0 } }
        switch ddf {
        case .satterthwaite:
            let s = try SatterthwaiteApproximation(self)
            return (0..<p).map { c in
                test(c, stderr: s.fixedCovariance[c][c].squareRoot(), df: s.degreesOfFreedom(contrast: unit(c)))
            }
        case .kenwardRoger:
            let model = try refitted(.reml)
            let kr = try KenwardRogerApproximation(model)
            return (0..<p).map { c in
                model.test(c, stderr: kr.adjustedCovariance[c][c].squareRoot(), df: kr.degreesOfFreedom(contrast: unit(c)))
            }
        }
    }

    func test(_ c: Int, stderr: Double, df: Double) -> FixedEffectTTest {
        let b = fit.fixed[c].estimate
        let t = b / stderr
        return FixedEffectTTest(name: fit.fixed[c].name, estimate: b, stderr: stderr, df: df, t: t,
                                pValue: Distributions.tTwoSidedP(t, df: df))
    }
}
