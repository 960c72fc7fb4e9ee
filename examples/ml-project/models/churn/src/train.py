"""Trains the churn model: a random forest on the customer table.

model-ci runs this in the model's directory (models/churn) and says where to write through
MODEL_CI_OUTPUT_DIR (the model) and MODEL_CI_METRICS_FILE (the metrics); MODEL_CI_DATA_DIR is
the model's data folder. Run by hand, it reads data/ and writes outputs/.
"""
import json
import os
import sys
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = MODEL_DIR.parents[1]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from sklearn.ensemble import RandomForestClassifier  # noqa: E402

from scripts import model_files, tracking  # noqa: E402
from scripts.model_evaluation import performance_metrics  # noqa: E402

SEED = 42


def fit(features, labels):
    # Shallow trees and a leaf minimum: a few hundred rows over-fit a default forest.
    forest = RandomForestClassifier(n_estimators=120, max_depth=6, min_samples_leaf=3, random_state=SEED, n_jobs=1)
    return forest.fit(features, labels)


def main():
    data_dir = Path(os.environ.get("MODEL_CI_DATA_DIR") or MODEL_DIR / "data")
    output_dir = Path(os.environ.get("MODEL_CI_OUTPUT_DIR") or MODEL_DIR / "outputs")
    metrics_file = Path(os.environ.get("MODEL_CI_METRICS_FILE") or output_dir / "metrics.json")

    train_x, train_y = model_files.read_dataset(data_dir / "training_data" / "train.csv")
    test_x, test_y = model_files.read_dataset(data_dir / "testing_data" / "test.csv")
    with tracking.mlflow_run() as mlflow:
        forest = fit(train_x, train_y)
        info = model_files.save_model(output_dir, "churn", forest, train_x.columns)

        test = performance_metrics.classification_metrics(test_y, model_files.predict_probability(forest, info, test_x))
        train = performance_metrics.classification_metrics(train_y, model_files.predict_probability(forest, info, train_x))
        # The test set's metrics are the headline; the training set's show over-fitting in the report.
        metrics = {**test, "train": {"accuracy": train["accuracy"], "log_loss": train["log_loss"]}}
        tracking.log_model(mlflow, forest, train_x)
        tracking.log_metrics(mlflow, metrics)
    metrics_file.parent.mkdir(parents=True, exist_ok=True)
    metrics_file.write_text(json.dumps(metrics, indent=2) + "\n")
    print(f"churn: trained on {len(train_x)} rows, tested on {len(test_x)}: accuracy {test['accuracy']}, roc_auc {test.get('roc_auc')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
