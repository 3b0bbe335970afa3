/// Sums with Neumaier's compensation, so a sum over a million rows keeps its last digits.
enum CompensatedSum {
    /// Σ xᵢ² with the rounding error of each addition carried along.
    static func ofSquares(_ x: [Double]) -> Double {
        var sum = 0.0, carry = 0.0
        for v in x {
            let term = v * v
            let t = sum + term
            carry += abs(sum) >= term ? (sum - t) + term : (term - t) + sum
            sum = t
        }
        return sum + carry
    }
}
