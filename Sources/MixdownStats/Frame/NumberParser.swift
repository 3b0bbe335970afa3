import Foundation

/// Parses decimal numbers from raw bytes, correctly rounded: a fast exact path
/// (Clinger: ≤ 19 significant digits forming an integer ≤ 2^53 and a power of
/// ten ≤ 22), otherwise `strtod` on the already validated text.
enum NumberParser {

    /// The number in `bytes[0..<count]` (surrounding spaces allowed), or nil if
    /// the text is not a decimal number (`inf`/`infinity` are accepted).
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var i = 0
        var n = count
        while i < n, p[i] == 0x20 || p[i] == 0x09 { i += 1 }
        while n > i, p[n - 1] == 0x20 || p[n - 1] == 0x09 { n -= 1 }
        if i == n { return nil }
        let start = i
        var negative = false
        if p[i] == 0x2D { negative = true; i += 1 } else if p[i] == 0x2B { i += 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var sawDigit = false
        var exact = true
        while i < n {
            let d = p[i] &- 0x30
            if d > 9 { break }
            sawDigit = true
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                if mantissa != 0 { significant += 1 }
            } else {
                exponent += 1
                if d != 0 { exact = false }
            }
            i += 1
        }
        if i < n, p[i] == 0x2E {
            i += 1
            while i < n {
                let d = p[i] &- 0x30
                if d > 9 { break }
                sawDigit = true
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                } else if d != 0 {
                    exact = false
                }
                i += 1
            }
        }
        if !sawDigit { return parseInfinity(p + i, n - i, negative: negative) }
        if i < n, p[i] | 0x20 == 0x65 {   // e or E
            i += 1
            var expNegative = false
            if i < n, p[i] == 0x2D { expNegative = true; i += 1 } else if i < n, p[i] == 0x2B { i += 1 }
            var e = 0
            var sawExp = false
            while i < n {
                let d = p[i] &- 0x30
                if d > 9 { break }
                sawExp = true
                if e < 100_000 { e = e * 10 + Int(d) }
                i += 1
            }
            if !sawExp { return nil }
            exponent += expNegative ? -e : e
        }
        if i != n { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if exact, mantissa <= 9_007_199_254_740_992, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let v = exponent >= 0 ? m * powerOfTen(exponent) : m / powerOfTen(-exponent)
            return negative ? -v : v
        }
        return slowParse(p + start, n - start)
    }

    /// 10^k for 0 ≤ k ≤ 22 (all exact in binary64).
    @inline(__always)
    private static func powerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: return 1e0
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    private static func parseInfinity(_ p: UnsafePointer<UInt8>, _ n: Int, negative: Bool) -> Double? {
        guard n == 3 || n == 8 else { return nil }
        let word = "infinity".utf8
        var k = 0
        for c in word.prefix(n) {
            if p[k] | 0x20 != c { return nil }
            k += 1
        }
        return negative ? -Double.infinity : Double.infinity
    }

    private static func slowParse(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        var buffer = [CChar](repeating: 0, count: n + 1)
        for k in 0..<n { buffer[k] = CChar(bitPattern: p[k]) }
        return buffer.withUnsafeBufferPointer { b -> Double? in
            var end: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(b.baseAddress!, &end)
            guard let end, end - UnsafeMutablePointer(mutating: b.baseAddress!) == n else { return nil }
            return v
        }
    }
}
