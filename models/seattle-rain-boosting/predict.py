"""Scores days with a registered seattle-rain-boosting artifact under Almanac's predict contract.

Reads ALMANAC_MODEL_DIR/model.pkl (written by train.py), ALMANAC_INPUT (CSV: row_id and the
features) and ALMANAC_CLASSES; writes ALMANAC_OUTPUT/predictions.csv (row_id,prediction,p_<class>...)
with train.py's own code, so the evaluated predictions are reproduced exactly. Run it through
`almanac predict seattle-rain-boosting`, in a Python environment that has requirements.txt.
"""
import json
import os
import pickle

from train import env, read, write_predictions


def main():
    with open(os.path.join(env("ALMANAC_MODEL_DIR"), "model.pkl"), "rb") as handle:
        saved = pickle.load(handle)
    rows = read(env("ALMANAC_INPUT"))
    path = os.path.join(env("ALMANAC_OUTPUT"), "predictions.csv")
    write_predictions(saved["model"], rows, saved["features"], json.loads(env("ALMANAC_CLASSES")), path)


if __name__ == "__main__":
    main()
