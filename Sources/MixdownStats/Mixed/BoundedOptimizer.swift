import CNLopt

/// Derivative-free bound-constrained minimisation with NLopt's BOBYQA (Powell 2009), the
/// optimiser lme4 uses by default for linear mixed models.
struct BoundedOptimizer {
    /// How an optimisation ended.
    struct Outcome {
        var x: [Double]
        var value: Double
        var status: String
        var converged: Bool
        var evaluations: Int
    }

    private final class Box {
        let f: ([Double]) -> Double
        var evaluations = 0
        init(_ f: @escaping ([Double]) -> Double) { self.f = f }
    }

    var xtolRel = 1e-6
    var ftolRel = 1e-10
    var maxEvaluations = 20_000

    func minimize(start: [Double], lower: [Double], _ f: @escaping ([Double]) -> Double) -> Outcome {
        let n = start.count
        guard let opt = nlopt_create(NLOPT_LN_BOBYQA, UInt32(n)) else {
            return Outcome(x: start, value: f(start), status: "could not create the optimiser", converged: false, evaluations: 1)
        }
        defer { nlopt_destroy(opt) }
        let box = Unmanaged.passRetained(Box(f))
        defer { box.release() }
        nlopt_set_min_objective(opt, { n, x, _, data in
            let b = Unmanaged<Box>.fromOpaque(data!).takeUnretainedValue()
            b.evaluations += 1
            let v = b.f(Array(UnsafeBufferPointer(start: x, count: Int(n))))
            return v.isFinite ? v : Double.greatestFiniteMagnitude
        }, box.toOpaque())
        var lo = lower
        nlopt_set_lower_bounds(opt, &lo)
        nlopt_set_xtol_rel(opt, xtolRel)
        nlopt_set_ftol_rel(opt, ftolRel)
        nlopt_set_maxeval(opt, Int32(maxEvaluations))
        var x = start
        var fmin = 0.0
        let code = nlopt_optimize(opt, &x, &fmin)
        let evals = box.takeUnretainedValue().evaluations
        let status: String
        var converged = false
        switch code {
        case NLOPT_SUCCESS: status = "success"; converged = true
        case NLOPT_FTOL_REACHED: status = "converged (function tolerance reached)"; converged = true
        case NLOPT_XTOL_REACHED: status = "converged (parameter tolerance reached)"; converged = true
        case NLOPT_STOPVAL_REACHED: status = "stop value reached"; converged = true
        case NLOPT_ROUNDOFF_LIMITED: status = "converged (limited by rounding)"; converged = true
        case NLOPT_MAXEVAL_REACHED: status = "stopped after \(evals) evaluations without converging"
        case NLOPT_MAXTIME_REACHED: status = "time limit reached"
        default: status = "optimiser failure (NLopt code \(code.rawValue))"
        }
        return Outcome(x: x, value: fmin, status: status, converged: converged && fmin.isFinite, evaluations: evals)
    }
}
