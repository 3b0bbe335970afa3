import ArgumentParser
import Foundation
import MixdownDocs

/// `mixdown new DIR`: start a tutorial anywhere (a lesson, its data, a README).
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a small tutorial into a new folder: one lesson, one data file, a README.",
        discussion: "Then: cd DIR && mixdown build --tutorial tutorial --out output. Exit 2 when the folder exists and is not empty.")

    @Argument(help: "The folder to create.")
    var directory: String

    func run() throws {
        let terminal = Terminal(quiet: false)
        let url = URL(fileURLWithPath: directory)
        try terminal.exitingOnBadInput { try StarterTutorial.write(to: url) }
        terminal.result("wrote \(StarterTutorial.files.count) files to \(directory)/ — build it with: mixdown build --tutorial \(directory)/tutorial --out \(directory)/output")
    }
}
