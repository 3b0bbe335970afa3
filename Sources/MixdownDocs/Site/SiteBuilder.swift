import Foundation

/// Where a build reads from: the lessons, the templates and the KaTeX copy of the system.
public struct SiteConfiguration: Sendable {
    public var tutorial: URL
    /// A folder whose files replace the built-in templates of the same name; nil: built-in only.
    public var templates: URL?
    /// Debian's libjs-katex folder, copied into `assets/katex/`.
    public var katex: URL
    /// Debian's libjs-lunr folder; `lunr.min.js` is copied into `assets/lunr/` for search.
    public var lunr: URL
    public var siteTitle: String
    /// Adds the live-reload script (for `serve` only; never in built files).
    public var liveReload: Bool

    public init(tutorial: URL, templates: URL? = nil,
                katex: URL = URL(fileURLWithPath: "/usr/share/javascript/katex"),
                lunr: URL = URL(fileURLWithPath: "/usr/share/javascript/lunr"),
                siteTitle: String = "Mixdown", liveReload: Bool = false) {
        self.tutorial = tutorial; self.templates = templates; self.katex = katex; self.lunr = lunr
        self.siteTitle = siteTitle; self.liveReload = liveReload
    }
}

/// The whole rendered site in memory: relative path → bytes, plus each lesson's report.
public struct RenderedSite: Sendable {
    public var files: [String: Data]
    public var lessons: [RenderedLesson]
    public var failed: Bool { lessons.contains { $0.failed } }
}

/// Renders every lesson of the tutorial folder, the index page and the assets, in memory.
public struct SiteBuilder {
    public let configuration: SiteConfiguration
    let templates: TemplateSet
    let executor: LessonExecutor
    /// The tutorial's `references.bib` / `references.json`, nil when it has none.
    let bibliography: Bibliography?
    /// The tutorial's course page `index.md` (empty when it has none).
    let course: CoursePage
    var siteTitle: String { course.title ?? configuration.siteTitle }

    /// A builder that runs cells with the real cell language.
    public init(configuration: SiteConfiguration) throws {
        try self.init(configuration: configuration, makeRunner: SessionRunner.factory)
    }

    public init(configuration: SiteConfiguration, makeRunner: @escaping CellRunnerFactory) throws {
        self.configuration = configuration
        self.templates = try TemplateSet(overrides: configuration.templates)
        self.executor = LessonExecutor(tutorialRoot: configuration.tutorial, makeRunner: makeRunner)
        self.bibliography = try Bibliography.load(tutorial: configuration.tutorial)
        self.course = try CoursePage.load(tutorial: configuration.tutorial)
    }

    /// Renders all lessons; `progress` is called after each one (for the command line's summary lines).
    public func build(progress: (RenderedLesson, TimeInterval) -> Void = { _, _ in }) throws -> RenderedSite {
        let lessons = try Lesson.all(in: configuration.tutorial)
        var rendered: [RenderedLesson] = []
        for lesson in lessons {
            let start = Date()
            let result = renderLesson(lesson)
            progress(result, Date().timeIntervalSince(start))
            rendered.append(result)
        }
        return try site(rendered)
    }

    /// Every file of the site for lessons already rendered.
    public func site(_ rendered: [RenderedLesson]) throws -> RenderedSite {
        var files: [String: Data] = [:]
        for (i, lesson) in rendered.enumerated() {
            files[lesson.lesson.name + ".html"] = Data(page(lesson, index: i, of: rendered).utf8)
            files["results/\(lesson.lesson.name).json"] = Data((LessonResults.json(lesson.executed).serialized() + "\n").utf8)
            for download in downloads(lesson) { files[download.path] = download.data }
        }
        files["index.html"] = Data(index(rendered).utf8)
        files["404.html"] = Data(notFound(rendered).utf8)
        files["assets/search-index.js"] = Data(searchIndex(rendered).utf8)
        if let siteURL = course.siteURL {
            files["sitemap.xml"] = Data(Sitemap.xml(siteURL: siteURL, pages: ["index.html"] + rendered.map { $0.lesson.name + ".html" }).utf8)
        }
        for (path, data) in try assets() { files[path] = data }
        return RenderedSite(files: files, lessons: rendered)
    }

    /// Runs and renders one lesson body (no page chrome).
    public func renderLesson(_ lesson: Lesson) -> RenderedLesson {
        render(executor.execute(lesson))
    }

    /// Renders a lesson that already ran (`serve` re-renders this way when only templates change).
    public func render(_ executed: ExecutedLesson) -> RenderedLesson {
        PageRenderer(templates: templates, bibliography: bibliography).render(executed)
    }

    /// The lesson's downloadable files: its source and the data it read.
    func downloads(_ lesson: RenderedLesson) -> [Downloads.File] {
        Downloads.files(lesson: lesson.lesson.url, read: lesson.filesRead, tutorial: configuration.tutorial)
    }

