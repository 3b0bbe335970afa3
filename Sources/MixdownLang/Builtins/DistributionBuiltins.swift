import Foundation
import MixdownStats

/// R's distribution functions with R's names and arguments: pnorm, qnorm, pt, qt, pchisq,
/// qchisq, pf, qf, each with `lower_tail = true`, element-wise on columns, lists and named
/// vectors (Boost.Math through the statistics library).
enum DistributionBuiltins {
    static func all() -> [Builtin] {
        RDistribution.allCases.flatMap { d in [function(d, quantile: false), function(d, quantile: true)] }
    }

    private static func shapeNames(_ d: RDistribution) -> [String] {
        switch d.shapeCount {
        case 0: return []
        case 1: return ["df"]
        default: return ["df1", "df2"]
        }
    }

    private static func function(_ d: RDistribution, quantile: Bool) -> Builtin {
        let name = (quantile ? "q" : "p") + d.rawValue
        let first = quantile ? "p" : "q"
        let location: [Param] = d == .norm ? [.optional("mean", .number(0)), .optional("sd", .number(1))] : []
        let params = [Param.required(first)] + shapeNames(d).map(Param.required) + location
            + [.optional("lower_tail", .bool(true))]
        return Builtin(name, params) { args in
            let shape = try shapeNames(d).map { n -> Double in
                let v = try args.number(n)
                guard v > 0 else { throw args.error("\(name)() needs \(n) greater than 0, got \(Display.numberText(v))", n) }
                return v
            }
            let lowerTail = try args.bool("lower_tail")
            let mean = d == .norm ? try args.number("mean") : 0
            let sd = d == .norm ? try args.number("sd") : 1
            guard sd > 0 else { throw args.error("\(name)() needs sd greater than 0, got \(Display.numberText(sd))", "sd") }
            return try CoreBuiltins.map(args, first) { x in
                if quantile {
                    guard x.isNaN || (0...1).contains(x) else {
                        throw args.error("\(name)() needs probabilities between 0 and 1, got \(Display.numberText(x))", first)
                    }
                    return mean + sd * d.quantile(x, shape, lowerTail: lowerTail)
                }
                return d.probability((x - mean) / sd, shape, lowerTail: lowerTail)
            }
        }
    }
}
