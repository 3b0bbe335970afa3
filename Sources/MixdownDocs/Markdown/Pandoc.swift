import Foundation

/// The `pandoc` program (Debian's package), used for its citation processor: it reads BibTeX and
/// CSL-JSON and formats citations and reference lists with CSL styles.
struct Pandoc: Sendable {
    let executable: URL

    /// `pandoc` from `PATH` (or `/usr/bin`), nil when it is not installed.
    static func locate() -> Pandoc? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init) + ["/usr/bin"] {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent("pandoc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return Pandoc(executable: candidate) }
        }
        return nil
    }

    /// Runs pandoc with `arguments`, feeding `input` on standard input; its standard output, or
    /// an error carrying what it printed on standard error.
    func run(_ arguments: [String], input: String = "") throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let errors = ErrorCollector()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errors.data = stderr.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PandocError(message: message.isEmpty ? "pandoc exited with status \(process.terminationStatus)" : message)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private final class ErrorCollector: @unchecked Sendable { var data = Data() }
}

/// A pandoc run that failed, with what pandoc said.
struct PandocError: Error, Equatable {
    let message: String
}
