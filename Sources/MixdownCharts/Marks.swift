/// Line styles for lines and reference lines.
public enum Dash: Sendable, Equatable {
    case solid
    case dashed
    case dotted

    var dasharray: String? {
        switch self {
        case .solid: return nil
        case .dashed: return "5.5 3.5"
        case .dotted: return "1.5 3"
        }
    }
}

/// Which way a density curve runs: `.vertical` puts the values on the y axis and the density
/// on the x axis (as `seaborn.kdeplot(y=…)`); `.horizontal` the other way round.
public enum Orientation: Sendable, Equatable {
    case vertical
    case horizontal
}

/// How densities of several groups are scaled: `.common` (seaborn's `common_norm=True`, the
/// default) scales each group's curve by its share of the observations so the curves together
/// integrate to one; `.separate` gives every group a curve of area one.
public enum DensityNorm: Sendable, Equatable {
    case common
    case separate
}

/// Horizontal alignment of a text label relative to its anchor point.
public enum TextAnchor: String, Sendable, Equatable {
    case start
    case middle
    case end
}

/// A scatter of points: `x[i], y[i]`, coloured by `categories[i]` when given, else by `color`.
public struct Points: Sendable, Equatable {
    public var x: [Double]
    public var y: [Double]
    public var categories: [String]?
    public var color: MarkColor
    /// Radius in pixels.
    public var size: Double
    public var opacity: Double
    /// Draw a thin outline in the page colour around each point (seaborn's scatterplot look).
    public var outline: Bool

    public init(x: [Double], y: [Double], categories: [String]? = nil, color: MarkColor = .accent,
                size: Double = 4, opacity: Double = 0.85, outline: Bool = true) {
        self.x = x; self.y = y; self.categories = categories; self.color = color
        self.size = size; self.opacity = opacity; self.outline = outline
    }
}

/// A polyline through `x[i], y[i]` (in the given order); `group` names the line in the SVG
/// (`data-group`) and in the description, e.g. one line per subject.
public struct Line: Sendable, Equatable {
    public var x: [Double]
    public var y: [Double]
    public var color: MarkColor
    public var dash: Dash
    /// Stroke width in pixels.
    public var width: Double
    public var opacity: Double
    public var group: String?

    public init(x: [Double], y: [Double], color: MarkColor = .accent, dash: Dash = .solid,
                width: Double = 2, opacity: Double = 1, group: String? = nil) {
        self.x = x; self.y = y; self.color = color; self.dash = dash; self.width = width; self.opacity = opacity
        self.group = group
    }
}

/// A translucent area between `lower[i]` and `upper[i]` over `x[i]` (a confidence band).
public struct Band: Sendable, Equatable {
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var color: MarkColor
    public var opacity: Double

    public init(x: [Double], lower: [Double], upper: [Double], color: MarkColor = .accent, opacity: Double = 0.2) {
        self.x = x; self.lower = lower; self.upper = upper; self.color = color; self.opacity = opacity
    }
}

/// One bar per category, from zero to `values[i]`, on a categorical x axis.
public struct Bars: Sendable, Equatable {
    public var categories: [String]
    public var values: [Double]
    /// When true each bar takes its category's hue colour; otherwise `color`.
    public var colorByCategory: Bool
    public var color: MarkColor
    public var opacity: Double

    public init(categories: [String], values: [Double], colorByCategory: Bool = true,
                color: MarkColor = .accent, opacity: Double = 1) {
        self.categories = categories; self.values = values; self.colorByCategory = colorByCategory
        self.color = color; self.opacity = opacity
    }
}

/// A dashed line across the whole panel at a fixed y (`.horizontal`) or x (`.vertical`),
/// with an optional label written along it.
public struct RefLine: Sendable, Equatable {
    /// `.horizontal`: a line at y = `value`; `.vertical`: at x = `value`.
    public enum Direction: Sendable, Equatable { case horizontal, vertical }
    public var direction: Direction
    public var value: Double
    public var label: String?
    public var color: MarkColor
    public var dash: Dash

    public init(_ direction: Direction, at value: Double, label: String? = nil, color: MarkColor = .ink, dash: Dash = .dashed) {
        self.direction = direction; self.value = value; self.label = label; self.color = color; self.dash = dash
    }
}

/// A text label at a data position; the renderer nudges it if it would overlap other text.
public struct TextLabel: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var text: String
    public var anchor: TextAnchor
    public var color: MarkColor
    /// Font size in pixels.
    public var fontSize: Double

    public init(x: Double, y: Double, text: String, anchor: TextAnchor = .start, color: MarkColor = .ink, fontSize: Double = 11) {
        self.x = x; self.y = y; self.text = text; self.anchor = anchor; self.color = color; self.fontSize = fontSize
    }
}

