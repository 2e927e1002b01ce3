"""Penguin sex classifier: logistic regression in plain Python (standard library only).

Runs under Almanac's environment contract (docs/training.md): reads ALMANAC_TRAIN and
ALMANAC_TEST (CSV), ALMANAC_PARAMS (JSON), ALMANAC_FEATURES, ALMANAC_TARGET, ALMANAC_CLASSES,
ALMANAC_POSITIVE_CLASS, ALMANAC_SEED and, when the card asks for reweighing, ALMANAC_WEIGHTS
(sample weights by row_id, used in the gradient); writes ALMANAC_OUTPUT/predictions.csv
(row_id,prediction,p_<class>...), ALMANAC_OUTPUT/training-log.csv (epoch,loss) and the model as
ALMANAC_MODEL_DIR/model.json (the versioned artifact, read by predict.py). Run it through
`almanac train penguin-sex`.
"""
import csv
import json
import math
import os
import random


def env(name):
    value = os.environ.get(name)
    if value is None:
        raise SystemExit(f"{name} is not set: run this through `almanac train penguin-sex`")
    return value


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def sigmoid(z):
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


class Encoder:
    """One-hot for text features (levels seen in training), standardisation for numbers."""

    @classmethod
    def from_saved(cls, columns):
        """The encoder saved in model.json (lists, as JSON gives them back)."""
        encoder = cls([], [])
        encoder.columns = [(kind, feature, tuple(detail) if kind == "number" else detail) for kind, feature, detail in columns]
        return encoder

    def __init__(self, rows, features):
        self.columns = []
        for feature in features:
            values = [row[feature] for row in rows if row[feature] != ""]
            try:
                numbers = [float(value) for value in values]
            except ValueError:
                for level in sorted(set(values))[1:]:
                    self.columns.append(("level", feature, level))
                continue
            mean = sum(numbers) / len(numbers)
            spread = math.sqrt(sum((x - mean) ** 2 for x in numbers) / len(numbers)) or 1.0
            self.columns.append(("number", feature, (mean, spread)))

    def encode(self, row):
        out = [1.0]
        for kind, feature, detail in self.columns:
            if kind == "level":
                out.append(1.0 if row[feature] == detail else 0.0)
            else:
                mean, spread = detail
                value = row[feature]
                out.append(0.0 if value == "" else (float(value) - mean) / spread)
        return out


def read_weights(rows):
    """Sample weights from ALMANAC_WEIGHTS (CSV row_id,weight), one per train row; all 1 without it."""
    path = os.environ.get("ALMANAC_WEIGHTS")
    if not path:
        return [1.0] * len(rows)
    by_id = {row["row_id"]: float(row["weight"]) for row in read_csv(path)}
    return [by_id[row["row_id"]] for row in rows]


def score_rows(encoder, weights, rows, positive, negative, classes):
    """Each row's [prediction, p_<class>...] as predict.py writes them too."""
    scored = []
    for row in rows:
        p = sigmoid(sum(w * v for w, v in zip(weights, encoder.encode(row))))
        probability = {positive: p, negative: 1 - p}
        scored.append([positive if p >= 0.5 else negative] + [repr(probability[c]) for c in classes])
    return scored


def log_loss(weights, xs, ys, sample):
    total = 0.0
    for x, y, s in zip(xs, ys, sample):
        p = sigmoid(sum(w * v for w, v in zip(weights, x)))
        p = min(max(p, 1e-15), 1 - 1e-15)
        total -= s * (y * math.log(p) + (1 - y) * math.log(1 - p))
    return total / sum(sample)


def train(xs, ys, sample, params, seed):
    rng = random.Random(seed)
    weights = [rng.gauss(0, 0.01) for _ in xs[0]]
    rate = params.get("learning_rate", 0.5)
    l2 = params.get("l2", 0.0)
    total = sum(sample)
    log = []
    for epoch in range(1, params.get("epochs", 400) + 1):
        gradient = [0.0] * len(weights)
        for x, y, s in zip(xs, ys, sample):
            error = s * (sigmoid(sum(w * v for w, v in zip(weights, x))) - y)
            for j, v in enumerate(x):
                gradient[j] += error * v
        for j in range(len(weights)):
            penalty = l2 * weights[j] if j > 0 else 0.0
            weights[j] -= rate * (gradient[j] / total + penalty)
        if epoch == 1 or epoch % 10 == 0:
            log.append((epoch, log_loss(weights, xs, ys, sample)))
    return weights, log


def main():
    features = env("ALMANAC_FEATURES").split(",")
    target = env("ALMANAC_TARGET")
    classes = json.loads(env("ALMANAC_CLASSES"))
    positive = env("ALMANAC_POSITIVE_CLASS")
    negative = next(label for label in classes if label != positive)
    params = json.loads(env("ALMANAC_PARAMS"))
    train_rows = read_csv(env("ALMANAC_TRAIN"))
    test_rows = read_csv(env("ALMANAC_TEST"))

    encoder = Encoder(train_rows, features)
    xs = [encoder.encode(row) for row in train_rows]
    ys = [1.0 if row[target] == positive else 0.0 for row in train_rows]
    sample = read_weights(train_rows)
    weights, log = train(xs, ys, sample, params, int(env("ALMANAC_SEED")))

    output = env("ALMANAC_OUTPUT")
    with open(os.path.join(output, "predictions.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["row_id", "prediction"] + [f"p_{label}" for label in classes])
        for row, scored in zip(test_rows, score_rows(encoder, weights, test_rows, positive, negative, classes)):
            writer.writerow([row["row_id"]] + scored)
    with open(os.path.join(output, "training-log.csv"), "w", encoding="utf-8") as handle:
        handle.write("epoch,loss\n" + "".join(f"{epoch},{loss!r}\n" for epoch, loss in log))
    model = {"columns": encoder.columns, "weights": weights, "positive": positive, "negative": negative}
    with open(os.path.join(env("ALMANAC_MODEL_DIR"), "model.json"), "w", encoding="utf-8") as handle:
        json.dump(model, handle)
    print(f"logistic regression: {len(log)} log points, final train log loss {log[-1][1]:.4f} on {len(ys)} birds")


if __name__ == "__main__":
    main()
