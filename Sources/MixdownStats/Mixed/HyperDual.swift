import Foundation

/// A hyper-dual number a + b ε₁ + c ε₂ + d ε₁ε₂ (ε₁² = ε₂² = 0): propagating it through a
/// function gives the exact second mixed partial derivative in `d` (Fike & Alonso 2011), used
/// for the Hessian that statsmodels' standard errors come from.
struct HyperDual: Sendable {
    var a: Double
    var b: Double
    var c: Double
    var d: Double

    init(_ a: Double, _ b: Double = 0, _ c: Double = 0, _ d: Double = 0) {
        self.a = a; self.b = b; self.c = c; self.d = d
    }

    static let zero = HyperDual(0)

    static func + (x: HyperDual, y: HyperDual) -> HyperDual {
        HyperDual(x.a + y.a, x.b + y.b, x.c + y.c, x.d + y.d)
    }
    static func - (x: HyperDual, y: HyperDual) -> HyperDual {
        HyperDual(x.a - y.a, x.b - y.b, x.c - y.c, x.d - y.d)
    }
    static prefix func - (x: HyperDual) -> HyperDual { HyperDual(-x.a, -x.b, -x.c, -x.d) }
    static func * (x: HyperDual, y: HyperDual) -> HyperDual {
        HyperDual(x.a * y.a, x.a * y.b + x.b * y.a, x.a * y.c + x.c * y.a,
                  x.a * y.d + x.b * y.c + x.c * y.b + x.d * y.a)
    }
    static func * (x: Double, y: HyperDual) -> HyperDual { HyperDual(x * y.a, x * y.b, x * y.c, x * y.d) }
    static func / (x: HyperDual, y: HyperDual) -> HyperDual { x * y.reciprocal }
    static func += (x: inout HyperDual, y: HyperDual) { x = x + y }
    static func -= (x: inout HyperDual, y: HyperDual) { x = x - y }

    /// 1/x, with f' = −1/a², f'' = 2/a³.
    var reciprocal: HyperDual {
        let f0 = 1 / a, f1 = -f0 * f0, f2 = 2 * f0 * f0 * f0
        return HyperDual(f0, f1 * b, f1 * c, f1 * d + f2 * b * c)
    }

    /// Natural logarithm (of a positive value).
    var log: HyperDual {
        let f1 = 1 / a, f2 = -f1 * f1
        return HyperDual(Foundation.log(a), f1 * b, f1 * c, f1 * d + f2 * b * c)
    }
}

/// Small dense LU factorisation with partial pivoting over hyper-dual numbers (row-major k×k),
/// reusable without reallocation across the many per-group factorisations of the Hessian.
struct HyperDualLU {
    private var lu: [HyperDual]
    private var perm: [Int]
    private var tmp: [HyperDual]
    let k: Int
    /// log|det|, with its derivatives.
    private(set) var logAbsDet = HyperDual.zero
    private(set) var isSingular = false

    init(k: Int) {
        self.k = k
        lu = [HyperDual](repeating: .zero, count: k * k)
        perm = Array(0..<k)
        tmp = [HyperDual](repeating: .zero, count: k)
    }

    init(_ m: [HyperDual], k: Int) {
        self.init(k: k)
        factor(m)
    }

    /// Factors m (row-major k×k) into this object's storage.
    mutating func factor(_ m: [HyperDual]) {
        for i in 0..<(k * k) { lu[i] = m[i] }
        for i in 0..<k { perm[i] = i }
        isSingular = false
        var ld = HyperDual.zero
        for c in 0..<k {
            var piv = c
            for r in (c + 1)..<max(k, c + 1) where abs(lu[r * k + c].a) > abs(lu[piv * k + c].a) { piv = r }
            if lu[piv * k + c].a == 0 { isSingular = true; break }
            if piv != c {
                for j in 0..<k { lu.swapAt(c * k + j, piv * k + j) }
                perm.swapAt(c, piv)
            }
            let pv = lu[c * k + c]
            let sign: Double = pv.a < 0 ? -1 : 1
            ld += (sign * pv).log
            let inv = pv.reciprocal
            for r in (c + 1)..<max(k, c + 1) {
                let f = lu[r * k + c] * inv
                lu[r * k + c] = f
                for j in (c + 1)..<k { lu[r * k + j] -= f * lu[c * k + j] }
            }
        }
        logAbsDet = ld
    }

    /// Solves M x = b in place (b has k entries starting at `offset`).
    mutating func solve(_ b: inout [HyperDual], offset: Int = 0) {
        for i in 0..<k { tmp[i] = b[offset + perm[i]] }
        for i in 0..<k { for j in 0..<i { tmp[i] -= lu[i * k + j] * tmp[j] } }
        var i = k - 1
        while i >= 0 {
            for j in (i + 1)..<k { tmp[i] -= lu[i * k + j] * tmp[j] }
            tmp[i] = tmp[i] / lu[i * k + i]
            i -= 1
        }
        for i in 0..<k { b[offset + i] = tmp[i] }
    }
}
