# Reference values for the mixed-model inference tests (Tests/MixdownStatsTests/Inference*).
# R, lme4, lmerTest and pbkrtest are NOT project dependencies: this script was run by hand on a
# machine with Debian's r-cran-lme4, r-cran-lmertest and r-cran-pbkrtest; its outputs (CSV data
# and JSON values) are committed under Tests/MixdownStatsTests/Fixtures/inference/.
#   Rscript scripts/reference/inference-fixtures.R Tests/MixdownStatsTests/Fixtures/inference
suppressPackageStartupMessages({ library(lme4); library(lmerTest); library(pbkrtest) })
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "."
dir.create(out, showWarnings = FALSE, recursive = TRUE)

num <- function(x) {
  s <- ifelse(is.na(x), "null", sprintf("%.17g", x))
  paste0("[", paste(s, collapse = ", "), "]")
}
num1 <- function(x) if (is.na(x)) "null" else sprintf("%.17g", x)
str <- function(x) paste0("\"", x, "\"")
strs <- function(x) paste0("[", paste(str(x), collapse = ", "), "]")
obj <- function(keys, values) paste0("{", paste(paste0(str(keys), ": ", values), collapse = ", "), "}")
clean <- function(x) sub("^\\(Intercept\\)$", "Intercept", x)
tight <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 100000))

fitTight <- function(formula, data, reml = TRUE) lmerTest::lmer(formula, data = data, REML = reml, control = tight)

coefTable <- function(fit, ddf) {
  s <- summary(fit, ddf = ddf)$coefficients
  obj(c("names", "estimate", "stderr", "df", "t", "p"),
      c(strs(clean(rownames(s))), num(s[, 1]), num(s[, 2]), num(s[, 3]), num(s[, 4]), num(s[, 5])))
}

ranefTable <- function(fit) {
  re <- ranef(fit, condVar = TRUE)
  parts <- sapply(names(re), function(g) {
    d <- re[[g]]
    pv <- attr(d, "postVar")
    q <- ncol(d)
    sds <- t(sapply(seq_len(nrow(d)), function(l) sqrt(diag(matrix(pv[, , l], q, q)))))
    if (q == 1) sds <- matrix(sds, ncol = 1)
    obj(c("levels", "names", "values", "condsd"),
        c(strs(rownames(d)), strs(clean(colnames(d))),
          paste0("[", paste(sapply(seq_len(nrow(d)), function(l) num(as.numeric(d[l, ]))), collapse = ", "), "]"),
          paste0("[", paste(sapply(seq_len(nrow(d)), function(l) num(sds[l, ])), collapse = ", "), "]")))
  })
  obj(names(re), parts)
}

varcorrTable <- function(fit) {
  vc <- as.data.frame(VarCorr(fit))
  paste0("[", paste(sapply(seq_len(nrow(vc)), function(i) {
    obj(c("grp", "var1", "var2", "vcov", "sdcor"),
        c(str(vc$grp[i]), if (is.na(vc$var1[i])) "null" else str(clean(vc$var1[i])),
          if (is.na(vc$var2[i])) "null" else str(clean(vc$var2[i])), num1(vc$vcov[i]), num1(vc$sdcor[i])))
  }), collapse = ", "), "]")
}

confintTable <- function(fit, method) {
  ci <- tryCatch(suppressWarnings(suppressMessages(confint(fit, method = method, oldNames = FALSE))),
                 error = function(e) NULL)
  if (is.null(ci)) return("null")
  obj(c("names", "lower", "upper"), c(strs(clean(rownames(ci))), num(ci[, 1]), num(ci[, 2])))
}

anovaTable <- function(fits) {
  a <- suppressMessages(do.call(anova, c(unname(fits), list(refit = TRUE))))
  obj(c("models", "npar", "AIC", "BIC", "logLik", "deviance", "Chisq", "Df", "p"),
      c(strs(rownames(a)), num(a$npar), num(a$AIC), num(a$BIC), num(a$logLik), num(a$deviance),
        num(a$Chisq), num(a$Df), num(a[["Pr(>Chisq)"]])))
}

