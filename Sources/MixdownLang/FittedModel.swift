import Foundation
import MixdownStats

/// A fitted model as the language sees it: the numbers every built-in needs (estimates,
/// residuals, design matrix, …) in one shape for OLS and mixed models. Built by the adapters in
/// Builtins/ModelBuiltins.swift from the statistics library's results.
public final class FittedModel {
    public enum Kind { case ols, mixed }

    public let kind: Kind
    public let formula: FormulaValue
    /// The rows the model was fitted on (after dropping rows with missing values).
    let data: DataFrame
    public let responseName: String
    public let response: [Double]
    /// Fixed-effect design matrix, by columns, with patsy names.
    public let designNames: [String]
    public let designColumns: [[Double]]
    /// Fixed effects: name, estimate, standard error, statistic (t or z), p value, 95 % CI.
    public let terms: [String]
    public let coef: [Double]
    public let bse: [Double]
    public let stat: [Double]
    public let pvalues: [Double]
    public let ciLow: [Double]
    public let ciHigh: [Double]
    public let nobs: Int
    public let dfResid: Double
    public let llf: Double
    public let aic: Double
    public let bic: Double
    /// Residual variance (OLS: the residual mean square).
    public let scale: Double
    public let fitted: [Double]
    public let resid: [Double]
    public let converged: Bool
    public let singular: Bool
    public let warnings: [String]
    public let rsquared: Double?
    /// Mixed models: every parameter as statsmodels lists it (fixed effects, then variance
    /// parameters divided by the scale); OLS: the fixed effects.
    public let allParams: NamedVector
    /// Mixed models: the grouping factor of the (first) random term.
    public let groupName: String?
    /// Mixed models: the random-effects covariance on the data scale, as a table.
    public let covRe: DataFrame?
    /// Mixed models: predicted random effects, one row per level.
    public let randomEffects: DataFrame?
    let summaryText: (String) throws -> String
    let predictor: (DataFrame) throws -> [Double]
    /// Mixed models: the statistics library's model (its input and fit), for conditional
    /// variances and other inference.
    public internal(set) var mixedModel: MixedModel?

    init(kind: Kind, formula: FormulaValue, data: DataFrame, responseName: String, response: [Double],
         designNames: [String], designColumns: [[Double]], terms: [String], coef: [Double], bse: [Double],
         stat: [Double], pvalues: [Double], ciLow: [Double], ciHigh: [Double], nobs: Int, dfResid: Double,
         llf: Double, aic: Double, bic: Double, scale: Double, fitted: [Double], resid: [Double],
         converged: Bool, singular: Bool, warnings: [String], rsquared: Double?, allParams: NamedVector?,
         groupName: String?, covRe: DataFrame?, randomEffects: DataFrame?,
         summaryText: @escaping (String) throws -> String, predictor: @escaping (DataFrame) throws -> [Double]) {
        self.kind = kind; self.formula = formula; self.data = data; self.responseName = responseName
        self.response = response; self.designNames = designNames; self.designColumns = designColumns
        self.terms = terms; self.coef = coef; self.bse = bse; self.stat = stat; self.pvalues = pvalues
        self.ciLow = ciLow; self.ciHigh = ciHigh; self.nobs = nobs; self.dfResid = dfResid
        self.llf = llf; self.aic = aic; self.bic = bic; self.scale = scale; self.fitted = fitted
        self.resid = resid; self.converged = converged; self.singular = singular; self.warnings = warnings
        self.rsquared = rsquared
        self.allParams = allParams ?? NamedVector(names: terms, values: coef)
        self.groupName = groupName; self.covRe = covRe; self.randomEffects = randomEffects
        self.summaryText = summaryText; self.predictor = predictor
    }

    var typeDescription: String { kind == .ols ? "a fitted OLS model" : "a fitted mixed model" }

    /// Sum of squared residuals over the residual degrees of freedom.
    public var mseResid: Double { resid.reduce(0) { $0 + $1 * $1 } / dfResid }
    public var rmse: Double { mseResid.squareRoot() }

    /// The index of a fixed-effect term, or a located error with a suggestion.
    func termIndex(_ name: String, at loc: SourceLocation) throws -> Int {
        if let i = terms.firstIndex(of: name) { return i }
        throw LangError("the model has no term '\(name)'; its terms are \(Indexing.quotedList(terms))", at: loc,
                        hint: Suggest.hint(for: name, in: terms))
    }

    static let memberNames = ["params", "bse", "tvalues", "pvalues", "fe_params", "mse_resid", "rmse", "rsquared",
                              "df_resid", "nobs", "llf", "aic", "bic", "resid", "fittedvalues", "scale", "cov_re",
                              "random_effects", "converged", "singular", "warnings", "formula", "conf_int"]

    /// `model.name`.
    func member(_ name: String, at loc: SourceLocation) throws -> Value {
        func named(_ values: [Double]) -> Value { .named(NamedVector(names: terms, values: values)) }
        func mixedOnly() throws {
            if kind != .mixed {
                throw LangError("'.\(name)' exists only for mixed models (fitted with lmm or mixedlm)", at: loc)
            }
        }
        switch name {
        case "params": return .named(allParams)
        case "fe_params": return named(coef)
        case "bse": return named(bse)
        case "tvalues": return named(stat)
        case "pvalues": return named(pvalues)
        case "conf_int":
            return .frame(try DataFrame(columns: [Column(name: "term", cells: terms), Column(name: "[0.025", numbers: ciLow),
                                                  Column(name: "0.975]", numbers: ciHigh)]))
        case "mse_resid": return .number(mseResid)
        case "rmse": return .number(rmse)
        case "rsquared":
            guard let r = rsquared else {
                throw LangError("'.rsquared' exists only for OLS models", at: loc)
            }
            return .number(r)
        case "df_resid": return .number(dfResid)
        case "nobs": return .number(Double(nobs))
        case "llf": return .number(llf)
        case "aic": return .number(aic)
        case "bic": return .number(bic)
        case "resid": return .column(Column(name: "resid", numbers: resid))
        case "fittedvalues": return .column(Column(name: "fittedvalues", numbers: fitted))
        case "scale": return .number(scale)
        case "cov_re":
            try mixedOnly()
            return covRe.map(Value.frame) ?? .none
        case "random_effects":
            try mixedOnly()
            return randomEffects.map(Value.frame) ?? .none
        case "converged": return .bool(converged)
        case "singular": return .bool(singular)
        case "warnings": return .list(warnings.map(Value.string))
        case "formula": return .formula(formula)
        default:
            throw LangError("\(typeDescription.capitalizedFirst) has no member '\(name)'", at: loc,
                            hint: Suggest.hint(for: name, in: FittedModel.memberNames))
        }
    }

    /// The one-row t-test table of a term.
    func tTest(_ term: String, at loc: SourceLocation) throws -> DataFrame {
        let i = try termIndex(term, at: loc)
        let statName = kind == .ols ? "t" : "z"
        let numbers = [("coef", coef), ("std err", bse), (statName, stat), ("P>|\(statName)|", pvalues),
                       ("[0.025", ciLow), ("0.975]", ciHigh)]
        return try DataFrame(columns: [Column(name: "term", cells: [term])] + numbers.map { Column(name: $0.0, numbers: [$0.1[i]]) })
    }
}
