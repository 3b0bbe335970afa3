import ArgumentParser
import Foundation
import MixdownDocs

/// Writes progress and diagnostics: results to stdout, problems to stderr, colour only on a terminal.
struct Terminal {
    let quiet: Bool
    let colour = isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    func result(_ line: String) {
        guard !quiet else { return }
        print(line)
    }

    func problem(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Runs a step whose `SiteError` means bad input (no tutorial folder, broken template):
    /// reports it and exits with 2.
    func exitingOnBadInput<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SiteError {
            problem("mixdown: \(error)")
            throw ExitCode(2)
        }
    }

    func paint(_ text: String, _ code: String) -> String {
        colour && isatty(1) == 1 ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
