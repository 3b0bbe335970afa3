/// Λ_B for the stacked other terms: block diagonal with one copy of term b's T_b per level, the
/// terms one after another (columns `offsets[b] + level·q_b + k`).
struct StackedLambda {
    let widths: [Int]
    let levels: [Int]
    let offsets: [Int]

    /// Number of columns (random effects of all the stacked terms).
    var order: Int { zip(widths, levels).reduce(0) { $0 + $1.0 * $1.1 } }

    init(terms: [RandomEffectTerm], offsets: [Int]) {
        widths = terms.map(\.width)
        levels = terms.map { $0.levels.count }
        self.offsets = offsets
    }

    /// M ← M Λ_B for M with `rows` rows and qB columns (column-major).
    func rightMultiply(_ m: inout [Double], rows: Int, t tB: [[Double]]) {
        var tmp = [Double](repeating: 0, count: rows * (widths.max() ?? 1))
        for (b, q) in widths.enumerated() {
            let t = tB[b]
            if q == 1 {
                let f = t[0]
                let c0 = offsets[b] * rows, c1 = (offsets[b] + levels[b]) * rows
                for i in c0..<c1 { m[i] *= f }
                continue
            }
            for l in 0..<levels[b] {
                let c0 = offsets[b] + l * q
                for c in 0..<q {
                    for r in 0..<rows {
                        var s = 0.0
                        for k in c..<q { s += m[(c0 + k) * rows + r] * t[c * q + k] }
                        tmp[c * rows + r] = s
                    }
                }
                for c in 0..<q { for r in 0..<rows { m[(c0 + c) * rows + r] = tmp[c * rows + r] } }
            }
        }
    }

    /// M ← Λ_B' M for M with qB rows and `columns` columns (column-major, leading dimension qB),
    /// one contiguous column at a time.
    func leftMultiplyTransposed(_ m: UnsafeMutablePointer<Double>, columns: Int, t tB: [[Double]]) {
        let qB = order
        for (b, q) in widths.enumerated() {
            tB[b].withUnsafeBufferPointer { t in
                for col in 0..<columns {
                    let v = m + col * qB + offsets[b]
                    if q == 1 {
                        let f = t[0]
                        for r in 0..<levels[b] { v[r] *= f }
                        continue
                    }
                    if q == 4 { Self.transposedTimes4(t.baseAddress!, v, levels: levels[b]); continue }
                    for l in 0..<levels[b] {
                        let x = v + l * q
                        // (T'x)[k] = Σ_{r ≥ k} T[r, k] x[r]; in increasing k each x[k] is read before it is overwritten.
                        for k in 0..<q {
                            var s = 0.0
                            for r in k..<q { s += t[k * q + r] * x[r] }
                            x[k] = s
                        }
                    }
                }
            }
        }
    }

    /// x ← T'x for each of `levels` consecutive 4-vectors x, T 4×4 lower (column-major), as
    /// T'x = Σ_r x[r]·(row r of T): the same products and order of sums as the general loop.
    private static func transposedTimes4(_ t: UnsafePointer<Double>, _ v: UnsafeMutablePointer<Double>, levels: Int) {
        let r0 = SIMD4(t[0], 0, 0, 0), r1 = SIMD4(t[1], t[5], 0, 0)
        let r2 = SIMD4(t[2], t[6], t[10], 0), r3 = SIMD4(t[3], t[7], t[11], t[15])
        let raw = UnsafeMutableRawPointer(v)
        for l in 0..<levels {
            let o = l * 4 * MemoryLayout<Double>.stride
            let x = raw.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
            raw.storeBytes(of: x[0] * r0 + x[1] * r1 + x[2] * r2 + x[3] * r3, toByteOffset: o, as: SIMD4<Double>.self)
        }
    }
}
