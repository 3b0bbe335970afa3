# Writes the data files of the lessons repeated-measures, pupils-in-schools, crossed-nested and
# inference into tutorial/datasets/. R is not a dependency of the project: this script was run once
# by hand (Debian 12, r-base-core, r-cran-lme4, r-cran-nlme, r-cran-mlmrev) and its CSVs are
# committed. Run from the repository root:  Rscript scripts/data/lessons-data.R
# Simulated data use fixed seeds, so running it again writes byte-identical files.
suppressPackageStartupMessages({ library(lme4); library(nlme); library(mlmRev) })
out <- "tutorial/datasets"
save <- function(d, name) write.csv(d, file.path(out, name), row.names = FALSE, quote = FALSE)

# 1. lme4's sleepstudy, unchanged except that subject numbers become labels ("S308").
sleep <- lme4::sleepstudy
save(data.frame(Subject = paste0("S", as.character(sleep$Subject)),
                Days = sleep$Days, Reaction = sleep$Reaction), "sleepstudy.csv")

# 2. mlmRev's bdf (Snijders and Bosker's Dutch language test data): the columns the lesson uses,
#    renamed to plain identifiers.
b <- mlmRev::bdf
save(data.frame(school = sprintf("sch%03d", as.integer(as.character(b$schoolNR))),
                pupil = as.integer(as.character(b$pupilNR)),
                iq_verb = b$IQ.verb, ses = b$ses, sex = as.integer(as.character(b$sex)),
                lang_post = b$langPOST), "language_schools.csv")

# 3a. A simulated reaction-time experiment: 36 subjects each see 24 words, half of the words
#     congruent and half incongruent; subject and word both shift the reaction time.
set.seed(15001)
nsub <- 36; nitem <- 24
subj <- sprintf("s%02d", 1:nsub); item <- sprintf("w%02d", 1:nitem)
cond <- rep(c("congruent", "incongruent"), each = nitem / 2)
u_s <- rnorm(nsub, 0, 55); u_i <- rnorm(nitem, 0, 30)
rt <- expand.grid(i = 1:nitem, s = 1:nsub)
rt$rt <- 620 + 35 * (cond[rt$i] == "incongruent") + u_s[rt$s] + u_i[rt$i] + rnorm(nrow(rt), 0, 70)
keep <- runif(nrow(rt)) > 0.04          # about 4 % of trials lost to errors
rt <- rt[keep, ]
save(data.frame(subject = subj[rt$s], item = item[rt$i], condition = cond[rt$i],
                rt = round(rt$rt, 1)), "stroop_rt.csv")

# 3b. Simulated pupils in classes in schools: 12 schools with 3 or 4 classes each, classes labelled
#     A, B, C, D *within* their school (so "A" names a different class in every school).
set.seed(15002)
rows <- list()
for (s in 1:12) {
  u_school <- rnorm(1, 0, 5)
  for (k in seq_len(sample(3:4, 1))) {
    u_class <- rnorm(1, 0, 4)
    n <- sample(12:22, 1)
    homework <- round(runif(n, 0, 10), 1)
    score <- 60 + 1.2 * homework + u_school + u_class + rnorm(n, 0, 9)
    rows[[length(rows) + 1]] <- data.frame(school = sprintf("school%02d", s), class = LETTERS[k],
                                           homework = homework, score = round(score, 1))
  }
}
classes <- do.call(rbind, rows)
classes <- data.frame(pupil = seq_len(nrow(classes)), classes)
save(classes, "classes_nested.csv")

# 4. nlme's Oats (Yates' split-plot experiment), unchanged apart from lower-case column names.
o <- as.data.frame(nlme::Oats)
save(data.frame(block = as.character(o$Block), variety = as.character(o$Variety),
                nitro = o$nitro, yield = o$yield), "oats.csv")
