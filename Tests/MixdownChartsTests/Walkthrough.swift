import Foundation
import MixdownCharts
@testable import MixdownLang

/// The figures of the tutorial's lessons, made the way a lesson makes them: every ```lmm cell of
/// the lesson is run in order in one session, and the plot a labelled cell shows is drawn at the
/// cell's size with its label as the figure id (as the page does). No figure is rebuilt by hand.
struct LessonCells {
    struct Cell { var options: [String: String]; var code: String }

    /// The ```lmm cells of a lesson, with their `#| key: value` options.
    static func cells(of lesson: String) throws -> [Cell] {
        let text = try String(contentsOf: LessonFigures.tutorial.appendingPathComponent(lesson), encoding: .utf8)
        var cells: [Cell] = []
        var current: Cell?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if current == nil, line.hasPrefix("```lmm") { current = Cell(options: [:], code: ""); continue }
            guard var cell = current else { continue }
            if line.hasPrefix("```") { cells.append(cell); current = nil; continue }
            if line.hasPrefix("#|"), let colon = line.firstIndex(of: ":") {
                let key = line[line.index(line.startIndex, offsetBy: 2)..<colon].trimmingCharacters(in: .whitespaces)
                cell.options[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            } else {
                cell.code += line + "\n"
            }
            current = cell
        }
        return cells
    }

    /// The figure of every labelled cell that shows a plot, in lesson order.
    static func figures(of lesson: String) throws -> [(name: String, figure: Figure)] {
        let session = try LessonFigures()
        var out: [(String, Figure)] = []
        for cell in try cells(of: lesson) {
            var shown: Value?
            do {
                for stmt in try Parser.parse(cell.code, file: lesson) {
                    if let v = try session.interpreter.execute(stmt) { shown = v }
                }
            } catch where cell.options["label"] == nil {
                continue // a lesson shows some errors on purpose; a figure cell must run
            }
            guard let label = cell.options["label"], case .plot(let plot)? = shown else { continue }
            var figure = plot.figure(number: 1, width: cell.options["width"].flatMap(Double.init),
                                     height: cell.options["height"].flatMap(Double.init))
            figure.id = label
            out.append((label, figure))
        }
        return out
    }
}

/// The flagship lesson's figures (tutorial/lmm.md), by the names the structure tests use, and
/// the data set they are checked against.
struct Walkthrough {
    let data: Fixtures.DataSet
    let figures: [(name: String, figure: Figure)]

    init() throws {
        data = try Fixtures.dataSet()
        figures = try LessonCells.figures(of: "lmm.md")
    }

    func all() -> [(name: String, figure: Figure)] { figures }

    func figure(_ label: String) throws -> Figure {
        guard let f = figures.first(where: { $0.name == label })?.figure else {
            throw Fixtures.FixtureError(description: "lmm.md has no figure cell labelled \(label)")
        }
        return f
    }

    func scatter() throws -> Figure { try figure("fig-scatter") }
    func globalFit() throws -> Figure { try figure("fig-lm-global") }
    func globalDiagnosis() throws -> Figure { try figure("fig-diag-global") }
    func ancovaInter() throws -> Figure { try figure("fig-ancova-inter") }
    func aggregation() throws -> Figure { try figure("fig-aggregation") }
    func hierarchical() throws -> Figure { try figure("fig-hierarchical") }
}
