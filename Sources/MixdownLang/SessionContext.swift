import Foundation

/// What built-ins need to know about the lesson being run: where files may be read from,
/// and which files were read.
final class SessionContext {
    let lessonName: String
    let lessonDirectory: URL
    let tutorialRoot: URL
    /// Data files the lesson read or tried to read (a file that failed is watched too, so that
    /// its return is noticed).
    var filesRead: [URL] = []
    /// Outputs of the cell being run (print and warnings append here).
    var outputs: [CellOutput] = []

    init(lessonName: String, lessonDirectory: URL, tutorialRoot: URL) {
        self.lessonName = lessonName
        self.lessonDirectory = lessonDirectory
        self.tutorialRoot = tutorialRoot
    }

    /// Appends a warning unless the same warning was already shown in this cell.
    func warn(_ message: String) {
        if !outputs.contains(.warning(message)) { outputs.append(.warning(message)) }
    }
}
