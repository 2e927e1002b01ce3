#!/usr/bin/python3
"""Golden values for Almanac's drift tests, computed once with Debian's python3-scipy and numpy.

Run:  /usr/bin/python3 scripts/golden-drift.py > test/fixtures/drift-golden.json

Each case holds a reference and a current sample (null = missing) and, per drift test, the value
scipy / numpy give, following Evidently's implementation of the binned tests:
  binning (get_binned_data):  https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/utils.py
  psi:                        https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/psi.py
  kl_div:                     https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/kl_div.py
  jensenshannon:              https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/jensenshannon.py
  hellinger:                  https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/hellinger_distance.py
  z:                          https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/z_stattest.py
  wasserstein (normed):       https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/wasserstein_distance_norm.py
  default test:               https://github.com/evidentlyai/evidently/blob/main/src/evidently/legacy/calculations/stattests/registry.py
chisquare is scipy.stats.chi2_contingency(correction=False) on the 2 x k table of binned counts; ks
is scipy.stats.ks_2samp(method="auto"); linf is TFDV's L-infinity distance on the binned shares.
"""

import json
import math
import sys
from collections import Counter

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

RNG = np.random.default_rng(20240601)
VALUE_BINS_MAX_DISTINCT = 20  # Evidently: numeric columns with more distinct reference values get Sturges bins


def clean(values):
    """Evidently drops NaN and +-inf before testing."""
    return [v for v in values if v is not None and not (isinstance(v, float) and not math.isfinite(v))]


def binned_counts(ref, cur, numeric):
    """Counts per bin as Evidently's get_binned_data (before dividing by len and filling zeros)."""
    if numeric and len(set(ref)) > VALUE_BINS_MAX_DISTINCT:
        bins = np.histogram_bin_edges(np.concatenate([np.asarray(ref), np.asarray(cur)]), bins="sturges")
        return np.histogram(ref, bins)[0].astype(float), np.histogram(cur, bins)[0].astype(float), "sturges"
    keys = sorted(set(ref) | set(cur))
    rc, cc = Counter(ref), Counter(cur)
    return np.array([rc[k] for k in keys], float), np.array([cc[k] for k in keys], float), "values"


def feel_zeroes(percents):
    nonzero = percents[percents != 0]
    fill = min(nonzero) / 10**6 if min(nonzero) <= 0.0001 else 0.0001
    out = percents.copy()
    np.place(out, out == 0, fill)
    return out


