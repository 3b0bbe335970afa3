import Foundation

/// Profile-likelihood intervals, as lme4's `confint(fit, method = "profile")`: for each
/// interval parameter (sd/cor of the random effects, sigma, fixed effects) the signed root
/// deviance ζ(x) = sign(x − x̂) √(d(x) − d̂), where d(x) is the ML deviance minimised over the
/// other parameters with this one held at x, is evaluated on lme4's grid (`profile.merMod`:
/// steps of δ = √χ²₆(0.99)/8 in ζ, outwards until |ζ| passes that cutoff or a bound) and
/// interpolated as `confint.thpr` does (``ProfileSpline``) at ζ = ±z. A REML fit is profiled
/// by ML, as lme4 does. A limit the profile does not reach (a standard deviation whose
/// profile stays above −z down to zero, as on a singular fit) is the parameter's bound: 0
/// for a standard deviation, ±1 for a correlation.
public struct ProfileIntervals: Sendable {
    public let names: [String]
    public let lower: [Double]
    public let upper: [Double]

    public init(_ model: MixedModel, level: Double = 0.95) throws {
        guard level > 0 && level < 1 else {
            throw MixedInferenceError.badArgument("level must be between 0 and 1 (got \(level))")
        }
        let ml = try model.refitted(.ml)
        let z = Distributions.normalQuantile(1 - (1 - level) / 2)
        let profiler = Profiler(ml)
        var lo: [Double] = [], hi: [Double] = []
        for j in profiler.estimates.indices {
            let (xs, zetas) = try profiler.profile(parameter: j)
            let spline = ProfileSpline(x: xs, zeta: zetas)
            let bounds = profiler.bounds(j)
            lo.append(spline.value(at: -z).map { max($0, bounds.lower) } ?? bounds.lower)
            hi.append(spline.value(at: z).map { min($0, bounds.upper) } ?? bounds.upper)
        }
        names = ml.intervalParameterNames
        lower = lo
        upper = hi
    }
}

/// The profiled deviance of one interval parameter and lme4's grid of profile points.
final class Profiler {
    enum Kind { case standardDeviation, correlation, fixed(Int) }

    let model: MixedModel
    let deviance: VarianceParameterDeviance
    let minimum: Double
    let estimates: [Double]
    let k: Int

    init(_ ml: MixedModel) {
        model = ml
        deviance = VarianceParameterDeviance(ml, method: .ml)
        minimum = ml.fit.criterion
        estimates = ml.intervalParameterValues
        k = ml.varianceParameterCount
    }

    /// Bounds of parameter j: sd and sigma ≥ 0, correlations in [−1, 1], fixed effects free.
    func bounds(_ j: Int) -> (lower: Double, upper: Double) {
        switch kind(j) {
        case .fixed: return (-.infinity, .infinity)
        case .correlation: return (-1, 1)
        case .standardDeviation: return (0, .infinity)
        }
    }

    func kind(_ j: Int) -> Kind {
        j < k ? (model.intervalParameterNames[j].hasPrefix("cor_") ? .correlation : .standardDeviation)
            : j == k ? .standardDeviation : .fixed(j - k - 1)
    }

