#!/usr/bin/python3
"""The peer baseline for scripts/bench-peers.ts: a binary evaluation with scikit-learn.

Run: /usr/bin/python3 scripts/bench-evaluate-sklearn.py TRUTH.csv PREDICTIONS.csv
Reads both CSV files with pandas (truth: row_id,target,region; predictions: row_id,prediction,
p_<class>...), joins them on row_id and computes with scikit-learn the metrics Almanac reports for a
binary task (accuracy, balanced accuracy, precision, recall, f1, ROC AUC, average precision, log
loss, Brier score, confusion matrix) overall and per value of the sensitive column. No intervals
(scikit-learn has none). Prints one JSON object: the metrics and the seconds taken.
"""

import json
import sys
import time

import pandas as pd
from sklearn import metrics


def binary_metrics(truth, predicted, score, positive):
    y = (truth == positive).astype(int)
    p = (predicted == positive).astype(int)
    return {
        "accuracy": metrics.accuracy_score(y, p),
        "balanced_accuracy": metrics.balanced_accuracy_score(y, p),
        "precision": metrics.precision_score(y, p, zero_division=0),
        "recall": metrics.recall_score(y, p, zero_division=0),
        "f1": metrics.f1_score(y, p, zero_division=0),
        "roc_auc": metrics.roc_auc_score(y, score),
        "average_precision": metrics.average_precision_score(y, score),
        "log_loss": metrics.log_loss(y, score, labels=[0, 1]),
        "brier": metrics.brier_score_loss(y, score),
        "confusion_matrix": metrics.confusion_matrix(y, p, labels=[0, 1]).tolist(),
    }


def main():
    started = time.perf_counter()
    truth = pd.read_csv(sys.argv[1])
    predictions = pd.read_csv(sys.argv[2])
    joined = truth.merge(predictions, on="row_id", validate="one_to_one")
    labels = sorted(joined["target"].astype(str).unique())
    positive = labels[-1]
    truth_values = joined["target"].astype(str).to_numpy()
    predicted = joined["prediction"].astype(str).to_numpy()
    score = joined[f"p_{positive}"].to_numpy()
    result = {"overall": binary_metrics(truth_values, predicted, score, positive), "by_region": {}}
    for group, rows in joined.groupby("region").indices.items():
        result["by_region"][str(group)] = binary_metrics(truth_values[rows], predicted[rows], score[rows], positive)
    json.dump({"seconds": time.perf_counter() - started, "metrics": result}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
