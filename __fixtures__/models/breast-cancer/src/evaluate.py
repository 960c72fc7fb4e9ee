"""Scores the pickled model on the held-out split and writes nested metrics as JSON."""
import json
import os
import pickle
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, log_loss, roc_auc_score

output = Path(os.environ["MODEL_CI_OUTPUT_DIR"])
with open(output / "model.pkl", "rb") as file:
    model = pickle.load(file)
split = np.load(output / "data" / "test_split.npz")
predicted = model.predict(split["x"])
probability = model.predict_proba(split["x"])[:, 1]

metrics = {
    "accuracy": accuracy_score(split["y"], predicted),
    "test": {
        "f1": f1_score(split["y"], predicted),
        "roc_auc": roc_auc_score(split["y"], probability),
        "log_loss": log_loss(split["y"], probability),
    },
    "rows": {"test": int(len(split["y"]))},
}
Path(os.environ["MODEL_CI_METRICS_FILE"]).write_text(json.dumps(metrics, indent=2) + "\n")
print(f"accuracy {metrics['accuracy']:.4f} on {len(split['y'])} held-out rows")
