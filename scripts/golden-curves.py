#!/usr/bin/python3
"""Reference curves for core/metrics/curves/, computed once and committed.

Run with Debian's Python and scikit-learn (python3-sklearn 1.2.1, numpy 1.24):

    /usr/bin/python3 scripts/golden-curves.py > test/fixtures/curves-golden.json

Cases: the committed predictions of the binary example models (seattle-rain, positive class
"rain"; penguin-sex, positive class "male") and small hand-made cases with tied scores and
probabilities on the calibration bins' edges. Each case records the scores, the truth and
  roc_curve(y_true, y_score)                                   (drop_intermediate=True)
  precision_recall_curve(y_true, probas_pred)
  calibration_curve(y_true, y_prob, n_bins=10, strategy="uniform")
The test suite (test/metrics/curves.test.ts) checks every value to 1e-12 and needs no Python.
"""
import csv
import gzip
import json
import sys

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import precision_recall_curve, roc_curve


def predictions(path, positive):
    with gzip.open(path, "rt", newline="") as handle:
        rows = list(csv.DictReader(handle))
    scores = [float(row[f"p_{positive}"]) for row in rows]
    truth = [1 if row["target"] == positive else 0 for row in rows]
    return scores, truth


def case(name, scores, truth):
    y_true = np.array(truth)
    y_score = np.array(scores, dtype=float)
    fpr, tpr, roc_thresholds = roc_curve(y_true, y_score)
    precision, recall, pr_thresholds = precision_recall_curve(y_true, y_score)
    observed, predicted = calibration_curve(y_true, y_score, n_bins=10, strategy="uniform")
    return {
        "name": name,
        "scores": scores,
        "truth": truth,
        "roc": {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": roc_thresholds.tolist()},
        "precision_recall": {
            "precision": precision.tolist(),
            "recall": recall.tolist(),
            "thresholds": pr_thresholds.tolist(),
        },
        "calibration": {"observed": observed.tolist(), "predicted": predicted.tolist()},
    }


cases = [
    case("seattle-rain predictions", *predictions("reports/models/seattle-rain/predictions.csv.gz", "rain")),
    case("penguin-sex predictions", *predictions("reports/models/penguin-sex/predictions.csv.gz", "male")),
    case("tied scores", [0.1, 0.4, 0.4, 0.8, 0.8, 0.8, 0.2, 0.4], [0, 0, 1, 1, 0, 1, 0, 1]),
    case(
        "probabilities on bin edges",
        [0.0, 0.1, 0.2, 0.30000000000000004, 0.3, 0.5, 0.7000000000000001, 0.9, 1.0, 0.95],
        [0, 0, 1, 0, 1, 1, 0, 1, 1, 1],
    ),
]
json.dump(
    {"generated_by": "scripts/golden-curves.py", "sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases},
    sys.stdout,
    indent=1,
)
sys.stdout.write("\n")
