import CLapack

/// A column-pivoted Householder QR of an n × p matrix (LAPACK dgeqp3):
/// `X P = Q R`. Used for least squares, the inverse Gram matrix and the
/// numerical rank.
struct PivotedQR {
    let n: Int
    let p: Int
    /// The factored matrix (R in the upper triangle, reflectors below), column-major.
    private let a: [Double]
    private let tau: [Double]
    /// `pivot[k]` = original index of the k-th column of `X P` (0-based).
    let pivot: [Int]
    /// Numerical rank: number of |R_kk| above `max(n, p) · eps · |R_00|` (numpy's matrix_rank rule).
    let rank: Int

    init(columnMajor x: [Double], rows n: Int, columns p: Int) throws {
        precondition(x.count == n * p)
        self.n = n
        self.p = p
        var a = x
        var tau = [Double](repeating: 0, count: max(1, min(n, p)))
        var jpvt = [Int32](repeating: 0, count: max(1, p))
        // The _work variants skip LAPACKE's NaN scan of the whole matrix (missing values are
        // dropped before a fit, so there are none); query the workspace size first.
        var query = 0.0
        var info = LAPACKE_dgeqp3_work(LAPACK_COL_MAJOR, Int32(n), Int32(p), &a, Int32(max(1, n)), &jpvt, &tau, &query, -1)
        if info == 0 {
            var work = [Double](repeating: 0, count: max(1, Int(query)))
            info = LAPACKE_dgeqp3_work(LAPACK_COL_MAJOR, Int32(n), Int32(p), &a, Int32(max(1, n)), &jpvt, &tau,
                                       &work, Int32(work.count))
        }
        guard info == 0 else { throw ModelError(.fit, "the QR decomposition failed (LAPACK dgeqp3 info \(info))") }
        self.a = a
        self.tau = tau
        self.pivot = jpvt.prefix(p).map { Int($0) - 1 }
        let k = min(n, p)
        if k == 0 {
            rank = 0
        } else {
            let r00 = abs(a[0])
            let tol = r00 * Double(max(n, p)) * Double.ulpOfOne
            var r = 0
            while r < k, abs(a[r * n + r]) > tol { r += 1 }
            rank = r00 == 0 ? 0 : r
        }
    }

    /// Least-squares coefficients for `y` (original column order); requires full rank.
    func solve(_ y: [Double]) throws -> [Double] {
        var c = y
        let left = CChar(UInt8(ascii: "L")), transpose = CChar(UInt8(ascii: "T"))
        var query = 0.0
        var info = LAPACKE_dormqr_work(LAPACK_COL_MAJOR, left, transpose, Int32(n), 1, Int32(p), a, Int32(n), tau,
                                       &c, Int32(n), &query, -1)
        if info == 0 {
            var work = [Double](repeating: 0, count: max(1, Int(query)))
            info = LAPACKE_dormqr_work(LAPACK_COL_MAJOR, left, transpose, Int32(n), 1, Int32(p), a, Int32(n), tau,
                                       &c, Int32(n), &work, Int32(work.count))
        }
        guard info == 0 else { throw ModelError(.fit, "applying Q failed (LAPACK dormqr info \(info))") }
        info = LAPACKE_dtrtrs_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "N")),
                              Int32(p), 1, a, Int32(n), &c, Int32(n))
        guard info == 0 else { throw ModelError(.fit, "the triangular solve failed (LAPACK dtrtrs info \(info))") }
        var beta = [Double](repeating: 0, count: p)
        for k in 0..<p { beta[pivot[k]] = c[k] }
        return beta
    }

    /// `(X'X)^{-1}` in the original column order (p × p, column-major); requires full rank.
    func inverseGram() throws -> [Double] {
        // R^{-1}
        var rinv = [Double](repeating: 0, count: p * p)
        for j in 0..<p { for i in 0...j { rinv[j * p + i] = a[j * n + i] } }
        let info = LAPACKE_dtrtri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), CChar(UInt8(ascii: "N")), Int32(p), &rinv, Int32(p))
        guard info == 0 else { throw ModelError(.fit, "the design matrix is singular (LAPACK dtrtri info \(info))") }
        // (R'R)^{-1} = R^{-1} R^{-T}, then undo the pivoting.
        var out = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in i..<p {
                var s = 0.0
                for k in j..<p { s += rinv[k * p + i] * rinv[k * p + j] }
                let oi = pivot[i], oj = pivot[j]
                out[oj * p + oi] = s
                out[oi * p + oj] = s
            }
        }
        return out
    }
}
