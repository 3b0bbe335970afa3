import CLapack

/// The response with its least-squares fit on X taken out, y − Xγ, before the cross-products are
/// accumulated: the model is the same (β = β' + γ; u, r², σ² unchanged), but y'y no longer
/// dwarfs the penalised residual sum, so the one-pass cross-products keep their digits at any
/// scale of y (at a million rows y + 1000 loses 1e-2 in logLik uncentred). Applied only when
/// y'y exceeds the least-squares residual sum more than `minimumGain` times (otherwise there are
/// no digits to win and the response is left as it is).
struct ResponseShift {
    static let minimumGain = 100.0

    /// γ, the least-squares coefficients of y on X (zero if X'X is not positive definite).
    let gamma: [Double]
    /// y − Xγ.
    let shifted: [Double]

    init(response: [Double], fixed: [[Double]]) {
        let p = fixed.count, n = Int32(response.count)
        var xtx = [Double](repeating: 0, count: p * p), g = [Double](repeating: 0, count: p)
        for a in 0..<p {
            g[a] = cblas_ddot(n, fixed[a], 1, response, 1)
            for b in a..<p { xtx[a * p + b] = cblas_ddot(n, fixed[a], 1, fixed[b], 1) }
        }
        let solved = p > 0 && xtx.withUnsafeMutableBufferPointer { L -> Bool in
            guard DenseKernels.cholesky(L.baseAddress!, p) else { return false }
            g.withUnsafeMutableBufferPointer { G in
                DenseKernels.forwardSolve(L.baseAddress!, p, G.baseAddress!, stride: 1)
                DenseKernels.backSolveTransposed(L.baseAddress!, p, G.baseAddress!)
            }
            return true
        }
        guard solved, g.allSatisfy(\.isFinite) else {
            gamma = [Double](repeating: 0, count: p)
            shifted = response
            return
        }
        var y = response
        for c in 0..<p where g[c] != 0 { cblas_daxpy(n, -g[c], fixed[c], 1, &y, 1) }
        guard cblas_ddot(n, response, 1, response, 1) > Self.minimumGain * cblas_ddot(n, y, 1, y, 1) else {
            gamma = [Double](repeating: 0, count: p)
            shifted = response
            return
        }
        gamma = g
        shifted = y
    }
}
