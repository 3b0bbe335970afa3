import Foundation
import MixdownLang

/// The real cell runner: one `MixdownLang.Session` per lesson.
public final class SessionRunner: CellRunner {
    private let session: Session
    private let lessonName: String

    init(lessonName: String, lessonDirectory: URL, tutorialRoot: URL) {
        self.lessonName = lessonName
        session = Session(lessonName: lessonName, lessonDirectory: lessonDirectory, tutorialRoot: tutorialRoot)
    }

    public func run(_ code: String, firstLine: Int) -> CellRunResult {
        session.run(code, firstLine: firstLine)
    }

    public func evaluate(_ expression: String, line: Int, column: Int) -> Result<String, LangError> {
        session.evaluateInline(expression, at: SourceLocation(file: lessonName, line: line, column: column))
    }

    public var filesRead: [URL] { session.filesRead }

    /// The factory the command line uses.
    public static let factory: CellRunnerFactory = { name, directory, root in
        SessionRunner(lessonName: name, lessonDirectory: directory, tutorialRoot: root)
    }
}
