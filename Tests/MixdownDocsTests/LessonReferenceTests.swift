import Foundation
import Testing
import MixdownLang
@testable import MixdownDocs

/// The tutorial's lessons, run as the site runs them, with their key numbers checked against
/// lme4 / lmerTest / pbkrtest values (`Fixtures/lessons-reference.json`, written by
/// `scripts/reference/lessons.R` on the lessons' own CSV files).
@Suite(.serialized) struct LessonReferenceTests {
    /// How close a Mixdown value must be to R's.
    enum Tolerance {
        case relative(Double)
        case absolute(Double)
        /// Fixed effects and their standard errors.
        static let coefficient = Tolerance.relative(1e-6)
        /// Variances, standard deviations and correlations of the random effects.
        static let variance = Tolerance.relative(1e-4)
        /// Log-likelihoods and likelihood-ratio statistics (differences of optimised deviances).
        static let likelihood = Tolerance.absolute(1e-8)
        /// Degrees of freedom and p values from the small-sample approximations.
        static let ddf = Tolerance.relative(1e-4)

        func accepts(_ value: Double, _ reference: Double) -> Bool {
            switch self {
            case .relative(let r): return abs(value - reference) <= r * max(abs(reference), 1e-8)
            case .absolute(let a): return abs(value - reference) <= a
            }
        }
    }

    /// One number of a lesson: a cell-language expression evaluated after the lesson ran, the key
    /// of R's value in the fixture, and the tolerance.
    struct Probe {
        let expression: String
        let key: String
        let tolerance: Tolerance
        init(_ expression: String, _ key: String, _ tolerance: Tolerance) {
            self.expression = expression; self.key = key; self.tolerance = tolerance
        }
    }

    /// A cell runner that keeps its session, so a test can evaluate expressions after the lesson.
    final class KeptSessionRunner: CellRunner {
        let session: Session
        let name: String
        init(_ name: String, _ directory: URL, _ root: URL) {
            self.name = name
            session = Session(lessonName: name, lessonDirectory: directory, tutorialRoot: root)
        }
        func run(_ code: String, firstLine: Int) -> CellRunResult { session.run(code, firstLine: firstLine) }
        func evaluate(_ expression: String, line: Int, column: Int) -> Result<String, LangError> {
            session.evaluateInline(expression, at: SourceLocation(file: name, line: line, column: column))
        }
        var filesRead: [URL] { session.filesRead }
    }

    static let tutorial = repositoryTemplates.deletingLastPathComponent().appendingPathComponent("tutorial")

