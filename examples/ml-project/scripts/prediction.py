"""Predictions from a CSV, with a trained model folder or whatever version an endpoint serves.

Each model's src/predict.py is this command with the model's own defaults:

    python models/churn/src/predict.py INPUT.csv                               # models/churn/outputs
    python models/churn/src/predict.py INPUT.csv --endpoint endpoints/staging/churn
    python models/churn/src/predict.py INPUT.csv --model-dir DIR --output predictions.csv
"""
import argparse
import sys
from pathlib import Path

import pandas as pd

from scripts import model_files
from scripts.deployment import update_model_endpoint


def predict_frame(model_dir, features):
    """A table of `probability` and `prediction` (1 at or above the model's threshold), one row per input row."""
    estimator, info = model_files.load_model(model_dir)
    probability = model_files.predict_probability(estimator, info, features)
    return pd.DataFrame({"probability": probability.round(6), "prediction": (probability >= info["threshold"]).astype(int)})


def main(model_name, default_model_dir, argv):
    parser = argparse.ArgumentParser(prog="predict.py", description=f"Predicts with the {model_name} model.")
    parser.add_argument("input", help="CSV with the model's feature columns (a `label` column is ignored)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--model-dir", type=Path, help=f"a trained model folder (default: {default_model_dir})")
    source.add_argument("--endpoint", type=Path, help="an endpoint folder: predict with its live version")
    parser.add_argument("--output", type=Path, help="write the predictions here instead of to standard output")
    arguments = parser.parse_args(argv)
    try:
        model_dir = update_model_endpoint.current_version_dir(arguments.endpoint) if arguments.endpoint else arguments.model_dir or default_model_dir
    except update_model_endpoint.EndpointError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    predictions = predict_frame(model_dir, pd.read_csv(arguments.input))
    predictions.to_csv(arguments.output or sys.stdout, index=False)
    if arguments.output:
        print(f"{model_name}: {len(predictions)} predictions from {model_dir} written to {arguments.output}")
    return 0
