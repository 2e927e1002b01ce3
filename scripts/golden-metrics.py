#!/usr/bin/python3
"""Reference values for Almanac's metrics, computed once and committed.

Run with Debian's Python and scikit-learn (python3-sklearn 1.2.1, numpy 1.24, scipy 1.10):

    /usr/bin/python3 scripts/golden-metrics.py > test/fixtures/metrics-golden.json

The test suite (test/metrics/golden.test.ts) checks every value to 1e-9 and never needs Python.

Fairlearn is not packaged for Debian, so its definitions are implemented here directly, each
following Fairlearn's source (fairlearn/metrics/_base_metrics.py and _fairness_metrics.py, MIT):
  selection_rate(y_true, y_pred, pos_label)  = mean(y_pred == pos_label)
  true_positive_rate / false_positive_rate   = sklearn confusion_matrix(labels=[neg, pos],
                                               normalize="true") entries; 0/0 rows become 0
                                               (sklearn's np.nan_to_num)
  demographic_parity_difference              = max - min of group selection rates
                                               (MetricFrame.difference(method="between_groups"))
  demographic_parity_ratio                   = min / max of group selection rates
                                               (MetricFrame.ratio(method="between_groups"))
  equalized_odds_difference                  = max(TPR difference, FPR difference)
                                               (agg="worst_case", method="between_groups")
DeLong's variance is computed by brute force from its definition (O(m·n) placements), an
independent check of the O(N log N) implementation.
"""
import json
import sys

import numpy as np
import scipy
import sklearn
from scipy.stats import norm
from sklearn import metrics as skm

RNG = np.random.RandomState(20240611)


def maybe(fn):
    try:
        value = float(fn())
        return None if np.isnan(value) else value
    except ValueError:
        return None


def sorted_union(*arrays):
    return sorted(set().union(*[set(a) for a in arrays]))


def psi(x, y):
    return 1.0 if x > y else 0.5 if x == y else 0.0


def delong_binary(scores, is_pos):
    pos = scores[is_pos]
    neg = scores[~is_pos]
    if len(pos) < 2 or len(neg) < 2:
        return None
    v10 = np.array([np.mean([psi(x, y) for y in neg]) for x in pos])
    v01 = np.array([np.mean([psi(x, y) for x in pos]) for y in neg])
    return float(np.var(v10, ddof=1) / len(pos) + np.var(v01, ddof=1) / len(neg))


def delong_macro(y_idx, proba, k):
    n = len(y_idx)
    h = np.zeros(n)
    for c in range(k):
        s = proba[:, c]
        pos = s[y_idx == c]
        neg = s[y_idx != c]
        if len(pos) < 2 or len(neg) < 2:
            return None
        for r in range(n):
            if y_idx[r] == c:
                h[r] += np.mean([psi(s[r], y) for y in neg]) / len(pos) / k
            else:
                h[r] += np.mean([psi(x, s[r]) for x in pos]) / len(neg) / k
    total = 0.0
    for c in range(k):
        values = h[y_idx == c]
        total += len(values) * np.var(values, ddof=1)
    return float(total)


def fairlearn_rates(y, yp, pos, neg):
    tnr, fpr, fnr, tpr = skm.confusion_matrix(y, yp, labels=[neg, pos], normalize="true").ravel()
    return float(tpr), float(fpr)


def group_keys(values):
    return sorted(set("null" if v is None else v for v in values))


