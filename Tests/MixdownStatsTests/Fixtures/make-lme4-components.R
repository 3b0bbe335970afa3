# lme4's deviance components (getME(fit, "devcomp")$cmp) at its optimum, for
# Tests/MixdownStatsTests/MixedComponentsTests.swift. Run by hand (R is not a project dependency):
#   cd Tests/MixdownStatsTests/Fixtures && Rscript make-lme4-components.R
suppressPackageStartupMessages(library(lme4))
num <- function(x) paste0("[", paste(sprintf("%.17g", x), collapse = ", "), "]")
one <- function(name, formula, data) {
  fit <- lmer(formula, data = data, REML = TRUE,
              control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 100000)))
  cmp <- getME(fit, "devcomp")$cmp
  sprintf("\"%s\": {\"theta\": %s, \"ldL2\": %.17g, \"ldRX2\": %.17g, \"pwrss\": %.17g, \"REML\": %.17g}",
          name, num(getME(fit, "theta")), cmp[["ldL2"]], cmp[["ldRX2"]], cmp[["pwrss"]], cmp[["REML"]])
}
sleep <- read.csv("lme4-sleepstudy.csv")
pen <- read.csv("lme4-penicillin.csv")
writeLines(paste0("{", paste(c(one("sleepstudy", Reaction ~ Days + (Days | Subject), sleep),
                               one("penicillin", diameter ~ 1 + (1 | plate) + (1 | sample), pen)),
                             collapse = ", "), "}"), "lme4-components.json")
