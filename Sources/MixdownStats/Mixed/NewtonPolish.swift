/// Refines an interior optimum of a smooth function by Newton steps on central-difference
/// gradients and Hessians. BOBYQA stops when its trust region is small, which on the flat
/// profiled deviance can leave θ a few 1e-5 off; a handful of Newton steps bring it to ~1e-9.
/// Parameters at a zero lower bound (a singular fit) are held fixed.
struct NewtonPolish {
    var maxIterations = 4
    /// Relative round-off level of the function; gains below it are noise. The profiled
    /// deviance sums n terms, so its error grows roughly like sqrt(n) ulps.
    var noise = 1e-15
    /// A full Newton step gaining less than this (absolute, in deviance units) ends the polish:
    /// convergence is quadratic, so the next step would gain orders of magnitude less.
    var settledGain = 1e-5
    /// More free parameters than this are left as BOBYQA returns them: the finite-difference
    /// Hessian costs k² + k evaluations per step.
    var maxParameters = 8

    func refine(_ x0: [Double], lower: [Double], _ f: ([Double]) -> Double) -> [Double] {
        var x = x0
        var fx = f(x)
        guard fx.isFinite else { return x0 }
        let free = x.indices.filter { !(lower[$0] == 0 && x[$0] < 1e-6) }
        let k = free.count
        guard k > 0, k <= maxParameters else { return x }
        for _ in 0..<maxIterations {
            let h = free.map { 1e-4 * max(1, abs(x[$0])) }
            var g = [Double](repeating: 0, count: k)
            var hess = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            var fp = [Double](repeating: 0, count: k), fm = [Double](repeating: 0, count: k)
            for a in 0..<k {
                var xp = x; xp[free[a]] += h[a]
                var xm = x; xm[free[a]] -= h[a]
                if xm[free[a]] < lower[free[a]] { return x }
                fp[a] = f(xp); fm[a] = f(xm)
                g[a] = (fp[a] - fm[a]) / (2 * h[a])
                hess[a][a] = (fp[a] - 2 * fx + fm[a]) / (h[a] * h[a])
            }
            for a in 0..<k {
                for b in (a + 1)..<max(k, a + 1) {
                    var pp = x; pp[free[a]] += h[a]; pp[free[b]] += h[b]
                    var mm = x; mm[free[a]] -= h[a]; mm[free[b]] -= h[b]
                    let v = (f(pp) - fp[a] - fp[b] + 2 * fx - fm[a] - fm[b] + f(mm)) / (2 * h[a] * h[b])
                    hess[a][b] = v; hess[b][a] = v
                }
            }
            guard let inv = DenseKernels.inverse(hess), (0..<k).allSatisfy({ hess[$0][$0] > 0 }) else { return x }
            var step = (0..<k).map { a in -(0..<k).reduce(0.0) { $0 + inv[a][$1] * g[$1] } }
            // Newton direction must be a descent direction, and promise a gain above the noise
            // of the deviance (round-off grows with the number of rows).
            let predicted = -0.5 * zip(step, g).reduce(0.0, { $0 + $1.0 * $1.1 })
            if predicted <= noise * max(1, abs(fx)) { return x }
            var improved = false
            for halving in 0..<12 {
                var xn = x
                for a in 0..<k { xn[free[a]] = max(lower[free[a]], x[free[a]] + step[a]) }
                let fn = f(xn)
                if fn.isFinite && fn <= fx {
                    let moved = (0..<k).map { abs(xn[free[$0]] - x[free[$0]]) / max(1, abs(x[free[$0]])) }.max() ?? 0
                    let gain = fx - fn
                    x = xn; fx = fn; improved = true
                    // Converged: a step at the finite-difference noise level or no measurable gain.
                    if moved < 1e-10 || gain <= noise * max(1, abs(fx)) || (halving == 0 && gain < settledGain) { return x }
                    break
                }
                step = step.map { $0 / 2 }
            }
            if !improved { return x }
        }
        return x
    }
}
