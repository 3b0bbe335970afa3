/// Small helpers that write SVG elements with attributes in a fixed order.
enum SVG {
    /// `<name a="v" …/>` or `<name …>content</name>`; attribute values are escaped.
    static func element(_ name: String, _ attributes: [(String, String?)], content: String? = nil) -> String {
        var s = "<" + name
        for (k, v) in attributes {
            guard let v else { continue }
            s += " " + k + "=\"" + Format.xml(v) + "\""
        }
        if let content { return s + ">" + content + "</" + name + ">" }
        return s + "/>"
    }

    /// A path through pixel points: `M x y L x y …` (coordinates with `decimals` decimals).
    static func polyline(_ pts: [(Double, Double)], decimals: Int = 2, close: Bool = false) -> String {
        var d = ""
        for (i, p) in pts.enumerated() {
            d += (i == 0 ? "M" : "L") + Format.num(p.0, decimals: decimals) + " " + Format.num(p.1, decimals: decimals)
        }
        return close ? d + "Z" : d
    }

    /// A `<text>` element for a laid-out text item.
    static func text(_ t: TextItem) -> String {
        var attrs: [(String, String?)] = [
            ("class", t.cssClass), ("x", Format.num(t.x)), ("y", Format.num(t.y)),
            ("font-size", Format.num(t.fontSize)),
        ]
        if t.anchor != .start { attrs.append(("text-anchor", t.anchor.rawValue)) }
        if t.bold { attrs.append(("font-weight", "600")) }
        if t.rotated { attrs.append(("transform", "rotate(-90 " + Format.num(t.x) + " " + Format.num(t.y) + ")")) }
        if let f = t.fill { attrs.append(("fill", f)) }
        return element("text", attrs, content: Format.xml(t.text))
    }
}
