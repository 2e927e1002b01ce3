#!/usr/bin/python3
"""Reference Kamiran–Calders reweighing weights, computed once with pandas and committed.

    /usr/bin/python3 scripts/golden-reweighing.py > test/fixtures/reweighing-golden.json

The training split of datasets/penguins-sex is rebuilt independently of Almanac: a row is in test
when int(md5(f"{seed}:{row_id}")[:8], 16) / 2**32 < test_fraction (docs/training.md, "Splits");
rows with a missing target are left out. The weights follow AIF360's Reweighing
(aif360/algorithms/preprocessing/reweighing.py): w(g, y) = n_g * n_y / (n * n_gy), each train row
gets the weight of its cell. test/mitigation/reweighing.test.ts compares Almanac's per-row weights
(ALMANAC_WEIGHTS) with these to 1e-15 and never needs Python.
"""
import hashlib
import json

import pandas as pd

SEED, FRACTION = 5, 0.3
frame = pd.read_csv("datasets/penguins-sex/data/penguins-sex.csv")
frame = frame[frame["sex"].notna()]
is_test = frame["row_id"].map(lambda key: int(hashlib.md5(f"{SEED}:{key}".encode()).hexdigest()[:8], 16) / 2**32 < FRACTION)
train = frame[~is_test].copy()
train["group"] = train["island"].fillna("null").astype(str)
n = len(train)
n_g = train.groupby("group").size()
n_y = train.groupby("sex").size()
n_gy = train.groupby(["group", "sex"]).size()
train["weight"] = [n_g[g] * n_y[y] / (n * n_gy[(g, y)]) for g, y in zip(train["group"], train["sex"])]
print(
    json.dumps(
        {
            "call": "pandas groupby sizes; w = n_g * n_y / (n * n_gy) (AIF360 Reweighing)",
            "dataset": "datasets/penguins-sex/data/penguins-sex.csv",
            "split": {"seed": SEED, "test_fraction": FRACTION},
            "column": "island",
            "target": "sex",
            "rows": {str(key): float(weight) for key, weight in zip(train["row_id"], train["weight"])},
        },
        indent=1,
    )
)
