# Reference values for the four lessons repeated-measures, pupils-in-schools, crossed-nested and
# inference, from lme4 / lmerTest / pbkrtest on the very CSV files the lessons read.
# R is not a dependency of the project: this script was run once by hand (Debian 12 packages
# r-base-core, r-cran-lme4, r-cran-lmertest, r-cran-pbkrtest, r-cran-jsonlite) and its output
#   Tests/MixdownDocsTests/Fixtures/lessons-reference.json
# is committed. Run from the repository root:  Rscript scripts/reference/lessons.R
# Every fit is tight (BOBYQA with rhoend 1e-12) so the reference is the optimum itself.
suppressPackageStartupMessages({
  library(lme4); library(lmerTest); library(pbkrtest); library(jsonlite)
})
ctl <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 100000))
fit <- function(f, d, reml = TRUE) lmer(f, data = d, REML = reml, control = ctl)
data <- function(name) read.csv(file.path("tutorial/datasets", name), stringsAsFactors = FALSE)
ref <- list()
put <- function(key, value) if (!is.na(value)) ref[[key]] <<- unname(value)   # NA: R gives no value
clean <- function(x) sub("^\\(Intercept\\)$", "Intercept", x)

# One model: fixed effects, lme4 standard errors, Wald z, variance components, log-likelihood.
model <- function(key, m) {
  fe <- fixef(m); se <- sqrt(diag(as.matrix(vcov(m))))
  for (i in seq_along(fe)) {
    n <- clean(names(fe)[i])
    put(sprintf("%s.beta.%s", key, n), fe[i]); put(sprintf("%s.se.%s", key, n), se[i])
    put(sprintf("%s.z.%s", key, n), fe[i] / se[i])
  }
  vc <- as.data.frame(VarCorr(m))
  for (i in seq_len(nrow(vc))) {
    what <- if (is.na(vc$var2[i])) "var" else "cov"
    name <- paste(c(vc$grp[i], clean(na.omit(c(vc$var1[i], vc$var2[i])))), collapse = ".")
    put(sprintf("%s.%s.%s", key, what, name), vc$vcov[i])
    put(sprintf("%s.%s.%s", key, if (what == "var") "sd" else "corr", name), vc$sdcor[i])
  }
  put(paste0(key, ".loglik"), as.numeric(logLik(m)))
  put(paste0(key, ".singular"), isSingular(m))
}
# An anova table of nested fits (lme4 refits REML fits by ML, as the lessons' anova does); rows
# are numbered in the table's order (fewest parameters first), from 1.
lrt <- function(key, ...) {
  a <- anova(...)
  rows <- seq_len(nrow(a))
  for (i in rows) for (col in c("npar", "AIC", "BIC", "logLik", "deviance", "Chisq", "Df", "Pr(>Chisq)"))
    if (!is.na(a[i, col])) put(sprintf("%s.%d.%s", key, i, col), a[i, col])
}
ddf <- function(key, m, method) {
  s <- summary(m, ddf = method)$coefficients
  for (i in seq_len(nrow(s))) for (col in c("Estimate", "Std. Error", "df", "t value", "Pr(>|t|)"))
    put(sprintf("%s.%s.%s", key, clean(rownames(s)[i]), col), s[i, col])
}
intervals <- function(key, ci) {
  for (i in seq_len(nrow(ci))) {
    put(sprintf("%s.%s.lower", key, clean(rownames(ci)[i])), ci[i, 1])
    put(sprintf("%s.%s.upper", key, clean(rownames(ci)[i])), ci[i, 2])
  }
}

# ---- 1. Repeated measures: sleepstudy -------------------------------------------------------
sleep <- data("sleepstudy.csv")
s_int <- fit(Reaction ~ Days + (1 | Subject), sleep)
s_full <- fit(Reaction ~ Days + (Days | Subject), sleep)
s_unc <- fit(Reaction ~ Days + (Days || Subject), sleep)
model("sleep.int", s_int); model("sleep.full", s_full); model("sleep.unc", s_unc)
lrt("sleep.anova", s_int, s_unc, s_full)
per <- t(sapply(split(sleep, sleep$Subject), function(g) coef(lm(Reaction ~ Days, g))))
blup <- coef(s_full)$Subject
re <- ranef(s_full, condVar = TRUE)
pv <- attr(re$Subject, "postVar")
for (s in rownames(per)) {
  put(paste0("sleep.ols.", s, ".Intercept"), per[s, 1]); put(paste0("sleep.ols.", s, ".Days"), per[s, 2])
  put(paste0("sleep.blup.", s, ".Intercept"), blup[s, 1]); put(paste0("sleep.blup.", s, ".Days"), blup[s, 2])
  k <- which(rownames(re$Subject) == s)
  put(paste0("sleep.ranef.", s, ".Intercept"), re$Subject[s, 1]); put(paste0("sleep.ranef.", s, ".Days"), re$Subject[s, 2])
  put(paste0("sleep.condsd.", s, ".Intercept"), sqrt(pv[1, 1, k])); put(paste0("sleep.condsd.", s, ".Days"), sqrt(pv[2, 2, k]))
}
put("sleep.ols.sd.Days", sd(per[, 2])); put("sleep.blup.sd.Days", sd(blup[, 2]))
put("sleep.ols.sd.Intercept", sd(per[, 1])); put("sleep.blup.sd.Intercept", sd(blup[, 1]))
put("sleep.resid.sd", sd(residuals(s_full)))

