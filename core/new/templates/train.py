"""BASELINE training entry point written by `almanac new model --language python`: improve it.

It follows Almanac's training contract (docs/training.md); run it with `almanac train <model>`:
  ALMANAC_TRAIN     CSV of the train rows: the key column `row_id`, the features and the target
  ALMANAC_TEST      CSV of the test rows: `row_id` and the features (no target)
  ALMANAC_OUTPUT    folder to write predictions.csv into
  ALMANAC_MODEL_DIR folder for the model itself: the fitted pipeline goes to model.pkl there, the
                    version's artifact, which predict.py reads (`almanac predict <model>`)
  ALMANAC_TARGET    name of the target column; ALMANAC_FEATURES the feature columns, comma-separated
  ALMANAC_TASK      binary-classification | multiclass-classification | regression
  ALMANAC_CLASSES   JSON array of the sorted class labels (classification)
  ALMANAC_PARAMS    the card's training.params as JSON; ALMANAC_SEED the card's training.seed
  ALMANAC_WEIGHTS   CSV row_id,weight of every train row, only when the card asks for a bias
                    mitigation (fairness.mitigation: reweighing): used as sample weights

The baseline is a scikit-learn pipeline: numbers get the median for a missing value and are
standardised, every other column is one-hot encoded (a missing value is its own level), then a
logistic regression (classification, with class probabilities) or a ridge regression. Params it
reads: C and max_iter (classification), alpha (regression). Every column is read as text, so
training and predict.py see the same values whatever rows they get (a column is a number when
every value in the train rows is one). The test rows are scored by `score_rows`, the code
predict.py runs, so `almanac predict` on them gives the evaluated predictions. It needs pandas and scikit-learn
(requirements.txt): CI installs them; locally, run `almanac train` in an environment that has them.
"""
import json
import os
import pickle
import sys

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

KEY = "row_id"
MISSING = "(missing)"
# A fixed pickle protocol: the artifact's bytes, and so its digest, do not follow Python's default.
PICKLE_PROTOCOL = 4


def env(name):
    value = os.environ.get(name)
    if not value:
        sys.exit(f"train.py: {name} is not set: run this through `almanac train <model>`")
    return value


def read(path):
    """Reads a contract CSV as text: only an empty cell is missing, every value stays as written."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def sample_weights(train):
    """Weights from ALMANAC_WEIGHTS in the train rows' order, or None (every row weighs 1)."""
    path = os.environ.get("ALMANAC_WEIGHTS")
    if not path:
        return None
    weights = pd.read_csv(path, dtype={KEY: str}, keep_default_na=False).set_index(KEY)["weight"]
    missing = ~train[KEY].isin(weights.index)
    if missing.any():
        sys.exit(f"train.py: ALMANAC_WEIGHTS has no weight for row_id {train[KEY][missing].iloc[0]}")
    return weights.loc[train[KEY]].to_numpy(dtype=float)


def column_kinds(frame, features):
    """Numbers: the columns whose every non-missing value parses as a number; the rest are categories."""
    numbers = [c for c in features if pd.to_numeric(frame[c], errors="coerce").notna().sum() == frame[c].notna().sum()]
    return numbers, [c for c in features if c not in numbers]


def prepare(frame, numbers, categories):
    """Numbers as floats; other columns as text, a missing value as NaN (imputed as its own level)."""
    out = pd.DataFrame(index=frame.index)
    for column in numbers:
        out[column] = pd.to_numeric(frame[column], errors="coerce")
    for column in categories:
        out[column] = frame[column].astype(object)
    return out


def score_rows(saved, rows):
    """row_id,prediction[,p_<class>...] for `rows` from a saved model: training and predict.py run this."""
    model = saved["model"]
    x = prepare(rows, saved["numbers"], saved["categories"])
    predictions = pd.DataFrame({KEY: rows[KEY]})
    if saved["classes"] is None:
        predictions["prediction"] = model.predict(x)
        return predictions
    fitted = [str(label) for label in model.classes_]
    probabilities = model.predict_proba(x)
    predictions["prediction"] = [fitted[index] for index in probabilities.argmax(axis=1)]
    for label in saved["classes"]:
        # A declared class the train split never had gets probability 0.
        predictions[f"p_{label}"] = probabilities[:, fitted.index(label)] if label in fitted else 0.0
    return predictions


def preprocessor(numbers, categories):
    steps = []
    if numbers:
        steps.append(("numbers", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numbers))
    if categories:
        encode = make_pipeline(
            SimpleImputer(strategy="constant", fill_value=MISSING), OneHotEncoder(handle_unknown="ignore")
        )
        steps.append(("categories", encode, categories))
    return ColumnTransformer(steps)


def main():
    task = env("ALMANAC_TASK")
    target = env("ALMANAC_TARGET")
    features = env("ALMANAC_FEATURES").split(",")
    params = json.loads(os.environ.get("ALMANAC_PARAMS") or "{}")
    seed = int(os.environ.get("ALMANAC_SEED") or 0)
    output = env("ALMANAC_OUTPUT")
    classification = task != "regression"

    train = read(env("ALMANAC_TRAIN"))
    test = read(env("ALMANAC_TEST"))
    numbers, categories = column_kinds(train, features)
    x_train = prepare(train, numbers, categories)

    if classification:
        labels = train[target]
        learner = (
            LogisticRegression(C=params.get("C", 1.0), max_iter=params.get("max_iter", 1000), random_state=seed)
            if labels.nunique() > 1
            else DummyClassifier(strategy="prior")
        )
    else:
        labels = pd.to_numeric(train[target])
        learner = Ridge(alpha=params.get("alpha", 1.0))
    model = make_pipeline(preprocessor(numbers, categories), learner)
    weights = sample_weights(train)
    fit_params = {} if weights is None else {f"{model.steps[-1][0]}__sample_weight": weights}
    model.fit(x_train, labels, **fit_params)

    classes = None
    if classification:
        declared = [str(label) for label in json.loads(os.environ.get("ALMANAC_CLASSES") or "[]")]
        classes = declared or [str(label) for label in model.classes_]
    saved = {"model": model, "numbers": numbers, "categories": categories, "classes": classes}
    score_rows(saved, test).to_csv(os.path.join(output, "predictions.csv"), index=False)
    model_dir = os.environ.get("ALMANAC_MODEL_DIR")
    if model_dir:
        with open(os.path.join(model_dir, "model.pkl"), "wb") as handle:
            pickle.dump(saved, handle, protocol=PICKLE_PROTOCOL)
    print(f"{type(learner).__name__} ({task}) trained on {len(train)} rows; predicted {len(test)} rows")


if __name__ == "__main__":
    main()
