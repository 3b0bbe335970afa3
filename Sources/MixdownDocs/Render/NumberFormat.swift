import Foundation

/// Fixed, locale-free number formatting for pages: six significant digits for display, the
/// shortest round-trip form for tooltips and JSON.
enum NumberFormat {
    /// A number as shown in a table cell: integers whole, others to 6 significant digits,
    /// exponent form only for very small or very large magnitudes; never "-0".
    static func display(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if value.rounded() == value && magnitude < 1e15 {
            return String(Int64(value))
        }
        if magnitude < 1e-4 || magnitude >= 1e9 {
            return String(format: "%.3e", value)
        }
        let digitsBeforePoint = Int(floor(log10(magnitude))) + 1   // 0 or negative below 1
        let decimals = max(0, 6 - digitsBeforePoint)
        var text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
        return text
    }

    /// The exact value, shortest form that round-trips (Swift's `description`).
    static func exact(_ value: Double) -> String {
        value == 0 ? "0" : "\(value)"
    }
}
