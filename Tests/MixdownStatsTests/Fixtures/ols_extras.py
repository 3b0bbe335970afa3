#!/usr/bin/env python3
"""Generates ols_extras_statsmodels.json and design_cases.csv: independent reference
values (statsmodels 0.15 / patsy 1.0) for design-matrix naming and order, type-II
ANOVA, t tests and prediction bands. Run from this folder: python3 ols_extras.py"""
import json
import numpy as np
import pandas as pd
import patsy
import statsmodels.formula.api as smf
from statsmodels.stats.anova import anova_lm

score = pd.read_csv("score_parentedu_byclass.csv")

# A small synthetic data set with two categorical factors and two numeric columns.
rng = np.random.default_rng(7)
n = 24
cases = pd.DataFrame({
    "y": np.round(rng.normal(10, 2, n), 6),
    "x": np.round(rng.uniform(1, 5, n), 6),
    "z": np.round(rng.uniform(0, 3, n), 6),
    "a": ["a%d" % (i % 3) for i in range(n)],
    "b": ["b%d" % ((i // 3) % 2) for i in range(n)],
})
cases.to_csv("design_cases.csv", index=False, float_format="%.6f")
cases = pd.read_csv("design_cases.csv")

formulas = [
    "y ~ x", "y ~ x + a", "y ~ a + x", "y ~ x * a", "y ~ a * x", "y ~ 0 + a", "y ~ a - 1 + x",
    "y ~ a:b", "y ~ a * b", "y ~ a + a:b", "y ~ 0 + a:b", "y ~ x:a", "y ~ 0 + x:a", "y ~ x + x:a",
    "y ~ x * z * a", "y ~ x:z + a:b + x", "y ~ C(b) + I(x ** 2) + np.log(z + 1)", "y ~ (x + z + a) ** 2",
    "y ~ a/x", "y ~ b + x:a:b", "np.log(y) ~ x", "y ~ 1",
]
designs = {}
for f in formulas:
    yv, X = patsy.dmatrices(f, cases, return_type="dataframe")
    designs[f] = {"names": list(X.columns), "rows": X.iloc[:4].values.tolist()}

def fit(f, data):
    return smf.ols(f, data).fit()

extras = {"designs": designs}
full = fit("score ~ edu * classroom", score)
inter = fit("score ~ edu + classroom", score)
anova = {}
for key, m in [("score ~ edu * classroom", full), ("score ~ edu + classroom", inter), ("y ~ x * z * a", fit("y ~ x * z * a", cases))]:
    t = anova_lm(m, typ=2)
    anova[key] = {"terms": list(t.index), "sum_sq": t["sum_sq"].tolist(), "df": t["df"].tolist(),
                  "F": [None if np.isnan(v) else v for v in t["F"]],
                  "p": [None if np.isnan(v) else v for v in t["PR(>F)"]]}
extras["anova_typ2"] = anova

glob = fit("score ~ edu", score)
tests = {}
for key, m, h in [("edu", glob, "edu = 0"), ("c1-c2", inter, "classroom[T.c1] - classroom[T.c2] = 0"),
                  ("shifted", inter, "2*edu + Intercept = 7")]:
    r = m.t_test(h)
    ci = r.conf_int()[0]
    tests[key] = {"hypothesis": h, "effect": float(r.effect[0]), "sd": float(r.sd[0][0]), "t": float(r.tvalue[0][0]),
                  "p": float(r.pvalue), "ci_low": float(ci[0]), "ci_high": float(ci[1])}
extras["t_test"] = tests

grid = pd.DataFrame({"edu": [0.0, 2.5, 5.0, 10.0]})
sf = glob.get_prediction(grid).summary_frame(alpha=0.05)
extras["prediction"] = {"edu": grid["edu"].tolist(), "mean": sf["mean"].tolist(), "mean_se": sf["mean_se"].tolist(),
                        "lower": sf["mean_ci_lower"].tolist(), "upper": sf["mean_ci_upper"].tolist()}
grid2 = pd.DataFrame({"edu": [1.0, 7.0, 3.0], "classroom": ["c2", "c0", "c1"]})
sf2 = full.get_prediction(grid2).summary_frame(alpha=0.05)
extras["prediction_full"] = {"edu": grid2["edu"].tolist(), "classroom": grid2["classroom"].tolist(),
                             "mean": sf2["mean"].tolist(), "mean_se": sf2["mean_se"].tolist(),
                             "lower": sf2["mean_ci_lower"].tolist(), "upper": sf2["mean_ci_upper"].tolist()}
extras["rsquared_adj"] = {"score ~ edu": glob.rsquared_adj, "score ~ edu * classroom": full.rsquared_adj}
nc = fit("y ~ 0 + a", cases)
extras["no_intercept"] = {"formula": "y ~ 0 + a", "k_constant": int(nc.k_constant), "rsquared": nc.rsquared,
                          "fvalue": nc.fvalue, "df_model": nc.df_model, "aic": nc.aic}
nc2 = fit("y ~ 0 + x", cases)
extras["no_constant"] = {"formula": "y ~ 0 + x", "k_constant": int(nc2.k_constant), "rsquared": nc2.rsquared,
                         "fvalue": nc2.fvalue, "df_model": nc2.df_model, "aic": nc2.aic, "bic": nc2.bic}
with open("ols_extras_statsmodels.json", "w") as fh:
    json.dump(extras, fh, indent=1)
