/// An error raised when a figure cannot be drawn from the data it was given.
///
/// Every case names the culprit (the panel, the mark and the offending field) so that the
/// cell-language layer can show a readable message next to the cell that built the figure.
public enum ChartError: Error, Equatable, CustomStringConvertible {
    /// Two arrays that must pair up element by element have different lengths.
    case lengthMismatch(mark: String, field: String, expected: Int, got: Int)
    /// A number is NaN or infinite.
    case nonFinite(mark: String, field: String, index: Int)
    /// A mark has no data at all where some is needed.
    case empty(mark: String, field: String)
    /// A parameter is out of its allowed range (a size ≤ 0, an empty domain, …).
    case invalidParameter(String)
    /// The figure id cannot be used as an XML id (it must start with a letter; letters, digits, `-`, `_`).
    case invalidID(String)
    /// A colour is neither `#rrggbb` nor a known keyword.
    case invalidColor(String)
    /// Bars (categorical x) were mixed in one panel with marks that need a numeric x.
    case mixedScales(panel: Int)

    public var description: String {
        switch self {
        case let .lengthMismatch(mark, field, expected, got):
            return "\(mark): \(field) has \(got) values but \(expected) were expected"
        case let .nonFinite(mark, field, index):
            return "\(mark): \(field)[\(index)] is not a finite number"
        case let .empty(mark, field):
            return "\(mark): \(field) is empty"
        case let .invalidParameter(message):
            return message
        case let .invalidID(id):
            return "figure id \"\(id)\" is not usable as an XML id (start with a letter; use letters, digits, '-' or '_')"
        case let .invalidColor(color):
            return "colour \"\(color)\" is not of the form #rrggbb"
        case let .mixedScales(panel):
            return "panel \(panel): bars use a categorical x axis and cannot share it with points, lines, bands, arrows, text or densities"
        }
    }
}
