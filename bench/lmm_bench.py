#!/usr/bin/env python3
"""Linear mixed model benchmark: `mixdown fit CSV FORMULA --json` (whole process: start, CSV
load, fit, JSON) against statsmodels' MixedLM in one Python process (pandas.read_csv + fit,
REML, imports excluded), on ../shared/bench/simulate.py data at 10k/100, 100k/1k and 1M/10k
rows/groups, for `y ~ x + f + (1 | g)` and `y ~ x + f + (1 + x | g)`.
Prints a Markdown table (time, ratio, time per row, peak memory) and checks that both tools
agree on the fixed effects.

Usage: lmm_bench.py SIMULATE_PY DATA_DIR
Env: MIXDOWN_BIN (the binary), BENCH_REPEAT (best of N Mixdown runs, default 3),
     LMM_BENCH_SIZES (e.g. "10000:100,100000:1000"), LMM_BENCH_STATSMODELS=0 to skip statsmodels."""
import json
import os
import resource
import subprocess
import sys
import time

MODELS = [
    ("y ~ x + f + (1 | g)", "~1"),
    ("y ~ x + f + (1 + x | g)", "~x"),
]

STATSMODELS_SCRIPT = r"""
import json, resource, sys, time, warnings
import pandas as pd
import statsmodels.formula.api as smf
csv, re_formula = sys.argv[1], sys.argv[2]
warnings.simplefilter("ignore")
start = time.perf_counter()
data = pd.read_csv(csv)
fit = smf.mixedlm("y ~ x + f", data, groups=data["g"], re_formula=re_formula).fit(reml=True)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "params": {k: float(v) for k, v in fit.fe_params.items()},
                  "llf": float(fit.llf), "converged": bool(fit.converged),
                  "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def peak_of(cmd):
    """Runs cmd under /usr/bin/time to get its peak resident memory (KiB), if available."""
    if not os.path.exists("/usr/bin/time"):
        return None
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
    try:
        return int(proc.stderr.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def time_mixdown(binary, csv, formula, repeat):
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run([binary, "fit", csv, formula, "--json"], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit("bench: mixdown fit failed (exit %d): %s" % (proc.returncode, proc.stderr.strip()))
        if best is None or elapsed < best:
            best, result = elapsed, json.loads(proc.stdout)
    peak = peak_of([binary, "fit", csv, formula, "--json"])
    return best, result, peak


def time_statsmodels(csv, re_formula):
    proc = subprocess.run([sys.executable, "-c", STATSMODELS_SCRIPT, csv, re_formula], capture_output=True, text=True)
    if proc.returncode != 0:
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fmt_mib(kib):
    return "%.0f" % (kib / 1024) if kib else "n/a"


def main():
    simulate, data_dir = sys.argv[1], sys.argv[2]
    binary = os.environ.get("MIXDOWN_BIN", ".build/release/mixdown")
    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    sizes = [tuple(int(v) for v in s.split(":"))
             for s in os.environ.get("LMM_BENCH_SIZES", "10000:100,100000:1000,1000000:10000").split(",")]
    with_sm = os.environ.get("LMM_BENCH_STATSMODELS", "1") != "0"
    os.makedirs(data_dir, exist_ok=True)
    print("| model | rows | groups | Mixdown s | statsmodels s | ratio | Mixdown µs/row | "
          "Mixdown peak MiB | statsmodels peak MiB | max rel. diff β |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for rows, groups in sizes:
        csv = os.path.join(data_dir, "lmm_%d_%d.csv" % (rows, groups))
        if not os.path.exists(csv) or os.path.getsize(csv) == 0:
            subprocess.run([sys.executable, simulate, str(rows), str(groups), csv + ".tmp"], check=True)
            os.replace(csv + ".tmp", csv)
        for formula, re_formula in MODELS:
            md_s, md, md_peak = time_mixdown(binary, csv, formula, repeat)
            sm = time_statsmodels(csv, re_formula) if with_sm else None
            diff = "n/a"
            if sm:
                ours = {f["term"]: f["estimate"] for f in md["fixed"]}
                names = {"Intercept": "Intercept", "x": "x", "f[T.b]": "f[T.b]"}
                diffs = [abs(ours[k] - sm["params"][v]) / max(abs(sm["params"][v]), 1e-12)
                         for k, v in names.items() if k in ours and v in sm["params"]]
                diff = "%.1e" % max(diffs) if diffs else "n/a"
            print("| `%s` | %d | %d | %.3f | %s | %s | %.3f | %s | %s | %s |" % (
                formula, rows, groups, md_s,
                "%.2f" % sm["seconds"] if sm else "n/a",
                "%.0f×" % (sm["seconds"] / md_s) if sm else "n/a",
                md_s / rows * 1e6, fmt_mib(md_peak), fmt_mib(sm["peak_kib"]) if sm else "n/a", diff), flush=True)


if __name__ == "__main__":
    main()
