import Foundation

/// Likelihood-ratio tests between nested mixed models, as lme4's `anova(m0, m1, …)`: models in
/// order of their number of parameters; REML fits are refitted by ML first (`refitted` says so);
/// each row after the first tests the model against the one above it.
public struct LikelihoodRatioTable: Sendable, Equatable {
    public var names: [String]
    public var npar: [Int]
    public var aic: [Double]
    public var bic: [Double]
    public var logLik: [Double]
    public var deviance: [Double]
    /// nil on the first row.
    public var chisq: [Double?]
    public var df: [Int?]
    public var pValue: [Double?]
    /// Whether any model was refitted by ML (lme4: "refitting model(s) with ML (instead of REML)").
    public var refitted: Bool

    /// Compares `models` (at least two), named for the table.
    public init(_ models: [(name: String, model: MixedModel)]) throws {
        guard models.count >= 2 else {
            throw MixedInferenceError.badArgument("anova needs at least two models to compare")
        }
        let first = models[0].model
        for (name, m) in models.dropFirst() where m.input.response != first.input.response {
            throw MixedInferenceError.differentData("anova: '\(name)' was fitted to different data than '\(models[0].name)' (\(m.fit.nobs) and \(first.fit.nobs) rows, or another response); compare models of the same rows")
        }
        let ml = try models.map { try $0.model.refitted(.ml) }
        let order = models.indices.sorted { ml[$0].parameterCount != ml[$1].parameterCount
            ? ml[$0].parameterCount < ml[$1].parameterCount : $0 < $1 }
        for (a, b) in zip(order, order.dropFirst()) {
            if let why = Self.notNested(ml[a], in: ml[b]) {
                throw MixedInferenceError.notNested("anova: '\(models[a].name)' is not nested in '\(models[b].name)': \(why); a likelihood-ratio test needs each model to be a special case of the next")
            }
        }
        names = order.map { models[$0].name }
        npar = order.map { ml[$0].parameterCount }
        aic = order.map { ml[$0].fit.aic }
        bic = order.map { ml[$0].fit.bic }
        logLik = order.map { ml[$0].fit.logLikelihood }
        deviance = order.map { ml[$0].fit.criterion }
        chisq = [nil]; df = [nil]; pValue = [nil]
        for k in 1..<order.count {
            let x = 2 * max(0, logLik[k] - logLik[k - 1])
            let d = npar[k] - npar[k - 1]
            chisq.append(x); df.append(d)
            pValue.append(d > 0 ? Distributions.chiSquaredSF(x, df: Double(d)) : .nan)
        }
        refitted = models.contains { $0.model.method == .reml }
    }

    /// Why `small` is not a special case of `large`, or nil: every fixed-effect column of `small`
    /// lies in the span of `large`'s, and every random effect of `small` (grouping factor and
    /// column) appears in `large`.
    static func notNested(_ small: MixedModel, in large: MixedModel) -> String? {
        for (c, column) in small.input.fixedColumns.enumerated()
        where !Self.inSpan(column, of: large.input.fixedColumns) {
            return "its fixed effect '\(small.input.fixedNames[c])' is not in the other model's fixed part"
        }
        for term in small.input.terms {
            guard let other = large.input.terms.first(where: { $0.group == term.group && $0.levelIndex == term.levelIndex }) else {
                return "its random term for '\(term.group)' is not in the other model"
            }
            for name in term.columnNames where !other.columnNames.contains(name) {
                return "its random effect '\(name)' by '\(term.group)' is not in the other model"
            }
        }
        return nil
    }

    /// Whether y is (numerically) a linear combination of the columns, by least squares.
    static func inSpan(_ y: [Double], of columns: [[Double]]) -> Bool {
        let yy = y.reduce(0) { $0 + $1 * $1 }
        guard yy > 0 else { return true }
        guard !columns.isEmpty else { return false }
        guard let qr = try? PivotedQR(columnMajor: columns.flatMap { $0 }, rows: y.count, columns: columns.count),
              qr.rank == columns.count, let b = try? qr.solve(y) else { return false }
        var rss = 0.0
        for i in y.indices {
            var fit = 0.0
            for (c, column) in columns.enumerated() { fit += b[c] * column[i] }
            rss += (y[i] - fit) * (y[i] - fit)
        }
        return rss <= 1e-10 * yy
    }
}
