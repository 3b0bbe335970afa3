import Foundation

/// A problem building or fitting a model. `kind` separates bad input (unknown
/// or wrongly typed column, aliased columns, ...) from a fit that cannot be computed.
public struct ModelError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// Whether the input is at fault or the computation failed.
    public enum Kind: Hashable, Sendable {
        case input
        case fit
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
