# Produces the lme4 reference fixtures used by Tests/MixdownStatsTests/MixedLme4Tests.swift.
# R and lme4 are NOT project dependencies: this script was run once, by hand, on a machine with
# Debian's r-base-core and r-cran-lme4, and its outputs (lme4-*.csv, lme4-*.json) are committed.
#   cd Tests/MixdownStatsTests/Fixtures && Rscript make-lme4-fixtures.R
suppressPackageStartupMessages(library(lme4))

num <- function(x) {
  if (length(x) == 0) return("[]")
  s <- ifelse(is.na(x), "null", sprintf("%.17g", x))
  if (length(x) == 1) s else paste0("[", paste(s, collapse = ", "), "]")
}
str <- function(x) paste0("\"", x, "\"")
strs <- function(x) paste0("[", paste(str(x), collapse = ", "), "]")
obj <- function(keys, values) paste0("{", paste(paste0(str(keys), ": ", values), collapse = ", "), "}")
cleanName <- function(x) sub("^\\(Intercept\\)$", "Intercept", x)

writeFit <- function(name, formula, data, reml = TRUE, csv = NULL) {
  if (!is.null(csv)) write.csv(data, csv, row.names = FALSE, quote = FALSE)
  # lme4's default stopping rule leaves theta ~1e-5 short of the optimum on these data (e.g.
  # sleepstudy ML): use minqa's BOBYQA with a tiny final trust radius for reference quality.
  fit <- lmer(formula, data = data, REML = reml,
              control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 100000)))
  vc <- as.data.frame(VarCorr(fit))
  re <- ranef(fit, condVar = FALSE)
  ranefJson <- sapply(names(re), function(g) {
    d <- re[[g]]
    lv <- sapply(rownames(d), function(l) obj(cleanName(colnames(d)), sapply(d[l, , drop = TRUE], num)))
    obj(rownames(d), lv)
  })
  fe <- fixef(fit)
  se <- sqrt(diag(as.matrix(vcov(fit))))
  ll <- logLik(fit)
  comps <- paste0("[", paste(sapply(seq_len(nrow(vc)), function(i) {
    obj(c("grp", "var1", "var2", "vcov", "sdcor"),
        c(str(vc$grp[i]), if (is.na(vc$var1[i])) "null" else str(cleanName(vc$var1[i])),
          if (is.na(vc$var2[i])) "null" else str(cleanName(vc$var2[i])),
          num(vc$vcov[i]), num(vc$sdcor[i])))
  }), collapse = ", "), "]")
  json <- obj(
    c("name", "formula", "method", "lme4", "nobs", "theta", "theta_names", "fixed_names", "beta", "stderr",
      "sigma", "components", "reml_criterion_or_deviance", "loglik", "aic", "bic", "singular", "ranef", "ngroups"),
    c(str(name), str(paste(deparse(formula), collapse = "")), str(if (reml) "reml" else "ml"),
      str(as.character(packageVersion("lme4"))), num(nobs(fit)),
      paste0("[", paste(sapply(getME(fit, "theta"), num), collapse = ", "), "]"),
      strs(names(getME(fit, "theta"))), strs(cleanName(names(fe))),
      paste0("[", paste(sapply(fe, num), collapse = ", "), "]"),
      paste0("[", paste(sapply(se, num), collapse = ", "), "]"),
      num(sigma(fit)), comps, num(as.numeric(-2 * ll)), num(as.numeric(ll)),
      num(AIC(fit)), num(BIC(fit)), if (isSingular(fit)) "true" else "false",
      obj(names(re), ranefJson),
      obj(names(ngrps(fit)), sapply(ngrps(fit), num))))
  writeLines(json, paste0("lme4-", name, ".json"))
}

sleep <- lme4::sleepstudy
sleep$Subject <- paste0("S", as.character(sleep$Subject))
writeFit("sleepstudy", Reaction ~ Days + (Days | Subject), sleep, csv = "lme4-sleepstudy.csv")
writeFit("sleepstudy-ml", Reaction ~ Days + (Days | Subject), sleep, reml = FALSE)
writeFit("sleepstudy-uncorrelated", Reaction ~ Days + (Days || Subject), sleep)

pen <- lme4::Penicillin
pen <- data.frame(diameter = pen$diameter, plate = as.character(pen$plate), sample = as.character(pen$sample))
writeFit("penicillin", diameter ~ 1 + (1 | plate) + (1 | sample), pen, csv = "lme4-penicillin.csv")

pas <- lme4::Pastes
pas <- data.frame(strength = pas$strength, batch = as.character(pas$batch), cask = as.character(pas$cask))
writeFit("pastes", strength ~ 1 + (1 | batch/cask), pas, csv = "lme4-pastes.csv")

dy2 <- lme4::Dyestuff2
dy2 <- data.frame(Yield = dy2$Yield, Batch = as.character(dy2$Batch))
writeFit("dyestuff2", Yield ~ 1 + (1 | Batch), dy2, csv = "lme4-dyestuff2.csv")

score <- read.csv("score_parentedu_byclass.csv")
writeFit("score-full", score ~ edu + (1 + edu | classroom), score)
writeFit("score-inter", score ~ edu + (1 | classroom), score)
writeFit("score-inter-ml", score ~ edu + (1 | classroom), score, reml = FALSE)