def evidently_z(ref, cur):
    if len(set(ref)) == 1 and len(set(cur)) == 1 and ref[0] == cur[0]:
        return 0.0, 1.0
    key = sorted(set(ref) | set(cur))[0]
    r = [0 if x == key else 1 for x in ref]
    c = [0 if x == key else 1 for x in cur]
    n1, n2 = len(r), len(c)
    p1, p2 = float(sum(r)) / n1, float(sum(c)) / n2
    pooled = float(p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    return float(z), float(2 * stats.norm.sf(abs(z)))


def evidently_hellinger(ref, cur, numeric):
    keys = sorted(set(ref) | set(cur))  # sorted: the sum does not depend on string hashing
    if not numeric:
        rc, cc = Counter(ref), Counter(cur)
        h = sum(math.sqrt((rc[k] / len(ref)) * (cc[k] / len(cur))) for k in keys)
        return math.sqrt(1 - float(np.clip(h, 0, 1)))
    bins = np.histogram_bin_edges(keys, bins="sturges")
    h1 = np.histogram(np.asarray(ref), bins=bins, density=True)[0]
    h2 = np.histogram(np.asarray(cur), bins=bins, density=True)[0]
    width = (max(bins) - min(bins)) / (len(bins) - 1)
    h = 0.0
    for i in range(len(h1)):
        h += math.sqrt(h1[i] * h2[i]) * width
    return math.sqrt(1 - float(np.clip(h, 0, 1)))


def default_test(ref, cur, numeric):
    n_values = len(set(ref) | set(cur))
    if len(ref) <= 1000:
        if numeric and n_values > 5:
            return "ks"
        return "chisquare" if n_values > 2 else "z"
    if numeric and n_values > 5:
        return "wasserstein_norm"
    return "jensenshannon"


def numeric_tests(ref, cur):
    out = {}
    ks = stats.ks_2samp(ref, cur, method="auto")
    out["ks"] = {"statistic": float(ks.statistic), "p_value": float(ks.pvalue)}
    w = float(stats.wasserstein_distance(ref, cur))
    out["wasserstein"] = {"statistic": w}
    out["wasserstein_norm"] = {"statistic": w / max(float(np.std(ref)), 0.001)}
    return out


def binned_tests(ref, cur, numeric):
    rc, cc, method = binned_counts(ref, cur, numeric)
    out = {}
    table = np.array([rc, cc])
    table = table[:, table.sum(axis=0) > 0]  # bins empty on both sides are not categories
    if table.shape[1] == 1:
        out["chisquare"] = {"statistic": 0.0, "p_value": 1.0}
    else:
        chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
        out["chisquare"] = {"statistic": float(chi2), "p_value": float(p), "dof": int(dof)}
    rp, cp = rc / len(ref), cc / len(cur)
    rf, cf = feel_zeroes(rp), feel_zeroes(cp)
    out["psi"] = {"statistic": float(np.sum((rf - cf) * np.log(rf / cf)))}
    out["kl_div"] = {"statistic": float(stats.entropy(rf, cf))}
    out["jensenshannon"] = {"statistic": float(distance.jensenshannon(rp, cp))}
    out["hellinger"] = {"statistic": evidently_hellinger(ref, cur, numeric)}
    out["linf"] = {"statistic": float(np.max(np.abs(rp - cp)))}
    if len(set(ref) | set(cur)) <= 2:
        z, p = evidently_z(ref, cur)
        out["z"] = {"statistic": z, "p_value": p}
    return out, method, len(rc)


NUMBER_UNIQUE_AS_CATEGORICAL = 5  # Evidently legacy data_preprocessing._get_column_type


def integer_codes(ref, cur):
    """Evidently's rule: an integer dtype column (pandas: integers with no missing cell in the
    current sample) with at most 5 distinct reference values is categorical."""
    integer = all(isinstance(v, int) for v in ref if v is not None) and all(isinstance(v, int) for v in cur)
    return integer and len(set(v for v in ref if v is not None)) <= NUMBER_UNIQUE_AS_CATEGORICAL


def case(name, ref, cur, numeric, note):
    if numeric and integer_codes(ref, cur):
        numeric = False
        note += "; integer codes (<= 5 distinct reference values): categorical, as Evidently types them"
    entry = {"name": name, "kind": "numeric" if numeric else "categorical", "note": note, "reference": ref, "current": cur}
    r, c = clean(ref), clean(cur)
    if len(r) == 0 or len(c) == 0:
        entry["error"] = "a sample has no values"
        return entry
    expected, method, bins = binned_tests(r, c, numeric)
    if numeric:
        expected.update(numeric_tests(np.asarray(r, float), np.asarray(c, float)))
    entry.update({"binning": method, "bins": bins, "default_test": default_test(r, c, numeric), "expected": expected})
    return entry


def normal(n, loc=0.0, scale=1.0, digits=4):
    return [round(float(x), digits) for x in RNG.normal(loc, scale, n)]


def integers(n, low, high):
    return [int(x) for x in RNG.integers(low, high + 1, n)]


def categories(n, names, probabilities):
    return [str(x) for x in RNG.choice(names, n, p=probabilities)]


def cases():
    letters = [chr(ord("A") + i) for i in range(30)]
    weights = np.arange(30, 0, -1, dtype=float)
    skewed = np.arange(1, 31, dtype=float)
    yield case("small_normal_shift", normal(80), normal(60, 0.5), True, "small samples, exact KS, Sturges bins")
    yield case("small_equal_sizes", normal(200), normal(200, 0.2, 1.3), True, "n1 == n2: KS exact square formula")
    yield case("small_ties", integers(50, 0, 9), integers(40, 0, 11), True, "ties, 10 values: one bin per value")
    yield case("tiny", normal(5), normal(7, 1.0), True, "five and seven values")
    yield case("medium_exact", normal(3000, 0, 1, 3), normal(2000, 0.05, 1, 3), True, "exact KS path, many ties")
    yield case("large_asymptotic", normal(12000, 0, 1, 3), normal(15000, 0.03, 1.02, 3), True, "max(n) > 10000: asymptotic KS")
    yield case("large_same", normal(20000, 10, 2, 2), normal(20000, 10, 2, 2), True, "same distribution, asymptotic KS")
    yield case("large_unbalanced", normal(20000), normal(150, 0.3), True, "asymptotic KS with a small n (Durbin/Pomeranz)")
    yield case("integers_wide", integers(1500, 0, 200), integers(1200, 20, 230), True, "integers with ties, > 1000 reference values")
    yield case("constant_reference", [5] * 100, integers(80, 3, 7), True, "reference constant, current varies")
    yield case("constants_differ", [1] * 60, [2] * 40, True, "two different constants")
    yield case("constant_same", [3.5] * 30, [3.5] * 20, True, "one value in both samples")
    yield case("binary_numeric", integers(400, 0, 1), [1] * 150 + [0] * 100, True, "0/1 column: z-test")
    yield case("three_values", integers(500, 1, 3), integers(300, 1, 3), True, "three values: chi-square")
    with_nulls = normal(120)
    for i in range(0, 120, 7):
        with_nulls[i] = None
    yield case("with_nulls", with_nulls, normal(90, 0.4), True, "missing values are dropped")
    yield case("all_null_reference", [None] * 10, normal(10), True, "no reference values: an error")
    yield case("categorical_small", categories(300, letters[:5], [0.3, 0.25, 0.2, 0.15, 0.1]),
               categories(250, letters[:5], [0.2, 0.2, 0.2, 0.2, 0.2]), False, "five categories")
    yield case("categorical_one_sided", categories(200, ["A", "B", "X"], [0.5, 0.4, 0.1]),
               categories(150, ["A", "B", "Y"], [0.45, 0.45, 0.1]), False, "X only in reference, Y only in current")
    yield case("categorical_binary", categories(500, ["cat", "dog"], [0.6, 0.4]),
               categories(450, ["cat", "dog"], [0.5, 0.5]), False, "two categories: z-test")
    yield case("categorical_large", categories(5000, letters, weights / weights.sum()),
               categories(4000, letters, skewed / skewed.sum()), False, "30 categories, > 1000 reference values")
    yield case("categorical_rare", ["A"] * 20000 + ["B"], ["A"] * 9000 + ["B"] * 1000 + ["C"], False,
               "a share below 1e-4: Evidently fills empty bins with min/1e6")
    yield case("categorical_constant_same", ["same"] * 40, ["same"] * 30, False, "one category in both samples")
    yield case("categorical_all_null_current", categories(30, ["A", "B"], [0.5, 0.5]), [None] * 12, False,
               "no current values: an error")
    # Labels DuckDB's CSV sniffer would read as booleans or numbers: Almanac reads them as text.
    yield case("labels_yes_no", categories(300, ["yes", "no"], [0.6, 0.4]),
               categories(250, ["yes", "no"], [0.45, 0.55]), False, "yes/no stays text: z-test")
    yield case("labels_Y_N", categories(300, ["Y", "N"], [0.6, 0.4]),
               categories(250, ["Y", "N"], [0.5, 0.5]), False, "Y/N stays text: z-test")
    yield case("labels_t_f", categories(300, ["t", "f"], [0.7, 0.3]),
               categories(250, ["t", "f"], [0.6, 0.4]), False, "t/f stays text: z-test")
    yield case("labels_T_F", categories(1500, ["T", "F"], [0.7, 0.3]),
               categories(1200, ["T", "F"], [0.66, 0.34]), False, "T/F stays text, > 1000 reference values")
    yield case("labels_Yes_No_unknown", categories(300, ["Yes", "No", "unknown"], [0.5, 0.4, 0.1]),
               categories(250, ["Yes", "No", "unknown"], [0.4, 0.4, 0.2]), False, "Yes/No/unknown: chi-square")
    yield case("labels_0_1", integers(400, 0, 1), integers(300, 0, 1), True, "0/1 integers")
    yield case("labels_00_01", categories(300, ["00", "01", "02"], [0.5, 0.3, 0.2]),
               categories(250, ["00", "01", "02"], [0.4, 0.4, 0.2]), False, "00/01/02 codes stay text")
    codes = categories(800, ["1", "2", "3", "4"], [0.4, 0.3, 0.2, 0.1])
    new_codes = categories(600, ["1", "2", "3", "4"], [0.4, 0.3, 0.2, 0.1])
    for i in range(0, 600, 33):  # 3 % of the current rows hold codes the reference never had
        new_codes[i] = "7" if i % 2 else "8"
    yield case("integer_new_codes", [int(v) for v in codes], [int(v) for v in new_codes], True,
               "4 codes in the reference, 3 % new codes 7 and 8 in the current: categorical (chi-square), "
               "where a numeric column would get KS and no drift")


def kolmogorov_grid():
    points = []
    for n in [3, 10, 50, 140, 141, 1000, 20000, 150000]:
        for x in [0.3 / n, 0.7 / n, 1.5 / n, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.9, 1 - 0.5 / n]:
            if 0 < x < 1:
                points.append({"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n))})
    return points


def chi2_grid():
    return [{"x": x, "dof": k, "sf": float(stats.chi2.sf(x, k))}
            for k in [1, 2, 3, 7, 29, 300] for x in [0.001, 0.5, 1, 3.84, 10, 50, 320, 600]]


def main():
    document = {
        "generator": "scripts/golden-drift.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__},
        "calls": {
            "ks": "scipy.stats.ks_2samp(reference, current, method='auto')",
            "chisquare": "scipy.stats.chi2_contingency([ref_counts, cur_counts], correction=False), bins empty on both sides dropped",
            "z": "Evidently _z_stat_test, p = 2 * scipy.stats.norm.sf(|z|)",
            "psi": "Evidently _psi on get_binned_data(feel_zeroes=True)",
            "kl_div": "scipy.stats.entropy(ref_filled, cur_filled)",
            "jensenshannon": "scipy.spatial.distance.jensenshannon(ref_shares, cur_shares)",
            "hellinger": "Evidently _hellinger_distance",
            "linf": "max |ref_share - cur_share| on get_binned_data(feel_zeroes=False)",
            "wasserstein": "scipy.stats.wasserstein_distance(reference, current)",
            "wasserstein_norm": "wasserstein / max(numpy.std(reference), 0.001)",
            "kolmogorov": "scipy.stats.kstwo.sf(x, n)",
            "chi2": "scipy.stats.chi2.sf(x, dof)",
        },
        "cases": list(cases()),
        "kolmogorov": kolmogorov_grid(),
        "chi2": chi2_grid(),
    }
    # One line per case and grid point keeps the file small and its diffs readable.
    sys.stdout.write("{\n")
    keys = list(document)
    for i, key in enumerate(keys):
        value = document[key]
        sys.stdout.write(f" {json.dumps(key)}: ")
        if isinstance(value, list):
            sys.stdout.write("[\n" + ",\n".join("  " + json.dumps(item, separators=(",", ":")) for item in value) + "\n ]")
        else:
            sys.stdout.write(json.dumps(value))
        sys.stdout.write(",\n" if i + 1 < len(keys) else "\n")
    sys.stdout.write("}\n")


if __name__ == "__main__":
    main()
