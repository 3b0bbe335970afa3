import Foundation

/// Where a build reads from: the lessons, the templates and the KaTeX copy of the system.
public struct SiteConfiguration: Sendable {
    public var tutorial: URL
    public var templates: URL
    /// Debian's libjs-katex folder, copied into `assets/katex/`.
    public var katex: URL
    public var siteTitle: String
    /// Adds the live-reload script (for `serve` only; never in built files).
    public var liveReload: Bool

    public init(tutorial: URL, templates: URL,
                katex: URL = URL(fileURLWithPath: "/usr/share/javascript/katex"),
                siteTitle: String = "Mixdown", liveReload: Bool = false) {
        self.tutorial = tutorial; self.templates = templates; self.katex = katex
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
    let makeRunner: CellRunnerFactory

    /// A builder that runs cells with the real cell language.
    public init(configuration: SiteConfiguration) throws {
        try self.init(configuration: configuration, makeRunner: SessionRunner.factory)
    }

    public init(configuration: SiteConfiguration, makeRunner: @escaping CellRunnerFactory) throws {
        self.configuration = configuration
        self.templates = try TemplateSet(directory: configuration.templates)
        self.makeRunner = makeRunner
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
        var files: [String: Data] = [:]
        for (i, lesson) in rendered.enumerated() {
            files[lesson.lesson.name + ".html"] = Data(page(lesson, index: i, of: rendered).utf8)
            files["results/\(lesson.lesson.name).json"] = Data((LessonResults.json(lesson).serialized() + "\n").utf8)
        }
        files["index.html"] = Data(index(rendered).utf8)
        for (path, data) in try assets() { files[path] = data }
        return RenderedSite(files: files, lessons: rendered)
    }

    /// Runs and renders one lesson body (no page chrome).
    public func renderLesson(_ lesson: Lesson) -> RenderedLesson {
        LessonRenderer(templates: templates, tutorialRoot: configuration.tutorial, makeRunner: makeRunner).render(lesson)
    }

    /// The full HTML page of a lesson, with navigation to its neighbours.
    public func page(_ lesson: RenderedLesson, index: Int, of all: [RenderedLesson]) -> String {
        func link(_ l: RenderedLesson) -> [String: Any] { ["href": l.lesson.name + ".html", "title": l.title] }
        var context: [String: Any] = [
            "siteTitle": configuration.siteTitle,
            "title": lesson.title,
            "body": lesson.bodyHTML,
            "source": lesson.lesson.fileName,
            "hasToc": !lesson.toc.isEmpty,
            "toc": lesson.toc.map { ["id": $0.id, "text": $0.text, "level": $0.level] as [String: Any] },
            "lessons": all.map { l -> [String: Any] in
                var item = link(l); item["current"] = l.lesson.fileName == lesson.lesson.fileName; return item
            },
            "liveReload": configuration.liveReload,
        ]
        if index > 0 { context["prev"] = link(all[index - 1]) }
        if index + 1 < all.count { context["next"] = link(all[index + 1]) }
        return templates.render("page", context)
    }

    /// The index page listing the lessons with their titles.
    public func index(_ lessons: [RenderedLesson]) -> String {
        templates.render("index", [
            "siteTitle": configuration.siteTitle,
            "lessons": lessons.map { l -> [String: Any] in
                var item: [String: Any] = ["href": l.lesson.name + ".html", "title": l.title,
                                           "cells": l.cells.count, "figures": l.figureCount]
                if let summary = l.lesson.summary { item["summary"] = summary }
                return item
            },
            "liveReload": configuration.liveReload,
        ])
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
