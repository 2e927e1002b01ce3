"""Scores penguins with a registered penguin-sex artifact under Almanac's predict contract.

Reads ALMANAC_MODEL_DIR/model.json (written by train.py), ALMANAC_INPUT (CSV: row_id and the
features) and ALMANAC_CLASSES; writes ALMANAC_OUTPUT/predictions.csv (row_id,prediction,p_<class>...)
with the same arithmetic as training, so the evaluated predictions are reproduced exactly.
Run it through `almanac predict penguin-sex`.
"""
import csv
import json
import os

from train import Encoder, env, read_csv, score_rows


def main():
    with open(os.path.join(env("ALMANAC_MODEL_DIR"), "model.json"), encoding="utf-8") as handle:
        model = json.load(handle)
    classes = json.loads(env("ALMANAC_CLASSES"))
    encoder = Encoder.from_saved(model["columns"])
    rows = read_csv(env("ALMANAC_INPUT"))
    scored = score_rows(encoder, model["weights"], rows, model["positive"], model["negative"], classes)
    with open(os.path.join(env("ALMANAC_OUTPUT"), "predictions.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["row_id", "prediction"] + [f"p_{label}" for label in classes])
        for row, values in zip(rows, scored):
            writer.writerow([row["row_id"]] + values)


if __name__ == "__main__":
    main()
