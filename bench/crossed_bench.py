#!/usr/bin/env python3
"""Crossed and nested random effects: `mixdown fit CSV FORMULA --json` (whole process) against
lme4's `lmer` (whole Rscript process), on lme4's InstEval and simulated nested and subjects ×
items designs (bench/simulate_designs.py, fixed seed). Prints one Markdown table: times, ratio,
peak memory, evaluations, and the agreement of logLik and variance components.

lme4 is timed with its default control; the answers are compared with a tight lme4 fit
(bobyqa, rhoend 1e-12), except for the 300 × 200 design, where the tight fit would take lme4 far
longer than the default one (which already takes minutes and warns that it did not converge): there
the comparison is with the default fit (marked "default"). lme4 results are cached in
DATA_DIR/lme4/ (delete to re-run). Skipped, with a note, when Rscript or lme4 is absent.

Usage: crossed_bench.py DATA_DIR
Env: MIXDOWN_BIN, BENCH_REPEAT (best of N Mixdown runs, default 3), CROSSED_BENCH (comma list of
     design names to run, default all), LME4_BENCH=0 to skip lme4."""
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MAXIMAL = "y ~ 1 + a*b*c + (1 + a + b + c | subj) + (1 + a + b + c | item)"
DESIGNS = [
    ("insteval", "insteval.csv", "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)", None),
    ("insteval-dept-fixed", "insteval.csv", "y ~ 1 + service + dept + (1 | s) + (1 | d)", None),
    ("nested-1000x5x20", "nested_1000x5x20.csv", "y ~ x + (1 | school/class)", ["nested", "1000", "5", "20"]),
    ("nested-2000x5x10", "nested_2000x5x10.csv", "y ~ x + (1 | school/class)", ["nested", "2000", "5", "10"]),
    ("nested-5000x5x4", "nested_5000x5x4.csv", "y ~ x + (1 | school/class)", ["nested", "5000", "5", "4"]),
    ("maximal-56x32", "maximal_56x32.csv", MAXIMAL, ["maximal", "56", "32"]),
    ("maximal-300x200", "maximal_300x200.csv", MAXIMAL, ["maximal", "300", "200"]),
]
# Designs whose answers are compared with lme4's default fit instead of a tight one.
NO_TIGHT = {"maximal-300x200"}


