/// Colours: matplotlib's tab10 cycle for categories, plus the page ink.
public enum Palette {
    /// matplotlib's `tab10` colours, in cycle order.
    public static let tab10: [String] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    /// The grey shared by the categories of a figure with more than ten that are not highlighted
    /// (readable on light and dark pages).
    public static let muted = "#9a9a9a"

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

/// Maps hue categories to colours for one figure.
///
/// Up to ten categories: sorted, tab10 in order. More than ten: the `highlight`ed ones (at most
/// ten, in the order given) get tab10, every other one the neutral `Palette.muted` grey, and
/// the legend lists the highlighted ones plus one entry for the rest.
struct ColorMap {
    let categories: [String]
    /// The categories with their own legend entry, in legend order.
    let legendCategories: [String]
    /// How many categories share the grey (0 with ten or fewer categories).
    let mutedCount: Int
    private let index: [String: Int]

    init(categories: Set<String>, highlight: [String] = []) {
        self.categories = categories.sorted()
        var index: [String: Int] = [:]
        if self.categories.count <= Palette.tab10.count {
            for (i, c) in self.categories.enumerated() { index[c] = i }
            legendCategories = self.categories
        } else {
            var shown: [String] = []
            for c in highlight where categories.contains(c) && !shown.contains(c) && shown.count < Palette.tab10.count {
                index[c] = shown.count
                shown.append(c)
            }
            legendCategories = shown
        }
        mutedCount = self.categories.count - legendCategories.count
        self.index = index
    }

    /// True for a category drawn in the shared grey.
    func isMuted(_ category: String) -> Bool { index[category] == nil }

    /// The fill/stroke value for a colour: a hex string, or `currentColor` for ink.
    func paint(_ color: MarkColor) -> String {
        switch color {
        case .accent: return Palette.tab10[0]
        case .ink: return "currentColor"
        case .category(let c): return paint(category: c)
        case .hex(let h): return h.lowercased()
        }
    }

    func paint(category: String) -> String { index[category].map(Palette.color(at:)) ?? Palette.muted }
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
