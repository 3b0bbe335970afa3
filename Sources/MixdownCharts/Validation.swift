/// Input checks run before anything is drawn, so bad data gives a `ChartError` naming the
/// panel, mark and field instead of a broken picture.
enum Validation {
    static func figure(_ f: Figure) throws {
        try id(f.id)
        guard !f.panels.isEmpty else { throw ChartError.invalidParameter("figure \(f.id): it has no panels") }
        if case .single = f.layout, f.panels.count != 1 {
            throw ChartError.invalidParameter("figure \(f.id): layout .single needs exactly one panel, got \(f.panels.count)")
        }
        if let columns = f.layout.columns, columns < 1 {
            throw ChartError.invalidParameter("figure \(f.id): a grid needs at least one column, got \(columns)")
        }
        guard f.width.isFinite, f.height.isFinite, f.width >= 120, f.height >= 120, f.width <= 10_000, f.height <= 10_000 else {
            throw ChartError.invalidParameter("figure \(f.id): width and height must be between 120 and 10000 pixels")
        }
        for (p, panel) in f.panels.enumerated() {
            for domain in [panel.xDomain, panel.yDomain].compactMap({ $0 }) {
                guard domain.lowerBound.isFinite, domain.upperBound.isFinite, domain.lowerBound < domain.upperBound else {
                    throw ChartError.invalidParameter("panel \(p + 1): a fixed domain must be finite with lower < upper")
                }
            }
            for (axis, cats) in [("x", panel.xCategories), ("y", panel.yCategories)] {
                guard let cats else { continue }
                guard !cats.isEmpty, Set(cats).count == cats.count else {
                    throw ChartError.invalidParameter("panel \(p + 1): the \(axis) categories must be distinct and not empty")
                }
            }
            for (m, mark) in panel.marks.enumerated() {
                try self.mark(mark, name: "panel \(p + 1), mark \(m + 1) (\(mark.kindName))")
            }
        }
    }

    static func id(_ id: String) throws {
        let scalars = Array(id.unicodeScalars)
        guard let first = scalars.first, isLetter(first),
              scalars.allSatisfy({ isLetter($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }) else {
            throw ChartError.invalidID(id)
        }
    }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }

    static func mark(_ mark: Mark, name: String) throws {
        switch mark {
        case .points(let p):
            try nonEmpty(p.x, name, "x")
            try finite(p.x, name, "x"); try finite(p.y, name, "y")
            try same(p.x.count, p.y.count, name, "y")
            if let c = p.categories { try same(p.x.count, c.count, name, "categories") }
            try positive(p.size, name, "size"); try unit(p.opacity, name, "opacity")
            try p.color.validate()
        case .line(let l):
            guard l.x.count >= 2 else { throw ChartError.invalidParameter("\(name): a line needs at least two points, got \(l.x.count)") }
            try finite(l.x, name, "x"); try finite(l.y, name, "y")
            try same(l.x.count, l.y.count, name, "y")
            try positive(l.width, name, "width"); try unit(l.opacity, name, "opacity")
            try l.color.validate()
        case .band(let b):
            guard b.x.count >= 2 else { throw ChartError.invalidParameter("\(name): a band needs at least two points, got \(b.x.count)") }
            try finite(b.x, name, "x"); try finite(b.lower, name, "lower"); try finite(b.upper, name, "upper")
            try same(b.x.count, b.lower.count, name, "lower"); try same(b.x.count, b.upper.count, name, "upper")
            try unit(b.opacity, name, "opacity")
            try b.color.validate()
        case .bars(let b):
            try nonEmpty(b.values, name, "values")
            try finite(b.values, name, "values")
            try same(b.categories.count, b.values.count, name, "values")
            guard Set(b.categories).count == b.categories.count else {
                throw ChartError.invalidParameter("\(name): each category may have only one bar")
            }
            try unit(b.opacity, name, "opacity")
            try b.color.validate()
        case .refLine(let r):
            try finite([r.value], name, "value")
            try r.color.validate()
        case .text(let t):
            try finite([t.x, t.y], name, "position")
            try positive(t.fontSize, name, "fontSize")
            try t.color.validate()
        case .arrow(let a):
            try finite([a.fromX, a.fromY, a.toX, a.toY], name, "end points")
            try positive(a.width, name, "width")
            try a.color.validate()
        case .errorBars(let e):
            try nonEmpty(e.position, name, "position")
            try finite(e.position, name, "position"); try finite(e.lower, name, "lower"); try finite(e.upper, name, "upper")
            try same(e.position.count, e.lower.count, name, "lower"); try same(e.position.count, e.upper.count, name, "upper")
            if let c = e.center { try finite(c, name, "center"); try same(e.position.count, c.count, name, "center") }
            if let c = e.categories { try same(e.position.count, c.count, name, "categories") }
            if let i = e.lower.indices.first(where: { e.lower[$0] > e.upper[$0] }) {
                throw ChartError.invalidParameter("\(name): interval \(i) has lower > upper")
            }
            try positive(e.width, name, "width"); try unit(e.opacity, name, "opacity")
            if !(e.cap >= 0 && e.cap.isFinite) { throw ChartError.invalidParameter("\(name): cap must be zero or more") }
            try e.color.validate()
        case .slopedLine(let l):
            try finite([l.intercept, l.slope], name, "intercept and slope")
            try positive(l.width, name, "width")
            try l.color.validate()
        case .histogram(let h):
            try nonEmpty(h.values, name, "values")
            try finite(h.values, name, "values")
            guard (1...1000).contains(h.bins) else { throw ChartError.invalidParameter("\(name): bins must be between 1 and 1000, got \(h.bins)") }
            try unit(h.opacity, name, "opacity")
            try h.color.validate()
        case .density(let d):
            try nonEmpty(d.values, name, "values")
            try finite(d.values, name, "values")
            if let c = d.categories { try same(d.values.count, c.count, name, "categories") }
            try unit(d.fillOpacity, name, "fillOpacity")
            try d.color.validate()
        }
    }

    private static func nonEmpty(_ v: [Double], _ name: String, _ field: String) throws {
        if v.isEmpty { throw ChartError.empty(mark: name, field: field) }
    }

    private static func finite(_ v: [Double], _ name: String, _ field: String) throws {
        if let i = v.firstIndex(where: { !$0.isFinite }) { throw ChartError.nonFinite(mark: name, field: field, index: i) }
    }

    private static func same(_ expected: Int, _ got: Int, _ name: String, _ field: String) throws {
        if expected != got { throw ChartError.lengthMismatch(mark: name, field: field, expected: expected, got: got) }
    }

    private static func positive(_ v: Double, _ name: String, _ field: String) throws {
        if !(v > 0 && v.isFinite) { throw ChartError.invalidParameter("\(name): \(field) must be a positive number") }
    }

    private static func unit(_ v: Double, _ name: String, _ field: String) throws {
        if !(v >= 0 && v <= 1) { throw ChartError.invalidParameter("\(name): \(field) must be between 0 and 1") }
    }
}
