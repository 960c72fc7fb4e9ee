"""Measures the live version of the model on data/monitoring (see centroid.monitor)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "scripts"))
import centroid  # noqa: E402

centroid.monitor()
