import Foundation

/// A formula transform whose result depends on the data it is fitted on, as R's `scale`,
/// centring, and `poly` (orthogonal polynomials). Its parameters are computed once from the
/// fitting data (missing values left out) and reused for new data, as R's `makepredictcall`.
public enum DataTransform: Hashable, Sendable {
    /// `center(x)`: x minus its mean.
    case center
    /// `scale(x)`: (x − mean) / sd, with the n − 1 standard deviation (R's `scale`).
    case scale
    /// Column `column` (0-based) of R's `poly(x, degree)`.
    case poly(degree: Int, column: Int)

    /// The transform whose parameters this one shares (all columns of one `poly`).
    var stateKey: DataTransform {
        if case .poly(let d, _) = self { return .poly(degree: d, column: 0) }
        return self
    }

    /// The parameters fitted on `x`: [mean], [mean, sd], or poly's α₀…α_{d−1} then norm²₀…norm²_d.
    func parameters(for x: [Double]) throws -> [Double] {
        let v = x.filter { !$0.isNaN }
        guard !v.isEmpty else { throw ModelError(.input, "a transform needs at least one value that is not missing") }
        let mean = v.reduce(0, +) / Double(v.count)
        switch self {
        case .center: return [mean]
        case .scale:
            guard v.count > 1 else { throw ModelError(.input, "scale() needs at least two values") }
            let sd = (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)).squareRoot()
            guard sd > 0 else { throw ModelError(.input, "scale() of a constant column divides by a zero standard deviation") }
            return [mean, sd]
        case .poly(let degree, _):
            guard degree < Set(v).count else {
                throw ModelError(.input, "poly() needs a degree (\(degree)) less than the number of distinct values (\(Set(v).count))")
            }
            return DataTransform.stieltjes(v, degree: degree)
        }
    }

    /// The three-term recurrence of monic orthogonal polynomials over the points `x`
    /// (what R's `poly` stores as `coefs`): α_k and norm²_k = Σ p_k(x)².
    static func stieltjes(_ x: [Double], degree: Int) -> [Double] {
        var alpha: [Double] = [], norm2: [Double] = [Double(x.count)]
        var previous = [Double](repeating: 0, count: x.count), current = [Double](repeating: 1, count: x.count)
        for k in 0..<degree {
            let a = zip(x, current).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } / norm2[k]
            alpha.append(a)
            let ratio = k == 0 ? 0 : norm2[k] / norm2[k - 1]
            let next = (0..<x.count).map { (x[$0] - a) * current[$0] - ratio * previous[$0] }
            previous = current
            current = next
            norm2.append(next.reduce(0) { $0 + $1 * $1 })
        }
        return alpha + norm2
    }

    /// The transformed values (missing stays missing).
    func apply(_ x: [Double], parameters p: [Double]) -> [Double] {
        switch self {
        case .center: return x.map { $0 - p[0] }
        case .scale: return x.map { ($0 - p[0]) / p[1] }
        case .poly(let degree, let column):
            let alpha = Array(p[0..<degree]), norm2 = Array(p[degree...])
            return x.map { xi in
                var previous = 0.0, current = 1.0
                for k in 0...column {
                    let ratio = k == 0 ? 0 : norm2[k] / norm2[k - 1]
                    let next = (xi - alpha[k]) * current - ratio * previous
                    previous = current
                    current = next
                }
                return current / norm2[column + 1].squareRoot()
            }
        }
    }
}
