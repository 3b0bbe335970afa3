import Foundation

/// The files a reader can download from a lesson page: its Markdown source and the data files its
/// cells read, copied into `output/downloads/` under their path in the tutorial folder.
struct Downloads {
    /// One downloadable file: its link (relative to the site root) and bytes.
    struct File: Equatable {
        var path: String
        var data: Data
        var name: String { String(path.split(separator: "/").last ?? "") }
    }

    static let folder = "downloads"

    /// The lesson's source, then the data files it read (sorted, duplicates once). Files outside
    /// the tutorial folder, or that can no longer be read, are left out.
    static func files(lesson: URL, read: [URL], tutorial: URL) -> [File] {
        let root = tutorial.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        var seen = Set<String>()
        var files: [File] = []
        for url in [lesson] + read.sorted(by: { $0.path < $1.path }) {
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard full.hasPrefix(root), seen.insert(full).inserted,
                  let data = FileManager.default.contents(atPath: full) else { continue }
            files.append(File(path: folder + "/" + full.dropFirst(root.count), data: data))
        }
        return files
    }
}
