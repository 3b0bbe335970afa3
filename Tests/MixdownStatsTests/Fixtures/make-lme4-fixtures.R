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

# Simulated (fixed seed): subjects × items crossed in few cells, with random slopes, plus a site
# factor that subjects are nested in (sparse cross-products, several other terms).
set.seed(20261202)
cr <- expand.grid(subj = 1:60, item = 1:40)
cr <- cr[runif(nrow(cr)) < 0.15, ]
cr$a <- ifelse((cr$item + cr$subj) %% 2 == 0, 1, -1)
cr$site <- cr$subj %% 4 + 1
su <- cbind(rnorm(60, 0, 1), rnorm(60, 0, 0.5)); iu <- cbind(rnorm(40, 0, 0.8), rnorm(40, 0, 0.4)); st <- rnorm(4, 0, 0.7)
cr$y <- 1 + 0.5 * cr$a + su[cr$subj, 1] + su[cr$subj, 2] * cr$a + iu[cr$item, 1] + iu[cr$item, 2] * cr$a +
  st[cr$site] + rnorm(nrow(cr))
cr <- data.frame(y = round(cr$y, 6), a = cr$a, subj = paste0("S", cr$subj), item = paste0("I", cr$item),
                 site = paste0("T", cr$site))
writeFit("crossed-sparse", y ~ a + (1 + a | subj) + (1 + a | item) + (1 | site), cr, csv = "lme4-crossed-sparse.csv")

# Simulated (fixed seed): pupils in classes in schools, random slope by school (nested, 2-wide blocks).
set.seed(20261203)
ne <- expand.grid(pupil = 1:6, class = 1:4, school = 1:15)
ne$x <- round(rnorm(nrow(ne)), 4)
ub <- cbind(rnorm(15, 0, 1.5), rnorm(15, 0, 0.5)); uc <- rnorm(60, 0, 0.8)
k <- (ne$school - 1) * 4 + ne$class
ne$y <- round(2 + 0.7 * ne$x + ub[ne$school, 1] + ub[ne$school, 2] * ne$x + uc[k] + rnorm(nrow(ne)), 6)
ne <- data.frame(y = ne$y, x = ne$x, school = paste0("H", ne$school), class = paste0("H", ne$school, "C", ne$class))
writeFit("nested-slope", y ~ x + (1 + x | school) + (1 | class), ne, csv = "lme4-nested-slope.csv")

# Subjects × items fully crossed, 56 × 32, with four correlated random effects on each side: 20 θ
# parameters, more than the Newton polish takes, so BOBYQA's own stopping rule decides. The data
# are bench/simulate_designs.py's (`maximal 56 32`, fixed seed), copied to lme4-maximal.csv.
mx <- read.csv("lme4-maximal.csv")
writeFit("maximal", y ~ 1 + a * b * c + (1 + a + b + c | subj) + (1 + a + b + c | item), mx)
