import Foundation

/// Fits Gaussian linear mixed models by REML or ML: validation, optimisation of the profiled
/// deviance over θ, and every derived quantity (β and its tests, variance components, BLUPs,
/// fitted values, information criteria, singularity diagnostics).
public enum LinearMixedModel {
    /// θ diagonal values below this count as zero (lme4's `isSingular` tolerance).
    public static let singularTolerance = 1e-4

    /// Fits the model described by `input`.
    public static func fit(_ input: MixedModelInput, method: MixedModelMethod = .reml) throws -> LinearMixedModelFit {
        try fit(input, method: method, optimizer: BoundedOptimizer())
    }

    /// `fit` with a given optimiser configuration (tests use it to force non-convergence).
    static func fit(_ input: MixedModelInput, method: MixedModelMethod, optimizer: BoundedOptimizer) throws -> LinearMixedModelFit {
        try validate(input)
        let n = input.response.count
        let p = input.fixedColumns.count
        // lme4's order: terms by decreasing number of levels (stable).
        let order = input.terms.indices.sorted {
            let a = input.terms[$0].levels.count, b = input.terms[$1].levels.count
            return a != b ? a > b : $0 < $1
        }
        let sorted = order.map { input.terms[$0] }
        // The non-leading terms' block of L is dense unless it is one term nested in the first.
        let qB = sorted.dropFirst().reduce(0) { $0 + $1.width * $1.levels.count }
        if qB > 12_000 && !ProfiledDeviance.otherTermsAreNested(sorted) {
            throw MixedModelError.crossedTooLarge(effects: qB)
        }
        let model = ProfiledDeviance(response: input.response, fixed: input.fixedColumns, terms: sorted, method: method)
        try checkRank(model, names: input.fixedNames)

        var start: [Double] = []
        var lower: [Double] = []
        for l in model.layouts { start += l.start; lower += l.lowerBounds }
        // lme4 starts at T = I; a scaled identity first puts BOBYQA closer when the random
        // effects are much larger or smaller than the residual noise. The deviance along this
        // ray falls to one minimum, so the scale walks down (0.3, 0.1) or else up (3, 10) only
        // while the deviance improves.
        var best = model.deviance(start)
        var bestStart = start
        for ladder in [[0.3, 0.1], [3.0, 10.0]] {
            var moved = false
            for scale in ladder {
                let s = start.map { $0 * scale }
                let d = model.deviance(s)
                guard d < best else { break }
                best = d; bestStart = s; moved = true
            }
            if moved { break }
        }
        start = bestStart
        var polish = NewtonPolish()
        polish.noise = 1e-15 * max(1, Double(n).squareRoot() / 10)
        var optimizer = optimizer
        // Without the polish, BOBYQA's function-change test stops early on the flat deviance of
        // many parameters (1e-5 short in logLik for 20): stop on the trust radius alone. A radius
        // of 1e-5 still left the maximal 56 × 32 model 7.5e-8 short in logLik and its variance
        // components 6e-4 from lme4's tight optimum; 1e-6 leaves 1e-10 and 2e-5, for 21 % more
        // evaluations.
        if start.count > polish.maxParameters {
            optimizer.ftolRel = 0
        }
        // BOBYQA's first point is the start, whose deviance is known.
        let outcome = optimizer.minimize(start: start, lower: lower) { $0 == bestStart ? best : model.deviance($0) }
        var theta = outcome.x
        for i in theta.indices where lower[i] == 0 && theta[i] < 0 { theta[i] = 0 }
        if outcome.converged {
            theta = polish.refine(theta, lower: lower) { model.deviance($0) }
        }
        let atOptimum = model.components(theta)
        guard atOptimum.deviance(method).isFinite else {
            throw MixedModelError.numerical("the deviance is not finite at the optimum (\(outcome.status))")
        }
        let beta = model.beta()
        let bSorted = model.conditionalModes(beta: beta)
        let (fittedFixed, fitted) = fittedValues(input, sorted: sorted, beta: beta, modes: bSorted)
        var residuals = [Double](repeating: 0, count: n)
        for i in 0..<n { residuals[i] = input.response[i] - fitted[i] }
        // lme4's practice: the penalised residual sum recomputed from the residuals at the optimum
        // (the cross-product value loses digits to cancellation at a million rows).
        let ss = CompensatedSum.ofSquares(residuals)
        let penalty = CompensatedSum.ofSquares(model.sphericalModes(beta: beta).flatMap { $0 })
        let components = DevianceComponents(ldL2: atOptimum.ldL2, ldRX2: atOptimum.ldRX2, pwrss: ss + penalty, n: n, p: p)
        let criterion = components.deviance(method)
        let sigma2 = components.pwrss / Double(method == .reml ? n - p : n)
        let rmse = (ss / Double(n - p)).squareRoot()
        let unscaled = model.unscaledFixedCovariance()
        let vcovGLS = unscaled.map { $0.map { $0 * sigma2 } }

        // Random-effect covariances (data scale), back in input order.
        var covSorted: [RandomEffectCovariance] = []
        for (t, term) in sorted.enumerated() {
            let q = term.width
            let tm = model.tFactors[t]
            var cov = [[Double]](repeating: [Double](repeating: 0, count: q), count: q)
            for i in 0..<q { for j in 0..<q {
                var s = 0.0
                for k in 0..<q { s += tm[k * q + i] * tm[k * q + j] }
                cov[i][j] = sigma2 * s
            } }
            covSorted.append(RandomEffectCovariance(group: term.group, names: term.columnNames,
                                                    correlated: term.correlated, covariance: cov))
        }
        var randomEffects = [RandomEffectCovariance?](repeating: nil, count: sorted.count)
        for (s, i) in order.enumerated() { randomEffects[i] = covSorted[s] }

        // Conditional modes, back in input order.
        var modes = [RandomEffectModes?](repeating: nil, count: sorted.count)
        for (s, i) in order.enumerated() {
            let term = sorted[s]
            let q = term.width
            let values = (0..<term.levels.count).map { l in Array(bSorted[s][(l * q)..<(l * q + q)]) }
            modes[i] = RandomEffectModes(group: term.group, levels: term.levels, names: term.columnNames, values: values)
        }

        // statsmodels' parametrisation and Hessian (one grouping factor).
        var smParams: [StatsmodelsVarianceParameter]?
        var source = FixedEffectCovarianceSource.generalizedLeastSquares
        var vcov = vcovGLS
        if let inference = statsmodelsInference(model: model, beta: beta, psi: covSorted[0].covariance.map { $0.map { $0 / sigma2 } },
                                                sigma2: sigma2) {
            source = .statsmodelsHessian
            vcov = inference.fixedCovariance
            smParams = inference.parameters
        }

        let z975 = Distributions.normalQuantile(0.975)
        var fixed: [MixedFixedEffect] = []
        for c in 0..<p {
            let se = vcov[c][c].squareRoot()
            let z = beta[c] / se
            fixed.append(MixedFixedEffect(name: input.fixedNames[c], estimate: beta[c], stderr: se, z: z,
                                          pValue: Distributions.normalTwoSidedP(z),
                                          ciLow: beta[c] - z975 * se, ciHigh: beta[c] + z975 * se))
        }

        // θ names as lme4 prints them.
        var thetaNames: [String] = []
        for (t, term) in sorted.enumerated() {
            let lme = { (s: String) in s == "Intercept" ? "(Intercept)" : s }
            for pos in model.layouts[t].positions {
                thetaNames.append(pos.row == pos.col ? "\(term.group).\(lme(term.columnNames[pos.row]))"
                    : "\(term.group).\(lme(term.columnNames[pos.row])).\(lme(term.columnNames[pos.col]))")
            }
        }

        let (singular, warnings) = diagnose(terms: sorted, model: model, theta: theta, covariances: covSorted)
        var allWarnings = warnings
        if !outcome.converged {
            allWarnings.insert("the optimiser did not converge (\(outcome.status)): the estimates may be wrong; simplify the random part or rescale the predictors", at: 0)
        }

        let k = Double(p + theta.count + 1)
        let groupSizes = input.terms.map { term -> (group: String, levels: Int, min: Int, max: Int, mean: Double) in
            var counts = [Int](repeating: 0, count: term.levels.count)
            for j in term.levelIndex { counts[Int(j)] += 1 }
            return (term.group, term.levels.count, counts.min() ?? 0, counts.max() ?? 0,
                    Double(n) / Double(max(term.levels.count, 1)))
        }
        return LinearMixedModelFit(
            responseName: input.responseName, method: method, nobs: n, fixed: fixed,
            fixedCovarianceSource: source, fixedCovariance: vcov, fixedCovarianceGLS: vcovGLS,
            residualVariance: sigma2, randomEffects: randomEffects.compactMap { $0 },
            statsmodelsParameters: smParams, theta: theta, thetaNames: thetaNames,
            criterion: criterion, logLikelihood: -criterion / 2,
            aic: criterion + 2 * k, bic: criterion + Foundation.log(Double(n)) * k,
            modes: modes.compactMap { $0 }, fitted: fitted, fittedFixed: fittedFixed, residuals: residuals,
            rmse: rmse, converged: outcome.converged, optimizerStatus: outcome.status,
            evaluations: model.evaluations, singular: singular, warnings: allWarnings, groupSizes: groupSizes)
    }

