#!/usr/bin/env python3
"""Writes tutorial/datasets/growth65.csv: a seeded simulation of 65 children measured at ages
8, 10, 12 and 14, with a sex difference and a random intercept per child (the figure examples
of the language lesson use it for spaghetti plots and facets with many groups).

    distance = 17 + 0.66 * (age - 11) + 2.3 * (sex == "M") + u_child + e,
    u_child ~ N(0, 1.9^2), e ~ N(0, 1.4^2)

Run from the repository root: python3 scripts/data/growth65.py
"""
import random

rng = random.Random(65)
rows = []
for k in range(1, 66):
    child = f"C{k:02d}"
    sex = "M" if k % 2 else "F"
    u = rng.gauss(0, 1.9)
    for age in (8, 10, 12, 14):
        e = rng.gauss(0, 1.4)
        distance = 17 + 0.66 * (age - 11) + (2.3 if sex == "M" else 0) + u + e
        rows.append(f"{child},{sex},{age},{distance:.2f}")
with open("tutorial/datasets/growth65.csv", "w") as f:
    f.write("child,sex,age,distance\n" + "\n".join(rows) + "\n")