    /// The search index of every lesson's sections.
    func searchIndex(_ lessons: [RenderedLesson]) -> String {
        SearchIndex.script(lessons.flatMap {
            SearchIndex.sections(page: $0.lesson.name + ".html", lesson: $0.title, bodyHTML: $0.bodyHTML)
        })
    }

    /// What every page's header and head share: site title, lesson links, live reload.
    private func chrome(_ lessons: [RenderedLesson], current: String?) -> [String: Any] {
        [
            "siteTitle": siteTitle,
            "lessons": lessons.map { l -> [String: Any] in
                ["href": l.lesson.name + ".html", "title": l.title, "current": l.lesson.fileName == current]
            },
            "liveReload": configuration.liveReload,
        ]
    }

    /// The page served for a missing address (`404.html`, as static hosts expect).
    public func notFound(_ lessons: [RenderedLesson]) -> String {
        var context = chrome(lessons, current: nil)
        // A host serves this page at any missing address, however deep: with the site's address
        // known, links and assets resolve from its root.
        if let siteURL = course.siteURL { context["siteURL"] = siteURL.hasSuffix("/") ? siteURL : siteURL + "/" }
        return templates.render("404", context)
    }

    /// The full HTML page of a lesson, with navigation to its neighbours.
    public func page(_ lesson: RenderedLesson, index: Int, of all: [RenderedLesson]) -> String {
        func link(_ l: RenderedLesson) -> [String: Any] { ["href": l.lesson.name + ".html", "title": l.title] }
        var context = chrome(all, current: lesson.lesson.fileName)
        context["title"] = lesson.title
        context["body"] = lesson.bodyHTML
        context["source"] = lesson.lesson.fileName
        context["hasToc"] = !lesson.toc.isEmpty
        context["toc"] = lesson.toc.map { ["id": $0.id, "text": $0.text, "level": $0.level] as [String: Any] }
        context["hasMath"] = lesson.hasMath
        if let summary = lesson.lesson.summary { context["description"] = summary }
        let files = downloads(lesson)
        context["downloads"] = files.enumerated().map { n, file -> [String: Any] in
            ["href": file.path, "name": file.name, "what": n == 0 ? "the lesson source (Markdown with its cells)" : "data"]
        }
        context["hasDownloads"] = !files.isEmpty
        if let first = files.first { context["sourceHref"] = first.path }
        if let problems = ProblemSummary(lesson) {
            var banner: [String: Any] = ["summary": problems.text]
            if let first = problems.firstHref { banner["firstHref"] = first }
            context["problems"] = banner
        }
        if index > 0 { context["prev"] = link(all[index - 1]) }
        if index + 1 < all.count { context["next"] = link(all[index + 1]) }
        return templates.render("page", context)
    }

    /// The index page: the course introduction and the lessons in order, each with its
    /// description and what it teaches.
    public func index(_ lessons: [RenderedLesson]) -> String {
        var context = chrome(lessons, current: nil)
        context["intro"] = course.introHTML
        context["hasIntro"] = !course.introHTML.isEmpty
        if let description = course.description { context["description"] = description }
        context["lessons"] = lessons.enumerated().map { n, l -> [String: Any] in
            var item: [String: Any] = ["href": l.lesson.name + ".html", "title": l.title, "number": n + 1,
                                       "cells": l.cells.count, "figures": l.figureCount,
                                       "teaches": l.lesson.teaches, "hasTeaches": !l.lesson.teaches.isEmpty]
            if let summary = l.lesson.summary { item["summary"] = summary }
            if let problems = ProblemSummary(l) { item["problems"] = problems.text }
            return item
        }
        return templates.render("index", context)
    }

    /// The template assets and the KaTeX copy (script, style sheet, fonts).
    func assets() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for (name, data) in templates.assets { files["assets/" + name] = data }
        let katex = configuration.katex
        for name in ["katex.min.js", "katex.min.css"] {
            let url = katex.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.resolvingSymlinksInPath().path) else {
                throw SiteError.missingAsset(url.path)
            }
            files["assets/katex/" + name] = data
        }
        let lunr = configuration.lunr.appendingPathComponent("lunr.min.js")
        guard let lunrData = FileManager.default.contents(atPath: lunr.resolvingSymlinksInPath().path) else {
            throw SiteError.missingAsset(lunr.path)
        }
        files["assets/lunr/lunr.min.js"] = lunrData
        let fonts = katex.appendingPathComponent("fonts").resolvingSymlinksInPath()
        let fontNames = (try? FileManager.default.contentsOfDirectory(atPath: fonts.path)) ?? []
        guard !fontNames.isEmpty else { throw SiteError.missingAsset(fonts.path) }
        for name in fontNames.sorted() {
            let url = fonts.appendingPathComponent(name).resolvingSymlinksInPath()
            guard let data = FileManager.default.contents(atPath: url.path) else { throw SiteError.missingAsset(url.path) }
            files["assets/katex/fonts/" + name] = data
        }
        return files
    }
}
