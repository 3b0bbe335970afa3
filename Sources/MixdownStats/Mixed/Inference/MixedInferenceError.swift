/// Why an inference on a fitted mixed model (comparison, intervals, degrees of freedom,
/// bootstrap, prediction) cannot be made; each case says what to change.
public enum MixedInferenceError: Error, Equatable, CustomStringConvertible {
    /// `anova` of models fitted to different data.
    case differentData(String)
    /// `anova` of models where neither contains the other.
    case notNested(String)
    /// A computation whose dense size would exceed what is practical.
    case tooLarge(what: String, size: Int, limit: Int)
    /// A bad argument (e.g. `nsim = 0`).
    case badArgument(String)
    /// A numerical failure (a non-invertible matrix, a profile that cannot be followed).
    case numerical(String)

    public var description: String {
        switch self {
        case let .differentData(s), let .notNested(s), let .badArgument(s), let .numerical(s): return s
        case let .tooLarge(what, size, limit):
            return "\(what) needs a dense matrix of order \(size), more than the \(limit) computed here"
        }
    }
}
