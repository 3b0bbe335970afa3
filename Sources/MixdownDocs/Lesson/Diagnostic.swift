import MixdownLang

/// A located problem in a lesson (a failing cell, a bad option, an unknown cross-reference),
/// printed on stderr by the command line and shown in place on the page.
public struct Diagnostic: Sendable, Equatable {
    public var location: SourceLocation
    public var message: String
    public var hint: String?
    /// The source line the location points into, for a caret display.
    public var sourceLine: String?

    /// `lmm.md:42:7: error: message` followed by the line and a caret under the column.
    public var rendered: String {
        var text = "\(location): error: \(message)"
        if let sourceLine {
            let number = String(location.line)
            let pad = String(repeating: " ", count: number.count)
            text += "\n \(number) | \(sourceLine)"
            let caretPad = String(repeating: " ", count: max(0, location.column - 1))
            text += "\n \(pad) | \(caretPad)^" + (hint.map { " \($0)" } ?? "")
        } else if let hint {
            text += "\n  \(hint)"
        }
        return text
    }
}
