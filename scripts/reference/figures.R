# Reference values for the chart tests (Tests/MixdownChartsTests/LanguageGrammarTests.swift):
# R's normal QQ plot (qqnorm + qqline) and a 20-bin histogram of sleepstudy's Reaction.
# Run from the repository root: Rscript scripts/reference/figures.R
d <- read.csv("tutorial/datasets/sleepstudy.csv")
q <- qqnorm(d$Reaction, plot.it = FALSE)
y <- quantile(d$Reaction, c(0.25, 0.75)); x <- qnorm(c(0.25, 0.75))
slope <- diff(y) / diff(x)
cat(sprintf("qq x range %.12f %.12f\n", min(q$x), max(q$x)))
cat(sprintf("qqline slope %.12f intercept %.12f\n", slope, y[1] - slope * x[1]))
# numpy/matplotlib bins: 20 equal bins from min to max, left-closed, the last one closed.
h <- hist(d$Reaction, breaks = seq(min(d$Reaction), max(d$Reaction), length.out = 21),
          plot = FALSE, include.lowest = TRUE, right = FALSE)
cat("histogram counts", h$counts, "\n")
