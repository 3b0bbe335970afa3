import Foundation

/// The front matter of a lesson (or of the course page `index.md`): the `---` block at the top,
/// read as simple YAML — `key: value` lines and `key:` followed by `- item` lines.
struct FrontMatter: Equatable, Sendable {
    /// `key: value` fields (quotes around a value removed).
    var values: [String: String] = [:]
    /// `key:` fields followed by `- item` lines.
    var lists: [String: [String]] = [:]
    /// How many lines the block takes, fences included (0 when there is none).
    var lineCount = 0

    init() {}

    /// Reads the front matter at the start of `source`, if any.
    init(source: String) {
        guard source.hasPrefix("---\n") else { return }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard let end = lines.dropFirst().firstIndex(of: "---") else { return }
        var listKey: String?
        for line in lines[1..<end] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- "), let key = listKey {
                lists[key, default: []].append(Self.unquoted(String(trimmed.dropFirst(2))))
                continue
            }
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.isEmpty {
                listKey = key
            } else {
                listKey = nil
                values[key] = Self.unquoted(value)
            }
        }
        lineCount = end + 1
    }

    private static func unquoted(_ value: String) -> String {
        for quote in ["\"", "'"] where value.count >= 2 && value.hasPrefix(quote) && value.hasSuffix(quote) {
            return String(value.dropFirst().dropLast())
        }
        return value
    }
}
