/// Numerical derivatives by central differences with Richardson extrapolation, the scheme of
/// R's numDeriv (`grad`, `jacobian`, `hessian` via `genD`: relative step d = 1e-4, four
/// halvings, extrapolated to order 8) that lmerTest uses; the same scheme gives the same digits.
struct RichardsonDerivatives {
    var relativeStep = 1e-4
    var absoluteStep = 1e-4
    var zeroTolerance = (Double.ulpOfOne / 7e-7).squareRoot()
    var rounds = 4
    var reduction = 2.0

    func initialSteps(_ x: [Double]) -> [Double] {
        x.map { abs(relativeStep * $0) + (abs($0) < zeroTolerance ? absoluteStep : 0) }
    }

    /// Richardson's extrapolation of a sequence of estimates with steps shrinking by 1/2.
    func extrapolate(_ a: [[Double]]) -> [Double] {
        var a = a
        for m in 1..<rounds {
            let f = Double(1 << (2 * m))
            for k in 0..<(rounds - m) {
                for i in a[k].indices { a[k][i] = (a[k + 1][i] * f - a[k][i]) / (f - 1) }
            }
        }
        return a[0]
    }

    /// d f / d x_j for a vector-valued f: result[j] is the derivative vector along x_j.
    func jacobian(_ f: ([Double]) -> [Double], at x: [Double]) -> [[Double]] {
        let h0 = initialSteps(x)
        return x.indices.map { j in
            var h = h0[j]
            var a: [[Double]] = []
            for _ in 0..<rounds {
                var xp = x, xm = x
                xp[j] += h; xm[j] -= h
                let fp = f(xp), fm = f(xm)
                a.append(fp.indices.map { (fp[$0] - fm[$0]) / (2 * h) })
                h /= reduction
            }
            return extrapolate(a)
        }
    }

    /// The Hessian of a scalar f (numDeriv's `genD` layout of evaluations).
    func hessian(_ f: ([Double]) -> Double, at x: [Double]) -> [[Double]] {
        let n = x.count
        let h0 = initialSteps(x)
        let f0 = f(x)
        var diag = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var h = h0
            var a: [[Double]] = []
            for _ in 0..<rounds {
                var xp = x, xm = x
                xp[i] += h[i]; xm[i] -= h[i]
                a.append([(f(xp) - 2 * f0 + f(xm)) / (h[i] * h[i])])
                h = h.map { $0 / reduction }
            }
            diag[i] = extrapolate(a)[0]
        }
        var out = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            out[i][i] = diag[i]
            for j in 0..<i {
                var h = h0
                var a: [[Double]] = []
                for _ in 0..<rounds {
                    var xp = x, xm = x
                    xp[i] += h[i]; xp[j] += h[j]; xm[i] -= h[i]; xm[j] -= h[j]
                    let num = f(xp) - 2 * f0 + f(xm) - diag[i] * h[i] * h[i] - diag[j] * h[j] * h[j]
                    a.append([num / (2 * h[i] * h[j])])
                    h = h.map { $0 / reduction }
                }
                out[i][j] = extrapolate(a)[0]
                out[j][i] = out[i][j]
            }
        }
        return out
    }
}
