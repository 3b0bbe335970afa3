import Foundation
import MixdownLang

/// Runs the cells of one lesson in order, sharing state between them (one session per lesson).
public protocol CellRunner: AnyObject {
    /// Runs one cell's code; `firstLine` is the 1-based lesson line of the code's first line.
    func run(_ code: String, firstLine: Int) -> CellRunResult
    /// Evaluates an inline value's expression (`` `{lmm} expr` ``) after the cells run so far;
    /// `line`/`column` locate its first character in the lesson file.
    func evaluate(_ expression: String, line: Int, column: Int) -> Result<String, LangError>
    /// Data files the lesson has read, or tried to read, so far (watched by `serve`).
    var filesRead: [URL] { get }
}

/// Makes a fresh runner for a lesson: (file name such as "lmm.md", lesson folder, tutorial root).
public typealias CellRunnerFactory = (_ lessonName: String, _ lessonDirectory: URL, _ tutorialRoot: URL) -> CellRunner
