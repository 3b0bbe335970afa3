import Foundation

/// A parsed model formula in Wilkinson / R / patsy / lme4 syntax, e.g.
/// `score ~ edu + classroom` or `score ~ edu + (1 + edu | classroom)`.
///
/// The right-hand side is fully expanded: `*`, `/`, `**` and parentheses are
/// resolved into a de-duplicated list of ``Term``s (in the order written), and
/// every random-effect bar becomes one or more ``RandomTerm``s (`||` and `a/b`
/// are expanded as lme4 does). Design-matrix column order is decided later
/// (see the design-matrix builder), not here.
public struct Formula: Hashable, Sendable, CustomStringConvertible {
    /// The formula text as given.
    public let source: String
    /// The response (left of `~`); `nil` for a one-sided formula such as `~ 1 + edu`.
    public var response: Factor?
    /// The fixed-effects part: intercept flag and terms.
    public var fixed: TermList
    /// The random-effect terms, one per (terms, grouping factor) pair after expansion.
    public var random: [RandomTerm]
    /// Every column name as written in `source`, with its 1-based character column, in
    /// source order (so a caller can point at the exact name a data frame lacks).
    public internal(set) var references: [ColumnReference] = []

    public init(source: String, response: Factor?, fixed: TermList, random: [RandomTerm]) {
        self.source = source
        self.response = response
        self.fixed = fixed
        self.random = random
    }

    /// Parses `text`; throws a ``FormulaError`` pointing at the offending character.
    public init(_ text: String) throws {
        self = try FormulaParser.parse(text)
    }

    /// True when the formula has at least one `( … | group)` term.
    public var hasRandomEffects: Bool { !random.isEmpty }

    /// Every data column the formula reads (response, fixed, random terms and
    /// grouping factors), without duplicates, in order of first use.
    public var columnNames: [String] {
        var seen = Set<String>()
        var out: [String] = []
        func add(_ names: [String]) { for n in names where seen.insert(n).inserted { out.append(n) } }
        if let r = response { add(r.columnNames) }
        for t in fixed.terms { add(t.columnNames) }
        for r in random {
            for t in r.effects.terms { add(t.columnNames) }
            add(r.grouping)
        }
        return out
    }

    /// A canonical rendering, e.g. `score ~ 1 + edu + (1 + edu | classroom)`.
    public var description: String {
        var rhs = fixed.description
        for r in random { rhs += " + " + r.description }
        if let response { return "\(response.name) ~ \(rhs)" }
        return "~ \(rhs)"
    }
}

/// An intercept flag plus a list of terms: the fixed part of a formula, or the
/// left side of a random-effect bar.
public struct TermList: Hashable, Sendable, CustomStringConvertible {
    /// Whether the intercept column is included.
    public var intercept: Bool
    /// The non-intercept terms, de-duplicated, in the order written.
    public var terms: [Term]

    public init(intercept: Bool, terms: [Term]) {
        self.intercept = intercept
        self.terms = terms
    }

    /// E.g. `1 + edu + edu:classroom`, or `0 + edu` without intercept.
    public var description: String {
        let parts = terms.map(\.name)
        if intercept { return (["1"] + parts).joined(separator: " + ") }
        return (["0"] + parts).joined(separator: " + ")
    }
}

/// One model term: an interaction of one or more factors (`edu`,
/// `edu:classroom`). Two terms with the same factors in a different order are
/// the same term (`a:b` == `b:a`), as in patsy.
public struct Term: Hashable, Sendable, CustomStringConvertible {
    /// The factors, in the order first written, without duplicates.
    public let factors: [Factor]

    public init(factors: [Factor]) {
        var seen = Set<Factor>()
        self.factors = factors.filter { seen.insert($0).inserted }
    }

    /// patsy-style name: factor names joined by `:`.
    public var name: String { factors.map(\.name).joined(separator: ":") }
    public var description: String { name }
    /// The data columns this term reads.
    public var columnNames: [String] {
        var seen = Set<String>()
        return factors.flatMap(\.columnNames).filter { seen.insert($0).inserted }
    }

