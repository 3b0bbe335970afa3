/// Places movable labels (text marks, arrow labels, reference-line labels) so that no text
/// overlaps another text, and, when it can, so that they do not sit on points, lines or bars.
///
/// Each label comes with candidate positions in order of preference; the placer takes the first
/// one that stays inside the plot, touches no text, and covers no mark; failing that, the first
/// that touches no text and covers the fewest marks.
struct LabelPlacer {
    /// A candidate position: anchor point (baseline) and alignment.
    struct Spot { var x: Double; var y: Double; var anchor: TextAnchor }

    /// Boxes of text already on the figure (never to be overlapped).
    private(set) var texts: [Box]
    /// Boxes covered by marks (avoided when possible).
    var obstacles: [Box] = []

    init(fixedTexts: [Box]) { texts = fixedTexts }

    /// Vertical nudges tried around each spot, nearest first.
    static let nudges: [Double] = {
        var n: [Double] = [0]
        for k in 1...16 { n.append(-3 * Double(k)); n.append(3 * Double(k)) }
        return n
    }()

    mutating func place(_ text: String, fontSize: Double, spots: [Spot], within bounds: Box,
                        cssClass: String, fill: String?) -> TextItem {
        var fallback: (item: TextItem, cost: Int)?
        for dy in Self.nudges {
            for s in spots {
                let item = TextItem(text: text, x: s.x, y: s.y + dy, fontSize: fontSize, anchor: s.anchor,
                                    cssClass: cssClass, fill: fill)
                let box = item.box
                guard box.inside(bounds), !texts.contains(where: { $0.overlaps(box, margin: 2) }) else { continue }
                let cost = obstacles.reduce(0) { $0 + ($1.overlaps(box, margin: 1) ? 1 : 0) }
                if cost == 0 { texts.append(box); return item }
                if fallback == nil || cost < fallback!.cost { fallback = (item, cost) }
            }
        }
        let chosen = fallback?.item ?? TextItem(text: text, x: spots.first?.x ?? bounds.x0, y: spots.first?.y ?? bounds.y1,
                                                fontSize: fontSize, anchor: spots.first?.anchor ?? .start,
                                                cssClass: cssClass, fill: fill)
        texts.append(chosen.box)
        return chosen
    }
}
