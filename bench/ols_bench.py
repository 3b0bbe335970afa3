#!/usr/bin/env python3
"""OLS benchmark: `mixdown fit CSV 'y ~ x + f' --json` (whole process: start, CSV load, fit,
JSON) against statsmodels in one Python process (pandas.read_csv + smf.ols().fit(), imports
excluded). Prints a Markdown table; also checks that both give the same coefficients.

Usage: ols_bench.py CSV   (env MIXDOWN_BIN = the binary, BENCH_REPEAT = runs per tool)"""
import json
import os
import re
import subprocess
import sys
import time

FORMULA = "y ~ x + f"


def time_mixdown(binary, csv, repeat):
    best, result, parse = None, None, None
    env = dict(os.environ, MIXDOWN_TIMING="1")
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run([binary, "fit", csv, FORMULA, "--json"], capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit("bench: mixdown fit failed (exit %d): %s" % (proc.returncode, proc.stderr.strip()))
        if best is None or elapsed < best:
            best, result = elapsed, json.loads(proc.stdout)
        m = re.search(r"([0-9.]+) MB/s wall, ([0-9.]+) MB/s cpu", proc.stderr)
        if m:
            wall, cpu = float(m.group(1)), float(m.group(2))
            if parse is None or wall > parse[0]:
                parse = (wall, cpu)
    return best, result, parse


def time_statsmodels(csv, repeat):
    import pandas as pd
    import statsmodels.formula.api as smf
    best, fit = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        data = pd.read_csv(csv)
        fit = smf.ols(FORMULA, data).fit()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, fit


def main():
    csv = sys.argv[1]
    binary = os.environ.get("MIXDOWN_BIN", ".build/release/mixdown")
    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    size_mb = os.path.getsize(csv) / 1e6
    md_time, md_result, parse = time_mixdown(binary, csv, repeat)
    sm_time, sm_fit = time_statsmodels(csv, repeat)
    import statsmodels
    worst = 0.0
    for row in md_result["fixed"]:
        ref = sm_fit.params[row["term"]]
        worst = max(worst, abs(row["estimate"] - ref) / max(abs(ref), 1e-300))
    rows = md_result["nobs"]
    print()
    print("OLS `%s`, %d rows (%s, %.1f MB), best of %d runs" % (FORMULA, rows, csv, size_mb, repeat))
    print()
    print("| what | seconds |")
    print("|---|---|")
    print("| Mixdown: `mixdown fit --json`, whole process (load + fit + JSON) | %.3f |" % md_time)
    print("| statsmodels %s: `pd.read_csv` + `smf.ols().fit()` in one process | %.3f |" % (statsmodels.__version__, sm_time))
    print("| ratio statsmodels / Mixdown | %.1fx |" % (sm_time / md_time))
    print()
    if parse:
        print("Mixdown CSV parse throughput: %.0f MB/s (wall clock), %.0f MB/s (CPU time of the parsing thread)" % parse)
    print("Largest relative difference of the coefficients (Mixdown vs statsmodels): %.1e" % worst)
    print("Machine load average during the run: %s" % " ".join("%.2f" % v for v in os.getloadavg()))


if __name__ == "__main__":
    main()