    public static func == (a: Term, b: Term) -> Bool { Set(a.factors) == Set(b.factors) }
    public func hash(into h: inout Hasher) { h.combine(Set(factors)) }
}

/// One factor of a term: a data column (numeric or categorical by its type),
/// a column forced to be categorical with `C(x)`, or a numeric transform
/// (`I(edu ** 2)`, `log(edu)`).
public struct Factor: Hashable, Sendable, CustomStringConvertible {
    /// How a factor turns data into design columns.
    public enum Kind: Hashable, Sendable {
        /// A plain column: numeric columns enter as is, string columns as categorical.
        case column
        /// `C(x)`: always categorical (treatment coding), even for a numeric column.
        case categorical
        /// A numeric expression (`I(...)`, `log(...)`, ...).
        case transform
    }

    /// The patsy-style name used for design columns: `edu`, `C(edu)`, `I(edu ** 2)`, `log(edu)`.
    public let name: String
    public let kind: Kind
    /// What to compute; for `.column` and `.categorical` it is `.column(name)`.
    public let expression: Expression
    /// How a categorical factor is coded (treatment against the first level unless told).
    public let contrast: Contrast

    public init(name: String, kind: Kind, expression: Expression, contrast: Contrast = .treatment(reference: nil)) {
        self.name = name
        self.kind = kind
        self.expression = expression
        self.contrast = contrast
    }

    /// A plain data column.
    public static func column(_ name: String) -> Factor {
        Factor(name: name, kind: .column, expression: .column(name))
    }

    /// The data column this factor reads when it is a plain or `C()` column.
    public var columnName: String? {
        if case .column(let n) = expression, kind != .transform { return n }
        return nil
    }

    /// The data columns this factor reads.
    public var columnNames: [String] { expression.columnNames }
    public var description: String { name }
}

/// The coding of a categorical factor, as patsy's `C(x, Treatment("b"))` and `C(x, Sum)`.
public enum Contrast: Hashable, Sendable {
    /// Indicators of every level but the reference (nil = the first level): columns `[T.level]`.
    case treatment(reference: String?)
    /// Sum-to-zero (R's `contr.sum`): level k minus the last level, columns `[S.level]`.
    case sum
}

/// One random-effect term after expansion: the effects that vary (with their
/// own intercept flag) by the levels of a grouping factor. `(1 + edu | classroom)`
/// gives one; `(edu || classroom)` gives two (`(1 | classroom)`, `(0 + edu | classroom)`);
/// `(1 | school/class)` gives `(1 | school)` and `(1 | school:class)`.
public struct RandomTerm: Hashable, Sendable, CustomStringConvertible {
    /// The varying effects: intercept flag and terms (effects in one term are correlated).
    public var effects: TermList
    /// The grouping factor as column names; more than one means their interaction (`a:b`).
    public var grouping: [String]

    public init(effects: TermList, grouping: [String]) {
        self.effects = effects
        self.grouping = grouping
    }

    /// The grouping factor's name, e.g. `classroom` or `school:class`.
    public var groupName: String { grouping.joined(separator: ":") }

    /// E.g. `(1 + edu | classroom)`.
    public var description: String {
        let lhs: String
        if effects.intercept {
            lhs = (["1"] + effects.terms.map(\.name)).joined(separator: " + ")
        } else {
            lhs = (["0"] + effects.terms.map(\.name)).joined(separator: " + ")
        }
        return "(\(lhs) | \(groupName))"
    }
}

/// A column name as written in a formula's text, at a 1-based character column.
public struct ColumnReference: Hashable, Sendable {
    public let name: String
    public let column: Int
}

/// A formula syntax error, with the 1-based column of the offending character.
public struct FormulaError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, e.g. "expected a term after '+'".
    public let message: String
    /// 1-based column (in characters) of the offending character; one past the
    /// end when the formula stops too early.
    public let column: Int

    public init(_ message: String, column: Int) {
        self.message = message
        self.column = column
    }

    /// E.g. "expected a term after '+' at column 14".
    public var description: String { "\(message) at column \(column)" }
}

extension FormulaError: LocalizedError {
    public var errorDescription: String? { description }
}
