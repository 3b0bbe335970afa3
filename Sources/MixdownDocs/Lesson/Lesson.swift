import Foundation

/// A lesson file of the tutorial folder: its name, source text and front matter.
public struct Lesson: Sendable {
    /// File name, e.g. `lmm.md`.
    public var fileName: String
    /// The page name without extension, e.g. `lmm` (the page is `lmm.html`).
    public var name: String { String(fileName.dropLast(3)) }
    public var url: URL
    /// The Markdown after the front matter.
    public var body: String
    /// How many lines the front matter took (body line 1 is file line `bodyLineOffset + 1`).
    public var bodyLineOffset: Int
    /// Front matter `order:` (lessons sort by it, then by file name); default 100.
    public var order: Int
    /// Front matter `description:`, shown on the index page.
    public var summary: String?

    /// Front matter `teaches:` items (what the lesson teaches), listed on the index page.
    public var teaches: [String]
    /// The whole front matter.
    var frontMatter: FrontMatter

    public init(fileName: String, url: URL, source: String) {
        self.fileName = fileName
        self.url = url
        let front = FrontMatter(source: source)
        frontMatter = front
        bodyLineOffset = front.lineCount
        body = front.lineCount == 0 ? source
            : source.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(front.lineCount).joined(separator: "\n")
        order = front.values["order"].flatMap { Int($0) } ?? 100
        summary = front.values["description"]
        teaches = front.lists["teaches"] ?? []
    }

    /// Reads every `*.md` lesson of a folder (README.md and the course page index.md excluded), in site order.
    public static func all(in tutorial: URL) throws -> [Lesson] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: tutorial.path)
        } catch {
            throw SiteError.unreadable(tutorial.path, "the tutorial folder does not exist")
        }
        let lessons = try names.filter { $0.hasSuffix(".md") && $0 != "README.md" && $0 != CoursePage.fileName }.map { name -> Lesson in
            let url = tutorial.appendingPathComponent(name)
            return try load(url)
        }
        guard !lessons.isEmpty else { throw SiteError.noLessons(tutorial.path) }
        return lessons.sorted { ($0.order, $0.fileName) < ($1.order, $1.fileName) }
    }

    /// Reads one lesson file.
    public static func load(_ url: URL) throws -> Lesson {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SiteError.unreadable(url.path, "no such file")
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw SiteError.unreadable(url.path, "the file is not UTF-8 text")
        }
        return Lesson(fileName: url.lastPathComponent, url: url,
                      source: source.replacingOccurrences(of: "\r\n", with: "\n"))
    }
}
