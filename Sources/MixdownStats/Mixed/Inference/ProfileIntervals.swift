import Foundation

/// Profile-likelihood intervals, as lme4's `confint(fit, method = "profile")`: for each
/// interval parameter (sd/cor of the random effects, sigma, fixed effects) the signed root
/// deviance ζ(x) = sign(x − x̂) √(d(x) − d̂), where d(x) is the ML deviance minimised over the
/// other parameters with this one held at x, is followed outwards from the ML estimate until
/// |ζ| = √χ²₁(level); the crossing is located by root finding on ζ itself (lme4 interpolates ζ
/// with a spline through its profile points; the two agree to the spline's accuracy). A REML
/// fit is profiled by ML, as lme4 does. A standard deviation whose profile stays below the
/// cutoff down to zero gets 0 as its lower limit (lme4's answer, also on a singular fit); a
/// correlation likewise gets ±1.
public struct ProfileIntervals: Sendable {
    public let names: [String]
    public let lower: [Double]
    public let upper: [Double]

    public init(_ model: MixedModel, level: Double = 0.95) throws {
        guard level > 0 && level < 1 else {
            throw MixedInferenceError.badArgument("level must be between 0 and 1 (got \(level))")
        }
        let ml = try model.refitted(.ml)
        let cutoff = Distributions.chiSquaredQuantile(level, df: 1).squareRoot()
        let profiler = Profiler(ml)
        var lo: [Double] = [], hi: [Double] = []
        let estimates = ml.intervalParameterValues
        let k = ml.varianceParameterCount
        let se = ml.fit.fixedCovarianceGLS.indices.map { ml.fit.fixedCovarianceGLS[$0][$0].squareRoot() }
        for j in estimates.indices {
            let kind: Profiler.Kind = j < k ? (ml.intervalParameterNames[j].hasPrefix("cor_") ? .correlation : .standardDeviation)
                : j == k ? .standardDeviation : .fixed(j - k - 1)
            let scale: Double
            switch kind {
            case .fixed(let c): scale = se[c]
            case .correlation: scale = 0.1
            case .standardDeviation: scale = max(abs(estimates[j]) * 0.2, estimates[k] * 0.05)
            }
            for direction in [-1.0, 1.0] {
                let limit = try profiler.crossing(parameter: j, kind: kind, from: estimates[j], step: direction * scale,
                                                  target: direction * cutoff)
                if direction < 0 { lo.append(limit) } else { hi.append(limit) }
            }
        }
        names = ml.intervalParameterNames
        lower = lo
        upper = hi
    }
}

/// The profiled deviance of one interval parameter and the search for its cutoff crossing.
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

    /// The x where ζ reaches `target`, searching from `from` in steps of `step` (doubling), then
    /// by bisection refined with the secant rule; the parameter's boundary when ζ never gets there.
    func crossing(parameter j: Int, kind: Kind, from x0: Double, step: Double, target: Double) throws -> Double {
        var warm: [Double] = []
        var a = x0, za = 0.0
        var h = step
        let boundary: Double?
        switch kind {
        case .fixed: boundary = nil
        case .correlation: boundary = step < 0 ? -1 : 1
        case .standardDeviation: boundary = step < 0 ? 0 : nil
        }
        if case .standardDeviation = kind, step < 0, x0 <= 0 { return 0 }
        var b = x0, zb = 0.0
        for _ in 0..<60 {
            b = a + h
            if let bd = boundary, (step < 0 ? b <= bd : b >= bd) {
                let edge = bd - (step < 0 ? -1 : 1) * (kind.isCorrelation ? 1e-9 : 0)
                let ze = zeta(j, kind, edge, warm: &warm)
                if abs(ze) < abs(target) { return bd }
                b = edge; zb = ze
                break
            }
            zb = zeta(j, kind, b, warm: &warm)
            guard zb.isFinite else { throw MixedInferenceError.numerical("the profile of '\(model.intervalParameterNames[j])' could not be followed") }
            if abs(zb) >= abs(target) { break }
            a = b; za = zb
            h *= 2
        }
        guard abs(zb) >= abs(target) else {
            throw MixedInferenceError.numerical("the profile of '\(model.intervalParameterNames[j])' does not reach the cutoff")
        }
        // Bracket [a, b] with |ζ(a)| < |target| ≤ |ζ(b)|: Illinois regula falsi.
        var fa = za - target, fb = zb - target
        var side = 0
        for _ in 0..<100 {
            let c = (a * fb - b * fa) / (fb - fa)
            let fc = zeta(j, kind, c, warm: &warm) - target
            if abs(fc) < 1e-10 || abs(b - a) < 1e-12 * max(1, abs(c)) { return c }
            if (fc > 0) == (fb > 0) {
                b = c; fb = fc
                if side == -1 { fa /= 2 }
                side = -1
            } else {
                a = c; fa = fc
                if side == 1 { fb /= 2 }
                side = 1
            }
        }
        return (a + b) / 2
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