writeCase <- function(name, formula, data, comparisons = list(), reml = TRUE) {
  write.csv(data, file.path(out, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  fit <- fitTight(formula, data, reml)
  se <- sqrt(diag(as.matrix(vcov(fit))))
  fields <- list(
    name = str(name), formula = str(paste(deparse(formula), collapse = "")),
    method = str(if (reml) "reml" else "ml"),
    versions = obj(c("lme4", "lmerTest", "pbkrtest"),
                   c(str(packageVersion("lme4")), str(packageVersion("lmerTest")), str(packageVersion("pbkrtest")))),
    theta = num(getME(fit, "theta")), sigma = num1(sigma(fit)),
    fixed_names = strs(clean(names(fixef(fit)))), beta = num(fixef(fit)), stderr_lme4 = num(se),
    singular = if (isSingular(fit)) "true" else "false",
    satterthwaite = coefTable(fit, "Satterthwaite"),
    kenward_roger = if (reml) coefTable(fit, "Kenward-Roger") else "null",
    varcorr = varcorrTable(fit), ranef = ranefTable(fit),
    confint_profile = confintTable(fit, "profile"), confint_wald = confintTable(fit, "Wald"),
    # lme4 profiles a REML fit by ML; on a boundary (singular) ML optimum its answer depends on
    # the path (REML fit vs ML fit of the same model differ): the ML fit's profile as well.
    confint_profile_ml = if (reml) confintTable(fitTight(formula, data, FALSE), "profile") else "null")
  if (length(comparisons) > 0) {
    fields$anova <- paste0("[", paste(sapply(comparisons, function(cmp) {
      fits <- lapply(cmp$formulas, function(f) fitTight(f, data, reml))
      names(fits) <- cmp$names
      obj(c("formulas", "table"), c(strs(sapply(cmp$formulas, function(f) paste(deparse(f), collapse = ""))),
                                    anovaTable(fits)))
    }), collapse = ", "), "]")
  }
  writeLines(obj(names(fields), unlist(fields)), file.path(out, paste0(name, ".json")))
}

# 1. sleepstudy, random intercept and slope.
sleep <- lme4::sleepstudy
sleep$Subject <- paste0("S", as.character(sleep$Subject))
writeCase("sleepstudy", Reaction ~ Days + (Days | Subject), sleep, comparisons = list(
  list(names = c("m0", "m1"), formulas = list(Reaction ~ 1 + (Days | Subject), Reaction ~ Days + (Days | Subject))),
  list(names = c("mi", "ms"), formulas = list(Reaction ~ Days + (1 | Subject), Reaction ~ Days + (Days | Subject)))))

# 2. Few groups: five operators, a within-operator dose and a between-operator shift.
set.seed(20261202)
op <- rep(paste0("op", 1:5), each = 8)
dose <- rep(c(0, 1, 2, 3), times = 10)
shift <- ifelse(op %in% c("op1", "op2"), 1, 0)
uop <- rnorm(5, sd = 1.5)[as.integer(factor(op))]
few <- data.frame(y = round(10 + 0.8 * dose + 1.2 * shift + uop + rnorm(40, sd = 1), 4), dose = dose,
                  shift = shift, operator = op)
writeCase("fewgroups", y ~ dose + shift + (1 | operator), few, comparisons = list(
  list(names = c("base", "full"), formulas = list(y ~ dose + (1 | operator), y ~ dose + shift + (1 | operator)))))

# 3. Crossed: six raters by twelve items, a rater-level covariate.
set.seed(7)
rater <- rep(paste0("r", 1:6), times = 12)
item <- rep(sprintf("i%02d", 1:12), each = 6)
x <- round(rnorm(72), 3)
ur <- rnorm(6, sd = 0.8)[as.integer(factor(rater))]
ui <- rnorm(12, sd = 1.3)[as.integer(factor(item))]
crossed <- data.frame(score = round(5 + 0.5 * x + ur + ui + rnorm(72, sd = 0.7), 4), x = x, rater = rater, item = item)
writeCase("crossed", score ~ x + (1 | rater) + (1 | item), crossed, comparisons = list(
  list(names = c("m0", "m1"), formulas = list(score ~ 1 + (1 | rater) + (1 | item), score ~ x + (1 | rater) + (1 | item)))))

# 4. Nested: eight schools, three classes each, six pupils per class; a school-level predictor.
set.seed(11)
school <- rep(paste0("s", 1:8), each = 18)
class <- rep(paste0("c", 1:3), each = 6, times = 8)
public <- ifelse(school %in% paste0("s", 1:4), 1, 0)
hours <- round(runif(144, 0, 10), 2)
us <- rnorm(8, sd = 2)[as.integer(factor(school))]
uc <- rnorm(24, sd = 1)[as.integer(factor(paste(school, class)))]
nested <- data.frame(mark = round(50 + 0.6 * hours - 1.5 * public + us + uc + rnorm(144, sd = 2), 3),
                     hours = hours, public = public, school = school, class = class)
writeCase("nested", mark ~ hours + public + (1 | school/class), nested, comparisons = list(
  list(names = c("m0", "m1"), formulas = list(mark ~ hours + (1 | school/class), mark ~ hours + public + (1 | school/class)))))

# 5. An ML fit (anova without refitting; Satterthwaite on ML).
writeCase("sleepstudy-ml", Reaction ~ Days + (Days | Subject), sleep, reml = FALSE)

# 6. A small group variance (near the boundary, not singular).
set.seed(3)
g <- rep(paste0("g", 1:6), each = 5)
small <- data.frame(y = round(rnorm(30), 4), x = round(rnorm(30), 3), g = g)
writeCase("smallvariance", y ~ x + (1 | g), small)

# 7. A singular fit: the group variance is estimated at zero (profile: lme4's answer has lower 0).
set.seed(1)
sing <- data.frame(y = round(rnorm(30), 4), x = round(rnorm(30), 3), g = g)
writeCase("singular", y ~ x + (1 | g), sing)
