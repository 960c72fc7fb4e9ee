"""Scores a trained model on testing data and writes its metrics as JSON.

model-ci runs it as a model's `evaluate` command (see models/fraud/model.yml), in the model's
directory, after training:

    python ../../scripts/model_evaluation/evaluate_model.py

Without arguments it reads the model from MODEL_CI_OUTPUT_DIR, the data from
MODEL_CI_DATA_DIR/testing_data/test.csv and writes MODEL_CI_METRICS_FILE; each can be given
as an option instead, to score any model folder on any labeled CSV.
"""
import argparse
import json
import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from scripts import model_files  # noqa: E402
from scripts.model_evaluation import performance_metrics  # noqa: E402


def evaluate(model_dir, data_file):
    """The metrics of the model in model_dir on the labeled rows of data_file."""
    features, labels = model_files.read_dataset(data_file)
    return score(model_dir, features, labels)


def score(model_dir, features, labels):
    """The metrics of the model in model_dir on these rows (monitor_model.py scores recent cases with it)."""
    estimator, info = model_files.load_model(model_dir)
    probability = model_files.predict_probability(estimator, info, features)
    metrics = performance_metrics.classification_metrics(labels, probability, info.get("threshold", 0.5))
    metrics["positive_rate"] = round(float((probability >= info.get("threshold", 0.5)).mean()), performance_metrics.DECIMALS)
    return metrics


def parse_arguments(argv):
    output_dir = os.environ.get("MODEL_CI_OUTPUT_DIR") or "outputs"
    data_dir = os.environ.get("MODEL_CI_DATA_DIR") or "data"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", default=output_dir, help="folder with model.joblib and model.json (default: $MODEL_CI_OUTPUT_DIR or outputs)")
    parser.add_argument("--data", default=os.path.join(data_dir, "testing_data", "test.csv"), help="labeled CSV to score on")
    parser.add_argument(
        "--metrics-file",
        default=os.environ.get("MODEL_CI_METRICS_FILE") or os.path.join(output_dir, "metrics.json"),
        help="where to write the metrics JSON (default: $MODEL_CI_METRICS_FILE)",
    )
    return parser.parse_args(argv)


def main(argv=None):
    arguments = parse_arguments(argv)
    metrics = evaluate(arguments.model_dir, arguments.data)
    metrics_file = Path(arguments.metrics_file)
    metrics_file.parent.mkdir(parents=True, exist_ok=True)
    metrics_file.write_text(json.dumps(metrics, indent=2) + "\n")
    print(f"evaluated {arguments.model_dir} on {arguments.data}: " + ", ".join(f"{name} {value}" for name, value in metrics.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
