"""Training and prediction stay fast enough for CI; the bounds are generous, to fail only on a real slowdown."""
import tempfile
import time
import unittest
from pathlib import Path

from tests import support
from scripts import model_files
from scripts.model_evaluation import performance_metrics

# Each model trains in about 1.5 s on 2 cores, interpreter start included.
MAX_TRAINING_SECONDS = 30
# Scoring the ~200-row testing set takes a few milliseconds.
MAX_PREDICTION_MS = 250


class SpeedTest(unittest.TestCase):
    def test_training_and_prediction_time(self):
        for model in support.MODELS:
            with self.subTest(model=model), tempfile.TemporaryDirectory() as output_dir:
                started = time.perf_counter()
                support.train(model, Path(output_dir))
                seconds = time.perf_counter() - started
                self.assertLess(seconds, MAX_TRAINING_SECONDS, f"{model} trained in {seconds:.1f} s")

                estimator, info = model_files.load_model(output_dir)
                features, _ = model_files.read_dataset(support.model_dir(model) / "data" / "testing_data" / "test.csv")
                latency = performance_metrics.median_latency_ms(lambda: model_files.predict_probability(estimator, info, features))
                self.assertLess(latency, MAX_PREDICTION_MS, f"{model} predicted {len(features)} rows in {latency:.1f} ms")


if __name__ == "__main__":
    unittest.main()
