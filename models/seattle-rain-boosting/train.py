"""Seattle rain-day classifier, gradient boosting: scikit-learn, a challenger to seattle-rain.

Runs under Almanac's environment contract (docs/training.md); run it with
`almanac train seattle-rain-boosting` in a Python environment that has requirements.txt (locally,
e.g. a virtualenv; CI sets it up from the card's training.python). Reads ALMANAC_TRAIN and
ALMANAC_TEST (CSV), ALMANAC_PARAMS (JSON), ALMANAC_FEATURES, ALMANAC_TARGET, ALMANAC_CLASSES,
ALMANAC_SEED and, when the card asks for a bias mitigation, ALMANAC_WEIGHTS (sample weights).
Writes ALMANAC_OUTPUT/predictions.csv (row_id,prediction,p_<class>...), the train log loss after
each boosting round as ALMANAC_OUTPUT/training-log.csv (round,loss) and the fitted model as
ALMANAC_MODEL_DIR/model.pkl (the versioned artifact, read by predict.py).

Reproducible: the trees see every row and every feature (subsample 1.0, max_features None), and
the seed fixes the order in which tied splits are tried, so the same versions of the packages
give the same model. Probabilities are written to 10 significant digits, so the last-bit
differences numpy's vectorised exp/log can show between CPU families do not reach the file.
"""
import json
import math
import os
import pickle
import sys

import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import log_loss

KEY = "row_id"
DIGITS = "%.10g"
# A fixed pickle protocol: the artifact's bytes, and so its digest, do not follow Python's default.
PICKLE_PROTOCOL = 4


def env(name):
    value = os.environ.get(name)
    if not value:
        sys.exit(f"{name} is not set: run this through `almanac train seattle-rain-boosting`")
    return value


def read(path, target=None):
    """A contract CSV: row ids and labels as text, only an empty cell missing."""
    text = {KEY: str, **({target: str} if target else {})}
    return pd.read_csv(path, dtype=text, keep_default_na=False, na_values=[""])


def engineered(frame, features):
    """The features, plus the temperature range and the month on a circle (December is next to January)."""
    out = frame[features].astype(float)
    if {"temp_max", "temp_min"} <= set(features):
        out["temp_range"] = out["temp_max"] - out["temp_min"]
    if "month" in features:
        angle = (out["month"] - 1) / 12 * 2 * math.pi
        out["month_sin"], out["month_cos"] = angle.map(math.sin), angle.map(math.cos)
        out = out.drop(columns="month")
    return out


def write_predictions(model, rows, features, classes, path):
    """row_id,prediction,p_<class>... for `rows`: the same code at training and at predict time."""
    x = engineered(rows, features)
    fitted = list(model.classes_)
    probabilities = model.predict_proba(x)
    predictions = pd.DataFrame({KEY: rows[KEY], "prediction": model.predict(x)})
    for label in classes:
        predictions[f"p_{label}"] = probabilities[:, fitted.index(label)] if label in fitted else 0.0
    predictions.to_csv(path, index=False, float_format=DIGITS)


def sample_weights(train):
    path = os.environ.get("ALMANAC_WEIGHTS")
    if not path:
        return None
    weights = pd.read_csv(path, dtype={KEY: str}, keep_default_na=False).set_index(KEY)["weight"]
    return weights.loc[train[KEY]].to_numpy(dtype=float)


def main():
    target = env("ALMANAC_TARGET")
    features = env("ALMANAC_FEATURES").split(",")
    params = json.loads(env("ALMANAC_PARAMS"))
    classes = json.loads(env("ALMANAC_CLASSES"))
    train = read(env("ALMANAC_TRAIN"), target)
    test = read(env("ALMANAC_TEST"))
    x_train = engineered(train, features)
    weights = sample_weights(train)

    model = GradientBoostingClassifier(
        n_estimators=params.get("rounds", 150),
        learning_rate=params.get("learning_rate", 0.05),
        max_depth=params.get("max_depth", 2),
        min_samples_leaf=params.get("min_samples_leaf", 20),
        subsample=1.0,
        random_state=int(env("ALMANAC_SEED")),
    )
    model.fit(x_train, train[target], sample_weight=weights)

    fitted = list(model.classes_)
    curve = pd.DataFrame(
        {
            "round": range(1, model.n_estimators_ + 1),
            "loss": [
                log_loss(train[target], p, labels=fitted, sample_weight=weights)
                for p in model.staged_predict_proba(x_train)
            ],
        }
    )
    curve.to_csv(os.path.join(env("ALMANAC_OUTPUT"), "training-log.csv"), index=False, float_format=DIGITS)

    write_predictions(model, test, features, classes, os.path.join(env("ALMANAC_OUTPUT"), "predictions.csv"))
    with open(os.path.join(env("ALMANAC_MODEL_DIR"), "model.pkl"), "wb") as handle:
        pickle.dump({"model": model, "features": features}, handle, protocol=PICKLE_PROTOCOL)
    print(
        f"gradient boosting: {model.n_estimators_} rounds of depth-{model.max_depth} trees on {len(train)} days, "
        f"final train log loss {curve['loss'].iloc[-1]:.4f}"
    )


if __name__ == "__main__":
    main()
