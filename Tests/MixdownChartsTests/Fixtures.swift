import Foundation

/// Test data: the walkthrough's CSV and the statsmodels reference, read from the source folder.
enum Fixtures {
    /// `Tests/MixdownChartsTests/Golden`, found from this file's path (not the bundle copy),
    /// so golden files are written where git sees them.
    static let goldenDirectory: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    struct DataSet {
        var classroom: [String] = []
        var edu: [Double] = []
        var score: [Double] = []
        var count: Int { edu.count }

        /// Indices of the rows of one classroom.
        func rows(of c: String) -> [Int] { classroom.indices.filter { classroom[$0] == c } }
        var classrooms: [String] { Array(Set(classroom)).sorted() }
    }

    struct FixtureError: Error, CustomStringConvertible { let description: String }

    /// Parses `classroom,edu,score` (the header is checked, not assumed).
    static func dataSet() throws -> DataSet {
        let text = try String(contentsOf: goldenDirectory.appendingPathComponent("score_parentedu_byclass.csv"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard lines.first == "classroom,edu,score" else { throw FixtureError(description: "unexpected CSV header") }
        lines.removeFirst()
        var d = DataSet()
        for (i, line) in lines.enumerated() {
            let f = line.split(separator: ",").map(String.init)
            guard f.count == 3, let e = Double(f[1]), let s = Double(f[2]) else {
                throw FixtureError(description: "bad CSV row \(i + 2): \(line)")
            }
            d.classroom.append(f[0]); d.edu.append(e); d.score.append(s)
        }
        return d
    }

    /// The `params` of one model in the statsmodels reference JSON.
    static func params(_ model: String) throws -> [String: Double] {
        let data = try Data(contentsOf: goldenDirectory.appendingPathComponent("score_statsmodels.json"))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let models = root["models"] as? [String: Any],
              let m = models[model] as? [String: Any],
              let params = m["params"] as? [String: Any] else {
            throw FixtureError(description: "no params for \(model) in the reference JSON")
        }
        var out: [String: Double] = [:]
        for (k, v) in params { if let d = v as? Double { out[k] = d } else if let n = v as? NSNumber { out[k] = n.doubleValue } }
        return out
    }

    /// The random effects of a mixed model in the reference JSON (`Group` intercepts).
    static func randomIntercepts(_ model: String) throws -> [String: Double] {
        let data = try Data(contentsOf: goldenDirectory.appendingPathComponent("score_statsmodels.json"))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let models = root["models"] as? [String: Any],
              let m = models[model] as? [String: Any],
              let re = m["random_effects"] as? [String: Any] else {
            throw FixtureError(description: "no random effects for \(model)")
        }
        var out: [String: Double] = [:]
        for (k, v) in re { if let g = v as? [String: Any], let x = g["Group"] as? Double { out[k] = x } }
        return out
    }

    static func param(_ params: [String: Double], _ name: String) throws -> Double {
        guard let v = params[name] else { throw FixtureError(description: "missing parameter \(name)") }
        return v
    }
}

/// Closed-form simple regression y = a + b·x with its analytic 95 % confidence band for the mean.
struct SimpleOLS {
    let a: Double, b: Double
    let n: Int
    let xMean: Double, sxx: Double, mse: Double

    init(x: [Double], y: [Double]) {
        let count = x.count
        let nd = Double(count)
        let mx = x.reduce(0, +) / nd
        let my = y.reduce(0, +) / nd
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let slope = sxy / sxx
        let intercept = my - slope * mx
        let sse = zip(x, y).reduce(0) { $0 + pow($1.1 - (intercept + slope * $1.0), 2) }
        self.n = count; self.xMean = mx; self.sxx = sxx; self.b = slope; self.a = intercept
        self.mse = sse / (nd - 2)
    }

    func predict(_ x: Double) -> Double { a + b * x }

    /// Two-sided 97.5 % quantiles of Student's t, from scipy.stats.t.ppf(0.975, df) (scipy 1.17.1);
    /// they agree with printed t tables (df 1: 12.706, df 18: 2.101, df 58: 2.002).
    static func t975(df: Int) -> Double? {
        switch df {
        case 1: return 12.706204736174694
        case 18: return 2.1009220402410382
        case 58: return 2.0017174841452356
        default: return nil
        }
    }

    /// ŷ ± t·sqrt(MSE·(1/n + (x − x̄)²/Sxx)) at each x.
    func band(at xs: [Double]) -> (lower: [Double], upper: [Double])? {
        guard let t = Self.t975(df: n - 2) else { return nil }
        let half = xs.map { t * (mse * (1 / Double(n) + ($0 - xMean) * ($0 - xMean) / sxx)).squareRoot() }
        return (zip(xs, half).map { predict($0.0) - $0.1 }, zip(xs, half).map { predict($0.0) + $0.1 })
    }
}

/// `count` evenly spaced values from `lo` to `hi`.
func grid(_ lo: Double, _ hi: Double, count: Int = 41) -> [Double] {
    (0..<count).map { lo + (hi - lo) * Double($0) / Double(count - 1) }
}