/// An arrow from one data point to another, with a filled head at `to` and an optional label
/// placed beside its shaft (moved if it would collide with other text). Vertical arrows of one
/// panel that share an x are spread a few pixels apart so that none hides another.
public struct Arrow: Sendable, Equatable {
    public var fromX: Double
    public var fromY: Double
    public var toX: Double
    public var toY: Double
    public var color: MarkColor
    public var label: String?
    /// Shaft width in pixels.
    public var width: Double

    public init(from: (x: Double, y: Double), to: (x: Double, y: Double), color: MarkColor = .ink,
                label: String? = nil, width: Double = 1.5) {
        fromX = from.x; fromY = from.y; toX = to.x; toY = to.y
        self.color = color; self.label = label; self.width = width
    }
}

/// A Gaussian kernel density estimate of `values` (Scott's bandwidth, as scipy's
/// `gaussian_kde` and seaborn's `kdeplot` use), filled, one curve per category when given.
public struct Density: Sendable, Equatable {
    public var values: [Double]
    public var categories: [String]?
    public var color: MarkColor
    public var orientation: Orientation
    public var norm: DensityNorm
    /// Multiplies Scott's bandwidth (seaborn's `bw_adjust`).
    public var bandwidthAdjust: Double
    public var fillOpacity: Double

    public init(values: [Double], categories: [String]? = nil, color: MarkColor = .accent,
                orientation: Orientation = .vertical, norm: DensityNorm = .common,
                bandwidthAdjust: Double = 1, fillOpacity: Double = 0.25) {
        self.values = values; self.categories = categories; self.color = color
        self.orientation = orientation; self.norm = norm; self.bandwidthAdjust = bandwidthAdjust
        self.fillOpacity = fillOpacity
    }
}

/// Intervals from `lower[i]` to `upper[i]`, with small caps at both ends and an optional centre
/// dot at `center[i]`. `.vertical` bars stand at `position[i]` on the x axis and run along y;
/// `.horizontal` bars stand at `position[i]` on the y axis and run along x (a caterpillar plot).
public struct ErrorBars: Sendable, Equatable {
    public var position: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var center: [Double]?
    public var orientation: Orientation
    public var categories: [String]?
    public var color: MarkColor
    /// Half the cap's length in pixels (0 for no caps).
    public var cap: Double
    public var width: Double
    public var opacity: Double

    public init(position: [Double], lower: [Double], upper: [Double], center: [Double]? = nil,
                orientation: Orientation = .vertical, categories: [String]? = nil, color: MarkColor = .accent,
                cap: Double = 3, width: Double = 1.5, opacity: Double = 1) {
        self.position = position; self.lower = lower; self.upper = upper; self.center = center
        self.orientation = orientation; self.categories = categories; self.color = color
        self.cap = cap; self.width = width; self.opacity = opacity
    }
}

/// The line y = `intercept` + `slope` · x across the whole panel, clipped to the plot area.
/// It does not widen the panel's domains.
public struct SlopedLine: Sendable, Equatable {
    public var intercept: Double
    public var slope: Double
    public var color: MarkColor
    public var dash: Dash
    public var width: Double
    public var label: String?

    public init(intercept: Double, slope: Double, color: MarkColor = .ink, dash: Dash = .dashed,
                width: Double = 1.25, label: String? = nil) {
        self.intercept = intercept; self.slope = slope; self.color = color; self.dash = dash
        self.width = width; self.label = label
    }
}

/// A histogram of `values`: `bins` equal-width bins from the smallest to the largest value
/// (the last bin includes its right edge, as numpy and matplotlib count), drawn as adjoining bars
/// on a numeric x axis; the y axis is the count in each bin.
public struct Histogram: Sendable, Equatable {
    public var values: [Double]
    public var bins: Int
    public var color: MarkColor
    public var opacity: Double

    public init(values: [Double], bins: Int = 20, color: MarkColor = .accent, opacity: Double = 0.85) {
        self.values = values; self.bins = bins; self.color = color; self.opacity = opacity
    }

    /// The bin edges (`bins + 1` of them) and the count in each bin.
    public var counts: (edges: [Double], counts: [Int]) {
        guard let lo = values.min(), let hi = values.max(), bins > 0 else { return ([], []) }
        let (a, b) = hi > lo ? (lo, hi) : (lo - 0.5, hi + 0.5)
        let width = (b - a) / Double(bins)
        let edges = (0...bins).map { a + width * Double($0) }
        var counts = [Int](repeating: 0, count: bins)
        for v in values {
            let k = min(bins - 1, max(0, Int(((v - a) / width).rounded(.down))))
            counts[k] += 1
        }
        return (edges, counts)
    }
}

