import Foundation
@testable import MixdownStats

/// Loads an inference fixture (Fixtures/inference/NAME.json + NAME.csv, written by
/// scripts/reference/inference-fixtures.R) and fits the same model.
struct InferenceCase {
    let reference: [String: Any]
    let model: MixedModel

    init(_ name: String, method: MixedModelMethod? = nil, formula: String? = nil) throws {
        reference = try MixedFixtures.json("inference/\(name).json")
        let csv = try MixedFixtures.url("inference/\(name).csv")
        let data = try DataFrame.readCSV(path: csv.path)
        let f = try Formula(formula ?? (reference["formula"] as? String ?? ""))
        let fitMethod = method ?? ((reference["method"] as? String) == "ml" ? .ml : .reml)
        model = try MixedModel(input: try LinearMixedModel.input(formula: f, data: data).input, method: fitMethod)
    }

    /// A model of another formula on the same data.
    func other(_ formula: String, method: MixedModelMethod = .reml) throws -> MixedModel {
        let data = try DataFrame.readCSV(path: try MixedFixtures.url("inference/\(reference["name"] as? String ?? "").csv").path)
        return try MixedModel(input: try LinearMixedModel.input(formula: try Formula(formula), data: data).input, method: method)
    }

    func numbers(_ path: String...) -> [Double] {
        var node: Any? = reference
        for key in path { node = (node as? [String: Any])?[key] }
        if let x = node as? NSNumber { return [x.doubleValue] }
        return (node as? [Any])?.map { ($0 as? NSNumber)?.doubleValue ?? .nan } ?? []
    }

    func strings(_ path: String...) -> [String] {
        var node: Any? = reference
        for key in path { node = (node as? [String: Any])?[key] }
        return node as? [String] ?? []
    }

    /// lme4 writes a nested factor inner-first (`class:school`); Mixdown outer-first.
    static func sameGroup(_ a: String, _ b: String) -> Bool {
        a.split(separator: ":").sorted() == b.split(separator: ":").sorted()
    }

    static func rel(_ a: Double, _ b: Double) -> Double { MixedFixtures.relErr(a, b) }
}
