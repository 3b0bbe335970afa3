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

    public init(fileName: String, url: URL, source: String) {
        self.fileName = fileName
        self.url = url
        var body = source
        var offset = 0
        var order = 100
        var summary: String?
        if source.hasPrefix("---\n") {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            if let end = lines.dropFirst().firstIndex(of: "---") {
                for line in lines[1..<end] {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    let key = line[..<colon].trimmingCharacters(in: .whitespaces)
                    let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    if key == "order", let n = Int(value) { order = n }
                    if key == "description" { summary = value }
                }
                offset = end + 1
                body = lines[(end + 1)...].joined(separator: "\n")
            }
        }
        self.body = body
        self.bodyLineOffset = offset
        self.order = order
        self.summary = summary
    }

    /// Reads every `*.md` lesson of a folder (README.md excluded), in site order.
    public static func all(in tutorial: URL) throws -> [Lesson] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: tutorial.path)
        } catch {
            throw SiteError.unreadable(tutorial.path, "the tutorial folder does not exist")
        }
        let lessons = try names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.map { name -> Lesson in
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
