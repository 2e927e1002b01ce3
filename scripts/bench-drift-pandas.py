#!/usr/bin/python3
"""The peer baseline for scripts/bench-drift.ts: the same drift tests as Almanac, with pandas + scipy.

Run: /usr/bin/python3 scripts/bench-drift-pandas.py REFERENCE.csv CURRENT.csv
Reads both CSV files with pandas, then per column, as Evidently does it
(https://github.com/evidentlyai/evidently/tree/main/src/evidently/legacy/calculations/stattests):
numeric columns: ks (scipy.stats.ks_2samp), psi and jensenshannon (Evidently's binning),
wasserstein_norm (scipy.stats.wasserstein_distance / max(std, 0.001));
categorical columns: chisquare (scipy.stats.chi2_contingency, correction=False), psi, jensenshannon.
Prints one JSON object: per column and test the statistic (and p-value), and the seconds taken.
"""

import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

VALUE_BINS_MAX_DISTINCT = 20


def binned(reference, current, numeric):
    """Evidently's get_binned_data: counts per Sturges bin or per value, as shares."""
    if numeric and reference.nunique() > VALUE_BINS_MAX_DISTINCT:
        bins = np.histogram_bin_edges(pd.concat([reference, current], axis=0).values, bins="sturges")
        return np.histogram(reference, bins)[0], np.histogram(current, bins)[0]
    keys = sorted(set(reference.unique()) | set(current.unique()))
    ref_counts = reference.value_counts()
    cur_counts = current.value_counts()
    return (np.array([ref_counts.get(k, 0) for k in keys]), np.array([cur_counts.get(k, 0) for k in keys]))


def feel_zeroes(percents):
    nonzero = percents[percents != 0]
    fill = min(nonzero) / 10**6 if min(nonzero) <= 0.0001 else 0.0001
    out = percents.astype(float).copy()
    np.place(out, out == 0, fill)
    return out


def psi(ref_counts, cur_counts, n_ref, n_cur):
    r = feel_zeroes(ref_counts / n_ref)
    c = feel_zeroes(cur_counts / n_cur)
    return float(np.sum((r - c) * np.log(r / c)))


def column_tests(reference, current, numeric):
    out = {}
    ref_counts, cur_counts = binned(reference, current, numeric)
    n_ref, n_cur = len(reference), len(current)
    if numeric:
        ks = stats.ks_2samp(reference.values, current.values)
        out["ks"] = {"statistic": float(ks.statistic), "p_value": float(ks.pvalue)}
    else:
        table = np.array([ref_counts, cur_counts])
        chi2, p, _, _ = stats.chi2_contingency(table[:, table.sum(axis=0) > 0], correction=False)
        out["chisquare"] = {"statistic": float(chi2), "p_value": float(p)}
    out["psi"] = {"statistic": psi(ref_counts, cur_counts, n_ref, n_cur)}
    out["jensenshannon"] = {"statistic": float(distance.jensenshannon(ref_counts / n_ref, cur_counts / n_cur))}
    if numeric:
        w = stats.wasserstein_distance(reference.values, current.values)
        out["wasserstein_norm"] = {"statistic": float(w / max(np.std(reference.values), 0.001))}
    return out


def main():
    started = time.perf_counter()
    reference = pd.read_csv(sys.argv[1])
    current = pd.read_csv(sys.argv[2])
    results = {}
    for column in reference.columns:
        ref = reference[column].replace([np.inf, -np.inf], np.nan).dropna()
        cur = current[column].replace([np.inf, -np.inf], np.nan).dropna()
        results[column] = column_tests(ref, cur, pd.api.types.is_numeric_dtype(ref))
    json.dump({"seconds": time.perf_counter() - started, "columns": results}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
