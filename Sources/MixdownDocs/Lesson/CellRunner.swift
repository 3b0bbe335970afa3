import Foundation
import MixdownLang

/// Runs the cells of one lesson in order, sharing state between them (one session per lesson).
public protocol CellRunner: AnyObject {
    /// Runs one cell's code; `firstLine` is the 1-based lesson line of the code's first line;
    /// `options` carry the figure size the cell asks for.
    func run(_ code: String, firstLine: Int, options: CellOptions) -> CellRunResult
    /// Data files the lesson has read so far (watched by `serve`).
    var filesRead: [URL] { get }
}

/// Makes a fresh runner for a lesson: (file name such as "lmm.md", lesson folder, tutorial root).
public typealias CellRunnerFactory = (_ lessonName: String, _ lessonDirectory: URL, _ tutorialRoot: URL) -> CellRunner
