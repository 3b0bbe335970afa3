/// A t test of one linear combination of coefficients, `c'β = value`
/// (statsmodels' `t_test`, printed there as "Test for Constraints").
public struct TTestResult: Hashable, Sendable {
    /// The contrast weights, one per coefficient.
    public let contrast: [Double]
    /// The hypothesised value of `c'β`.
    public let value: Double
    /// `c'β`.
    public let estimate: Double
    public let stdErr: Double
    /// `(c'β − value) / stdErr`.
    public let stat: Double
    public let df: Double
    /// Two-sided p value.
    public let pValue: Double
    /// 95 % confidence interval of `c'β`.
    public let ciLow: Double
    public let ciHigh: Double

    /// statsmodels-style block: "Test for Constraints" and one row `c0`.
    public func summary() -> String {
        let width = 78
        let title = "Test for Constraints"
        var lines = [String(repeating: " ", count: (width - title.count) / 2) + title, String(repeating: "=", count: width)]
        let row = CoefficientRow(name: "c0", estimate: estimate, stdErr: stdErr, stat: stat, pValue: pValue,
                                 ciLow: ciLow, ciHigh: ciHigh)
        lines += OLSFit.coefficientTable([row], statName: "t", pName: "P>|t|", width: width)
        lines.append(String(repeating: "=", count: width))
        return lines.joined(separator: "\n") + "\n"
    }
}

extension OLSFit {
    /// Tests `c'β = value` for contrast weights `c` (one per coefficient).
    public func tTest(contrast c: [Double], value: Double = 0, alpha: Double = 0.05) throws -> TTestResult {
        let p = params.count
        guard c.count == p else {
            throw ModelError(.input, "the contrast has \(c.count) weights but the model has \(p) coefficients (\(names.joined(separator: ", ")))")
        }
        var estimate = 0.0
        for j in 0..<p { estimate += c[j] * params[j] }
        let cov = covParams
        var v = 0.0
        for a in 0..<p { for b in 0..<p { v += c[a] * cov[b * p + a] * c[b] } }
        let se = max(v, 0).squareRoot()
        let t = (estimate - value) / se
        let q = Distributions.tQuantile(1 - alpha / 2, df: dfResid)
        return TTestResult(contrast: c, value: value, estimate: estimate, stdErr: se, stat: t, df: dfResid,
                           pValue: Distributions.tTwoSidedP(t, df: dfResid),
                           ciLow: estimate - q * se, ciHigh: estimate + q * se)
    }

    /// Tests a hypothesis written with coefficient names, as statsmodels
    /// accepts it: `"edu = 0"`, `"edu"`, `"classroom[T.c1] - classroom[T.c2] = 0"`, `"2*edu + Intercept = 1"`.
    public func tTest(_ hypothesis: String, alpha: Double = 0.05) throws -> TTestResult {
        let (c, value) = try HypothesisParser.parse(hypothesis, names: names)
        return try tTest(contrast: c, value: value, alpha: alpha)
    }
}

/// Parses a linear hypothesis over named coefficients into weights and a value.
enum HypothesisParser {
    static func parse(_ text: String, names: [String]) throws -> (weights: [Double], value: Double) {
        let sides = text.split(separator: "=", omittingEmptySubsequences: false)
        guard sides.count <= 2 else { throw ModelError(.input, "a hypothesis has at most one '=': \(text)") }
        var weights = [Double](repeating: 0, count: names.count)
        var constant = 0.0
        try accumulate(String(sides[0]), sign: 1, names: names, weights: &weights, constant: &constant, text: text)
        if sides.count == 2 {
            try accumulate(String(sides[1]), sign: -1, names: names, weights: &weights, constant: &constant, text: text)
        }
        guard weights.contains(where: { $0 != 0 }) else {
            throw ModelError(.input, "the hypothesis '\(text)' names no coefficient (coefficients: \(names.joined(separator: ", ")))")
        }
        return (weights, -constant)
    }

    /// Adds `sign ×` one side (a sum of `[number *] name` or `number` items).
    private static func accumulate(_ side: String, sign: Double, names: [String], weights: inout [Double],
                                   constant: inout Double, text: String) throws {
        let chars = Array(side)
        var i = 0
        var termSign = 1.0
        var expectTerm = true
        func skipSpaces() { while i < chars.count, chars[i].isWhitespace { i += 1 } }
        func readToken() -> String {
            var s = ""
            var depth = 0
            while i < chars.count {
                let c = chars[i]
                if c == "[" { depth += 1 }
                if c == "]" { depth -= 1 }
                if depth == 0 && (c == "+" || c == "-" || c == "*" || c.isWhitespace) && !s.isEmpty { break }
                s.append(c)
                i += 1
            }
            return s
        }
        skipSpaces()
        if i == chars.count { throw ModelError(.input, "a side of the hypothesis '\(text)' is empty") }
        while true {
            skipSpaces()
            if i == chars.count { break }
            if chars[i] == "+" || chars[i] == "-" {
                if chars[i] == "-" { termSign = -termSign }
                i += 1
                expectTerm = true
                continue
            }
            guard expectTerm else { throw ModelError(.input, "expected '+' or '-' in the hypothesis '\(text)'") }
            var coef = 1.0
            var token = readToken()
            skipSpaces()
            if let number = Double(token) {
                if i < chars.count, chars[i] == "*" {
                    i += 1
                    skipSpaces()
                    coef = number
                    token = readToken()
                } else {
                    constant += sign * termSign * number
                    termSign = 1
                    expectTerm = false
                    continue
                }
            }
            guard let k = names.firstIndex(of: token) else {
                var message = "unknown coefficient '\(token)' in the hypothesis '\(text)'"
                if let s = closestName(to: token, in: names) { message += " (did you mean '\(s)'?)" }
                throw ModelError(.input, message)
            }
            weights[k] += sign * termSign * coef
            termSign = 1
            expectTerm = false
        }
        if expectTerm { throw ModelError(.input, "the hypothesis '\(text)' ends with an operator") }
    }
}
