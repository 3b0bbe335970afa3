import Foundation

/// Small dense kernels (column-major, caller-owned storage) used by the mixed-model code for the
/// many tiny blocks it factors; plain loops beat BLAS calls at these sizes.
enum DenseKernels {
    /// dst = src · T for a column-major rows×q block `src` and a term's q×q relative covariance
    /// factor T (column-major, lower triangular): dst[c·rows + r] = Σ_{m≥c} src[m·rows + r] T[c·q + m].
    @inline(__always)
    static func timesFactor(_ src: UnsafePointer<Double>, rows: Int, _ t: UnsafePointer<Double>, _ q: Int,
                            into dst: UnsafeMutablePointer<Double>) {
        for c in 0..<q {
            for r in 0..<rows {
                var s = 0.0
                for m in c..<q { s += src[m * rows + r] * t[c * q + m] }
                dst[c * rows + r] = s
            }
        }
    }

    /// In-place lower Cholesky factor of the n×n symmetric matrix `a` (column-major, leading
    /// dimension n; only the lower triangle is read, the strict upper triangle is zeroed).
    /// Returns false if the matrix is not positive definite.
    @inline(__always)
    static func cholesky(_ a: UnsafeMutablePointer<Double>, _ n: Int) -> Bool {
        for j in 0..<n {
            var d = a[j * n + j]
            for k in 0..<j { let v = a[k * n + j]; d -= v * v }
            if !(d > 0) || !d.isFinite { return false }
            let ljj = d.squareRoot()
            a[j * n + j] = ljj
            var i = j + 1
            while i < n {
                var s = a[j * n + i]
                for k in 0..<j { s -= a[k * n + i] * a[k * n + j] }
                a[j * n + i] = s / ljj
                i += 1
            }
            for i in 0..<j { a[j * n + i] = 0 }
        }
        return true
    }

    /// Solves L x = b in place (L lower triangular n×n column-major), b with stride `stride`.
    @inline(__always)
    static func forwardSolve(_ l: UnsafePointer<Double>, _ n: Int, _ b: UnsafeMutablePointer<Double>, stride: Int) {
        for i in 0..<n {
            var s = b[i * stride]
            for k in 0..<i { s -= l[k * n + i] * b[k * stride] }
            b[i * stride] = s / l[i * n + i]
        }
    }

    /// Solves L' x = b in place (L lower triangular n×n column-major), b contiguous.
    @inline(__always)
    static func backSolveTransposed(_ l: UnsafePointer<Double>, _ n: Int, _ b: UnsafeMutablePointer<Double>) {
        var i = n - 1
        while i >= 0 {
            var s = b[i]
            var k = i + 1
            while k < n { s -= l[i * n + k] * b[k]; k += 1 }
            b[i] = s / l[i * n + i]
            i -= 1
        }
    }

    /// Inverse of a general k×k matrix (row-major [[Double]]) by Gauss–Jordan elimination with
    /// partial pivoting; nil if singular.
    static func inverse(_ m: [[Double]]) -> [[Double]]? {
        let k = m.count
        var a = m
        var inv = (0..<k).map { i in (0..<k).map { $0 == i ? 1.0 : 0.0 } }
        for c in 0..<k {
            var piv = c
            for r in c..<k where abs(a[r][c]) > abs(a[piv][c]) { piv = r }
            if a[piv][c] == 0 || !a[piv][c].isFinite { return nil }
            a.swapAt(c, piv); inv.swapAt(c, piv)
            let d = a[c][c]
            for j in 0..<k { a[c][j] /= d; inv[c][j] /= d }
            for r in 0..<k where r != c {
                let f = a[r][c]
                if f == 0 { continue }
                for j in 0..<k { a[r][j] -= f * a[c][j]; inv[r][j] -= f * inv[c][j] }
            }
        }
        return inv
    }
}