/// One layer of a panel. Build marks with the static helpers, e.g.
/// `.points(x: edu, y: score, categories: classroom)` or `.refLine(.horizontal, at: 0, label: "Null slope")`.
public enum Mark: Sendable, Equatable {
    case points(Points)
    case line(Line)
    case band(Band)
    case bars(Bars)
    case refLine(RefLine)
    case text(TextLabel)
    case arrow(Arrow)
    case density(Density)
    case errorBars(ErrorBars)
    case slopedLine(SlopedLine)
    case histogram(Histogram)

    /// Points coloured by category (or by `color` when `categories` is nil); `size` is the radius in px.
    public static func points(x: [Double], y: [Double], categories: [String]? = nil, color: MarkColor = .accent,
                              size: Double = 4, opacity: Double = 0.85, outline: Bool = true) -> Mark {
        .points(Points(x: x, y: y, categories: categories, color: color, size: size, opacity: opacity, outline: outline))
    }

    /// A solid, dashed or dotted line through the points in order.
    public static func line(x: [Double], y: [Double], color: MarkColor = .accent, dash: Dash = .solid,
                            width: Double = 2, opacity: Double = 1, group: String? = nil) -> Mark {
        .line(Line(x: x, y: y, color: color, dash: dash, width: width, opacity: opacity, group: group))
    }

    /// A translucent band between `lower` and `upper`.
    public static func band(x: [Double], lower: [Double], upper: [Double], color: MarkColor = .accent,
                            opacity: Double = 0.2) -> Mark {
        .band(Band(x: x, lower: lower, upper: upper, color: color, opacity: opacity))
    }

    /// One bar per category.
    public static func bars(categories: [String], values: [Double], colorByCategory: Bool = true,
                            color: MarkColor = .accent) -> Mark {
        .bars(Bars(categories: categories, values: values, colorByCategory: colorByCategory, color: color))
    }

    /// A reference line across the panel.
    public static func refLine(_ direction: RefLine.Direction, at value: Double, label: String? = nil,
                               color: MarkColor = .ink, dash: Dash = .dashed) -> Mark {
        .refLine(RefLine(direction, at: value, label: label, color: color, dash: dash))
    }

    /// A text label at a data position.
    public static func text(x: Double, y: Double, _ text: String, anchor: TextAnchor = .start,
                            color: MarkColor = .ink, fontSize: Double = 11) -> Mark {
        .text(TextLabel(x: x, y: y, text: text, anchor: anchor, color: color, fontSize: fontSize))
    }

    /// An arrow with a head at `to`.
    public static func arrow(from: (x: Double, y: Double), to: (x: Double, y: Double), color: MarkColor = .ink,
                             label: String? = nil, width: Double = 1.5) -> Mark {
        .arrow(Arrow(from: from, to: to, color: color, label: label, width: width))
    }

    /// A filled kernel density curve, one per category when `categories` is given.
    public static func density(_ values: [Double], categories: [String]? = nil, color: MarkColor = .accent,
                               orientation: Orientation = .vertical, norm: DensityNorm = .common) -> Mark {
        .density(Density(values: values, categories: categories, color: color, orientation: orientation, norm: norm))
    }

    /// Intervals around points: vertical (at x positions) or horizontal (at y positions).
    public static func errorBars(at position: [Double], lower: [Double], upper: [Double], center: [Double]? = nil,
                                 orientation: Orientation = .vertical, categories: [String]? = nil,
                                 color: MarkColor = .accent) -> Mark {
        .errorBars(ErrorBars(position: position, lower: lower, upper: upper, center: center,
                             orientation: orientation, categories: categories, color: color))
    }

    /// The line y = intercept + slope · x across the panel.
    public static func abline(intercept: Double, slope: Double, color: MarkColor = .ink, dash: Dash = .dashed,
                              label: String? = nil) -> Mark {
        .slopedLine(SlopedLine(intercept: intercept, slope: slope, color: color, dash: dash, label: label))
    }

    /// A histogram of `values` in `bins` equal bins.
    public static func histogram(_ values: [Double], bins: Int = 20, color: MarkColor = .accent) -> Mark {
        .histogram(Histogram(values: values, bins: bins, color: color))
    }

    /// A short name used in error messages and descriptions.
    var kindName: String {
        switch self {
        case .points: return "points"
        case .line: return "line"
        case .band: return "band"
        case .bars: return "bars"
        case .refLine: return "reference line"
        case .text: return "text"
        case .arrow: return "arrow"
        case .density: return "density"
        case .errorBars: return "error bars"
        case .slopedLine: return "sloped line"
        case .histogram: return "histogram"
        }
    }
}