    /// Fitted values from the fixed part alone and with the conditional modes added.
    static func fittedValues(_ input: MixedModelInput, sorted: [RandomEffectTerm], beta: [Double],
                             modes bSorted: [[Double]]) -> (fixed: [Double], full: [Double]) {
        let n = input.response.count
        var fittedFixed = [Double](repeating: 0, count: n)
        for (c, b) in beta.enumerated() {
            input.fixedColumns[c].withUnsafeBufferPointer { col in
                for i in 0..<n { fittedFixed[i] += b * col[i] }
            }
        }
        var fitted = fittedFixed
        for (s, term) in sorted.enumerated() {
            let q = term.width
            let b = bSorted[s]
            term.levelIndex.withUnsafeBufferPointer { idx in
                for k in 0..<q {
                    term.columns[k].withUnsafeBufferPointer { col in
                        for i in 0..<n { fitted[i] += b[Int(idx[i]) * q + k] * col[i] }
                    }
                }
            }
        }
        return (fittedFixed, fitted)
    }

    /// statsmodels' covariance of β and variance parameters with their standard errors, from the
    /// inverse of the negative Hessian at (β, Ψ = cov_re / scale); nil unless the model has one
    /// random-effect term with a full covariance (what statsmodels' MixedLM fits) and the
    /// Hessian is invertible with a positive diagonal.
    static func statsmodelsInference(model: ProfiledDeviance, beta: [Double], psi: [[Double]], sigma2: Double)
        -> (fixedCovariance: [[Double]], parameters: [StatsmodelsVarianceParameter])? {
        guard model.terms.count == 1, model.terms[0].correlated || model.terms[0].width == 1 else { return nil }
        let term = model.terms[0]
        let q = term.width
        let p = model.p
        // The sufficient statistics are those of y − Xγ, whose coefficients are β − γ.
        let hess = StatsmodelsHessian(beta: zip(beta, model.responseShift).map(-), psi: psi, levels: term.levels.count, q: q, p: p,
                                      ztz: model.levelZtZ, xyz: model.levelXyZ, xyxy: model.crossXy,
                                      n: model.n, method: model.method)
        let neg = hess.hessian.map { $0.map { -$0 } }
        guard let pcov = DenseKernels.inverse(neg), (0..<hess.size).allSatisfy({ pcov[$0][$0] > 0 }) else { return nil }
        var params: [StatsmodelsVarianceParameter] = []
        let smName = { (name: String) in name == "Intercept" ? "Group" : name }
        var k = p
        for i in 0..<q {
            for j in 0...i {
                let name = i == j ? "\(smName(term.columnNames[i])) Var"
                    : "\(smName(term.columnNames[j])) x \(smName(term.columnNames[i])) Cov"
                let bse = pcov[k][k].squareRoot()
                params.append(StatsmodelsVarianceParameter(
                    name: name, scaleFree: psi[i][j], dataScale: psi[i][j] * sigma2,
                    stderrScaleFree: bse, stderrSummary: sigma2.squareRoot() * bse))
                k += 1
            }
        }
        return ((0..<p).map { i in (0..<p).map { j in pcov[i][j] } }, params)
    }

