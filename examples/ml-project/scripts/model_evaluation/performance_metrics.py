"""The metrics every model in this project reports, and a latency measure.

Metrics are rounded to 6 decimals: the same model gives the same JSON on every machine, so a
pull request's report shows a change only when the model changed.
"""
import statistics
import time

import numpy as np
from sklearn import metrics as sk

DECIMALS = 6


def classification_metrics(labels, probability, threshold=0.5):
    """Binary-classification metrics of positive-class probabilities against 0/1 labels."""
    labels = np.asarray(labels, dtype=int)
    probability = np.clip(np.asarray(probability, dtype=float), 1e-7, 1 - 1e-7)
    predicted = (probability >= threshold).astype(int)
    both_classes = len(np.unique(labels)) == 2
    values = {
        "accuracy": sk.accuracy_score(labels, predicted),
        "precision": sk.precision_score(labels, predicted, zero_division=0),
        "recall": sk.recall_score(labels, predicted, zero_division=0),
        "f1": sk.f1_score(labels, predicted, zero_division=0),
        "log_loss": sk.log_loss(labels, probability, labels=[0, 1]),
    }
    # ROC AUC and average precision are undefined when the labels hold one class only.
    if both_classes:
        values["roc_auc"] = sk.roc_auc_score(labels, probability)
        values["average_precision"] = sk.average_precision_score(labels, probability)
    return {name: round(float(value), DECIMALS) for name, value in values.items()}


def median_latency_ms(call, repeats=5):
    """The median wall time of call() in milliseconds, over `repeats` calls after one warm-up."""
    call()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
