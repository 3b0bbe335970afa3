import Foundation
import Mustache

/// The Mustache templates of `templates/` (page, index, cell, …) plus the static assets beside them.
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// Static files to copy into `output/assets/` (name → bytes), e.g. `style.css`.
    let assets: [String: Data]

    /// Loads every `*.mustache` file of `directory` as a template named after the file, and every
    /// `*.css` / `*.js` / `*.svg` file as an asset.
    public init(directory: URL) throws {
        var library = MustacheLibrary()
        var assets: [String: Data] = [:]
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw SiteError.missingTemplates(directory.path)
        }
        for name in names {
            let url = directory.appendingPathComponent(name)
            if name.hasSuffix(".mustache") {
                let text = try String(contentsOf: url, encoding: .utf8)
                do {
                    try library.register(text, named: String(name.dropLast(".mustache".count)))
                } catch {
                    throw SiteError.badTemplate(name, "\(error)")
                }
            } else if name.hasSuffix(".css") || name.hasSuffix(".js") || name.hasSuffix(".svg") {
                assets[name] = try Data(contentsOf: url)
            }
        }
        for required in ["page", "index", "cell", "404"] where library.getTemplate(named: required) == nil {
            throw SiteError.badTemplate("\(required).mustache", "the template is missing")
        }
        self.library = library
        self.assets = assets
    }

    /// Renders a template with a context (dictionaries of strings, bools, arrays).
    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
