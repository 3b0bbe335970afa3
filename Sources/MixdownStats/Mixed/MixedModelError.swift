/// Why a linear mixed model could not be fitted; every case names the culprit in words a student
/// can act on.
public enum MixedModelError: Error, Equatable, CustomStringConvertible, Sendable {
    case noRandomTerms
    case lengthMismatch(what: String, expected: Int, found: Int)
    case nonFinite(what: String, row: Int)
    case levelIndexOutOfRange(group: String, row: Int)
    case tooFewLevels(group: String, levels: Int)
    case tooManyRandomEffects(group: String, effects: Int, observations: Int)
    case constantRandomSlope(group: String, column: String)
    case emptyRandomTerm(group: String)
    case duplicateRandomTerm(group: String)
    case tooFewObservations(observations: Int, fixed: Int)
    case rankDeficientFixedEffects(column: String)
    case notConverged(status: String)
    case crossedTooLarge(effects: Int)
    case numerical(String)

    public var description: String {
        switch self {
        case .noRandomTerms:
            return "a mixed model needs at least one random-effect term such as (1 | group)"
        case let .lengthMismatch(what, expected, found):
            return "\(what) has \(found) values but the data have \(expected) rows"
        case let .nonFinite(what, row):
            return "\(what) has a missing or non-finite value in row \(row + 1)"
        case let .levelIndexOutOfRange(group, row):
            return "grouping factor '\(group)' has an invalid level in row \(row + 1)"
        case let .tooFewLevels(group, levels):
            return levels == 1
                ? "grouping factor '\(group)' has only one level: a random effect needs at least 2 groups (and many more to estimate a variance well)"
                : "grouping factor '\(group)' has \(levels) levels: a random effect needs at least 2 groups"
        case let .tooManyRandomEffects(group, effects, observations):
            return "the term for '\(group)' has \(effects) random effects but there are only \(observations) observations: the random-effect variances and the residual variance cannot be told apart"
        case let .constantRandomSlope(group, column):
            return "the random slope of '\(column)' by '\(group)' is on a column that is constant: it cannot vary by group; drop it from the random part"
        case let .emptyRandomTerm(group):
            return "the random-effect term for '\(group)' has no columns"
        case let .duplicateRandomTerm(group):
            return "the random-effect column list for '\(group)' names the same column twice"
        case let .tooFewObservations(observations, fixed):
            return "\(observations) observations are too few for \(fixed) fixed-effect coefficients"
        case let .rankDeficientFixedEffects(column):
            return "the fixed-effect column '\(column)' is a linear combination of the others (collinear); remove it"
        case let .crossedTooLarge(effects):
            return "the crossed or nested random effects need a dense block of \(effects) × \(effects) or more entries, more than this solver handles; fit fewer or coarser grouping factors"
        case let .notConverged(status):
            return "the optimiser did not converge (\(status))"
        case let .numerical(message):
            return "numerical failure: \(message)"
        }
    }
}
