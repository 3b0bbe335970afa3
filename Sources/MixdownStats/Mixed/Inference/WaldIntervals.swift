/// Confidence intervals of the interval parameters (sd/cor, sigma, fixed effects) by one of
/// lme4's methods; Wald gives NaN (lme4's NA) for the variance parameters.
public struct MixedConfidenceIntervals: Sendable {
    public enum Method: String, Sendable, CaseIterable { case profile, wald, boot }

    public let method: Method
    public let level: Double
    public let names: [String]
    public let lower: [Double]
    public let upper: [Double]

    /// `nsim` and `seed` are for the bootstrap.
    public init(_ model: MixedModel, method: Method = .profile, level: Double = 0.95, nsim: Int = 500,
                seed: UInt64 = 1) throws {
        guard level > 0 && level < 1 else {
            throw MixedInferenceError.badArgument("level must be between 0 and 1 (got \(level))")
        }
        self.method = method
        self.level = level
        names = model.intervalParameterNames
        switch method {
        case .profile:
            let p = try ProfileIntervals(model, level: level)
            lower = p.lower; upper = p.upper
        case .wald:
            let z = Distributions.normalQuantile(1 - (1 - level) / 2)
            let k = model.varianceParameterCount + 1
            let nan = [Double](repeating: .nan, count: k)
            // lme4's Wald intervals use its own standard errors; this follows the model's convention.
            lower = nan + model.fit.fixed.map { $0.estimate - z * $0.stderr }
            upper = nan + model.fit.fixed.map { $0.estimate + z * $0.stderr }
        case .boot:
            let b = try ParametricBootstrap(model, nsim: nsim, seed: seed)
            let ci = b.percentileIntervals(level: level)
            lower = ci.map(\.lower); upper = ci.map(\.upper)
        }
    }

    /// Column names after the level, as R prints them: `2.5 %`, `97.5 %`.
    public var columnNames: (String, String) {
        let a = (1 - level) / 2 * 100
        return (Self.percent(a), Self.percent(100 - a))
    }

    /// A percentage as R names an interval column: `2.5 %`, `5 %`.
    public static func percent(_ x: Double) -> String {
        var s = NumberFormat.fixed(x, 3)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s + " %"
    }
}
