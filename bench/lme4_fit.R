# One lme4 fit for bench/crossed_bench.py; prints a JSON line (logLik, variance components,
# evaluations, convergence messages). The caller times the whole Rscript process.
#   Rscript bench/lme4_fit.R CSV FORMULA [tight]
suppressPackageStartupMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = TRUE)
tight <- length(args) > 2 && args[3] == "tight"
control <- if (tight) lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 100000)) else lmerControl()
fit <- lmer(as.formula(args[2]), data = d, REML = TRUE, control = control)
vc <- as.data.frame(VarCorr(fit))
key <- paste(vc$grp, ifelse(is.na(vc$var1), "", vc$var1), ifelse(is.na(vc$var2), "", vc$var2), sep = "|")
msgs <- fit@optinfo$conv$lme4$messages
cat(sprintf("{\"loglik\": %.17g, \"evaluations\": %d, \"warnings\": %d, \"vcov\": {%s}}\n",
            as.numeric(logLik(fit)), as.integer(fit@optinfo$feval), length(msgs),
            paste(sprintf("\"%s\": %.17g", key, vc$vcov), collapse = ", ")))
