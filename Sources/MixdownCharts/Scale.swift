import Foundation

/// A linear map from a data interval (the domain) to a pixel interval (the range), with
/// "nice" ticks in steps of 1, 2 or 5 times a power of ten.
public struct LinearScale: Equatable, Sendable {
    /// The data interval; `lower < upper`.
    public var domain: ClosedRange<Double>
    /// The pixel interval the domain is mapped onto; may run backwards (y grows downwards).
    public var range: (Double, Double)

    public init(domain: ClosedRange<Double>, range: (Double, Double)) {
        self.domain = domain
        self.range = range
    }

    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range.0 == b.range.0 && a.range.1 == b.range.1
    }

    /// The pixel position of a data value (values outside the domain map outside the range).
    public func callAsFunction(_ v: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        let t = span == 0 ? 0.5 : (v - domain.lowerBound) / span
        return range.0 + t * (range.1 - range.0)
    }

    /// The 1-2-5 step that gives at most `maxCount` ticks inside `domain` (and at least one).
    public static func tickStep(for domain: ClosedRange<Double>, maxCount: Int) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0, span.isFinite else { return 1 }
        let limit = max(2, maxCount)
        var exponent = Int(floor(log10(span / Double(limit)))) - 1
        while true {
            for m in [1.0, 2.0, 5.0] {
                let step = m * pow(10, Double(exponent))
                if tickCount(domain, step) <= limit { return step }
            }
            exponent += 1
        }
    }

    private static func tickCount(_ domain: ClosedRange<Double>, _ step: Double) -> Int {
        let eps = 1e-9
        let first = ceil(domain.lowerBound / step - eps)
        let last = floor(domain.upperBound / step + eps)
        return Int(last - first) + 1
    }

    /// The tick values: every multiple of `step` inside the domain (a hair of tolerance at the ends).
    public static func ticks(in domain: ClosedRange<Double>, step: Double) -> [Double] {
        let eps = 1e-9
        let first = ceil(domain.lowerBound / step - eps)
        let last = floor(domain.upperBound / step + eps)
        guard last >= first else { return [] }
        return (0...Int(last - first)).map { k in
            let v = (first + Double(k)) * step
            return abs(v) < step * 1e-9 ? 0 : v
        }
    }

    /// The fewest decimals that tell ticks `step` apart (step 2 → 0, 0.5 → 1, 0.05 → 2).
    public static func decimals(forStep step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        let e = Int(floor(log10(step) + 1e-9))
        return max(0, -e)
    }

    /// Tick labels for `values`, all with the same number of decimals (minus signs typographic).
    public static func labels(for values: [Double], step: Double) -> [String] {
        let d = decimals(forStep: step)
        return values.map { Format.fixed($0, decimals: d, minusSign: true) }
    }

    /// The domain widened outwards to the nearest multiples of the tick step ("nice" domain).
    public static func nice(_ domain: ClosedRange<Double>, maxCount: Int) -> ClosedRange<Double> {
        let step = tickStep(for: domain, maxCount: maxCount)
        let lo = floor(domain.lowerBound / step + 1e-9) * step
        let hi = ceil(domain.upperBound / step - 1e-9) * step
        return lo...max(hi, lo + step)
    }
}

/// A categorical scale: each category gets an equal band of the range, in the given order.
public struct BandScale: Equatable, Sendable {
    /// The categories in axis order.
    public var categories: [String]
    /// The pixel interval the bands share.
    public var range: (Double, Double)
    /// The fraction of each band's step the bar fills (seaborn's 0.8).
    public var fill: Double

    public init(categories: [String], range: (Double, Double), fill: Double = 0.8) {
        self.categories = categories
        self.range = range
        self.fill = fill
    }

    public static func == (a: BandScale, b: BandScale) -> Bool {
        a.categories == b.categories && a.range.0 == b.range.0 && a.range.1 == b.range.1 && a.fill == b.fill
    }

    /// The width of one band's step in pixels.
    public var step: Double { categories.isEmpty ? 0 : (range.1 - range.0) / Double(categories.count) }

    /// The width of a bar.
    public var bandwidth: Double { step * fill }

    /// The centre of a category's band, or nil if the category is unknown.
    public func center(_ category: String) -> Double? {
        guard let i = categories.firstIndex(of: category) else { return nil }
        return range.0 + (Double(i) + 0.5) * step
    }
}
