import Foundation

/// Writes a rendered site to its folder atomically: everything goes to a sibling staging folder
/// first, which then replaces the old folder by rename, so a failed build never leaves a
/// half-written site behind.
public struct SiteWriter {
    public let destination: URL
    /// Test hook: called before each file is written; throwing aborts the write.
    var beforeEachFile: (String) throws -> Void = { _ in }

    public init(destination: URL) {
        self.destination = destination.standardizedFileURL
    }

    public func write(_ files: [String: Data]) throws {
        let fm = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).staging")
        let retired = parent.appendingPathComponent(".\(destination.lastPathComponent).old")
        try? fm.removeItem(at: staging)
        try? fm.removeItem(at: retired)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for path in files.keys.sorted() {
                try beforeEachFile(path)
                let url = staging.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try files[path]!.write(to: url)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw SiteError.writeFailed(destination.path, "\(error)")
        }
        // Swap: old → retired, staging → destination, then drop retired.
        let hadOld = fm.fileExists(atPath: destination.path)
        do {
            if hadOld { try fm.moveItem(at: destination, to: retired) }
            try fm.moveItem(at: staging, to: destination)
        } catch {
            if hadOld && !fm.fileExists(atPath: destination.path) { try? fm.moveItem(at: retired, to: destination) }
            try? fm.removeItem(at: staging)
            throw SiteError.writeFailed(destination.path, "\(error)")
        }
        try? fm.removeItem(at: retired)
    }

    /// Reads every file under a folder (relative path → bytes), for `check`.
    public static func read(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return files }
        while let relative = walker.nextObject() as? String {
            let full = base + "/" + relative
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue,
               let data = FileManager.default.contents(atPath: full) {
                files[relative] = data
            }
        }
        return files
    }
}