    // MARK: Validation

    static func validate(_ input: MixedModelInput) throws {
        let n = input.response.count
        guard !input.terms.isEmpty else { throw MixedModelError.noRandomTerms }
        guard input.fixedNames.count == input.fixedColumns.count else {
            throw MixedModelError.lengthMismatch(what: "the fixed-effect name list", expected: input.fixedColumns.count,
                                                 found: input.fixedNames.count)
        }
        for (i, v) in input.response.enumerated() where !v.isFinite {
            throw MixedModelError.nonFinite(what: "response '\(input.responseName)'", row: i)
        }
        for (c, col) in input.fixedColumns.enumerated() {
            guard col.count == n else {
                throw MixedModelError.lengthMismatch(what: "fixed-effect column '\(input.fixedNames[c])'", expected: n, found: col.count)
            }
            if let i = col.firstIndex(where: { !$0.isFinite }) {
                throw MixedModelError.nonFinite(what: "fixed-effect column '\(input.fixedNames[c])'", row: i)
            }
        }
        guard n > input.fixedColumns.count else {
            throw MixedModelError.tooFewObservations(observations: n, fixed: input.fixedColumns.count)
        }
        for term in input.terms {
            guard term.width > 0 else { throw MixedModelError.emptyRandomTerm(group: term.group) }
            guard term.columnNames.count == term.width else {
                throw MixedModelError.lengthMismatch(what: "the column names of the random term for '\(term.group)'",
                                                     expected: term.width, found: term.columnNames.count)
            }
            guard Set(term.columnNames).count == term.width else { throw MixedModelError.duplicateRandomTerm(group: term.group) }
            guard term.levelIndex.count == n else {
                throw MixedModelError.lengthMismatch(what: "grouping factor '\(term.group)'", expected: n, found: term.levelIndex.count)
            }
            let m = term.levels.count
            if let i = term.levelIndex.firstIndex(where: { $0 < 0 || Int($0) >= m }) {
                throw MixedModelError.levelIndexOutOfRange(group: term.group, row: i)
            }
            var seen = [Bool](repeating: false, count: m)
            var distinct = 0
            for j in term.levelIndex where !seen[Int(j)] { seen[Int(j)] = true; distinct += 1 }
            guard distinct >= 2 else { throw MixedModelError.tooFewLevels(group: term.group, levels: distinct) }
            for (k, col) in term.columns.enumerated() {
                guard col.count == n else {
                    throw MixedModelError.lengthMismatch(what: "random-effect column '\(term.columnNames[k])' for '\(term.group)'",
                                                         expected: n, found: col.count)
                }
                if let i = col.firstIndex(where: { !$0.isFinite }) {
                    throw MixedModelError.nonFinite(what: "random-effect column '\(term.columnNames[k])' for '\(term.group)'", row: i)
                }
                let first = col.first ?? 0
                let constant = col.allSatisfy { $0 == first }
                if constant && (term.columnNames[k] != "Intercept" || first == 0) {
                    throw MixedModelError.constantRandomSlope(group: term.group, column: term.columnNames[k])
                }
            }
            guard m * term.width < n else {
                throw MixedModelError.tooManyRandomEffects(group: term.group, effects: m * term.width, observations: n)
            }
        }
    }

