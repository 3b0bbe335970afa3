import Foundation
import Testing
@testable import MixdownDocs

@Suite struct SiteTests {
    let lessons = [
        "a.md": "---\norder: 2\ndescription: The second.\n---\n# Alpha lesson\n\n$x$\n\n```lmm\nok\n```\n",
        "b.md": "---\norder: 1\n---\n# Beta lesson\n\nText.\n",
    ]

    @Test func indexListsLessonsInOrderWithTitles() throws {
        let temp = try TempTutorial(lessons: lessons)
        let site = try temp.builder().build()
        let index = String(decoding: site.files["index.html"]!, as: UTF8.self)
        let beta = try #require(index.range(of: "Beta lesson")), alpha = try #require(index.range(of: "Alpha lesson"))
        #expect(beta.lowerBound < alpha.lowerBound)
        #expect(index.contains("<a href=\"a.html\">Alpha lesson</a><p>The second.</p>"))
        let page = String(decoding: site.files["a.html"]!, as: UTF8.self)
        #expect(page.contains(#"<a class="prev" href="b.html"><span>Previous</span>Beta lesson</a>"#))
        #expect(site.files["assets/katex/katex.min.js"] != nil)
        #expect(site.files["assets/style.css"] != nil)
        #expect(site.files["results/a.json"] != nil)
    }

    @Test func buildsAreByteIdentical() throws {
        let temp = try TempTutorial(lessons: lessons)
        let first = try temp.builder().build().files
        let second = try temp.builder().build().files
        #expect(first == second)
    }

    @Test func pagesReferenceNoNetworkAddress() throws {
        let temp = try TempTutorial(lessons: lessons)
        for (path, data) in try temp.builder().build().files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("//cdn"), "\(path)")
        }
    }

    @Test func writesAreAtomic() throws {
        let temp = try TempTutorial(lessons: lessons)
        let site = try temp.builder().build()
        try SiteWriter(destination: temp.output).write(site.files)
        let before = SiteWriter.read(temp.output)
        #expect(before.count == site.files.count)

        // A build that fails half-way through writing leaves the previous site untouched.
        var changed = site.files
        changed["a.html"] = Data("changed".utf8)
        var writer = SiteWriter(destination: temp.output)
        var written = 0
        writer.beforeEachFile = { _ in
            written += 1
            if written > 3 { throw CocoaError(.fileWriteOutOfSpace) }
        }
        #expect(throws: SiteError.self) { try writer.write(changed) }
        #expect(SiteWriter.read(temp.output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: temp.root.path).sorted()
        #expect(leftovers == ["output", "tutorial"])
    }

    @Test func missingTemplatesStopTheBuild() throws {
        let temp = try TempTutorial(lessons: lessons)
        #expect(throws: SiteError.self) {
            _ = try SiteBuilder(configuration: SiteConfiguration(tutorial: temp.tutorial, templates: temp.root.appendingPathComponent("nope")),
                                makeRunner: EchoRunner.factory)
        }
    }
}

/// The binary's built-in templates are the repository's `templates/` (regenerate with `make templates`).
@Suite struct BuiltInTemplateTests {
    @Test func builtInTemplatesMatchTheTemplatesFolder() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: repositoryTemplates.path)
            .filter(TemplateSet.isTemplateFile).sorted()
        #expect(BuiltInTemplates.files.keys.sorted() == names)
        for name in names {
            let text = try String(contentsOf: repositoryTemplates.appendingPathComponent(name), encoding: .utf8)
            #expect(BuiltInTemplates.files[name].map { $0 + "\n" } == text, "\(name) is stale: run `make templates`")
        }
    }

    @Test func aSiteBuildsWithoutATemplatesFolder() throws {
        let temp = try TempTutorial(lessons: ["a.md": "# A\n\n```lmm\nx\n```\n"])
        let site = try SiteBuilder(configuration: SiteConfiguration(tutorial: temp.tutorial), makeRunner: EchoRunner.factory).build()
        #expect(site.files["a.html"] != nil)
        #expect(site.files["assets/style.css"] != nil)
        #expect(site.files["assets/favicon.svg"] != nil)
    }
}

/// `mixdown new`: the starter tutorial builds with no failure from an empty folder, and checks.
@Suite struct StarterTutorialTests {
    @Test func theStarterBuildsAndChecksAsItIs() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mixdown-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try StarterTutorial.write(to: root.appendingPathComponent("demo"))
        #expect(throws: SiteError.self) { try StarterTutorial.write(to: root.appendingPathComponent("demo")) }   // not over a tutorial
        let tutorial = root.appendingPathComponent("demo/tutorial")
        let builder = try SiteBuilder(configuration: SiteConfiguration(tutorial: tutorial))   // built-in templates
        let site = try builder.build()
        #expect(!site.failed, "\(site.lessons.flatMap(\.diagnostics).map(\.rendered))")
        let page = String(decoding: try #require(site.files["first-model.html"]), as: UTF8.self)
        #expect(page.contains(#"<span class="inline-value">2.48</span>"#))
        #expect(page.contains(#"id="fig-scores""#))
        let out = root.appendingPathComponent("demo/output")
        try SiteWriter(destination: out).write(site.files)
        let again = try SiteBuilder(configuration: SiteConfiguration(tutorial: tutorial)).build()
        #expect(SiteChecker().differences(rendered: again.files, committed: SiteWriter.read(out)) == [])
    }
}

/// The live-reload script is a template file served by the preview, never part of a built site.
@Suite struct LiveScriptTests {
    @Test func theLiveScriptIsServedButNotBuilt() throws {
        let templates = try TemplateSet()
        #expect(String(decoding: templates.liveScript, as: UTF8.self).contains("/__mixdown/ws"))
        let temp = try TempTutorial(lessons: ["a.md": "# A\n"])
        let site = try temp.builder().build()
        #expect(site.files["assets/live.js"] == nil)
        #expect(site.files["assets/mixdown.js"] != nil)
    }
}
