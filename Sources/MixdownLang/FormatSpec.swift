import Foundation

/// Format specs of string interpolation, `{x:.3f}`: an optional width, then `.Nf` (fixed),
/// `.Ng` (significant digits), `.Ne` (exponent), `d` (whole number) or `.N%` (percent).
enum FormatSpec {
    static func apply(_ value: Value, spec: String?, at loc: SourceLocation) throws -> String {
        guard let spec = spec?.trimmingCharacters(in: .whitespaces), !spec.isEmpty else {
            return Display.text(value)
        }
        guard let parsed = parse(spec) else {
            throw LangError("unknown format spec '\(spec)': use for example .3f, .4g, .2e, d or .1%", at: loc)
        }
        if parsed.kind == nil && parsed.precision == nil {
            return pad(Display.text(value), width: parsed.width, right: isNumber(value))
        }
        guard case .number(let x) = value else {
            throw LangError("the format spec '\(spec)' needs a number, got \(value.typeDescription)", at: loc)
        }
        return pad(try format(x, kind: parsed.kind ?? "g", precision: parsed.precision, at: loc), width: parsed.width, right: true)
    }

    /// Formats `x` like Python's format(x, ".{precision}{kind}").
    static func format(_ x: Double, kind: Character, precision: Int?, at loc: SourceLocation) throws -> String {
        switch kind {
        case "f": return String(format: "%.\(precision ?? 6)f", x)
        case "e": return String(format: "%.\(precision ?? 6)e", x)
        case "g": return String(format: "%.\(max(1, precision ?? 6))g", x)
        case "%": return String(format: "%.\(precision ?? 6)f", x * 100) + "%"
        case "d":
            guard x.isFinite, abs(x) < 1e18 else { return Display.numberText(x) }
            return String(Int(x.rounded()))
        default:
            throw LangError("unknown format '\(kind)'", at: loc)
        }
    }

    private static func isNumber(_ v: Value) -> Bool {
        if case .number = v { return true }
        return false
    }

    private static func pad(_ s: String, width: Int?, right: Bool) -> String {
        guard let w = width, s.count < w else { return s }
        let fill = String(repeating: " ", count: w - s.count)
        return right ? fill + s : s + fill
    }

    /// width? ('.' precision)? kind?
    private static func parse(_ spec: String) -> (width: Int?, precision: Int?, kind: Character?)? {
        var chars = Array(spec)[...]
        func digits() -> Int? {
            var s = ""
            while let c = chars.first, c.isASCII, c.isNumber { s.append(c); chars = chars.dropFirst() }
            return s.isEmpty ? nil : Int(s)
        }
        let width = digits()
        var precision: Int?
        if chars.first == "." {
            chars = chars.dropFirst()
            guard let p = digits(), p <= 30 else { return nil }
            precision = p
        }
        var kind: Character?
        if let c = chars.first {
            guard "fged%".contains(c) else { return nil }
            kind = c
            chars = chars.dropFirst()
        }
        guard chars.isEmpty else { return nil }
        if kind == "d" && precision != nil { return nil }
        return (width, precision, kind)
    }
}
