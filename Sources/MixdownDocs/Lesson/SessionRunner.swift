import Foundation
import MixdownLang

/// The real cell runner: one `MixdownLang.Session` per lesson.
final class SessionRunner: CellRunner {
    private let session: Session

    init(lessonName: String, lessonDirectory: URL, tutorialRoot: URL) {
        session = Session(lessonName: lessonName, lessonDirectory: lessonDirectory, tutorialRoot: tutorialRoot)
    }

    func run(_ code: String, firstLine: Int, options: CellOptions) -> CellRunResult {
        session.run(code, firstLine: firstLine, figureWidth: options.width, figureHeight: options.height)
    }
    var filesRead: [URL] { session.filesRead }

    /// The factory the command line uses.
    static let factory: CellRunnerFactory = { name, directory, root in
        SessionRunner(lessonName: name, lessonDirectory: directory, tutorialRoot: root)
    }
}
