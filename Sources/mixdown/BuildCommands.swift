import ArgumentParser
import Foundation
import MixdownDocs

extension SiteOptions {
    func configuration(liveReload: Bool = false) -> SiteConfiguration {
        SiteConfiguration(tutorial: URL(fileURLWithPath: tutorial), templates: templates.map { URL(fileURLWithPath: $0) },
                          liveReload: liveReload)
    }

    /// Renders the whole site in memory, printing one line per lesson and every diagnostic.
    func render(_ terminal: Terminal) throws -> RenderedSite {
        let builder = try SiteBuilder(configuration: configuration())
        return try builder.build { lesson, seconds in
            let mark = lesson.failed ? terminal.paint("✗", "31") : terminal.paint("✓", "32")
            terminal.result("\(mark) " + LessonSummary.line(lesson, seconds: seconds))
            for diagnostic in lesson.diagnostics { terminal.problem(diagnostic.rendered) }
        }
    }
}

/// `mixdown build`: render every lesson and write the site atomically.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render every lesson of the tutorial folder into the output folder.",
        discussion: "Exit 0 when every cell ran; 1 when a cell or lesson failed (its page is still written, with the error shown in place); 2 on bad usage.")

    @OptionGroup var options: SiteOptions

    func run() throws {
        let terminal = Terminal(quiet: options.quiet)
        let start = Date()
        let site = try terminal.exitingOnBadInput { try options.render(terminal) }
        do {
            try SiteWriter(destination: URL(fileURLWithPath: options.out)).write(site.files)
        } catch {
            terminal.problem("mixdown: \(error) (the previous \(options.out)/ is left as it was)")
            throw ExitCode(1)
        }
        terminal.result(String(format: "wrote %d files to %@ in %.2f s", site.files.count, options.out, Date().timeIntervalSince(start)))
        if site.failed { throw ExitCode(1) }
    }
}

/// `mixdown check`: render in memory and compare with the committed output folder.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-render in memory and compare with the output folder; print what changed.",
        discussion: "Exit 0 when the output folder is up to date; 1 when it differs or a lesson failed.")

    @OptionGroup var options: SiteOptions

    func run() throws {
        let terminal = Terminal(quiet: options.quiet)
        let site = try terminal.exitingOnBadInput { try options.render(terminal) }
        let committed = SiteWriter.read(URL(fileURLWithPath: options.out))
        let differences = SiteChecker().differences(rendered: site.files, committed: committed)
        for difference in differences { terminal.problem(difference) }
        if differences.isEmpty && !site.failed {
            terminal.result("\(options.out)/ is up to date (\(site.files.count) files)")
            return
        }
        if !differences.isEmpty {
            terminal.problem("\(differences.count) difference(s): run `mixdown build` and commit \(options.out)/ if the change is intended")
        }
        throw ExitCode(1)
    }
}

/// `mixdown run LESSON.md --json`: execute one lesson and print its cells' results.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Execute one lesson and print its cells' results.",
        discussion: "Exit 0 when every cell ran, 1 when one failed, 2 on bad usage.")

    @Argument(help: "The lesson file, e.g. tutorial/lmm.md.")
    var lesson: String

    @Flag(help: "Print the results as JSON (the shape of contracts §4).")
    var json = false

    @Option(help: "The tutorial root (cells may read files only under it); default: the lesson's folder.")
    var tutorial: String?

    func run() throws {
        let url = URL(fileURLWithPath: lesson)
        let root = tutorial.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent()
        let terminal = Terminal(quiet: false)
        let lesson = try terminal.exitingOnBadInput { try Lesson.load(url) }
        let executed = LessonExecutor(tutorialRoot: root).execute(lesson)
        for diagnostic in executed.diagnostics { terminal.problem(diagnostic.rendered) }
        print(json ? LessonReport.json(executed) : LessonReport.text(executed))
        if executed.failed { throw ExitCode(1) }
    }
}
