# Reference values for the cell language's data verbs, formula transforms and distribution
# functions (Tests/MixdownLangTests/Cases/reference.json). Each entry is an lmm expression
# (after optional setup cells) and the numbers R gives for the same computation.
# Run from the repository root:  Rscript scripts/reference/language.R
suppressMessages({ library(lme4); library(jsonlite) })
ctl <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12))
score <- read.csv("tutorial/datasets/score_parentedu_byclass.csv")

g <- c("a", "b", "a", "c", "b", "a", "c", "c")
h <- c("x", "x", "y", "y", "x", "y", "x", "y")
x <- c(1.5, 2, 3.25, 4, 8, 6.5, 0.5, 9)
small <- 'd = frame(g = ["a", "b", "a", "c", "b", "a", "c", "c"], h = ["x", "x", "y", "y", "x", "y", "x", "y"], x = [1.5, 2, 3.25, 4, 8, 6.5, 0.5, 9])'
left <- data.frame(id = 1:6, school = c("s3", "s1", "s2", "s9", "s1", "s3"))
right <- data.frame(school = c("s1", "s2", "s3"), size = c(10.5, 20, 30.25))
joined <- merge(left, right, by = "school", all.x = TRUE)
joined <- joined[order(joined$id), ]
frames <- 'a = frame(id = [1, 2, 3, 4, 5, 6], school = ["s3", "s1", "s2", "s9", "s1", "s3"])\nb = frame(school = ["s1", "s2", "s3"], size = [10.5, 20, 30.25])'
q <- c(-1.5, 0, 0.3, 2.5)
p <- c(0.001, 0.025, 0.5, 0.975)
ql <- "[-1.5, 0, 0.3, 2.5]"
pl <- "[0.001, 0.025, 0.5, 0.975]"
sum_fit <- lm(score ~ C(factor(classroom), contr.sum), score)
score$c2 <- relevel(factor(score$classroom), "c2")
unc <- lmer(score ~ edu + (1 + edu || classroom), score, REML = TRUE, control = ctl)
nest <- lmer(score ~ edu + (1 | classroom/edu), score, REML = TRUE, control = ctl)
inter <- lmer(score ~ edu + (1 | classroom:edu), score, REML = TRUE, control = ctl)

entry <- function(name, expr, values, setup = "") list(name = name, setup = setup, expr = expr, values = I(unname(as.numeric(values))))
cases <- list(
  entry("ave mean", 'ave(d.x, by = "g")', ave(x, g), small),
  entry("ave sd", 'ave(d.x, by = "g", f = sd)', ave(x, g, FUN = sd), small),
  entry("ave two keys", 'ave(d.x, by = ["g", "h"])', ave(x, g, h), small),
  entry("ave by a column", 'ave(d.x, by = d.h, f = max)', ave(x, h, FUN = max), small),
  entry("merge left join", 'join(a, b, by = "school").size', joined$size, frames),
  entry("sort descending", 'sort(d, by = ["g", "x"], descending = true).x', x[order(g, x, decreasing = TRUE)], small),
  entry("aggregate two keys", 'aggregate(d, by = ["g", "h"], mean).x',
        with(aggregate(x ~ g + h, data.frame(g, h, x), mean), x[order(g, h)]), small),
  entry("scale in a formula", 'ols(score ~ scale(edu), df).params', coef(lm(score ~ scale(edu), score))),
  entry("center in a formula", 'ols(score ~ center(edu), df).params', coef(lm(score ~ I(edu - mean(edu)), score))),
  entry("poly coefficients", 'ols(score ~ poly(edu, 2), df).params', coef(lm(score ~ poly(edu, 2), score))),
  entry("poly column", 'design(ols(score ~ poly(edu, 3), df))["poly(edu, 3)[2]"]', poly(score$edu, 3)[, 3]),
  entry("sum contrasts", 'ols(score ~ C(classroom, Sum), df).params', coef(sum_fit)),
  entry("treatment reference", 'ols(score ~ C(classroom, Treatment("c2")), df).params', coef(lm(score ~ c2, score))),
  entry("uncorrelated random effects", 'lmm(score ~ edu + (1 + edu || classroom), df).llf', logLik(unc)),
  entry("nested grouping factor", 'lmm(score ~ edu + (1 | classroom/edu), df).llf', logLik(nest)),
  entry("interaction grouping factor", 'lmm(score ~ edu + (1 | classroom:edu), df).llf', logLik(inter)),
  entry("pnorm", paste0("pnorm(", ql, ")"), pnorm(q)),
  entry("pnorm upper", paste0("pnorm(", ql, ", mean = 1, sd = 2, lower_tail = false)"), pnorm(q, 1, 2, lower.tail = FALSE)),
  entry("qnorm", paste0("qnorm(", pl, ")"), qnorm(p)),
  entry("pt", paste0("pt(", ql, ", 4.5)"), pt(q, 4.5)),
  entry("qt upper", paste0("qt(", pl, ", df = 7, lower_tail = false)"), qt(p, 7, lower.tail = FALSE)),
  entry("pchisq upper", paste0("pchisq(", ql, ", 3, lower_tail = false)"), pchisq(q, 3, lower.tail = FALSE)),
  entry("pchisq", "pchisq([0.5, 3.84, 10], df = 1)", pchisq(c(0.5, 3.84, 10), 1)),
  entry("qchisq", paste0("qchisq(", pl, ", 2)"), qchisq(p, 2)),
  entry("pf", "pf([0.5, 1, 4.2], 3, 20)", pf(c(0.5, 1, 4.2), 3, 20)),
  entry("pf upper", "pf([0.5, 1, 4.2], df1 = 3, df2 = 20, lower_tail = false)", pf(c(0.5, 1, 4.2), 3, 20, lower.tail = FALSE)),
  entry("qf", paste0("qf(", pl, ", 2, 9)"), qf(p, 2, 9))
)
writeLines(toJSON(cases, auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE), "Tests/MixdownLangTests/Cases/reference.json")
