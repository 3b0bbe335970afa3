import CLapack

/// The predicted random effects of one grouping factor with their conditional covariances
/// (lme4's `ranef(fit, condVar = TRUE)`): Var(b | y) = σ² Λ (Λ'Z'ZΛ + I)⁻¹ Λ' at the estimates,
/// its diagonal blocks per level.
public struct RandomEffectPrediction: Sendable, Equatable {
    public var group: String
    public var levels: [String]
    public var names: [String]
    /// values[level][effect].
    public var values: [[Double]]
    /// Conditional covariance per level (effect × effect).
    public var conditionalCovariance: [[[Double]]]
    /// Conditional standard deviations, [level][effect].
    public var conditionalStandardDeviations: [[Double]] {
        conditionalCovariance.map { m in m.indices.map { m[$0][$0].squareRoot() } }
    }
}

extension MixedModel {
    /// The largest number of random effects for which crossed or nested conditional variances
    /// are computed (a dense factorisation of that order).
    public static let maxDenseRandomEffects = 4000

    /// Predicted random effects of every grouping factor (input order) with conditional
    /// covariances.
    public func randomEffectPredictions() throws -> [RandomEffectPrediction] {
        try randomEffectPredictions(limit: Self.maxDenseRandomEffects)
    }

    /// `limit` bounds the number of random effects of a crossed or nested design (the order
    /// of the dense factorisation; its cost grows with the cube).
    public func randomEffectPredictions(limit: Int) throws -> [RandomEffectPrediction] {
        try randomEffectPredictions(theta: fit.theta, sigma2: fit.residualVariance, limit: limit)
    }

    /// The same at given θ and σ² (tests use lme4's); the modes are the fit's.
    func randomEffectPredictions(theta: [Double], sigma2: Double, limit: Int = maxDenseRandomEffects) throws -> [RandomEffectPrediction] {
        let sorted = sortedTerms
        let factors = relativeFactors(theta)
        let blocks: [[[[Double]]]]
        if sorted.count == 1 {
            blocks = [Self.singleTermBlocks(sorted[0], factors[0])]
        } else {
            blocks = try Self.denseBlocks(sorted, factors, limit: limit)
        }
        var out = [RandomEffectPrediction?](repeating: nil, count: sorted.count)
        for (s, i) in thetaOrder.enumerated() {
            let modes = fit.modes[i]
            let cov = blocks[s].map { $0.map { $0.map { $0 * sigma2 } } }
            out[i] = RandomEffectPrediction(group: modes.group, levels: modes.levels, names: modes.names,
                                            values: modes.values, conditionalCovariance: cov)
        }
        return out.compactMap { $0 }
    }

    /// T (T'Z_j'Z_jT + I)⁻¹ T' per level, for a model with one term.
    static func singleTermBlocks(_ term: RandomEffectTerm, _ t: [Double]) -> [[[Double]]] {
        let q = term.width
        var ztz = [[Double]](repeating: [Double](repeating: 0, count: q * q), count: term.levels.count)
        for (i, l) in term.levelIndex.enumerated() {
            for a in 0..<q { for b in 0..<q { ztz[Int(l)][b * q + a] += term.columns[a][i] * term.columns[b][i] } }
        }
        return ztz.map { g in
            var m = product(transposeOf(t, q), product(g, t, q), q)
            for a in 0..<q { m[a * q + a] += 1 }
            let inverse = DenseKernels.inverse((0..<q).map { r in (0..<q).map { c in m[c * q + r] } }) ?? []
            let inv = (0..<q).flatMap { c in (0..<q).map { r in inverse[r][c] } }
            let v = product(t, product(inv, transposeOf(t, q), q), q)
            return (0..<q).map { r in (0..<q).map { c in v[c * q + r] } }
        }
    }

    /// The per-level diagonal blocks of Λ (Λ'Z'ZΛ + I)⁻¹ Λ' for crossed or nested terms, from
    /// a dense factorisation.
    static func denseBlocks(_ terms: [RandomEffectTerm], _ factors: [[Double]], limit: Int) throws -> [[[[Double]]]] {
        var offsets: [Int] = []
        var total = 0
        for t in terms { offsets.append(total); total += t.width * t.levels.count }
        guard total <= limit else {
            throw MixedInferenceError.tooLarge(what: "the conditional variances of crossed or nested random effects",
                                               size: total, limit: limit)
        }
        // Column j of ZΛ for row i, as (index, value) pairs.
        let n = terms[0].levelIndex.count
        var a = [Double](repeating: 0, count: total * total)
        var idx: [Int] = [], val: [Double] = []
        for i in 0..<n {
            idx.removeAll(keepingCapacity: true); val.removeAll(keepingCapacity: true)
            for (s, term) in terms.enumerated() {
                let q = term.width, t = factors[s]
                let base = offsets[s] + Int(term.levelIndex[i]) * q
                for c in 0..<q {
                    var v = 0.0
                    for r in c..<q { v += term.columns[r][i] * t[c * q + r] }
                    idx.append(base + c); val.append(v)
                }
            }
            for x in idx.indices { for y in idx.indices { a[idx[y] * total + idx[x]] += val[x] * val[y] } }
        }
        for d in 0..<total { a[d * total + d] += 1 }
        let lower = CChar(UInt8(ascii: "L"))
        guard LAPACKE_dpotrf(LAPACK_COL_MAJOR, lower, Int32(total), &a, Int32(total)) == 0,
              LAPACKE_dpotri(LAPACK_COL_MAJOR, lower, Int32(total), &a, Int32(total)) == 0 else {
            throw MixedInferenceError.numerical("Λ'Z'ZΛ + I could not be factored")
        }
        return terms.enumerated().map { s, term in
            let q = term.width, t = factors[s]
            return (0..<term.levels.count).map { l in
                let o = offsets[s] + l * q
                var block = [Double](repeating: 0, count: q * q)
                for c in 0..<q { for r in 0..<q {
                    let (hi, lo) = r >= c ? (r, c) : (c, r)
                    block[c * q + r] = a[(o + lo) * total + o + hi]
                } }
                let v = product(t, product(block, transposeOf(t, q), q), q)
                return (0..<q).map { r in (0..<q).map { c in v[c * q + r] } }
            }
        }
    }

    /// A B for q×q column-major matrices.
    static func product(_ a: [Double], _ b: [Double], _ q: Int) -> [Double] {
        var out = [Double](repeating: 0, count: q * q)
        for c in 0..<q { for r in 0..<q {
            var s = 0.0
            for k in 0..<q { s += a[k * q + r] * b[c * q + k] }
            out[c * q + r] = s
        } }
        return out
    }

    static func transposeOf(_ a: [Double], _ q: Int) -> [Double] {
        var out = a
        for c in 0..<q { for r in 0..<q { out[r * q + c] = a[c * q + r] } }
        return out
    }
}
