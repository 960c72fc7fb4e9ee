"""Logs a training to MLflow when MLFLOW_TRACKING_URI is set, and does nothing otherwise.

With model-ci.yml's `mlflow:` block, model-ci creates an MLflow run for each training and passes
MLFLOW_TRACKING_URI and MLFLOW_RUN_ID to it: `mlflow.start_run()` then continues that run, so the
parameters, metrics and model logged here land beside the tags model-ci wrote (commit, pull
request, workflow run). Run by hand with MLFLOW_TRACKING_URI set, it starts a run of its own.
Without MLFLOW_TRACKING_URI (the quick start, the unit tests) nothing is imported or logged.
"""
import contextlib
import os
import sys


@contextlib.contextmanager
def mlflow_run():
    """Yields the `mlflow` module inside the active run, or None when MLflow is not in use."""
    if not os.environ.get("MLFLOW_TRACKING_URI"):
        yield None
        return
    try:
        import mlflow
        import mlflow.sklearn
    except ImportError:
        print("MLFLOW_TRACKING_URI is set but the mlflow package is not installed: add mlflow to the model's requirements to log the model", file=sys.stderr)
        yield None
        return
    # Parameters and training metrics by autologging; the model itself is logged once, by log_model.
    mlflow.sklearn.autolog(log_models=False, silent=True)
    with mlflow.start_run():
        yield mlflow


def log_model(mlflow, estimator, features):
    """Logs the fitted estimator as the run's model `model`, which `models:/<name>@<alias>` loads."""
    if mlflow is None:
        return
    # cloudpickle, as joblib saves the model for model-ci: MLflow's default (skops) refuses tree models
    # unless every type in them is listed as trusted.
    mlflow.sklearn.log_model(estimator, name="model", input_example=features.head(5), serialization_format=mlflow.sklearn.SERIALIZATION_FORMAT_CLOUDPICKLE)


def log_metrics(mlflow, metrics, prefix=""):
    """Logs nested metrics under dotted names, as model-ci reads them from the metrics file."""
    if mlflow is None:
        return
    for name, value in metrics.items():
        if isinstance(value, dict):
            log_metrics(mlflow, value, f"{prefix}{name}.")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            mlflow.log_metric(f"{prefix}{name}", value)
