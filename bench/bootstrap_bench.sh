#!/usr/bin/env bash
# Parametric bootstrap timing: Mixdown's bootstrap(m, nsim = N) against lme4's bootMer with the
# same model (sleepstudy, Reaction ~ Days + (Days | Subject), REML) and the same statistics
# (sd/cor, sigma, fixed effects). R is optional (skipped when Rscript or lme4 is missing); it is
# never a dependency of the build or tests. Usage: bench/bootstrap_bench.sh [NSIM] (default 1000).
set -euo pipefail
cd "$(dirname "$0")/.."
nsim=${1:-${BOOT_NSIM:-1000}}
bin=${MIXDOWN_BIN:-.build/release/mixdown}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp tutorial/datasets/sleepstudy.csv "$work/sleep.csv"
lesson() {
    printf '# Bootstrap bench\n\n```lmm\nsleep = read_csv("sleep.csv")\nm = lmm(Reaction ~ Days + (Days | Subject), sleep)\n%s\n```\n' "$1" > "$work/$2.md"
}
lesson "print(1)" base
lesson "b = bootstrap(m, nsim = $nsim, seed = 1)
print(nrow(b))" boot
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
best() { local b=""; for _ in 1 2 3; do local s; s=$(seconds "$@"); if [ -z "$b" ] || (( $(echo "$s < $b" | bc -l) )); then b=$s; fi; done; echo "$b"; }
base=$(best "$bin" run "$work/base.md" --json)
boot=$(best "$bin" run "$work/boot.md" --json)
mix=$(echo "$boot - $base" | bc -l)
printf 'bootstrap  sleepstudy (Days | Subject), nsim = %s\n' "$nsim"
printf '  mixdown bootstrap()     %8.3f s  (%.2f ms per replicate)\n' "$mix" "$(echo "$mix * 1000 / $nsim" | bc -l)"
if command -v Rscript > /dev/null && Rscript -e 'quit(status = !requireNamespace("lme4", quietly = TRUE))' 2> /dev/null; then
    r=$(Rscript -e '
suppressPackageStartupMessages(library(lme4))
d <- read.csv(commandArgs(TRUE)[1])
m <- lmer(Reaction ~ Days + (Days | Subject), d)
stat <- function(x) c(as.data.frame(VarCorr(x))$sdcor, fixef(x))
t <- system.time(bootMer(m, stat, nsim = as.integer(commandArgs(TRUE)[2]), seed = 1))[["elapsed"]]
cat(t)' "$work/sleep.csv" "$nsim" 2> /dev/null)
    printf '  lme4 bootMer            %8.3f s  (%.2f ms per replicate)\n' "$r" "$(echo "$r * 1000 / $nsim" | bc -l)"
    printf '  ratio lme4 / mixdown    %8.1f\n' "$(echo "$r / $mix" | bc -l)"
else
    echo "  lme4 bootMer            skipped (Rscript with lme4 not installed)"
fi
