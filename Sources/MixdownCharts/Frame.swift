/// Where a panel ended up: its plot rectangle, scales and ticks.
struct Frame {
    let index: Int
    let plot: Box
    let x: XScale
    let y: LinearScale
    let xTicks: [Tick]
    let yTicks: [Tick]
    let showXTickLabels: Bool
    let showYTickLabels: Bool
}

/// The legend's place and entries (glyph centres in pixels). An entry without a category is
/// the shared entry of the grey, not highlighted, categories.
struct LegendLayout {
    enum Glyph { case dot, bar, patch, line }
    struct Entry {
        var category: String?
        var paint: String
        var glyph: Glyph
        var cx: Double
        var cy: Double
    }
    let entries: [Entry]
}

/// Where panel `i` of a wrapped grid sits, and which of its axes carry labels.
struct GridPlan {
    let count: Int
    let columns: Int
    let sharedX: Bool
    let sharedY: Bool

    init(figure: Figure) {
        count = figure.panels.count
        switch figure.layout {
        case .single: columns = 1
        case .row: columns = max(1, count)
        case .grid(let c, _, _): columns = max(1, min(c, count))
        }
        (sharedX, sharedY) = figure.layout.shared
    }

    var rows: Int { (count + columns - 1) / columns }
    func row(_ i: Int) -> Int { i / columns }
    func column(_ i: Int) -> Int { i % columns }
    func panels(inRow r: Int) -> Range<Int> { (r * columns)..<min(count, (r + 1) * columns) }
    func panels(inColumn c: Int) -> [Int] { Array(stride(from: c, to: count, by: columns)) }

    /// A shared x axis is labelled only where no panel stands below.
    func showsXTicks(_ i: Int) -> Bool { !(sharedX && i + columns < count) }
    /// A shared y axis is labelled only on the first column.
    func showsYTicks(_ i: Int) -> Bool { !(sharedY && column(i) > 0) }
}
