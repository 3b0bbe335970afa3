import Foundation

/// A problem reading a CSV file: names the file and, when known, the 1-based line.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// The file name as given (or a label such as `<string>` for text).
    public let file: String
    /// The 1-based physical line, or nil for a whole-file problem.
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// E.g. `score.csv:12: expected 3 fields, found 4`.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
    public var errorDescription: String? { description }
}

/// A problem with a data-frame operation (unknown column, wrong type, length mismatch).
public struct DataFrameError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    public let message: String

    public init(_ message: String) { self.message = message }

    /// The error for a column name that does not exist, with a suggestion
    /// ("did you mean 'score'?") when a column name is close by edit distance.
    public static func unknownColumn(_ name: String, available: [String]) -> DataFrameError {
        var text = "unknown column '\(name)'"
        if let s = closestName(to: name, in: available) {
            text += " (did you mean '\(s)'?)"
        } else if !available.isEmpty {
            text += " (columns: \(available.joined(separator: ", ")))"
        }
        return DataFrameError(text)
    }

    public var description: String { message }
    public var errorDescription: String? { description }
}

/// The candidate closest to `name` by edit distance, if it is close enough
/// (at most a third of the length, at least 1, or equal ignoring case).
public func closestName(to name: String, in candidates: [String]) -> String? {
    var best: (String, Int)? = nil
    for c in candidates {
        let d = c.lowercased() == name.lowercased() ? 0 : editDistance(name, c)
        if best == nil || d < best!.1 { best = (c, d) }
    }
    guard let (c, d) = best else { return nil }
    let limit = max(1, name.count / 3)
    return d <= limit ? c : nil
}

/// Edit distance between two strings (insertions, deletions, substitutions and
/// swaps of neighbours, each costing 1), counted in characters.
public func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 0...x.count { d[i][0] = i }
    for j in 0...y.count { d[0][j] = j }
    for i in 1...x.count {
        for j in 1...y.count {
            let cost = x[i - 1] == y[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[x.count][y.count]
}
