import Foundation

/// Fixed, locale-independent number formatting for summaries and JSON.
public enum NumberFormat {
    /// `value` with `digits` decimals (C `%.*f`, always a '.' decimal point).
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        var s = String(format: "%.\(digits)f", locale: nil, value)
        if s.hasPrefix("-"), Double(s) == 0 { s.removeFirst() }   // no "-0.000"
        return s
    }

    /// statsmodels' `forg`: `%.{prec}f`, or `%.{prec}g` for very large or small magnitudes.
    public static func forg(_ value: Double, _ prec: Int) -> String {
        if value.isNaN { return "nan" }
        let a = abs(value)
        if a >= 1e4 || (a < 1e-4 && a != 0) {
            return String(format: "%.\(prec)g", locale: nil, value)
        }
        return fixed(value, prec)
    }

    /// A JSON number: Swift's shortest round-trip form, integers without ".0",
    /// `null` for NaN and infinities.
    public static func json(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    /// Pads `s` on the left to `width` characters.
    public static func right(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    /// Pads `s` on the right to `width` characters.
    public static func left(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
