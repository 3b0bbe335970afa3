import ArgumentParser
import Foundation

/// The `mixdown` command: renders lessons about linear mixed models into a static site.
struct Mixdown: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixdown",
        abstract: "Turn Markdown lessons with executable `lmm` cells into a static tutorial site.",
        discussion: """
        Examples:
          mixdown build                       render tutorial/*.md into output/
          mixdown check                       exit 1 with a diff if output/ is stale
          mixdown serve --port 8000           live preview on 127.0.0.1:8000
          mixdown run tutorial/lmm.md --json  every cell's results as JSON
          mixdown fit data.csv 'y ~ x + (1 | g)' --json
          mixdown new demo                    start a tutorial in demo/

        Exit codes: 0 success; 1 a cell, lesson, fit or check failed;
        2 bad usage or input. Colour only on a terminal with NO_COLOR unset.
        """,
        subcommands: [Build.self, Check.self, Serve.self, Run.self, Fit.self, New.self]
    )
}

/// Options shared by the commands that render the whole tutorial.
struct SiteOptions: ParsableArguments {
    @Option(help: "The folder of lessons (*.md) and their data.")
    var tutorial: String = "tutorial"

    @Option(help: "The folder the site is written to.")
    var out: String = "output"

    @Option(help: "A folder of templates and style sheets that replace the built-in ones of the same name.")
    var templates: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false
}
