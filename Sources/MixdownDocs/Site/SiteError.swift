/// Problems that stop a whole build (as opposed to a failing cell, which is shown in its page).
public enum SiteError: Error, CustomStringConvertible, Equatable {
    case missingTemplates(String)
    case badTemplate(String, String)
    case noLessons(String)
    case unreadable(String, String)
    case missingAsset(String)
    case writeFailed(String, String)
    case badBibliography(String, String)

    public var description: String {
        switch self {
        case .missingTemplates(let dir): return "no templates folder at \(dir)"
        case .badTemplate(let name, let why): return "template \(name): \(why)"
        case .noLessons(let dir): return "no lessons (*.md) in \(dir)"
        case .unreadable(let path, let why): return "cannot read \(path): \(why)"
        case .missingAsset(let path): return "missing asset \(path) (run `make deps` to install KaTeX and Lunr)"
        case .writeFailed(let path, let why): return "cannot write \(path): \(why)"
        case .badBibliography(let file, let why): return "bibliography \(file): \(why)"
        }
    }
}
