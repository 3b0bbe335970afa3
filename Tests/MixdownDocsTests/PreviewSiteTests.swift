import Foundation
import MixdownLang
import Testing
@testable import MixdownDocs

/// `serve` keeps the site in memory and re-renders a lesson when the lesson or a CSV it read changes.
@Suite struct PreviewSiteTests {
    private func touch(_ url: URL, _ text: String, secondsAhead: TimeInterval) throws {
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: secondsAhead)], ofItemAtPath: url.path)
    }

    @Test func rerendersWhenTheLessonOrItsDataChange() async throws {
        let temp = try TempTutorial(lessons: ["p.md": "# Preview\n\n```lmm\ndf = read_csv(\"d.csv\")\nprint(\"rows: {nrow(df)}\")\n```\n"])
        let csv = temp.tutorial.appendingPathComponent("d.csv")
        try touch(csv, "x\n1\n2\n", secondsAhead: 0)
        let site = PreviewSite(configuration: SiteConfiguration(tutorial: temp.tutorial, templates: repositoryTemplates),
                               report: { _ in })
        await site.rebuildAll()
        let page = { String(decoding: await site.files["p.html"] ?? Data(), as: UTF8.self) }
        #expect(await page().contains("rows: 2"))
        #expect(await page().contains("/__mixdown/live.js"))
        #expect(await site.refresh() == false)

        // The data file changes: the lesson runs again.
        let before = await site.version
        try touch(csv, "x\n1\n2\n3\n", secondsAhead: 10)
        #expect(await site.refresh() == true)
        #expect(await site.version == before + 1)
        #expect(await page().contains("rows: 3"))

        // The lesson changes: a failing cell shows its error in the page.
        try touch(temp.tutorial.appendingPathComponent("p.md"), "# Preview\n\n```lmm\nnrow(dff)\n```\n", secondsAhead: 20)
        #expect(await site.refresh() == true)
        #expect(await page().contains("p.md:4:6: error"))
    }
}

/// The serve fixes: a data file that goes away and comes back, templates that change, errors shown.
@Suite struct PreviewRecoveryTests {
    private func touch(_ url: URL, _ text: String, secondsAhead: TimeInterval) throws {
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: secondsAhead)], ofItemAtPath: url.path)
    }

    private func site(_ temp: TempTutorial, templates: URL = repositoryTemplates,
                      makeRunner: @escaping CellRunnerFactory = SessionRunner.factory) -> PreviewSite {
        PreviewSite(configuration: SiteConfiguration(tutorial: temp.tutorial, templates: templates),
                    makeRunner: makeRunner, report: { _ in })
    }

    @Test func aDataFileThatComesBackClearsTheErrors() async throws {
        let temp = try TempTutorial(lessons: ["p.md": "# Preview\n\n```lmm\ndf = read_csv(\"d.csv\")\nprint(\"rows: {nrow(df)}\")\n```\n"])
        let csv = temp.tutorial.appendingPathComponent("d.csv")
        try touch(csv, "x\n1\n2\n", secondsAhead: 0)
        let site = site(temp)
        await site.rebuildAll()
        let page = { String(decoding: await site.files["p.html"] ?? Data(), as: UTF8.self) }
        let index = { String(decoding: await site.files["index.html"] ?? Data(), as: UTF8.self) }
        #expect(await page().contains("rows: 2"))
        #expect(await !page().contains("problems-banner"))

        try FileManager.default.removeItem(at: csv)
        #expect(await site.refresh() == true)
        #expect(await page().contains("cannot find the file"))
        // The banner counts the failing cells and links to the first one; the index marks the lesson.
        #expect(await page().contains(##"<div class="problems-banner" role="alert"><strong>1 cell failed</strong> <a href="#cell-0">"##))
        #expect(await index().contains(#"<span class="failing">1 cell failed</span>"#))

        try touch(csv, "x\n1\n2\n3\n", secondsAhead: 10)   // back, without touching the lesson
        #expect(await site.refresh() == true)
        #expect(await page().contains("rows: 3"))
        #expect(await !page().contains("problems-banner"))
        #expect(await !index().contains("failing"))
    }

    @Test func newTemplatesRenderAgainWithoutRunningCells() async throws {
        let temp = try TempTutorial(lessons: ["p.md": "# Preview\n\n```lmm\nhello\n```\n"])
        let templates = temp.root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let runs = Counter()
        let site = site(temp, templates: templates) { _, _, _ in CountingRunner(counter: runs) }
        await site.rebuildAll()
        #expect(runs.value == 1)
        let cell = try #require(BuiltInTemplates.files["cell.mustache"])
        try touch(templates.appendingPathComponent("cell.mustache"), "<div class=\"changed-cell\">\n" + cell + "</div>\n", secondsAhead: 10)
        #expect(await site.refresh() == true)
        #expect(String(decoding: await site.files["p.html"] ?? Data(), as: UTF8.self).contains("changed-cell"))
        #expect(runs.value == 1)   // rendered again, not run again
    }
}

/// Counts the cells run through it (for the serve test).
final class Counter: @unchecked Sendable { var value = 0 }

final class CountingRunner: CellRunner {
    let counter: Counter
    let inner = EchoRunner()
    init(counter: Counter) { self.counter = counter }
    func run(_ code: String, firstLine: Int) -> CellRunResult { counter.value += 1; return inner.run(code, firstLine: firstLine) }
    func evaluate(_ expression: String, line: Int, column: Int) -> Result<String, LangError> { inner.evaluate(expression, line: line, column: column) }
    var filesRead: [URL] { [] }
}
