import ArgumentParser
import Foundation
import MixdownDocs

/// `mixdown serve`: live preview on 127.0.0.1.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Live preview on 127.0.0.1: re-renders a lesson when it or a data file it reads changes.",
        discussion: "Open http://127.0.0.1:PORT/ in a browser; pages reload by themselves. Listens on the loopback address only.")

    @Option(help: "The port to listen on (127.0.0.1 only).")
    var port: UInt16 = 8000

    @OptionGroup var options: SiteOptions

    func run() async throws {
        let server = PreviewServer(configuration: options.configuration(), port: port) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        try await server.run()
    }
}
