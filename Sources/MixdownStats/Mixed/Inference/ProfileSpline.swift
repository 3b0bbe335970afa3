/// The interpolation lme4's `confint.thpr` applies to a profile: a natural cubic spline of ζ
/// through the profile points (R's `splines::interpSpline`), inverted piece by piece into a
/// spline of the parameter as a function of ζ (`backSpline`: on each interval the cubic in ζ
/// that matches both ends and their slopes 1/ζ'), evaluated at ±z. Outside the knots the back
/// spline is extended linearly (`predict.npolySpline`). When ζ is not monotone the spline is
/// refused and the points are joined by straight lines instead, with no value outside them.
struct ProfileSpline {
    let x: [Double]
    let zeta: [Double]

    /// Points sorted by x (distinct x).
    init(x: [Double], zeta: [Double]) {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var xs: [Double] = [], zs: [Double] = []
        for i in order where xs.last != x[i] { xs.append(x[i]); zs.append(zeta[i]) }
        self.x = xs
        self.zeta = zs
    }

    /// The parameter value where the profile reaches `target`, nil when it cannot be read
    /// (outside the points with linear interpolation).
    func value(at target: Double) -> Double? {
        let n = x.count
        let increasing = zip(zeta, zeta.dropFirst()).allSatisfy { $0 < $1 }
        guard n >= 4, increasing else { return linear(at: target) }
        let slope = naturalSplineSlopes()
        guard slope.allSatisfy({ $0 > 0 && $0.isFinite }) else { return linear(at: target) }
        let d = slope.map { 1 / $0 }
        if target <= zeta[0] { return target == zeta[0] ? x[0] : x[0] + d[0] * (target - zeta[0]) }
        if target > zeta[n - 1] { return x[n - 1] + d[n - 1] * (target - zeta[n - 1]) }
        var i = 0
        while !(zeta[i] < target && target <= zeta[i + 1]) { i += 1 }
        let h = zeta[i + 1] - zeta[i], dx = x[i + 1] - x[i]
        // [h² h³; 2h 3h²] [c3 c4]' = [dx − h d_i, d_{i+1} − d_i]'
        let r1 = dx - h * d[i], r2 = d[i + 1] - d[i]
        let det = h * h * 3 * h * h - h * h * h * 2 * h
        let c3 = (r1 * 3 * h * h - h * h * h * r2) / det
        let c4 = (h * h * r2 - 2 * h * r1) / det
        let t = target - zeta[i]
        return x[i] + d[i] * t + c3 * t * t + c4 * t * t * t
    }

    /// dζ/dx at the knots of the natural cubic interpolating spline (second derivative zero at
    /// both ends), from the tridiagonal system of its second derivatives.
    func naturalSplineSlopes() -> [Double] {
        let n = x.count
        let h = (0..<(n - 1)).map { x[$0 + 1] - x[$0] }
        var m = [Double](repeating: 0, count: n)
        if n > 2 {
            let k = n - 2
            var diag = [Double](repeating: 0, count: k), rhs = [Double](repeating: 0, count: k)
            var sub = [Double](repeating: 0, count: k), sup = [Double](repeating: 0, count: k)
            for j in 0..<k {
                let i = j + 1
                diag[j] = 2 * (h[i - 1] + h[i])
                sub[j] = h[i - 1]
                sup[j] = h[i]
                rhs[j] = 6 * ((zeta[i + 1] - zeta[i]) / h[i] - (zeta[i] - zeta[i - 1]) / h[i - 1])
            }
            for j in 1..<max(k, 1) {
                let w = sub[j] / diag[j - 1]
                diag[j] -= w * sup[j - 1]
                rhs[j] -= w * rhs[j - 1]
            }
            var sol = [Double](repeating: 0, count: k)
            var j = k - 1
            while j >= 0 {
                sol[j] = (rhs[j] - (j + 1 < k ? sup[j] * sol[j + 1] : 0)) / diag[j]
                j -= 1
            }
            for j in 0..<k { m[j + 1] = sol[j] }
        }
        var slope = [Double](repeating: 0, count: n)
        for i in 0..<(n - 1) { slope[i] = (zeta[i + 1] - zeta[i]) / h[i] - h[i] * (2 * m[i] + m[i + 1]) / 6 }
        slope[n - 1] = (zeta[n - 1] - zeta[n - 2]) / h[n - 2] + h[n - 2] * (m[n - 2] + 2 * m[n - 1]) / 6
        return slope
    }

    /// R's `approxfun(ζ, x)(target)`: straight lines between the points (sorted by ζ), nil
    /// outside them.
    func linear(at target: Double) -> Double? {
        let order = zeta.indices.sorted { zeta[$0] < zeta[$1] }
        let z = order.map { zeta[$0] }, xs = order.map { x[$0] }
        guard let lo = z.first, let hi = z.last, target >= lo, target <= hi else { return nil }
        var i = 0
        while i + 1 < z.count && z[i + 1] < target { i += 1 }
        if i + 1 >= z.count || z[i + 1] == z[i] { return xs[i] }
        return xs[i] + (xs[i + 1] - xs[i]) * (target - z[i]) / (z[i + 1] - z[i])
    }
}