    /// lme4's profile points of parameter j: the estimate, a first step (1 % of the estimate,
    /// 0.001 from zero, δ standard errors for a fixed effect), then `nextpar`'s steps in each
    /// direction until |ζ| exceeds √χ²(0.99, all parameters) or a bound is reached.
    func profile(parameter j: Int) throws -> (x: [Double], zeta: [Double]) {
        let kind = kind(j)
        let nptot = estimates.count
        let cutoff = Distributions.chiSquaredQuantile(0.99, df: Double(nptot)).squareRoot()
        let delta = cutoff / 8
        let (lowcut, upcut) = bounds(j)
        // A standard deviation on the boundary (below lme4's singularity tolerance relative to
        // σ) is profiled as lme4 profiles an exact zero; our optimum may stop a rounding error
        // above it.
        var est = estimates[j]
        if case .standardDeviation = kind, j < k, est < LinearMixedModel.singularTolerance * estimates[k] { est = 0 }
        let first: Double
        switch kind {
        case .fixed(let c): first = est + delta * model.fit.fixedCovarianceGLS[c][c].squareRoot()
        default: first = est == 0 ? 0.001 : est * 1.01
        }
        var warm: [Double] = []
        let zFirst = zeta(j, kind, first, warm: &warm)
        var xs = [est, first], zs = [0.0, zFirst]
        for side in [1.0, -1.0] {
            if side < 0 && !(est > lowcut) { continue }
            // Rows (previous, current) as lme4's fillmat holds them for this side.
            var prev = side > 0 ? (est, 0.0) : (first, zFirst)
            var cur = side > 0 ? (first, zFirst) : (est, 0.0)
            var sideWarm = warm
            var count = 2
            while count < 100 && cur.0 > lowcut && cur.0 < upcut && abs(cur.1) <= cutoff {
                let next = nextParameter(prev, cur, step: delta, lower: lowcut, upper: upcut)
                let z = zeta(j, kind, next, warm: &sideWarm)
                guard z.isFinite else {
                    throw MixedInferenceError.numerical("the profile of '\(model.intervalParameterNames[j])' could not be followed")
                }
                xs.append(next); zs.append(z)
                prev = cur; cur = (next, z)
                count += 1
            }
        }
        return (xs, zs)
    }

    /// lme4's `nextpar`: a step of `step` in ζ, converted with the last secant, at most ten
    /// times the last step, kept within the bounds.
    func nextParameter(_ a: (Double, Double), _ b: (Double, Double), step: Double, lower: Double, upper: Double) -> Double {
        let num = b.0 - a.0, denom = b.1 - a.1
        var s: Double
        if denom == 0 || !denom.isFinite {
            s = 1e-6
        } else {
            s = step * num / denom
            if s < 0 { s = 1e-6 } else if abs(s) > abs(10 * num) { s = abs(10 * num) }
        }
        let sign: Double = num > 0 ? 1 : num < 0 ? -1 : 0
        return min(upper, max(lower, b.0 + sign * s))
    }

    /// The ML deviance at sd/cor values and σ (β profiled out).
    func varianceDeviance(_ v: [Double]) -> Double {
        guard v[k] > 0, let theta = MixedModel.theta(model.sortedTerms, sdcor: Array(v.prefix(k)), sigma: v[k]) else { return .infinity }
        return deviance(theta + [v[k]])
    }

    /// ζ at x for parameter j; `warm` carries the other parameters' optimum between calls.
    func zeta(_ j: Int, _ kind: Kind, _ x: Double, warm: inout [Double]) -> Double {
        let d: Double
        switch kind {
        case .fixed(let c): d = fixedDeviance(c, x, warm: &warm)
        default: d = variancePartDeviance(j, x, warm: &warm)
        }
        let sign: Double = x >= estimates[j] ? 1 : -1
        return sign * max(0, d - minimum).squareRoot()
    }

    /// min over the other variance parameters with parameter j (< k + 1) at x. The optimiser
    /// sees correlations through tanh (so they stay in (−1, 1)) and sds, σ bounded below by 0.
    func variancePartDeviance(_ j: Int, _ x: Double, warm: inout [Double]) -> Double {
        let names = model.intervalParameterNames
        let free = (0...k).filter { $0 != j }
        let isCor = (0...k).map { $0 < k && names[$0].hasPrefix("cor_") }
        func full(_ z: [Double]) -> [Double] {
            var v = [Double](repeating: 0, count: k + 1)
            v[j] = x
            for (a, i) in free.enumerated() { v[i] = isCor[i] ? Foundation.tanh(z[a]) : z[a] }
            return v
        }
        guard !free.isEmpty else { return varianceDeviance([x]) }
        if warm.count != k + 1 { warm = estimates.prefix(k + 1).map { $0 } }
        let start = free.map { isCor[$0] ? Foundation.atanh(max(-0.999999, min(0.999999, warm[$0]))) : warm[$0] }
        let lower = free.map { isCor[$0] ? -Double.infinity : 0 }
        let fromML = free.map { isCor[$0] ? Foundation.atanh(max(-0.999999, min(0.999999, estimates[$0]))) : estimates[$0] }
        let best = Self.minimize([start, fromML], lower: lower) { self.varianceDeviance(full($0)) }
        warm = full(best.x)
        return best.value
    }

