import MixdownCharts
import MixdownLang

/// Draws a cell's `Figure` values for the page: the id comes from the cell (its label for the
/// first figure of a labelled figure cell, so a cross-reference `#fig-x` lands on the chart; else
/// `cell-N-figure-K`), and the size from the cell's `#| width:` / `#| height:`.
enum FigureRenderer {
    /// The page id of the cell's `ordinal`-th figure (0-based).
    static func id(of cell: ExecutedCell, ordinal: Int) -> String {
        if cell.options.labelKind == .figure, let label = cell.options.label, isChartID(label) {
            return ordinal == 0 ? label : "\(label)-\(ordinal + 1)"
        }
        return "cell-\(cell.index)-figure-\(ordinal + 1)"
    }

    /// The figure as the page shows it: its page id and the cell's size.
    static func placed(_ figure: Figure, in cell: ExecutedCell, ordinal: Int) -> Figure {
        var figure = figure
        figure.id = id(of: cell, ordinal: ordinal)
        if let width = cell.options.width { figure.width = Double(width) }
        if let height = cell.options.height { figure.height = Double(height) }
        return figure
    }

    /// The SVG markup of every figure of a cell, in order, or why one cannot be drawn.
    static func svgs(of cell: ExecutedCell) -> [Result<String, Error>] {
        cell.figures.enumerated().map { ordinal, figure in
            Result { try placed(figure, in: cell, ordinal: ordinal).svg() }
        }
    }

    /// Figures wider than this get a second layout for phones (`narrowWidth` wide).
    static let wideThreshold = 600.0
    static let narrowWidth = 360.0

    /// The phone layout of a wide figure (panels wrapped, text at full size), with id `ID-narrow`;
    /// nil for a figure that fits a phone by scaling, or one that cannot be laid out that narrow.
    static func narrowSVG(of cell: ExecutedCell, ordinal: Int) -> String? {
        let figure = placed(cell.figures[ordinal], in: cell, ordinal: ordinal)
        guard figure.width > wideThreshold, figure.panels.count > 1 else { return nil }
        var narrow = figure.reflowed(toWidth: narrowWidth)
        narrow.id = figure.id + "-narrow"
        return try? narrow.svg()
    }

    /// Chart ids are ASCII letters, digits, `-` and `_`, starting with a letter.
    private static func isChartID(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }
}
