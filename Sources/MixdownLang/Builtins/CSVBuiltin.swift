import Foundation
import MixdownStats

/// `read_csv(path)`: reads a CSV file relative to the lesson, refusing any path that resolves
/// (through `..` or symbolic links) outside the tutorial folder.
enum CSVBuiltin {
    static func all() -> [Builtin] {
        [Builtin("read_csv", [.required("path")]) { args in
            let path = try args.string("path")
            let url = try resolve(path, context: args.interpreter.context, args: args)
            let frame: DataFrame
            do {
                frame = try DataFrame.readCSV(path: url.path)
            } catch {
                throw args.error("read_csv() cannot read '\(path)': \(describe(error, url: url, as: path))", "path")
            }
            return .frame(frame)
        }]
    }

    /// The file's real location, checked to be inside the tutorial folder and to exist; recorded
    /// in the files the lesson reads.
    static func resolve(_ path: String, context: SessionContext, args: Args) throws -> URL {
        guard !path.isEmpty else { throw args.error("read_csv() needs a file name", "path") }
        let root = context.tutorialRoot.standardizedFileURL.resolvingSymlinksInPath()
        let base = context.lessonDirectory.standardizedFileURL
        let candidate = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        let resolved = candidate.standardizedFileURL.resolvingSymlinksInPath()
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard resolved.path.hasPrefix(rootPath) else {
            throw args.error("read_csv() can only read files inside the tutorial folder, and '\(path)' is outside it", "path")
        }
        // Watched from here on, even if it is missing or fails to parse, so that its return is noticed.
        if !context.filesRead.contains(resolved) { context.filesRead.append(resolved) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            let folder = resolved.deletingLastPathComponent()
            let siblings = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            let hint = Suggest.closest(to: resolved.lastPathComponent, in: siblings).map {
                "did you mean '\((path as NSString).deletingLastPathComponent.isEmpty ? $0 : (path as NSString).deletingLastPathComponent + "/" + $0)'?"
            }
            throw args.error("read_csv() cannot find the file '\(path)' (looked for it next to the lesson)", "path", hint: hint)
        }
        return resolved
    }

    /// The statistics library's CSV error without the absolute path of the file.
    static func describe(_ error: Error, url: URL, as path: String) -> String {
        "\(error)".replacingOccurrences(of: url.path, with: path)
    }
}
