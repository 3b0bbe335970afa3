import ArgumentParser
import Foundation
import MixdownStats

/// `mixdown fit DATA.csv FORMULA`: fit one model and print its results.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit one model: OLS, or a linear mixed model when the formula has a ( … | group) term.",
        discussion: """
        Examples:
          mixdown fit tutorial/datasets/score_parentedu_byclass.csv 'score ~ edu + classroom'
          mixdown fit tutorial/datasets/score_parentedu_byclass.csv 'score ~ edu + (1 | classroom)' --json
        Exit 0 ok, 1 the fit failed (singular design, no convergence), 2 bad input (file, formula, column).
        """)

    @Argument(help: "A CSV file with a header row.")
    var data: String

    @Argument(help: "A formula in R/patsy syntax, e.g. 'y ~ x + (1 | g)'.")
    var formula: String

    @Flag(help: "Maximum likelihood instead of REML (mixed models).")
    var ml = false

    @Flag(help: "Print the JSON object of contracts §3.")
    var json = false

    @Option(help: "Mixed models: fixed-effect standard errors as lme4 or statsmodels (default; lme4's where statsmodels has none).")
    var se: String?

    @Option(help: "Mixed models: t tests with satterthwaite or kenward-roger degrees of freedom.")
    var ddf: String?

    @Option(help: "Mixed models: confidence intervals by profile, wald or boot.")
    var confint: String?

    func run() throws {
        let (options, problem) = MixedFitOptions.parse(se: se, ddf: ddf, confint: confint)
        guard let options else {
            FileHandle.standardError.write(Data("mixdown fit: \(problem ?? "bad option")\n".utf8))
            throw ExitCode(2)
        }
        let result = FitRunner.run(csvPath: data, formula: formula, ml: ml, json: json, options: options)
        if !result.stdout.isEmpty { print(result.stdout, terminator: result.stdout.hasSuffix("\n") ? "" : "\n") }
        if !result.stderr.isEmpty { FileHandle.standardError.write(Data(result.stderr.utf8)) }
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }
}
