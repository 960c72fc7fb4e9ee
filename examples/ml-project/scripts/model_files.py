"""Reading datasets and saving or loading a trained model, the same way for every model.

A trained model is a folder with two files: model.joblib (the fitted scikit-learn estimator)
and model.json (what a caller needs to use it: the feature columns in order, the decision
threshold, the library versions it was trained with).
"""
import json
import platform
from pathlib import Path

import joblib
import pandas as pd
import sklearn

MODEL_FILE = "model.joblib"
INFO_FILE = "model.json"
LABEL = "label"


def read_dataset(path):
    """(features, labels) from a CSV whose target column is `label`; features keep the file's order."""
    frame = pd.read_csv(path)
    if LABEL not in frame.columns:
        raise ValueError(f"{path}: no '{LABEL}' column")
    return frame.drop(columns=[LABEL]), frame[LABEL].astype(int)


def save_model(output_dir, name, estimator, features, threshold=0.5):
    """Writes model.joblib and model.json into output_dir; returns the info written."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(estimator, output_dir / MODEL_FILE)
    info = {
        "model": name,
        "estimator": type(estimator).__name__,
        "features": list(features),
        "threshold": threshold,
        "python": platform.python_version(),
        "scikit_learn": sklearn.__version__,
    }
    (output_dir / INFO_FILE).write_text(json.dumps(info, indent=2) + "\n")
    return info


def load_model(model_dir):
    """(estimator, info) from a folder save_model wrote."""
    model_dir = Path(model_dir)
    info = json.loads((model_dir / INFO_FILE).read_text())
    return joblib.load(model_dir / MODEL_FILE), info


def predict_probability(estimator, info, features):
    """The positive class's probability for each row; the columns are taken in the model's order."""
    missing = [name for name in info["features"] if name not in features.columns]
    if missing:
        raise ValueError(f"the input lacks the feature columns {', '.join(missing)}")
    return estimator.predict_proba(features[info["features"]])[:, 1]
