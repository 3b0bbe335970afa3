import Foundation

/// The live site behind `mixdown serve`: pages kept in memory, a lesson re-rendered when its
/// Markdown file or a data file it read changes, and a version number that browsers wait on.
actor PreviewSite {
    private let configuration: SiteConfiguration
    private var builder: SiteBuilder?
    private var lessons: [RenderedLesson] = []
    private(set) var files: [String: Data] = [:]
    private(set) var version = 0
    /// Modification times of everything watched, by path.
    private var stamps: [String: Date] = [:]
    private let report: @Sendable (String) -> Void

    init(configuration: SiteConfiguration, report: @escaping @Sendable (String) -> Void) {
        var configuration = configuration
        configuration.liveReload = true
        self.configuration = configuration
        self.report = report
    }

    /// Renders everything from scratch (at start, and when templates or the lesson list change).
    func rebuildAll() {
        do {
            let builder = try SiteBuilder(configuration: configuration)
            self.builder = builder
            let site = try builder.build { [report] lesson, seconds in
                report(LessonSummary.line(lesson, seconds: seconds))
                for d in lesson.diagnostics { report(d.rendered) }
            }
            lessons = site.lessons
            files = site.files
        } catch {
            builder = nil
            lessons = []
            files = ["index.html": Data(errorPage("\(error)").utf8)]
            report("mixdown: \(error)")
        }
        stamps = currentStamps()
        version += 1
    }

    /// Checks the watched files; re-renders what changed. Returns true when the site changed.
    @discardableResult
    func refresh() -> Bool {
        let now = currentStamps()
        guard now != stamps else { return false }
        let changed = Set(now.keys).union(stamps.keys).filter { now[$0] != stamps[$0] }
        let lessonPaths = Set(lessons.map { $0.lesson.url.standardizedFileURL.path })
        let structural = changed.contains { path in
            path.hasPrefix(configuration.templates.standardizedFileURL.path) ||
            (path.hasSuffix(".md") && !lessonPaths.contains(path))    // a lesson added or removed
        }
        if structural || builder == nil {
            rebuildAll()
            return true
        }
        for (i, old) in lessons.enumerated() {
            let watched = Set([old.lesson.url.standardizedFileURL.path] + old.filesRead.map { $0.standardizedFileURL.path })
            guard !watched.isDisjoint(with: changed), let builder else { continue }
            let start = Date()
            guard let lesson = try? Lesson.load(old.lesson.url) else { continue }
            let rendered = builder.renderLesson(lesson)
            report(LessonSummary.line(rendered, seconds: Date().timeIntervalSince(start)))
            for d in rendered.diagnostics { report(d.rendered) }
            lessons[i] = rendered
        }
        if let builder {
            for (i, lesson) in lessons.enumerated() {
                files[lesson.lesson.name + ".html"] = Data(builder.page(lesson, index: i, of: lessons).utf8)
                for download in builder.downloads(lesson) { files[download.path] = download.data }
            }
            files["index.html"] = Data(builder.index(lessons).utf8)
            files["assets/search-index.js"] = Data(builder.searchIndex(lessons).utf8)
        }
        stamps = now
        version += 1
        return true
    }

    private func currentStamps() -> [String: Date] {
        var paths: [String] = []
        let fm = FileManager.default
        let tutorial = configuration.tutorial.standardizedFileURL
        for name in (try? fm.contentsOfDirectory(atPath: tutorial.path)) ?? [] where name.hasSuffix(".md") {
            paths.append(tutorial.appendingPathComponent(name).path)
        }
        let templates = configuration.templates.standardizedFileURL
        for name in (try? fm.contentsOfDirectory(atPath: templates.path)) ?? [] {
            paths.append(templates.appendingPathComponent(name).path)
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
