"""Predicts with the fraud model: python src/predict.py INPUT.csv [--model-dir DIR | --endpoint DIR] [--output FILE].

Without an option it uses the model training last wrote to outputs/; with --endpoint, the version
that endpoint serves (see scripts/deployment/). The options are scripts/prediction.py's.
"""
import sys
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = MODEL_DIR.parents[1]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from scripts import prediction  # noqa: E402

if __name__ == "__main__":
    sys.exit(prediction.main("fraud", MODEL_DIR / "outputs", sys.argv[1:]))
