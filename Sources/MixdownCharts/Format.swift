/// Number and text formatting shared by every part of the SVG writer.
///
/// One formatter for every coordinate keeps the output byte-stable: at most two decimals,
/// trailing zeros dropped, never `-0`, never exponent notation.
enum Format {
    /// A coordinate or length with at most `decimals` decimals (trailing zeros dropped).
    static func num(_ x: Double, decimals: Int = 2) -> String {
        fixed(x, decimals: decimals, trim: true)
    }

    /// A number with exactly `decimals` decimals (used for tick labels, which must line up).
    /// Negative numbers use the typographic minus sign when `minusSign` is true.
    static func fixed(_ x: Double, decimals: Int, trim: Bool = false, minusSign: Bool = false) -> String {
        guard x.isFinite else { return "0" }
        let d = max(0, min(decimals, 12))
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        // Beyond 2^53 the decimal expansion is meaningless; such values never reach a chart.
        guard scaled < 9.0e15 else { return x < 0 ? "-9000000000000000" : "9000000000000000" }
        let units = UInt64(scaled)
        let p = UInt64(scale)
        let whole = units / p
        var frac = units % p
        var digits = ""
        if d > 0 {
            var chars = [Character](repeating: "0", count: d)
            var i = d - 1
            while i >= 0 {
                chars[i] = Character(String(frac % 10))
                frac /= 10
                i -= 1
            }
            digits = String(chars)
            if trim {
                while digits.last == "0" { digits.removeLast() }
            }
        }
        let isZero = units == 0
        var s = String(whole)
        if !digits.isEmpty { s += "." + digits }
        if x < 0 && !isZero { s = (minusSign ? "\u{2212}" : "-") + s }
        return s
    }

    /// A value for prose (descriptions): up to `significant` significant digits, trimmed.
    static func prose(_ x: Double, significant: Int = 3) -> String {
        guard x.isFinite else { return "not a number" }
        if x == 0 { return "0" }
        var magnitude = 0
        var a = abs(x)
        while a >= 10 { a /= 10; magnitude += 1 }
        while a < 1 { a *= 10; magnitude -= 1 }
        let decimals = max(0, significant - 1 - magnitude)
        return fixed(x, decimals: decimals, trim: true)
    }

    /// Escapes the five XML special characters so any text can go into an element or attribute.
    static func xml(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Control characters other than tab/newline are not allowed in XML 1.0.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" { out += " " } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }
}
