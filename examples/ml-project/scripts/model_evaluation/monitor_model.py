"""Measures the live version of a model on its monitoring data, for `model-ci monitor`.

model-ci runs it as a model's `monitor` command (see models/churn/model.yml), in the model's
directory, with the live version's verified files in MODEL_CI_LIVE_DIR, the monitoring data
(every CSV of labelled recent cases in the model's data/monitoring) in MODEL_CI_DATA_DIR, and
writes MODEL_CI_METRICS_FILE, which model-ci compares with the metrics recorded at promotion.

    python ../../scripts/model_evaluation/monitor_model.py [METRIC ...]

Only the metrics named are written (all of evaluate_model.py's when none is): the ones the
model's owners watch in production, and not the training set's, which recent cases cannot tell.
"""
import json
import os
import sys
from pathlib import Path

import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from scripts import model_files  # noqa: E402
from scripts.model_evaluation.evaluate_model import score  # noqa: E402

def main(names):
    data_dir = Path(os.environ["MODEL_CI_DATA_DIR"])
    files = sorted(data_dir.glob("*.csv"))
    if not files:
        raise SystemExit(f"no monitoring data: no .csv file in {data_dir}")
    recent = pd.concat([pd.read_csv(path) for path in files], ignore_index=True)
    features, labels = recent.drop(columns=[model_files.LABEL]), recent[model_files.LABEL].astype(int)
    metrics = score(os.environ["MODEL_CI_LIVE_DIR"], features, labels)
    unknown = [name for name in names if name not in metrics]
    if unknown:
        raise SystemExit(f"no metric named {', '.join(unknown)}; the metrics are {', '.join(metrics)}")
    monitored = {name: metrics[name] for name in names} if names else metrics
    Path(os.environ["MODEL_CI_METRICS_FILE"]).write_text(json.dumps(monitored, indent=2) + "\n")
    print(f"monitored {len(recent)} recent cases from {len(files)} file(s): " + ", ".join(f"{name} {value}" for name, value in monitored.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
