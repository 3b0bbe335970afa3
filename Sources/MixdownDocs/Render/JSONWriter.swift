import MixdownStats

/// A JSON value written with a fixed key order and shortest round-trip numbers, so that the
/// same results always give the same bytes.
enum JSON {
    case null
    case bool(Bool)
    case number(Double)
    case int(Int)
    case string(String)
    case array([JSON])
    /// Keys keep the order given (callers list them in the contract's order).
    case object([(String, JSON)])

    func serialized(indent: Int = 0, pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, level: 0, pretty: pretty)
        return out
    }

    private func write(to out: inout String, level: Int, pretty: Bool) {
        let newline = pretty ? "\n" : ""
        let pad = pretty ? String(repeating: "  ", count: level + 1) : ""
        let closePad = pretty ? String(repeating: "  ", count: level) : ""
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let x):
            if x.isFinite {
                out += x == 0 ? "0" : (x.rounded() == x && abs(x) < 1e15 ? String(Int64(x)) : "\(x)")
            } else {
                out += "null"   // JSON has no NaN or infinity
            }
        case .string(let s): JSON.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (i, item) in items.enumerated() {
                out += pad
                item.write(to: &out, level: level + 1, pretty: pretty)
                out += (i + 1 < items.count ? "," : "") + newline
            }
            out += closePad + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (i, (key, value)) in pairs.enumerated() {
                out += pad
                JSON.writeString(key, to: &out)
                out += pretty ? ": " : ":"
                value.write(to: &out, level: level + 1, pretty: pretty)
                out += (i + 1 < pairs.count ? "," : "") + newline
            }
            out += closePad + "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += JSONText.string(s)
    }
}
