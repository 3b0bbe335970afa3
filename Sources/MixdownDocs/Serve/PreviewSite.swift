import Foundation

/// The live site behind `mixdown serve`: pages kept in memory, a lesson re-run when its Markdown
/// file or a data file it read (or failed to read) changes, pages re-rendered without re-running
/// anything when only the templates change, and a version number that browsers wait on.
actor PreviewSite {
    private let configuration: SiteConfiguration
    private let makeRunner: CellRunnerFactory
    private var builder: SiteBuilder?
    private var lessons: [RenderedLesson] = []
    private(set) var files: [String: Data] = [:]
    private(set) var version = 0
    /// Modification times of everything watched, by path (`distantPast`: the file is missing).
    private var stamps: [String: Date] = [:]
    private let report: @Sendable (String) -> Void

    init(configuration: SiteConfiguration, makeRunner: @escaping CellRunnerFactory = SessionRunner.factory,
         report: @escaping @Sendable (String) -> Void) {
        var configuration = configuration
        configuration.liveReload = true
        self.configuration = configuration
        self.makeRunner = makeRunner
        self.report = report
    }

    /// Runs and renders everything from scratch (at start, and when the lesson list changes).
    func rebuildAll() {
        do {
            let builder = try SiteBuilder(configuration: configuration, makeRunner: makeRunner)
            self.builder = builder
            let site = try builder.build { [report] lesson, seconds in
                report(LessonSummary.line(lesson, seconds: seconds))
                for d in lesson.diagnostics { report(d.rendered) }
            }
            lessons = site.lessons
            files = site.files
        } catch {
            fail(error)
        }
        stamps = currentStamps()
        version += 1
    }

    /// Checks the watched files; re-runs or re-renders what changed. Returns true when the site changed.
    @discardableResult
    func refresh() -> Bool {
        let now = currentStamps()
        guard now != stamps else { return false }
        let changed = Set(now.keys).union(stamps.keys).filter { now[$0] != stamps[$0] }
        let lessonPaths = Set(lessons.map { $0.lesson.url.standardizedFileURL.path })
        let lessonListChanged = changed.contains { path in    // a lesson added or removed
            path.hasSuffix(".md") && (!lessonPaths.contains(path) || now[path] == nil)
        }
        let templatesChanged = configuration.templates.map { dir in
            changed.contains { $0.hasPrefix(dir.standardizedFileURL.path + "/") }
        } ?? false
        if lessonListChanged || builder == nil {
            rebuildAll()
            return true
        }
        if templatesChanged {
            rerenderWithNewTemplates()
        }
        guard let builder else { stamps = now; version += 1; return true }
        for (i, old) in lessons.enumerated() {
            let watched = Set([old.lesson.url.standardizedFileURL.path] + old.filesRead.map { $0.standardizedFileURL.path })
            guard !watched.isDisjoint(with: changed) else { continue }
            let start = Date()
            guard let lesson = try? Lesson.load(old.lesson.url) else { continue }
            let rendered = builder.renderLesson(lesson)
            report(LessonSummary.line(rendered, seconds: Date().timeIntervalSince(start)))
            for d in rendered.diagnostics { report(d.rendered) }
            lessons[i] = rendered
        }
        do {
            files = try builder.site(lessons).files
        } catch {
            fail(error)
        }
        stamps = currentStamps()
        version += 1
        return true
    }

    /// New templates: the lessons keep their executed cells and are only rendered again.
    private func rerenderWithNewTemplates() {
        do {
            let builder = try SiteBuilder(configuration: configuration, makeRunner: makeRunner)
            self.builder = builder
            lessons = lessons.map { builder.render($0.executed) }
            report("templates changed: \(lessons.count) pages rendered again (no cell re-run)")
        } catch {
            fail(error)
        }
    }

    private func fail(_ error: Error) {
        builder = nil
        lessons = []
        files = ["index.html": Data(errorPage("\(error)").utf8)]
        report("mixdown: \(error)")
    }

    private func currentStamps() -> [String: Date] {
        var paths: [String] = []
        let fm = FileManager.default
        let tutorial = configuration.tutorial.standardizedFileURL
        for name in (try? fm.contentsOfDirectory(atPath: tutorial.path)) ?? [] where name.hasSuffix(".md") {
            paths.append(tutorial.appendingPathComponent(name).path)
        }
        if let templates = configuration.templates?.standardizedFileURL {
            for name in (try? fm.contentsOfDirectory(atPath: templates.path)) ?? [] {
                paths.append(templates.appendingPathComponent(name).path)
            }
        }
        for lesson in lessons { paths += lesson.filesRead.map { $0.standardizedFileURL.path } }
        var stamps: [String: Date] = [:]
        for path in paths {
            stamps[path] = (try? fm.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
        }
        return stamps
    }

    private func errorPage(_ message: String) -> String {
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Mixdown: error</title></head><body>"
            + "<h1>The site could not be built</h1><pre>\(escapeHTML(message))</pre>"
            + "<script src=\"/__mixdown/live.js\"></script></body></html>"
    }
}