def classification_expected(case):
    labels = case["labels"]
    y = np.array(case["truth"], dtype=object)
    yp = np.array(case["predicted"], dtype=object)
    pos = case.get("positive")
    proba = None if case["probabilities"] is None else np.array(case["probabilities"], dtype=float)
    scores = None if case["positive_scores"] is None else np.array(case["positive_scores"], dtype=float)
    present = sorted_union(y, yp)
    present = [label for label in labels if label in present]
    out = {
        "accuracy": skm.accuracy_score(y, yp),
        "balanced_accuracy": skm.balanced_accuracy_score(y, yp),
        "macro_f1": skm.f1_score(y, yp, average="macro", zero_division=0),
        "weighted_f1": skm.f1_score(y, yp, average="weighted", zero_division=0),
    }
    binary = len(labels) == 2
    if binary:
        out["precision"] = skm.precision_score(y, yp, pos_label=pos, average="binary", zero_division=0)
        out["recall"] = skm.recall_score(y, yp, pos_label=pos, average="binary", zero_division=0)
        out["f1"] = skm.f1_score(y, yp, pos_label=pos, average="binary", zero_division=0)
        is_pos = y == pos
        out["roc_auc"] = None if scores is None else maybe(lambda: skm.roc_auc_score(is_pos, scores))
        out["brier"] = None if scores is None else skm.brier_score_loss(y, scores, pos_label=pos)
        if proba is not None:
            out["log_loss"] = skm.log_loss(y, proba, labels=labels)
        elif scores is not None:
            last = scores if pos == labels[-1] else 1 - scores
            out["log_loss"] = skm.log_loss(y, last, labels=labels)
        else:
            out["log_loss"] = None
        delong = None if scores is None else delong_binary(scores, is_pos)
    else:
        out["roc_auc"] = None if proba is None else maybe(
            lambda: skm.roc_auc_score(y, proba, multi_class="ovr", average="macro", labels=labels))
        out["log_loss"] = None if proba is None else skm.log_loss(y, proba, labels=labels)
        y_idx = np.array([labels.index(v) for v in y])
        delong = None if proba is None or out["roc_auc"] is None else delong_macro(y_idx, proba, len(labels))
    p, r, f, s = skm.precision_recall_fscore_support(y, yp, labels=present, zero_division=0)
    per_class = [
        {"class": c, "precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
        for i, c in enumerate(present)
    ]
    confusion = skm.confusion_matrix(y, yp, labels=labels).tolist()
    metric_fns = {
        "accuracy": lambda yy, pp, ii: skm.accuracy_score(yy, pp),
        "macro_f1": lambda yy, pp, ii: skm.f1_score(yy, pp, average="macro", zero_division=0),
        "f1": lambda yy, pp, ii: skm.f1_score(yy, pp, pos_label=pos, average="binary", zero_division=0),
        "roc_auc": lambda yy, pp, ii: skm.roc_auc_score(yy == pos, scores[ii]),
    }
    fairness = {}
    for column, values in case["sensitive"].items():
        keys = group_keys(values)
        rows = {key: np.array([i for i, v in enumerate(values) if ("null" if v is None else v) == key]) for key in keys}
        groups = []
        for key in keys:
            ii = rows[key]
            metrics = {"accuracy": skm.accuracy_score(y[ii], yp[ii])}
            metrics[case["primary"]] = maybe(lambda: metric_fns[case["primary"]](y[ii], yp[ii], ii))
            if binary:
                neg = labels[0] if pos == labels[1] else labels[1]
                tpr, fpr = fairlearn_rates(y[ii], yp[ii], pos, neg)
                metrics["selection_rate"] = float(np.mean(yp[ii] == pos))
                metrics["true_positive_rate"] = tpr
                metrics["false_positive_rate"] = fpr
            groups.append({"group": key, "count": int(len(ii)), "metrics": metrics})
        primary_values = [g["metrics"][case["primary"]] for g in groups if g["metrics"][case["primary"]] is not None]
        entry = {"groups": groups, "primary_metric_gap": max(primary_values) - min(primary_values) if primary_values else None}
        if binary:
            rates = [g["metrics"]["selection_rate"] for g in groups]
            tprs = [g["metrics"]["true_positive_rate"] for g in groups]
            fprs = [g["metrics"]["false_positive_rate"] for g in groups]
            entry["demographic_parity_difference"] = max(rates) - min(rates)
            entry["demographic_parity_ratio"] = None if max(rates) == 0 else min(rates) / max(rates)
            entry["equalized_odds_difference"] = max(max(tprs) - min(tprs), max(fprs) - min(fprs))
        fairness[column] = entry
    return {
        "metrics": {k: (None if v is None else float(v)) for k, v in out.items()},
        "per_class": per_class,
        "confusion": confusion,
        "fairness": fairness,
        "delong_variance": delong,
    }


def regression_expected(case):
    y = np.array(case["truth"], dtype=float)
    yp = np.array(case["predicted"], dtype=float)
    residuals = y - yp
    out = {
        "mae": skm.mean_absolute_error(y, yp),
        "rmse": skm.mean_squared_error(y, yp, squared=False),
        "r2": maybe(lambda: skm.r2_score(y, yp)) if len(y) >= 2 else None,
        "mape": skm.mean_absolute_percentage_error(y, yp),
    }
    summary = {
        "mean": np.mean(residuals), "std": np.std(residuals), "min": np.min(residuals),
        "p05": np.percentile(residuals, 5), "p25": np.percentile(residuals, 25),
        "median": np.percentile(residuals, 50), "p75": np.percentile(residuals, 75),
        "p95": np.percentile(residuals, 95), "max": np.max(residuals),
    }
    n = len(y)
    se_mean = lambda x: float(np.sqrt(np.sum((x - np.mean(x)) ** 2)) / n)
    mse = np.mean(residuals ** 2)
    delta = {"mae": se_mean(np.abs(residuals)), "rmse": se_mean(residuals ** 2 / (2 * np.sqrt(mse)))}
    if n >= 2 and np.var(y) > 0:
        yc = y - np.mean(y)
        d = np.mean(yc ** 2)
        influence = -(residuals ** 2 - mse) / d + mse * (yc ** 2 - d) / d ** 2 - 2 * np.mean(yc) * mse / d ** 2 * (yc - np.mean(yc))
        delta["r2"] = float(np.sqrt(np.sum(influence ** 2)) / n)
    fairness = {}
    for column, values in case["sensitive"].items():
        keys = group_keys(values)
        groups = []
        for key in keys:
            ii = np.array([i for i, v in enumerate(values) if ("null" if v is None else v) == key])
            metrics = {
                "mae": skm.mean_absolute_error(y[ii], yp[ii]),
                "rmse": skm.mean_squared_error(y[ii], yp[ii], squared=False),
            }
            primary = {"mae": metrics["mae"], "rmse": metrics["rmse"],
                       "r2": maybe(lambda: skm.r2_score(y[ii], yp[ii])),
                       "mape": skm.mean_absolute_percentage_error(y[ii], yp[ii])}[case["primary"]]
            metrics[case["primary"]] = primary
            groups.append({"group": key, "count": int(len(ii)), "metrics": metrics})
        primary_values = [g["metrics"][case["primary"]] for g in groups if g["metrics"][case["primary"]] is not None]
        fairness[column] = {"groups": groups, "primary_metric_gap": max(primary_values) - min(primary_values)}
    return {
        "metrics": {k: (None if v is None else float(v)) for k, v in out.items()},
        "residuals": {k: float(v) for k, v in summary.items()},
        "fairness": fairness,
        "delta_se": delta,
    }


def groups_for(n, names, null_share=0.0):
    values = list(RNG.choice(names, size=n))
    return [None if RNG.rand() < null_share else str(v) for v in values]


def binary_case(name, n, labels, positive, decimals, both_columns, with_probabilities=True, extremes=False):
    pos_index = labels.index(positive)
    y_pos = RNG.rand(n) < 0.4
    raw = np.clip(0.35 * y_pos + RNG.rand(n) * 0.65, 0, 1)
    if extremes:
        raw[:4] = [0.0, 1.0, 0.0, 1.0]
    scores = np.round(raw, decimals)
    truth = [positive if p else labels[1 - pos_index] for p in y_pos]
    predicted = [positive if s >= 0.5 else labels[1 - pos_index] for s in scores]
    group = groups_for(n, ["a", "b", "c"], null_share=0.05)
    for i in range(n):
        if group[i] == "c":
            truth[i] = labels[1 - pos_index]
    probabilities = None
    if with_probabilities and both_columns:
        probabilities = [[1 - s, s] if pos_index == 1 else [s, 1 - s] for s in scores.tolist()]
    return {
        "name": name, "task": "binary-classification", "labels": labels, "positive": positive,
        "truth": truth, "predicted": predicted, "probabilities": probabilities,
        "positive_scores": scores.tolist() if with_probabilities else None,
        "sensitive": {"group": group}, "primary": "roc_auc" if with_probabilities else "f1",
    }


def multiclass_case(name, n, labels, drop_truth=None, ties=True):
    k = len(labels)
    y = RNG.randint(0, k, size=n)
    if drop_truth is not None:
        y[y == drop_truth] = 0
    q = RNG.randint(1, 6 if ties else 1000, size=(n, k)).astype(float)
    q[np.arange(n), y] += 3
    proba = q / q.sum(axis=1, keepdims=True)
    pred = proba.argmax(axis=1)
    if drop_truth is not None:
        pred[:3] = drop_truth
    return {
        "name": name, "task": "multiclass-classification", "labels": labels, "positive": None,
        "truth": [labels[i] for i in y], "predicted": [labels[i] for i in pred],
        "probabilities": proba.tolist(), "positive_scores": None,
        "sensitive": {"region": groups_for(n, ["north", "south"])}, "primary": "macro_f1",
    }


def regression_case(name, n, zero_truth=False, constant=False):
    x = RNG.rand(n) * 10
    y = 3 + 2 * x + RNG.randn(n)
    if constant:
        y = np.full(n, 4.0)
    if zero_truth:
        y[:3] = 0.0
    yp = np.round(3.2 + 1.9 * x, 3)
    return {
        "name": name, "task": "regression", "truth": y.tolist(), "predicted": yp.tolist(),
        "sensitive": {"origin": groups_for(n, ["EU", "JP", "US"])} if n > 10 else {}, "primary": "rmse",
    }


def main():
    cases = [
        binary_case("binary-ties-both-columns", 240, ["dry", "rain"], "rain", 1, True),
        binary_case("binary-positive-first-only-positive-column", 180, ["a", "b"], "a", 2, False),
        binary_case("binary-missing-probabilities", 90, ["no", "yes"], "yes", 2, False, with_probabilities=False),
        binary_case("binary-extreme-probabilities", 60, ["0", "1"], "1", 3, True, extremes=True),
        multiclass_case("multiclass-ties", 300, ["Adelie", "Chinstrap", "Gentoo"]),
        multiclass_case("multiclass-class-missing-from-truth", 120, ["a", "b", "c", "d"], drop_truth=3),
        multiclass_case("multiclass-continuous", 200, ["w", "x", "y", "z"], ties=False),
        regression_case("regression", 150, zero_truth=True),
        regression_case("regression-constant-truth", 20, constant=True),
        regression_case("regression-single-row", 1),
        # Labels DuckDB's CSV sniffer would turn into booleans or numbers: read as text, they keep
        # their spelling through ad hoc and card evaluation (test/evaluate/label-spelling.test.ts).
        binary_case("labels-yes-no", 120, ["no", "yes"], "yes", 2, True),
        binary_case("labels-Y-N", 120, ["N", "Y"], "Y", 2, True),
        binary_case("labels-t-f", 120, ["f", "t"], "t", 2, True),
        binary_case("labels-T-F", 120, ["F", "T"], "T", 2, True),
        binary_case("labels-Yes-No", 120, ["No", "Yes"], "Yes", 2, True),
        binary_case("labels-0-1", 120, ["0", "1"], "1", 2, True),
        binary_case("labels-00-01", 120, ["00", "01"], "01", 2, True),
    ]
    for case in cases:
        case["expected"] = regression_expected(case) if case["task"] == "regression" else classification_expected(case)
    doc = {
        "generator": "scripts/golden-metrics.py",
        "python": sys.version.split()[0],
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "normal_quantiles": {str(p): float(norm.ppf(p)) for p in [0.5, 0.9, 0.95, 0.975, 0.995, 0.9995]},
        "cases": cases,
    }
    json.dump(doc, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
