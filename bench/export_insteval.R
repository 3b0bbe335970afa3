# Writes lme4's InstEval data set (Debian r-cran-lme4) as CSV for bench/crossed_bench.py.
#   Rscript bench/export_insteval.R OUT.csv
suppressPackageStartupMessages(library(lme4))
out <- commandArgs(trailingOnly = TRUE)[1]
d <- lme4::InstEval
write.csv(data.frame(y = d$y, s = paste0("s", d$s), d = paste0("d", d$d), dept = paste0("dept", d$dept),
                     service = as.character(d$service)),
          out, row.names = FALSE, quote = FALSE)
