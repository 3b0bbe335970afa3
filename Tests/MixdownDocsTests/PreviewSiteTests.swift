import Foundation
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
