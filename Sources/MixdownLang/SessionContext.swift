import Foundation

/// What built-ins need to know about the lesson being run: where files may be read from,
/// which files were read, and the counter that numbers figures deterministically.
final class SessionContext {
    let lessonName: String
    let lessonDirectory: URL
    let tutorialRoot: URL
    var filesRead: [URL] = []
    var figureCounter = 0
    /// Figure size asked for by the cell being run (`#| width:` / `#| height:`), in pixels.
    var figureWidth: Double?
    var figureHeight: Double?
    /// Outputs of the cell being run (print and warnings append here).
    var outputs: [CellOutput] = []

    init(lessonName: String, lessonDirectory: URL, tutorialRoot: URL) {
        self.lessonName = lessonName
        self.lessonDirectory = lessonDirectory
        self.tutorialRoot = tutorialRoot
    }

    /// The next figure number of this session (1, 2, …).
    func nextFigureNumber() -> Int {
        figureCounter += 1
        return figureCounter
    }

    /// Appends a warning unless the same warning was already shown in this cell.
    func warn(_ message: String) {
        if !outputs.contains(.warning(message)) { outputs.append(.warning(message)) }
    }
}
