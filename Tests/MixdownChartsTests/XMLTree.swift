import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A minimal DOM built with `XMLParser`, enough to inspect the SVG the charts produce.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""
    weak var parent: XMLNode?

    init(name: String, attributes: [String: String]) { self.name = name; self.attributes = attributes }

    subscript(_ key: String) -> String? { attributes[key] }

    /// Every element below this one (depth first, document order).
    var descendants: [XMLNode] { children.flatMap { [$0] + $0.descendants } }

    func all(_ name: String) -> [XMLNode] { descendants.filter { $0.name == name } }

    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

    func double(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }

    /// Parses a document; throws with the parser's message when it is not well-formed XML.
    static func parse(_ xml: String) throws -> XMLNode {
        let delegate = Builder()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = delegate
        guard parser.parse(), let root = delegate.root else {
            throw Fixtures.FixtureError(description: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown")")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = XMLNode(name: name, attributes: attributes)
            if let top = stack.last { node.parent = top; top.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    }
}

/// Reads a path's `d` made of absolute M/L commands (and Z) into points.
func pathPoints(_ d: String) -> [(Double, Double)] {
    var cleaned = d
    for c in ["M", "L", "Z"] { cleaned = cleaned.replacingOccurrences(of: c, with: " ") }
    let numbers = cleaned.split(separator: " ").compactMap { Double($0) }
    return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
}

/// Maps data values to pixels along one axis, learned only from the tick labels the SVG prints
/// (label value ↔ tick position): an independent check on the renderer's scale.
struct Ruler {
    let slope: Double, offset: Double

    /// Uses the first and last tick label of a class (`mx-xtick` or `mx-ytick`) inside `panel`.
    init?(panel: XMLNode, tickClass: String) {
        let ticks = panel.all("text").filter { $0.classes.contains(tickClass) }
        let pairs: [(Double, Double)] = ticks.compactMap { t in
            guard let v = Double(t.text.replacingOccurrences(of: "\u{2212}", with: "-")) else { return nil }
            let pos = tickClass == "mx-xtick" ? t.double("x") : t.double("y").map { $0 - 0.35 * (t.double("font-size") ?? 11) }
            return pos.map { (v, $0) }
        }
        guard let first = pairs.first, let last = pairs.last, last.0 != first.0 else { return nil }
        slope = (last.1 - first.1) / (last.0 - first.0)
        offset = first.1 - slope * first.0
    }

    func pixel(_ v: Double) -> Double { offset + slope * v }
    func value(_ px: Double) -> Double { (px - offset) / slope }
}
