import Foundation

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

    func paint(_ text: String, _ code: String) -> String {
        colour && isatty(1) == 1 ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
