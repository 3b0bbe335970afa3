/// Estimates of how much room a text takes, so labels can be laid out without overlapping.
///
/// Widths are DejaVu Sans advance widths (in 1/2048 em), the widest of the common sans-serif
/// faces, so the estimate errs on the generous side for Helvetica, Arial or system fonts.
enum TextMetrics {
    private static let widths: [Character: Int] = {
        var w: [Character: Int] = [:]
        let table: [(String, Int)] = [
            (" ", 651), ("!", 821), ("\"", 942), ("#", 1716), ("$", 1303), ("%", 1946), ("&", 1597),
            ("'", 563), ("(", 799), (")", 799), ("*", 1024), ("+", 1716), (",", 651), ("-", 739),
            (".", 651), ("/", 690), (":", 690), (";", 690), ("<", 1716), ("=", 1716), (">", 1716),
            ("?", 1087), ("@", 2048), ("[", 799), ("\\", 690), ("]", 799), ("^", 1716), ("_", 1024),
            ("`", 1024), ("{", 1303), ("|", 690), ("}", 1303), ("~", 1716), ("\u{2212}", 1716),
            ("A", 1401), ("B", 1405), ("C", 1430), ("D", 1577), ("E", 1294), ("F", 1178), ("G", 1587),
            ("H", 1540), ("I", 604), ("J", 604), ("K", 1343), ("L", 1141), ("M", 1767), ("N", 1532),
            ("O", 1612), ("P", 1235), ("Q", 1612), ("R", 1423), ("S", 1300), ("T", 1251), ("U", 1499),
            ("V", 1401), ("W", 2025), ("X", 1403), ("Y", 1251), ("Z", 1403),
            ("a", 1255), ("b", 1300), ("c", 1126), ("d", 1300), ("e", 1260), ("f", 721), ("g", 1300),
            ("h", 1298), ("i", 569), ("j", 569), ("k", 1186), ("l", 569), ("m", 1995), ("n", 1298),
            ("o", 1253), ("p", 1300), ("q", 1300), ("r", 842), ("s", 1067), ("t", 803), ("u", 1298),
            ("v", 1212), ("w", 1675), ("x", 1212), ("y", 1212), ("z", 1075),
        ]
        for (s, v) in table { if let c = s.first { w[c] = v } }
        for d in "0123456789" { w[d] = 1303 }
        return w
    }()

    /// The estimated advance width of `text` at `fontSize` pixels (bold adds 10 %).
    static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var units = 0
        for ch in text { units += widths[ch] ?? 1400 }
        let w = Double(units) / 2048 * fontSize
        return bold ? w * 1.1 : w
    }

    /// Distance from the baseline up to the top of capitals/ascenders, as a fraction of the size.
    static let ascent = 0.78
    /// Distance from the baseline down to the bottom of descenders, as a fraction of the size.
    static let descent = 0.24
}

/// An axis-aligned rectangle in pixel space.
struct Box: Equatable {
    var x0: Double, y0: Double, x1: Double, y1: Double

    init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = min(x0, x1); self.y0 = min(y0, y1); self.x1 = max(x0, x1); self.y1 = max(y0, y1)
    }

    /// The box of a text drawn horizontally with its baseline at `y` and the given anchor.
    init(text: String, x: Double, baseline y: Double, fontSize: Double, anchor: TextAnchor, bold: Bool = false) {
        let w = TextMetrics.width(text, fontSize: fontSize, bold: bold)
        let left: Double
        switch anchor {
        case .start: left = x
        case .middle: left = x - w / 2
        case .end: left = x - w
        }
        self.init(x0: left, y0: y - TextMetrics.ascent * fontSize, x1: left + w, y1: y + TextMetrics.descent * fontSize)
    }

    func overlaps(_ o: Box, margin: Double = 0) -> Bool {
        x0 < o.x1 + margin && o.x0 < x1 + margin && y0 < o.y1 + margin && o.y0 < y1 + margin
    }

    func inside(_ o: Box) -> Bool { x0 >= o.x0 && x1 <= o.x1 && y0 >= o.y0 && y1 <= o.y1 }

    func offset(dx: Double, dy: Double) -> Box { Box(x0: x0 + dx, y0: y0 + dy, x1: x1 + dx, y1: y1 + dy) }

    var width: Double { x1 - x0 }
    var height: Double { y1 - y0 }
}
