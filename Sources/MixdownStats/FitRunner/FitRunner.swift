import Foundation

/// What `mixdown fit` prints and returns: standard output, standard error and the exit code.
public struct FitRunOutput: Hashable, Sendable {
    public let stdout: String
    public let stderr: String
    /// 0 ok, 1 the fit failed, 2 bad input (file, formula, columns).
    public let exitCode: Int32

    public init(stdout: String, stderr: String, exitCode: Int32) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
    }
}

/// The engine of `mixdown fit DATA.csv FORMULA [--ml] [--json]` (the command-line
/// target only parses arguments and calls ``run(csvPath:formula:ml:json:environment:)``).
/// OLS when the formula has no random-effect term, else a linear mixed model.
public enum FitRunner {
    /// Loads the CSV, parses the formula, fits, and renders the result as text
    /// or as the JSON object of contracts §3. Never traps: every problem becomes
    /// a message on stderr and exit code 2 (bad input) or 1 (fit failed).
    /// With `MIXDOWN_TIMING=1` in `environment`, load and fit times go to stderr.
    public static func run(csvPath: String, formula: String, ml: Bool, json: Bool, options: MixedFitOptions = MixedFitOptions(),
                           environment: [String: String] = ProcessInfo.processInfo.environment) -> FitRunOutput {
        let timing = environment["MIXDOWN_TIMING"] == "1"
        var timingLines = ""
        let parsed: Formula
        do {
            parsed = try Formula(formula)
        } catch let e as FormulaError {
            return failure(2, "bad formula '\(formula)': \(e.description)")
        } catch {
            return failure(2, "bad formula '\(formula)': \(error.localizedDescription)")
        }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let c0 = threadCPUNanoseconds()
        let data: DataFrame
        do {
            data = try DataFrame.readCSV(path: csvPath)
        } catch let e as CSVError {
            return failure(2, e.description)
        } catch {
            return failure(2, "\(csvPath): \(error.localizedDescription)")
        }
        let t1 = DispatchTime.now().uptimeNanoseconds
        let c1 = threadCPUNanoseconds()
        if timing {
            let seconds = Double(t1 - t0) / 1e9
            let cpu = Double(c1 - c0) / 1e9
            let bytes = (try? FileManager.default.attributesOfItem(atPath: csvPath)[.size] as? NSNumber)?.doubleValue ?? 0
            timingLines += "timing: csv load \(NumberFormat.fixed(seconds * 1000, 1)) ms wall, "
                + "\(NumberFormat.fixed(cpu * 1000, 1)) ms cpu, \(NumberFormat.fixed(bytes / 1e6, 1)) MB, "
                + "\(NumberFormat.fixed(bytes / 1e6 / max(seconds, 1e-9), 1)) MB/s wall, "
                + "\(NumberFormat.fixed(bytes / 1e6 / max(cpu, 1e-9), 1)) MB/s cpu, \(data.rowCount) rows\n"
        }
        if parsed.hasRandomEffects {
            let out = runMixed(data: data, formula: parsed, ml: ml, json: json, options: options)
            return FitRunOutput(stdout: out.stdout, stderr: timingLines + out.stderr, exitCode: out.exitCode)
        }
        do {
            let fit = try OLS.fit(parsed, data: data)
            let t2 = DispatchTime.now().uptimeNanoseconds
            let c2 = threadCPUNanoseconds()
            if timing {
                timingLines += "timing: ols fit \(NumberFormat.fixed(Double(t2 - t1) / 1e6, 1)) ms wall, "
                    + "\(NumberFormat.fixed(Double(c2 - c1) / 1e6, 1)) ms cpu\n"
            }
            var warnings: [String] = []
            if ml { warnings.append("--ml has no effect on an OLS fit") }
            if options.ddf != nil {
                return failure(2, "--ddf needs a mixed model (a ( … | group) term); an OLS fit's t tests already have n − p degrees of freedom", prefix: timingLines)
            }
            // The text summary already ends with a note on dropped rows.
            let textWarnings = warnings
            if fit.droppedRows > 0 {
                warnings.append("\(fit.droppedRows) row\(fit.droppedRows == 1 ? "" : "s") with a missing value dropped")
            }
            let text = json ? OLSJSON.render(fit, formula: formula, warnings: warnings) + "\n"
                            : fit.summary() + textWarnings.map { "Warning: \($0)\n" }.joined()
            return FitRunOutput(stdout: text, stderr: timingLines, exitCode: 0)
        } catch let e as ModelError {
            return failure(e.kind == .input ? 2 : 1, e.message, prefix: timingLines)
        } catch {
            return failure(1, error.localizedDescription, prefix: timingLines)
        }
    }

    /// CPU time of the calling thread (robust against other processes on a busy machine).
    static func threadCPUNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    static func failure(_ code: Int32, _ message: String, prefix: String = "") -> FitRunOutput {
        FitRunOutput(stdout: "", stderr: prefix + "mixdown fit: \(message)\n", exitCode: code)
    }
}

/// The contracts §3 JSON object for an OLS fit (fixed key order, round-trip numbers).
public enum OLSJSON {
    public static func render(_ fit: OLSFit, formula: String, warnings: [String] = []) -> String {
        let j = NumberFormat.json
        let fixed = fit.coefficients.map { r in
            "{\"term\": \(JSONText.string(r.name)), \"estimate\": \(j(r.estimate)), \"stderr\": \(j(r.stdErr)), "
                + "\"stat\": \(j(r.stat)), \"pvalue\": \(j(r.pValue)), \"ci_low\": \(j(r.ciLow)), \"ci_high\": \(j(r.ciHigh))}"
        }
        let fields: [(String, String)] = [
            ("model", "\"ols\""),
            ("formula", JSONText.string(formula)),
            ("method", "\"ols\""),
            ("nobs", String(fit.nobs)),
            ("dropped_rows", String(fit.droppedRows)),
            ("df_resid", j(fit.dfResid)),
            ("df_model", j(fit.dfModel)),
            ("fixed", "[\n    " + fixed.joined(separator: ",\n    ") + "\n  ]"),
            ("mse_resid", j(fit.mseResid)),
            ("rmse", j(fit.rmse)),
            ("rsquared", j(fit.rsquared)),
            ("rsquared_adj", j(fit.rsquaredAdj)),
            ("fvalue", j(fit.fvalue)),
            ("f_pvalue", j(fit.fPValue)),
            ("loglik", j(fit.llf)),
            ("aic", j(fit.aic)),
            ("bic", j(fit.bic)),
            ("converged", "true"),
            ("warnings", "[" + warnings.map(JSONText.string).joined(separator: ", ") + "]"),
        ]
        return "{\n" + fields.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}"
    }
}

/// JSON string escaping.
public enum JSONText {
    /// `s` as a JSON string literal (quotes, backslashes and control characters escaped).
    public static func string(_ s: String) -> String {
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    out += "\\u" + NumberFormat.right(String(u.value, radix: 16), 4).replacingOccurrences(of: " ", with: "0")
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