    static let reference: [String: Double] = {
        guard let url = Bundle.module.url(forResource: "lessons-reference", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object.compactMapValues { ($0 as? NSNumber).map(\.doubleValue) }
    }()

    /// Executes a lesson with the real language (cells and inline values) and keeps its runner.
    func run(_ file: String) throws -> (ExecutedLesson, KeptSessionRunner) {
        var kept: KeptSessionRunner?
        let executor = LessonExecutor(tutorialRoot: Self.tutorial, makeRunner: { name, directory, root in
            let runner = KeptSessionRunner(name, directory, root); kept = runner; return runner
        })
        let executed = executor.execute(try Lesson.load(Self.tutorial.appendingPathComponent(file)))
        return (executed, try #require(kept))
    }

    /// The value of an expression in the lesson's session, written with all its digits.
    func evaluate(_ expression: String, in runner: KeptSessionRunner) -> Double? {
        guard case .success(let text) = runner.evaluate("format(\(expression), \".17g\")", line: 1, column: 1) else { return nil }
        return Double(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func check(_ file: String, _ probes: [Probe]) throws {
        let (executed, session) = try run(file)
        for d in executed.diagnostics { Issue.record("\(d.location): \(d.message)") }
        #expect(executed.cells.allSatisfy { $0.ok })
        #expect(executed.inlineValues.allSatisfy { $0.text != nil })
        for probe in probes {
            guard let reference = Self.reference[probe.key] else {
                Issue.record("no reference value '\(probe.key)' in lessons-reference.json"); continue
            }
            guard let value = evaluate(probe.expression, in: session) else {
                Issue.record("\(file): '\(probe.expression)' did not give a number"); continue
            }
            #expect(probe.tolerance.accepts(value, reference),
                    "\(file): \(probe.expression) = \(value), R's \(probe.key) = \(reference)")
        }
    }


    /// Fixed effects, standard errors and the residual variance of one model, by R name.
    static func model(_ variable: String, _ key: String, terms: [(lang: String, r: String)]) -> [Probe] {
        terms.flatMap { t in [
            Probe("\(variable).fe_params[\"\(t.lang)\"]", "\(key).beta.\(t.r)", .coefficient),
            Probe("\(variable).bse[\"\(t.lang)\"]", "\(key).se.\(t.r)", .coefficient),
        ] } + [
            Probe("\(variable).scale", "\(key).var.Residual", .variance),
            Probe("\(variable).llf", "\(key).loglik", .likelihood),
        ]
    }

    /// The statistics of row `row` (0-based, the table's order) of an `anova` table; the test
    /// columns only from the second row on.
    static func lrt(_ variable: String, _ key: String, rows: ClosedRange<Int>) -> [Probe] {
        rows.flatMap { row -> [Probe] in
            let fit = ["logLik", "deviance", "AIC", "BIC"].map {
                Probe("\(variable)[\"\($0)\"][\(row)]", "\(key).\(row + 1).\($0)", .likelihood)
            } + [Probe("\(variable)[\"npar\"][\(row)]", "\(key).\(row + 1).npar", .relative(0))]
            guard row > 0 else { return fit }
            return fit + [Probe("\(variable)[\"Chisq\"][\(row)]", "\(key).\(row + 1).Chisq", .likelihood),
                          Probe("\(variable)[\"Df\"][\(row)]", "\(key).\(row + 1).Df", .relative(0)),
                          Probe("\(variable)[\"Pr(>Chisq)\"][\(row)]", "\(key).\(row + 1).Pr(>Chisq)", .relative(1e-5))]
        }
    }

    /// The rows of a `VarCorr` table in order, as R's variance keys (`Subject.Intercept`, …).
    static func varcorr(_ table: String, _ key: String, rows: [String]) -> [Probe] {
        rows.enumerated().map { Probe("\(table)[\"Variance\"][\($0.offset)]", "\(key).var.\($0.element)", .variance) }
    }

    /// One column of a t-test table with small-sample degrees of freedom, row by row.
    static func ddf(_ table: String, _ key: String, terms: [String]) -> [Probe] {
        terms.enumerated().flatMap { (i, term) in [
            Probe("\(table)[\"Estimate\"][\(i)]", "\(key).\(term).Estimate", .coefficient),
            Probe("\(table)[\"Std. Error\"][\(i)]", "\(key).\(term).Std. Error", .ddf),
            Probe("\(table)[\"df\"][\(i)]", "\(key).\(term).df", .ddf),
            Probe("\(table)[\"t value\"][\(i)]", "\(key).\(term).t value", .ddf),
            Probe("\(table)[\"Pr(>|t|)\"][\(i)]", "\(key).\(term).Pr(>|t|)", .ddf),
        ] }
    }

    @Test func repeatedMeasures() throws {
        let terms = [(lang: "Intercept", r: "Intercept"), (lang: "Days", r: "Days")]
        var probes = Self.model("m_int", "sleep.int", terms: terms) + Self.model("m_full", "sleep.full", terms: terms)
            + Self.model("m_unc", "sleep.unc", terms: terms)
        probes += Self.varcorr("vc_full", "sleep.full", rows: ["Subject.Intercept", "Subject.Days", "Residual"])
        probes += [Probe("vc_full[\"Corr\"][1]", "sleep.full.corr.Subject.Intercept.Days", .variance)]
        probes += Self.lrt("tests", "sleep.anova", rows: 0...2)
        probes += [Probe("sd(per_subject.Days)", "sleep.ols.sd.Days", .coefficient),
                   Probe("per_subject.Days[0]", "sleep.ols.S308.Days", .coefficient),
                   Probe("per_subject.Intercept[17]", "sleep.ols.S372.Intercept", .coefficient),
                   Probe("sd(model_lines.Days)", "sleep.blup.sd.Days", .variance),
                   Probe("model_lines.Days[0]", "sleep.blup.S308.Days", .variance),
                   Probe("re.Intercept[1]", "sleep.ranef.S309.Intercept", .variance),
                   Probe("ranef(m_full, group = \"Subject\", condvar = true).se_Days[2]", "sleep.condsd.S310.Days", .variance)]
        try check("repeated-measures.md", probes)
    }

    @Test func pupilsInSchools() throws {
        var probes = Self.model("m_null", "bdf.null", terms: [(lang: "Intercept", r: "Intercept")])
        probes += Self.model("m_grand", "bdf.grand", terms: [(lang: "Intercept", r: "Intercept"), (lang: "iq_c", r: "iq_c")])
        probes += Self.model("m_within", "bdf.within", terms: [(lang: "iq_within", r: "iq_within"), (lang: "iq_school", r: "iq_school")])
        probes += Self.model("m_context", "bdf.context", terms: [(lang: "iq_c", r: "iq_c"), (lang: "iq_school", r: "iq_school")])
        probes += Self.model("m_slope", "bdf.slope", terms: [(lang: "iq_within", r: "iq_within"), (lang: "iq_school", r: "iq_school")])
        probes += Self.model("m_cross", "bdf.cross", terms: [(lang: "iq_within", r: "iq_within"),
                                                             (lang: "iq_within:iq_school", r: "iq_within:iq_school")])
        probes += [Probe("icc", "bdf.icc", .variance), Probe("contextual", "bdf.contextual", .coefficient),
                   Probe("VarCorr(m_slope)[\"Variance\"][1]", "bdf.slope.var.school.iq_within", .variance),
                   Probe("df.predicted[0]", "bdf.pred.first", .variance),
                   Probe("sum(df.predicted)", "bdf.pred.sum", .coefficient)]
        probes += Self.lrt("slope_test", "bdf.anova_slope", rows: 0...1)
        probes += Self.ddf("summary(m_cross, ddf = \"satterthwaite\")", "bdf.cross.satt",
                           terms: ["Intercept", "iq_within", "iq_school", "iq_within:iq_school"])
        try check("pupils-in-schools.md", probes)
    }

    @Test func crossedAndNested() throws {
        let condition = [(lang: "Intercept", r: "Intercept"), (lang: "condition[T.incongruent]", r: "conditionincongruent")]
        var probes = Self.model("m_rt", "rt.cross", terms: condition) + Self.model("m_subj", "rt.subj", terms: condition)
        probes += Self.varcorr("vc_rt", "rt.cross", rows: ["subject.Intercept", "item.Intercept", "Residual"])
        probes += Self.lrt("item_test", "rt.anova", rows: 0...1)
        let homework = [(lang: "Intercept", r: "Intercept"), (lang: "homework", r: "homework")]
        probes += Self.model("m_nest", "cl.nest", terms: homework) + Self.model("m_colon", "cl.colon", terms: homework)
            + Self.model("m_wrong", "cl.wrong", terms: homework)
        probes += Self.varcorr("vc", "cl.nest", rows: ["class:school.Intercept", "school.Intercept", "Residual"])
        probes += Self.varcorr("VarCorr(m_wrong)", "cl.wrong", rows: ["school.Intercept", "class.Intercept", "Residual"])
        probes += [Probe("nrow(classes)", "cl.nclasses", .relative(0)), Probe("nrow(rt)", "rt.nobs", .relative(0))]
        try check("crossed-nested.md", probes)
    }

    @Test func inference() throws {
        // Mixdown orders fixed effects as patsy does (categorical terms before numeric ones).
        let terms = [(lang: "Intercept", r: "Intercept"), (lang: "variety[T.Marvellous]", r: "varietyMarvellous"),
                     (lang: "variety[T.Victory]", r: "varietyVictory"), (lang: "nitro", r: "nitro")]
        let names = terms.map(\.r)
        var probes = Self.model("m", "oats.full", terms: terms) + Self.model("m_partial", "oats.lost", terms: terms)
            + Self.model("m_novariety", "oats.novar", terms: [terms[0], terms[3]])
        probes += terms.map { Probe("m.pvalues[\"\($0.lang)\"]", "oats.full.p_wald.\($0.r)", .coefficient) }
        probes += Self.ddf("satt", "oats.full.satt", terms: names) + Self.ddf("kr", "oats.full.kr", terms: names)
        probes += Self.ddf("summary(m_partial, ddf = \"satterthwaite\")", "oats.lost.satt", terms: names)
        probes += Self.ddf("summary(m_partial, ddf = \"kenward-roger\")", "oats.lost.kr", terms: names)
        probes += Self.lrt("variety_test", "oats.anova_variety", rows: 0...1)
        probes += Self.lrt("slope_test", "oats.anova_sing", rows: 0...1)
        probes += [Probe("m.llf - m_novariety.llf", "oats.reml_loglik_diff", .likelihood),
                   Probe("VarCorr(m_slope)[\"Corr\"][2]", "oats.sing.corr.block.Intercept.nitro", .relative(1e-6))]
        let parameters = ["sd_(Intercept)|variety:block", "sd_(Intercept)|block", "sigma"] + names
        for (i, name) in parameters.enumerated() {
            probes += [Probe("ci_profile[\"2.5 %\"][\(i)]", "oats.profile.\(name).lower", .variance),
                       Probe("ci_profile[\"97.5 %\"][\(i)]", "oats.profile.\(name).upper", .variance)]
            // The bootstrap uses its own random numbers: its ends must fall within Monte Carlo error
            // of R's 2000-replicate bootstrap (a sixth of the profile interval's width).
            let width = (Self.reference["oats.profile.\(name).upper"] ?? 0) - (Self.reference["oats.profile.\(name).lower"] ?? 0)
            probes += [Probe("ci_boot[\"2.5 %\"][\(i)]", "oats.boot2000.\(name).lower", .absolute(width / 6)),
                       Probe("ci_boot[\"97.5 %\"][\(i)]", "oats.boot2000.\(name).upper", .absolute(width / 6))]
        }
        try check("inference.md", probes)
    }

    @Test func referenceValuesAreLoaded() {
        #expect(Self.reference.count > 500)
    }
}
