"""Predict entry point written by `almanac new model --language python`: scores rows with the artifact.

It follows Almanac's predict contract (docs/training.md); run it with `almanac predict <model>`:
  ALMANAC_MODEL_DIR the version's artifact: the model.pkl train.py saved
  ALMANAC_INPUT     CSV of the rows to score: `row_id` and the features
  ALMANAC_OUTPUT    folder to write predictions.csv into: row_id,prediction[,p_<class>...]

It scores with train.py's own `score_rows`, so the test rows get exactly the evaluated predictions.
When you change how train.py saves or scores the model, keep the two in step.
"""
import os
import pickle

from train import env, read, score_rows


def main():
    with open(os.path.join(env("ALMANAC_MODEL_DIR"), "model.pkl"), "rb") as handle:
        saved = pickle.load(handle)
    rows = read(env("ALMANAC_INPUT"))
    score_rows(saved, rows).to_csv(os.path.join(env("ALMANAC_OUTPUT"), "predictions.csv"), index=False)
    print(f"scored {len(rows)} rows")


if __name__ == "__main__":
    main()
