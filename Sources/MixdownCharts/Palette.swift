/// Colours: matplotlib's tab10 cycle for categories, plus the page ink.
public enum Palette {
    /// matplotlib's `tab10` colours, in cycle order.
    public static let tab10: [String] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    /// The colour of the `index`-th category (cycling after ten).
    public static func color(at index: Int) -> String {
        tab10[((index % tab10.count) + tab10.count) % tab10.count]
    }
}

/// How a mark is coloured.
///
/// `.category` ties the mark to a hue category, so it gets the same tab10 colour as every other
/// mark of that category in the figure and appears in the legend. `.ink` follows the page's text
/// colour (black on light pages, light on dark ones). `.accent` is the first palette colour, the
/// default for a single-series plot. `.hex` is an explicit `#rrggbb` colour.
public enum MarkColor: Equatable, Sendable {
    case accent
    case ink
    case category(String)
    case hex(String)
}

/// Maps hue categories to colours for one figure: categories in sorted order get tab10 in order.
struct ColorMap {
    let categories: [String]
    private let index: [String: Int]

    init(categories: Set<String>) {
        self.categories = categories.sorted()
        var index: [String: Int] = [:]
        for (i, c) in self.categories.enumerated() { index[c] = i }
        self.index = index
    }

    /// The fill/stroke value for a colour: a hex string, or `currentColor` for ink.
    func paint(_ color: MarkColor) -> String {
        switch color {
        case .accent: return Palette.tab10[0]
        case .ink: return "currentColor"
        case .category(let c): return Palette.color(at: index[c] ?? 0)
        case .hex(let h): return h.lowercased()
        }
    }

    func paint(category: String) -> String { Palette.color(at: index[category] ?? 0) }
}

extension MarkColor {
    /// Throws when a `.hex` colour is not `#rrggbb`.
    func validate() throws {
        if case .hex(let h) = self {
            let scalars = Array(h.unicodeScalars)
            let ok = scalars.count == 7 && scalars[0] == "#"
                && scalars.dropFirst().allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) }
            if !ok { throw ChartError.invalidColor(h) }
        }
    }

    var categoryName: String? {
        if case .category(let c) = self { return c }
        return nil
    }
}
