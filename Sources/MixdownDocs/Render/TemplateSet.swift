import Foundation
import Mustache

/// The Mustache templates (page, index, cell, …) plus the static assets beside them: the
/// built-in set (`BuiltInTemplates`, made from the repository's `templates/`), with the files of
/// an optional folder replacing those of the same name.
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// Static files to copy into `output/assets/` (name → bytes), e.g. `style.css`.
    let assets: [String: Data]
    /// The live-reload script of `serve` (`live.js`): served by the preview, not part of a site.
    let liveScript: Data
    static let liveScriptName = "live.js"

    /// The built-in templates, overridden file by file by `*.mustache`, `*.css`, `*.js` and
    /// `*.svg` files of `directory` when one is given (a folder that does not exist is an error).
    public init(overrides directory: URL? = nil) throws {
        var files = BuiltInTemplates.files.mapValues { Data($0.utf8) }
        if let directory {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            } catch {
                throw SiteError.missingTemplates(directory.path)
            }
            for name in names where Self.isTemplateFile(name) {
                files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
            }
        }
        try self.init(files: files)
    }

    /// A template set from file names and contents.
    init(files: [String: Data]) throws {
        var library = MustacheLibrary()
        var assets: [String: Data] = [:]
        for name in files.keys.sorted() {
            let data = files[name]!
            if name.hasSuffix(".mustache") {
                do {
                    try library.register(String(decoding: data, as: UTF8.self), named: String(name.dropLast(".mustache".count)))
                } catch {
                    throw SiteError.badTemplate(name, "\(error)")
                }
            } else if name != Self.liveScriptName {
                assets[name] = data
            }
        }
        for required in ["page", "index", "cell", "404"] where library.getTemplate(named: required) == nil {
            throw SiteError.badTemplate("\(required).mustache", "the template is missing")
        }
        self.library = library
        self.assets = assets
        self.liveScript = files[Self.liveScriptName] ?? Data()
    }

    static func isTemplateFile(_ name: String) -> Bool {
        [".mustache", ".css", ".js", ".svg"].contains { name.hasSuffix($0) }
    }

    /// Renders a template with a context (dictionaries of strings, bools, arrays).
    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
