/// Λ_B for the stacked other terms: block diagonal with one copy of term b's T_b per level, the
/// terms one after another (columns `offsets[b] + level·q_b + k`).
struct StackedLambda {
    let widths: [Int]
    let levels: [Int]
    let offsets: [Int]

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
}
