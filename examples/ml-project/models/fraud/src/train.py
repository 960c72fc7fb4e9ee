"""Trains the fraud model: a small neural network on card transactions.

The network is scikit-learn's MLPClassifier, standing in for the Keras model a team would
write (see ../README.md). Training only fits and saves the model; the `evaluate` command in
model.yml (scripts/model_evaluation/evaluate_model.py) scores it on the testing data and writes
the metrics. Run by hand, it reads data/ and writes outputs/.
"""
import os
import sys
import warnings
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = MODEL_DIR.parents[1]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from scripts import model_files, tracking  # noqa: E402

SEED = 42
# Fraud is about one transaction in seven here: flag at a lower probability than 0.5, since a
# missed fraud costs more than a second look at a good transaction.
THRESHOLD = 0.3


def fit(features, labels):
    # One small hidden layer and strong L2 regularization: a few hundred noisy rows over-fit anything bigger.
    network = MLPClassifier(hidden_layer_sizes=(16,), alpha=1.0, max_iter=150, random_state=SEED)
    with warnings.catch_warnings():
        # A fixed number of epochs is the point on a dataset this small; not converging is expected.
        warnings.simplefilter("ignore", ConvergenceWarning)
        return make_pipeline(StandardScaler(), network).fit(features, labels)


def main():
    data_dir = Path(os.environ.get("MODEL_CI_DATA_DIR") or MODEL_DIR / "data")
    output_dir = Path(os.environ.get("MODEL_CI_OUTPUT_DIR") or MODEL_DIR / "outputs")

    train_x, train_y = model_files.read_dataset(data_dir / "training_data" / "train.csv")
    # The evaluate step scores the model; model-ci logs those metrics into the same run.
    with tracking.mlflow_run() as mlflow:
        model = fit(train_x, train_y)
        model_files.save_model(output_dir, "fraud", model, train_x.columns, threshold=THRESHOLD)
        tracking.log_model(mlflow, model, train_x)
    epochs = model[-1].n_iter_
    print(f"fraud: trained on {len(train_x)} rows for {epochs} epochs; the evaluate step scores it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