    /// Rejects a rank-deficient fixed-effect design, naming the first column that is a linear
    /// combination of the ones before it.
    static func checkRank(_ model: ProfiledDeviance, names: [String]) throws {
        let p = model.p
        guard p > 0 else { return }
        var a = model.fixedCrossProduct
        // Scale to unit diagonal so the tolerance is relative.
        var scale = [Double](repeating: 1, count: p)
        for i in 0..<p {
            let d = a[i * p + i]
            if !(d > 0) { throw MixedModelError.rankDeficientFixedEffects(column: names[i]) }
            scale[i] = 1 / d.squareRoot()
        }
        for c in 0..<p { for r in 0..<p { a[c * p + r] *= scale[r] * scale[c] } }
        for j in 0..<p {
            var d = a[j * p + j]
            for k in 0..<j { d -= a[k * p + j] * a[k * p + j] }
            if d < 1e-10 { throw MixedModelError.rankDeficientFixedEffects(column: names[j]) }
            let l = d.squareRoot()
            a[j * p + j] = l
            for i in (j + 1)..<max(p, j + 1) {
                var s = a[j * p + i]
                for k in 0..<j { s -= a[k * p + i] * a[k * p + j] }
                a[j * p + i] = s / l
            }
        }
    }

    // MARK: Diagnostics

    static func diagnose(terms: [RandomEffectTerm], model: ProfiledDeviance, theta: [Double],
                         covariances: [RandomEffectCovariance]) -> (Bool, [String]) {
        var singular = false
        var warnings: [String] = []
        for (t, term) in terms.enumerated() {
            let layout = model.layouts[t]
            let o = model.thetaOffsets[t]
            let cov = covariances[t]
            let tm = model.tFactors[t]
            let q = term.width
            for (k, pos) in layout.positions.enumerated() where pos.row == pos.col {
                guard theta[o + k] < singularTolerance else { continue }
                singular = true
                let i = pos.row
                var rowNorm2 = 0.0
                for c in 0...i { rowNorm2 += tm[c * q + i] * tm[c * q + i] }
                let name = term.columnNames[i]
                if rowNorm2 < singularTolerance * singularTolerance {
                    if name == "Intercept" {
                        warnings.append("the random-intercept variance of '\(term.group)' is estimated at zero: the groups do not differ more than the residual noise explains; the model is singular, and a model without (1 | \(term.group)) fits as well")
                    } else {
                        warnings.append("the random-slope variance of '\(name)' by '\(term.group)' is estimated at zero: the data do not support a random slope; consider dropping it")
                    }
                } else {
                    var best = 0
                    var bestAbs = -1.0
                    for j in 0..<i where abs(cov.correlation(i, j)) > bestAbs { bestAbs = abs(cov.correlation(i, j)); best = j }
                    let r = cov.correlation(i, best)
                    let slope = name == "Intercept" ? term.columnNames[best] : name
                    warnings.append(String(format: "the random effects '%@' and '%@' of '%@' are perfectly correlated (correlation %.3f): the fit is singular, the data cannot support this many random-effect parameters; the data do not support a random slope of '%@', consider dropping it", term.columnNames[best], name, term.group, r, slope))
                }
            }
        }
        return (singular, warnings)
    }
}
