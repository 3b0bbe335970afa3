import Foundation
import Testing

/// The command line end to end, as a user meets it: from an empty folder, with no templates folder.
@Suite struct CLITests {
    /// The built `mixdown` next to the test bundle (SwiftPM builds it first: this target depends on it).
    static let binary: URL = {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for dir in [products, products.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("mixdown")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/mixdown")
    }()

    /// Runs `mixdown ARGS` in `directory`; returns the exit code and standard output.
    private func mixdown(_ args: [String], in directory: URL) throws -> (code: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = args
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    private func emptyFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mixdown-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aNewTutorialBuildsChecksAndRunsFromAnEmptyFolder() throws {
        let root = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try mixdown(["new", "demo"], in: root).code == 0)
        let build = try mixdown(["build", "--tutorial", "demo/tutorial", "--out", "demo/output"], in: root)
        #expect(build.code == 0, "\(build.err)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("demo/output/first-model.html").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("demo/output/assets/style.css").path))
        #expect(try mixdown(["check", "--tutorial", "demo/tutorial", "--out", "demo/output"], in: root).code == 0)
        let run = try mixdown(["run", "demo/tutorial/first-model.md", "--json"], in: root)
        #expect(run.code == 0, "\(run.err)")
        #expect(run.out.contains(#""kind": "figure""#))
        #expect(run.out.contains(#"id=\"fig-scores\""#))
        #expect(try mixdown(["new", "demo"], in: root).code == 2)   // never over an existing tutorial
    }

    @Test func aTemplatesFolderOverridesOneFile() throws {
        let root = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try mixdown(["new", "demo"], in: root).code == 0)
        let templates = root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "body { background: papayawhip; }\n".write(to: templates.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
        let build = try mixdown(["build", "--tutorial", "demo/tutorial", "--out", "out", "--templates", "mine"], in: root)
        #expect(build.code == 0, "\(build.err)")
        let css = try String(contentsOf: root.appendingPathComponent("out/assets/style.css"), encoding: .utf8)
        #expect(css.contains("papayawhip"))
        #expect(try mixdown(["build", "--tutorial", "demo/tutorial", "--out", "out", "--templates", "nope"], in: root).code == 2)
    }
}