    /// min over θ (σ and the other β profiled) with β_c held at x: the ML profiled deviance of
    /// y − x·X_c on the other columns.
    func fixedDeviance(_ c: Int, _ x: Double, warm: inout [Double]) -> Double {
        let column = model.input.fixedColumns[c]
        var y = model.input.response
        for i in y.indices { y[i] -= x * column[i] }
        var others = model.input.fixedColumns
        others.remove(at: c)
        let f = ProfiledDeviance(response: y, fixed: others, terms: model.sortedTerms, method: .ml)
        var lower: [Double] = []
        for l in f.layouts { lower += l.lowerBounds }
        if warm.count != model.fit.theta.count { warm = model.fit.theta }
        let best = Self.minimize([warm, model.fit.theta], lower: lower) { f.deviance($0) }
        warm = best.x
        return best.value
    }

    /// The best of BOBYQA runs from each start, each restarted once from where it stopped (a
    /// fresh trust region): the inner optimisations of a profile must reach the minimum, or ζ
    /// is too large and the interval too short.
    static func minimize(_ starts: [[Double]], lower: [Double], _ f: @escaping ([Double]) -> Double) -> (x: [Double], value: Double) {
        if starts[0].count == 1 { return minimizeLine(starts.map { $0[0] }, lower: lower[0]) { f([$0]) } }
        var optimizer = BoundedOptimizer()
        optimizer.xtolRel = 1e-10
        optimizer.ftolRel = 1e-15
        var best: (x: [Double], value: Double) = (starts[0], .infinity)
        for start in starts {
            var x = start
            for _ in 0..<2 {
                let outcome = optimizer.minimize(start: x, lower: lower, f)
                x = outcome.x
                if outcome.value < best.value { best = (outcome.x, outcome.value) }
            }
        }
        return best
    }

}

extension Profiler {
    /// One-dimensional minimisation (BOBYQA needs two or more variables): the minimum is
    /// bracketed by stepping downhill from the best start, then located by golden-section search.
    static func minimizeLine(_ starts: [Double], lower: Double, _ f: (Double) -> Double) -> (x: [Double], value: Double) {
        var x0 = starts[0], f0 = f(x0)
        for s in starts.dropFirst() { let v = f(s); if v < f0 { x0 = s; f0 = v } }
        var h = max(abs(x0) * 0.05, 1e-4)
        // Which way is downhill?
        var x1 = x0 + h, f1 = f(x1)
        if f1 > f0 { h = -h; x1 = max(lower, x0 + h); f1 = f(x1) }
        var a = x0 - h, b = x1
        if f1 < f0 {
            var prev = x0
            x0 = x1; f0 = f1
            for _ in 0..<80 {
                h *= 2
                let x2 = h < 0 ? max(lower, x0 + h) : x0 + h
                let f2 = f(x2)
                if f2 >= f0 || x2 == lower { a = prev; b = x2; if f2 < f0 { x0 = x2; f0 = f2 }; break }
                prev = x0; x0 = x2; f0 = f2
            }
        } else {
            a = max(lower, x0 - abs(h)); b = x0 + abs(h)
        }
        var lo = min(a, b), hi = max(a, b)
        lo = max(lo, lower)
        let g = (5.0.squareRoot() - 1) / 2
        var c = hi - g * (hi - lo), d = lo + g * (hi - lo)
        var fc = f(c), fd = f(d)
        for _ in 0..<200 where hi - lo > 1e-13 * max(1, abs(c)) {
            if fc < fd { hi = d; d = c; fd = fc; c = hi - g * (hi - lo); fc = f(c) }
            else { lo = c; c = d; fc = fd; d = lo + g * (hi - lo); fd = f(d) }
        }
        let candidates = [(x0, f0), (c, fc), (d, fd), (lower, lower.isFinite ? f(lower) : .infinity)]
        let best = candidates.min { $0.1 < $1.1 }!
        return ([best.0], best.1)
    }
}

extension Profiler.Kind {
    var isCorrelation: Bool { if case .correlation = self { return true } else { return false } }
}
