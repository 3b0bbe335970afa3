/// Which entries of a term's lower-triangular relative covariance factor T are free parameters
/// (θ), in lme4's order: column by column down the lower triangle; only the diagonal for an
/// uncorrelated `(x || g)` term.
struct ThetaLayout: Sendable {
    /// Number of random effects per level (T is q×q).
    let q: Int
    /// Free positions (row, column) of T, in θ order.
    let positions: [(row: Int, col: Int)]

    init(q: Int, correlated: Bool) {
        self.q = q
        var pos: [(row: Int, col: Int)] = []
        for c in 0..<q {
            if correlated {
                for r in c..<q { pos.append((r, c)) }
            } else {
                pos.append((c, c))
            }
        }
        positions = pos
    }

    /// Lower bounds of the free parameters: 0 on the diagonal, unbounded below elsewhere.
    var lowerBounds: [Double] { positions.map { $0.row == $0.col ? 0 : -Double.infinity } }

    /// The starting value lme4 uses: T = identity.
    var start: [Double] { positions.map { $0.row == $0.col ? 1 : 0 } }

    /// Writes T (q×q column-major) from its free parameters.
    func fill(_ theta: ArraySlice<Double>, into t: inout [Double]) {
        for i in 0..<(q * q) { t[i] = 0 }
        var k = theta.startIndex
        for pos in positions {
            t[pos.col * q + pos.row] = theta[k]
            k += 1
        }
    }
}
