#!/usr/bin/env python3
"""Simulated nested and crossed designs for bench/crossed_bench.py (fixed seed, deterministic).

Usage: simulate_designs.py nested SCHOOLS CLASSES PUPILS OUT.csv
       simulate_designs.py maximal SUBJECTS ITEMS OUT.csv

nested:  school/class/pupil, y = 5 + 0.5 x + u_school + u_class + eps (sd 2, 1, 1), for
         y ~ x + (1 | school/class).
maximal: every subject sees every item once; a, b, c are ±1 contrasts that vary within subjects
         and within items (counterbalanced); y = 1 + 0.5 a + 0.3 b + 0.2 c + 0.1 ab + (1 + a + b + c | subj) + (1 + a + b + c | item) + eps,
         for y ~ 1 + a*b*c + (1 + a + b + c | subj) + (1 + a + b + c | item).
"""
import sys
import numpy as np

SEED = 20261202


def nested(schools, classes, pupils, out):
    rng = np.random.default_rng(SEED)
    us = rng.normal(0, 2, schools)
    uc = rng.normal(0, 1, schools * classes)
    with open(out, "w") as fh:
        fh.write("school,class,x,y\n")
        for s in range(schools):
            for c in range(classes):
                k = s * classes + c
                x = rng.normal(0, 1, pupils)
                y = 5 + 0.5 * x + us[s] + uc[k] + rng.normal(0, 1, pupils)
                for xi, yi in zip(x, y):
                    fh.write("s%d,c%d,%.6f,%.6f\n" % (s, c, xi, yi))


def correlated(rng, count, sds, rho):
    q = len(sds)
    cor = np.full((q, q), rho) + (1 - rho) * np.eye(q)
    cov = np.outer(sds, sds) * cor
    return rng.multivariate_normal(np.zeros(q), cov, count)


def maximal(subjects, items, out):
    rng = np.random.default_rng(SEED)
    us = correlated(rng, subjects, [1.0, 0.5, 0.4, 0.3], 0.2)
    ui = correlated(rng, items, [0.8, 0.4, 0.3, 0.2], 0.1)
    with open(out, "w") as fh:
        fh.write("subj,item,a,b,c,y\n")
        for s in range(subjects):
            for i in range(items):
                a = 1 if (i + s) % 2 == 0 else -1
                b = 1 if (i // 2 + s // 2) % 2 == 0 else -1
                c = 1 if (i // 4 + s // 4) % 2 == 0 else -1
                z = np.array([1, a, b, c])
                y = 1 + 0.5 * a + 0.3 * b + 0.2 * c + 0.1 * a * b + z @ us[s] + z @ ui[i] + rng.normal(0, 1)
                fh.write("S%d,I%d,%d,%d,%d,%.6f\n" % (s, i, a, b, c, y))


def main():
    kind = sys.argv[1]
    if kind == "nested":
        nested(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    elif kind == "maximal":
        maximal(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit("simulate_designs.py: unknown design %r" % kind)


if __name__ == "__main__":
    main()
