import Foundation

/// A one-dimensional Gaussian kernel density estimate with Scott's bandwidth.
///
/// The bandwidth is `sd · n^(-1/5) · adjust` with the sample standard deviation (n − 1), which is
/// what scipy's `gaussian_kde` (and so seaborn's `kdeplot`) uses. The curve is evaluated on
/// `gridSize` evenly spaced points from `min − cut·bw` to `max + cut·bw` (seaborn: 200 and 3).
public struct KernelDensity: Sendable, Equatable {
    public let values: [Double]
    public let bandwidth: Double

    /// Throws when there are fewer than two values or they are all equal (no spread to smooth).
    public init(values: [Double], adjust: Double = 1, name: String = "density") throws {
        guard values.count >= 2 else {
            throw ChartError.invalidParameter("\(name): a density needs at least two values, got \(values.count)")
        }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let sd = variance.squareRoot()
        guard sd > 0, sd.isFinite else {
            throw ChartError.invalidParameter("\(name): all values are equal, so there is no density to draw")
        }
        guard adjust > 0, adjust.isFinite else {
            throw ChartError.invalidParameter("\(name): bandwidth adjustment must be positive")
        }
        self.values = values
        self.bandwidth = sd * pow(n, -0.2) * adjust
    }

    /// The estimated density at `x`.
    public func callAsFunction(_ x: Double) -> Double {
        let norm = 1 / (Double(values.count) * bandwidth * (2 * Double.pi).squareRoot())
        var sum = 0.0
        for v in values {
            let z = (x - v) / bandwidth
            sum += exp(-0.5 * z * z)
        }
        return sum * norm
    }

    /// The evaluation grid and the density on it.
    public func curve(gridSize: Int = 200, cut: Double = 3) -> (grid: [Double], density: [Double]) {
        let lo = (values.min() ?? 0) - cut * bandwidth
        let hi = (values.max() ?? 0) + cut * bandwidth
        let count = max(2, gridSize)
        let grid = (0..<count).map { lo + (hi - lo) * Double($0) / Double(count - 1) }
        return (grid, grid.map { self($0) })
    }
}