# ---- 2. Pupils in schools: bdf -------------------------------------------------------------
b <- data("language_schools.csv")
b$iq_c <- b$iq_verb - mean(b$iq_verb)
b$iq_school <- ave(b$iq_verb, b$school) - mean(b$iq_verb)
b$iq_within <- b$iq_verb - ave(b$iq_verb, b$school)
put("bdf.nobs", nrow(b)); put("bdf.nschools", length(unique(b$school))); put("bdf.mean_iq", mean(b$iq_verb))
b_null <- fit(lang_post ~ 1 + (1 | school), b)
vc <- as.data.frame(VarCorr(b_null))
put("bdf.icc", vc$vcov[1] / sum(vc$vcov))
b_grand <- fit(lang_post ~ iq_c + (1 | school), b)
b_within <- fit(lang_post ~ iq_within + iq_school + (1 | school), b)
b_context <- fit(lang_post ~ iq_c + iq_school + (1 | school), b)
b_slope <- fit(lang_post ~ iq_within + iq_school + (1 + iq_within | school), b)
b_cross <- fit(lang_post ~ iq_within * iq_school + (1 + iq_within | school), b)
for (k in c("null", "grand", "within", "context", "slope", "cross")) model(paste0("bdf.", k), get(paste0("b_", k)))
put("bdf.contextual", fixef(b_within)[["iq_school"]] - fixef(b_within)[["iq_within"]])
lrt("bdf.anova_slope", b_within, b_slope)
ddf("bdf.cross.satt", b_cross, "Satterthwaite")
pred <- predict(b_cross, b, re.form = NULL)
put("bdf.pred.first", pred[1]); put("bdf.pred.sum", sum(pred))

# ---- 3. Crossed and nested factors ----------------------------------------------------------
rt <- data("stroop_rt.csv")
put("rt.nobs", nrow(rt)); put("rt.nsubjects", length(unique(rt$subject))); put("rt.nitems", length(unique(rt$item)))
r_cross <- fit(rt ~ condition + (1 | subject) + (1 | item), rt)
r_subj <- fit(rt ~ condition + (1 | subject), rt)
model("rt.cross", r_cross); model("rt.subj", r_subj)
lrt("rt.anova", r_subj, r_cross)
cl <- data("classes_nested.csv")
put("cl.nobs", nrow(cl)); put("cl.nschools", length(unique(cl$school)))
put("cl.nclasses", nrow(unique(cl[, c("school", "class")])))
c_nest <- fit(score ~ homework + (1 | school/class), cl)
c_wrong <- fit(score ~ homework + (1 | school) + (1 | class), cl)
c_colon <- fit(score ~ homework + (1 | school) + (1 | school:class), cl)
model("cl.nest", c_nest); model("cl.wrong", c_wrong); model("cl.colon", c_colon)
vc <- as.data.frame(VarCorr(c_nest))
for (i in seq_len(nrow(vc))) put(paste0("cl.nest.share.", vc$grp[i]), vc$vcov[i] / sum(vc$vcov))

# ---- 4. Inference: Oats ---------------------------------------------------------------------
o <- data("oats.csv")
o_full <- fit(yield ~ nitro + variety + (1 | block/variety), o)
o_novar <- fit(yield ~ nitro + (1 | block/variety), o)
model("oats.full", o_full); model("oats.novar", o_novar)
for (n in names(fixef(o_full))) put(sprintf("oats.full.p_wald.%s", clean(n)),
  2 * pnorm(-abs(fixef(o_full)[[n]] / sqrt(diag(as.matrix(vcov(o_full))))[which(names(fixef(o_full)) == n)])))
ddf("oats.full.satt", o_full, "Satterthwaite"); ddf("oats.full.kr", o_full, "Kenward-Roger")
lost <- (o$block == "I" & o$nitro == 0.6) | (o$block == "III" & o$variety == "Victory") | (o$block == "V" & o$nitro == 0)
ou <- o[!lost, ]
put("oats.lost.nobs", nrow(ou))
o_lost <- fit(yield ~ nitro + variety + (1 | block/variety), ou)
model("oats.lost", o_lost)
ddf("oats.lost.satt", o_lost, "Satterthwaite"); ddf("oats.lost.kr", o_lost, "Kenward-Roger")
lrt("oats.anova_variety", o_novar, o_full)
put("oats.reml_loglik_diff", as.numeric(logLik(o_full)) - as.numeric(logLik(o_novar)))
intervals("oats.profile", confint(o_full, method = "profile", oldNames = FALSE))
intervals("oats.wald", confint(o_full, method = "Wald", oldNames = FALSE))
intervals("oats.boot2000", suppressMessages(suppressWarnings(
  confint(o_full, method = "boot", nsim = 2000, seed = 1, oldNames = FALSE))))
o_sing <- fit(yield ~ nitro + variety + (1 + nitro | block) + (1 | block:variety), o)
o_unc <- fit(yield ~ nitro + variety + (1 + nitro || block) + (1 | block:variety), o)
model("oats.sing", o_sing); model("oats.unc", o_unc)
lrt("oats.anova_sing", o_full, o_sing)

dir.create("Tests/MixdownDocsTests/Fixtures", showWarnings = FALSE, recursive = TRUE)
ref <- ref[order(names(ref))]
writeLines(toJSON(ref, auto_unbox = TRUE, digits = I(17), pretty = TRUE),
           "Tests/MixdownDocsTests/Fixtures/lessons-reference.json")
cat(length(ref), "reference values written\n")
