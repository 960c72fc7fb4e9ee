"""Trains the model on data/training_data, evaluates it on data/testing_data.

model-ci runs this in the model's directory and says where to write through
MODEL_CI_OUTPUT_DIR (the model) and MODEL_CI_METRICS_FILE (the metrics).
"""
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "scripts"))
import centroid  # noqa: E402

output_dir = Path(os.environ.get("MODEL_CI_OUTPUT_DIR", "outputs"))
metrics_file = Path(os.environ.get("MODEL_CI_METRICS_FILE", output_dir / "metrics.json"))
output_dir.mkdir(parents=True, exist_ok=True)
metrics_file.parent.mkdir(parents=True, exist_ok=True)

training = centroid.read_rows("data/training_data/train.csv")
testing = centroid.read_rows("data/testing_data/test.csv")
model = centroid.fit(training)
(output_dir / "model.json").write_text(json.dumps({"centroids": model}, indent=2) + "\n")
metrics = centroid.evaluate(model, testing)
metrics_file.write_text(json.dumps({"accuracy": metrics["accuracy"], "test": {"log_loss": metrics["log_loss"]}}, indent=2) + "\n")
print(f"trained {len(model)} centroids on {len(training)} rows: {metrics}")
