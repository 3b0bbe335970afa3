import Dispatch
import Foundation

/// A parametric bootstrap of a mixed model, as lme4's `bootMer(fit, FUN, nsim)`: each
/// replicate simulates y* = Xβ̂ + Zb* + ε* from the fitted model (b* ~ N(0, σ̂²ΛΛ'),
/// ε* ~ N(0, σ̂²I)), refits it by the same method starting from θ̂, and records the interval
/// parameters (sd/cor, sigma, fixed effects). Deterministic for a seed; replicates are drawn in
/// order and refitted on two threads.
public struct ParametricBootstrap: Sendable {
    /// Parameter names (see `MixedModel.intervalParameterNames`).
    public let names: [String]
    /// One row per replicate.
    public let replicates: [[Double]]
    /// Replicates whose refit did not converge (kept, as lme4 keeps them).
    public let unconverged: Int

    public init(_ model: MixedModel, nsim: Int, seed: UInt64) throws {
        guard nsim > 0 else {
            throw MixedInferenceError.badArgument("bootstrap needs nsim > 0 replicates (got \(nsim)); 1000 is a common choice")
        }
        names = model.intervalParameterNames
        let sorted = model.sortedTerms
        let factors = model.relativeFactors(model.fit.theta)
        let sigma = model.fit.residualVariance.squareRoot()
        let mean = model.fit.fittedFixed
        var normals = SeededNormals(seed: seed)
        var responses: [[Double]] = []
        for _ in 0..<nsim {
            var y = mean
            for (s, term) in sorted.enumerated() {
                let q = term.width, t = factors[s]
                var b = [Double](repeating: 0, count: term.levels.count * q)
                for l in 0..<term.levels.count {
                    let u = (0..<q).map { _ in normals.next() }
                    for r in 0..<q {
                        var v = 0.0
                        for c in 0...r { v += t[c * q + r] * u[c] }
                        b[l * q + r] = sigma * v
                    }
                }
                for (i, l) in term.levelIndex.enumerated() {
                    for k in 0..<q { y[i] += b[Int(l) * q + k] * term.columns[k][i] }
                }
            }
            for i in y.indices { y[i] += sigma * normals.next() }
            responses.append(y)
        }
        var rows = [[Double]](repeating: [], count: nsim)
        var failed = [Bool](repeating: false, count: nsim)
        let workers = min(2, nsim)
        rows.withUnsafeMutableBufferPointer { out in
            failed.withUnsafeMutableBufferPointer { bad in
                let o = out.baseAddress!, f = bad.baseAddress!
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    for r in stride(from: w, to: nsim, by: workers) {
                        let (row, ok) = model.refit(response: responses[r])
                        o[r] = row
                        f[r] = !ok
                    }
                }
            }
        }
        replicates = rows
        unconverged = failed.filter { $0 }.count
    }

    /// Percentile intervals (R's type-7 quantiles) of every parameter at `level`.
    public func percentileIntervals(level: Double) -> [(lower: Double, upper: Double)] {
        let a = (1 - level) / 2
        return names.indices.map { j in
            let v = replicates.map { $0[j] }.filter(\.isFinite).sorted()
            return (MixedSummary.quantile(v, a), MixedSummary.quantile(v, 1 - a))
        }
    }
}

extension MixedModel {
    /// Refits this model's structure to another response (same X, Z, method), starting from θ̂;
    /// returns the interval parameters and whether the optimiser converged.
    func refit(response: [Double]) -> ([Double], Bool) {
        let model = devianceFunction(response: response)
        var lower: [Double] = []
        for l in model.layouts { lower += l.lowerBounds }
        let outcome = BoundedOptimizer().minimize(start: fit.theta, lower: lower) { model.deviance($0) }
        var theta = outcome.x
        for i in theta.indices where lower[i] == 0 && theta[i] < 0 { theta[i] = 0 }
        guard model.deviance(theta).isFinite else {
            return ([Double](repeating: .nan, count: intervalParameterNames.count), false)
        }
        let sigma = model.sigma2.squareRoot()
        let values = Self.standardDeviationsAndCorrelations(sortedTerms, factors: relativeFactors(theta), sigma: sigma)
            + [sigma] + model.beta()
        return (values, outcome.converged)
    }
}