def run_timed(cmd):
    """Whole-process wall time and peak resident memory (KiB, via /usr/bin/time when present)."""
    timer = ["/usr/bin/time", "-f", "%M"] if os.path.exists("/usr/bin/time") else []
    start = time.perf_counter()
    proc = subprocess.run(timer + cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    peak = None
    if timer:
        try:
            peak = int(proc.stderr.strip().splitlines()[-1])
        except (ValueError, IndexError):
            pass
    return proc, elapsed, peak


def ensure_data(data_dir, name, csv, sim):
    path = os.path.join(data_dir, csv)
    if os.path.exists(path):
        return path
    if sim is None:
        if not shutil.which("Rscript"):
            return None
        subprocess.run(["Rscript", os.path.join(HERE, "export_insteval.R"), path + ".tmp"], check=True)
    else:
        subprocess.run([sys.executable, os.path.join(HERE, "simulate_designs.py")] + sim + [path + ".tmp"], check=True)
    os.replace(path + ".tmp", path)
    return path


def mixdown(binary, path, formula, repeat):
    best, result, peak = None, None, None
    for _ in range(repeat):
        proc, elapsed, kib = run_timed([binary, "fit", path, formula, "--json"])
        if proc.returncode != 0:
            return None, proc.stderr.strip().splitlines()[-2:] if proc.stderr else "exit %d" % proc.returncode, None
        if best is None or elapsed < best:
            best, result = elapsed, json.loads(proc.stdout)
        peak = max(peak or 0, kib or 0) or None
    return best, result, peak


def lme4(data_dir, name, path, formula, tight):
    cache = os.path.join(data_dir, "lme4", "%s%s.json" % (name, "-tight" if tight else ""))
    if os.path.exists(cache):
        with open(cache) as fh:
            return json.load(fh)
    cmd = ["Rscript", os.path.join(HERE, "lme4_fit.R"), path, formula] + (["tight"] if tight else [])
    proc, elapsed, peak = run_timed(cmd)
    if proc.returncode != 0:
        return None
    out = json.loads([l for l in proc.stdout.splitlines() if l.startswith("{")][-1])
    out.update(seconds=elapsed, peak_kib=peak)
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    with open(cache, "w") as fh:
        json.dump(out, fh)
    return out


def mixdown_vcov(result):
    """Variance components keyed like lme4's as.data.frame(VarCorr(.)): grp|var1|var2."""
    name = lambda t: "(Intercept)" if t == "Intercept" else t
    out = {}
    for r in result["random"]:
        key = "%s|%s|%s" % (r["group"], name(r["term1"]), name(r["term2"]) if r["term2"] else "")
        out[key] = r["variance"] if r["term2"] is None else r["covariance"]
    out["Residual||"] = result["residual_variance"]
    return out


def same_group(key):
    """lme4 names a nested term class:school where Mixdown says school:class: compare as sets."""
    group, rest = key.split("|", 1)
    return ":".join(sorted(group.split(":"))) + "|" + rest


def agreement(result, ref):
    if ref is None:
        return "n/a", "n/a"
    dll = result["loglik"] - ref["loglik"]
    ours = {same_group(k): v for k, v in mixdown_vcov(result).items()}
    worst = 0.0
    for key, v in ((same_group(k), v) for k, v in ref["vcov"].items()):
        if key in ours:
            worst = max(worst, abs(ours[key] - v) / max(abs(v), 1e-2))
        else:
            return "%+.1e" % dll, "missing %s" % key
    return "%+.1e" % dll, "%.0e" % worst


def mib(kib):
    return "%.0f" % (kib / 1024) if kib else "n/a"


def main():
    data_dir = sys.argv[1]
    binary = os.environ.get("MIXDOWN_BIN", ".build/release/mixdown")
    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    wanted = os.environ.get("CROSSED_BENCH")
    have_r = os.environ.get("LME4_BENCH", "1") != "0" and shutil.which("Rscript") is not None \
        and subprocess.run(["Rscript", "-e", "library(lme4)"], capture_output=True).returncode == 0
    print("### Crossed and nested random effects (whole process, best of %d for Mixdown; lme4 once, cached)" % repeat)
    if not have_r:
        print("\n(lme4 columns skipped: Rscript with lme4 not found, or LME4_BENCH=0)")
    print()
    print("| design | rows | Mixdown s | lme4 s | lme4/Mixdown | Mixdown MiB | lme4 MiB | evals (Mixdown, lme4) | "
          "logLik − lme4 tight | max rel. diff. var. comp. (vs max(|v|, 0.01)) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, csv, formula, sim in DESIGNS:
        if wanted and name not in wanted.split(","):
            continue
        path = ensure_data(data_dir, name, csv, sim)
        if path is None:
            print("| %s | — | skipped: no data (InstEval needs R and lme4) | | | | | | | |" % name)
            continue
        secs, result, peak = mixdown(binary, path, formula, repeat)
        if secs is None:
            print("| %s | — | failed: %s | | | | | | | |" % (name, result))
            continue
        ref_time = lme4(data_dir, name, path, formula, False) if have_r else None
        tight = name not in NO_TIGHT
        ref_tight = (lme4(data_dir, name, path, formula, True) if tight else ref_time) if have_r else None
        dll, dvc = agreement(result, ref_tight)
        if have_r and not tight:
            dll += " (default)"
        print("| %s | %d | %.3f | %s | %s | %s | %s | %d, %s | %s | %s |" % (
            name, result["nobs"], secs,
            "%.2f" % ref_time["seconds"] if ref_time else "n/a",
            "%.1f×" % (ref_time["seconds"] / secs) if ref_time else "n/a",
            mib(peak), mib(ref_time.get("peak_kib")) if ref_time else "n/a",
            result.get("evaluations", -1), ref_time["evaluations"] if ref_time else "n/a", dll, dvc))


if __name__ == "__main__":
    main()
