#!/usr/bin/env bash
# `make bench`: timings of Mixdown against statsmodels on simulated data.
#   - generates bench/data/sim_N.csv (gitignored) with ../shared/bench/simulate.py (fixed seed)
#   - installs statsmodels + pandas if missing
#   - builds the release binary (unless MIXDOWN_BIN points at one)
#   - prints a table per model (best of BENCH_REPEAT runs)
# Environment: BENCH_ROWS (default 1000000), BENCH_GROUPS (default 100), BENCH_REPEAT (default 3),
#              MIXDOWN_BIN (use this binary instead of building .build/release/mixdown).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

shared=""
for candidate in "$root/../shared" /work/shared; do
    if [ -f "$candidate/bench/simulate.py" ]; then shared=$(cd "$candidate" && pwd); break; fi
done
if [ -z "$shared" ]; then
    echo "bench: cannot find shared/bench/simulate.py (looked in ../shared and /work/shared)" >&2
    exit 2
fi

rows=${BENCH_ROWS:-1000000}
groups=${BENCH_GROUPS:-100}
export BENCH_REPEAT=${BENCH_REPEAT:-3}
mkdir -p bench/data
csv=bench/data/sim_${rows}.csv
if [ ! -s "$csv" ]; then
    echo "bench: generating $csv ($rows rows, $groups groups)" >&2
    python3 "$shared/bench/simulate.py" "$rows" "$groups" "$csv.tmp"
    mv "$csv.tmp" "$csv"
fi

if ! python3 -c "import statsmodels, pandas" 2>/dev/null; then
    echo "bench: installing statsmodels and pandas" >&2
    python3 -m pip install -q statsmodels pandas 2>/dev/null \
        || python3 -m pip install -q --break-system-packages statsmodels pandas
fi

if [ -z "${MIXDOWN_BIN:-}" ]; then
    swift build -c release --product mixdown >&2
    MIXDOWN_BIN=.build/release/mixdown
fi
export MIXDOWN_BIN

python3 bench/ols_bench.py "$csv"

# Linear mixed models: y ~ x + f + (1 | g) and (1 + x | g) at 10k/100, 100k/1k, 1M/10k rows/groups
# (set LMM_BENCH_SIZES / LMM_BENCH_STATSMODELS=0 to shorten; statsmodels takes ~1 min at 1M rows).
echo
python3 bench/lmm_bench.py "$shared/bench/simulate.py" bench/data

# Parametric bootstrap against lme4's bootMer (R optional).
echo
bench/bootstrap_bench.sh "${BOOT_NSIM:-1000}"

# Crossed and nested random effects against lme4 (InstEval, nested, subjects × items; R optional).
echo
python3 bench/crossed_bench.py bench/data
