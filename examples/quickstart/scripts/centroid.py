"""A nearest-centroid classifier in plain Python, shared by the example models.

The quick start must run anywhere Python 3 does, so it uses no third-party package.
"""
import csv
import math


def read_rows(path):
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    features = [name for name in rows[0] if name != "label"]
    return [([float(row[name]) for name in features], row["label"]) for row in rows]


def fit(rows):
    sums, counts = {}, {}
    for features, label in rows:
        total = sums.setdefault(label, [0.0] * len(features))
        for i, value in enumerate(features):
            total[i] += value
        counts[label] = counts.get(label, 0) + 1
    return {label: [value / counts[label] for value in total] for label, total in sums.items()}


def distances(centroids, features):
    return {label: math.dist(center, features) for label, center in centroids.items()}


def predict(centroids, features):
    found = distances(centroids, features)
    return min(found, key=found.get)


def evaluate(centroids, rows):
    correct = 0
    loss = 0.0
    for features, label in rows:
        found = distances(centroids, features)
        correct += min(found, key=found.get) == label
        # Softmax over negative distances, as a probability for the log loss.
        weights = {name: math.exp(-d) for name, d in found.items()}
        loss -= math.log(max(weights[label] / sum(weights.values()), 1e-12))
    return {"accuracy": correct / len(rows), "log_loss": loss / len(rows)}


def monitor():
    """Measures the live model on the monitoring data, for `model-ci monitor`.

    model-ci says where the live version's verified files are (MODEL_CI_LIVE_DIR), where the
    monitoring data is (MODEL_CI_DATA_DIR, the model's data/monitoring) and where to write the
    metrics (MODEL_CI_METRICS_FILE), which it compares with those recorded at promotion.
    """
    import glob
    import json
    import os

    with open(os.path.join(os.environ["MODEL_CI_LIVE_DIR"], "model.json")) as handle:
        model = json.load(handle)["centroids"]
    rows = []
    for path in sorted(glob.glob(os.path.join(os.environ["MODEL_CI_DATA_DIR"], "*.csv"))):
        rows += read_rows(path)
    if not rows:
        raise SystemExit(f"no monitoring data: no .csv file in {os.environ['MODEL_CI_DATA_DIR']}")
    # Accuracy only: on a few recent cases the log loss moves more than its 2% tolerance by chance.
    accuracy = evaluate(model, rows)["accuracy"]
    with open(os.environ["MODEL_CI_METRICS_FILE"], "w") as handle:
        json.dump({"accuracy": accuracy}, handle)
    print(f"monitored {len(rows)} rows: accuracy {accuracy}")
