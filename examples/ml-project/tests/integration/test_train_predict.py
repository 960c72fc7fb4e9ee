"""Each model trains on the shipped data as model-ci runs it, and predicts with what it wrote."""
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import pandas as pd

from tests import support

EXPECTED_METRICS = {"accuracy", "precision", "recall", "f1", "log_loss", "roc_auc", "average_precision"}
# Better than guessing: the synthetic data has a signal, but a noisy one.
MIN_ROC_AUC = 0.65


class TrainPredictTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory()
        cls.outputs = {}
        for model in support.MODELS:
            output_dir = Path(cls.scratch.name) / model
            support.train(model, output_dir)
            cls.outputs[model] = output_dir

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    def metrics(self, model):
        return json.loads((self.outputs[model] / "metrics.json").read_text())

    def test_training_writes_the_model_and_metrics_where_model_ci_says(self):
        for model in support.MODELS:
            with self.subTest(model=model):
                self.assertTrue((self.outputs[model] / "model.joblib").is_file())
                info = json.loads((self.outputs[model] / "model.json").read_text())
                self.assertEqual(info["model"], model)
                self.assertNotIn("label", info["features"])

    def test_metrics_are_finite_numbers_in_range_and_the_model_learned(self):
        for model in support.MODELS:
            with self.subTest(model=model):
                metrics = self.metrics(model)
                self.assertLessEqual(EXPECTED_METRICS, set(metrics))
                for name in EXPECTED_METRICS - {"log_loss"}:
                    self.assertTrue(0.0 <= metrics[name] <= 1.0, f"{name} = {metrics[name]}")
                self.assertGreater(metrics["log_loss"], 0.0)
                self.assertGreater(metrics["roc_auc"], MIN_ROC_AUC)

    def test_churn_reports_its_training_metrics_nested(self):
        # model-ci flattens them to train.accuracy and train.log_loss.
        self.assertEqual(set(self.metrics("churn")["train"]), {"accuracy", "log_loss"})

    def test_training_again_gives_the_same_metrics(self):
        # A pull request's report shows a change only when the model changed: training is seeded.
        for model in support.MODELS:
            with self.subTest(model=model), tempfile.TemporaryDirectory() as again:
                support.train(model, Path(again))
                self.assertEqual(json.loads((Path(again) / "metrics.json").read_text()), self.metrics(model))

    def test_predict_writes_one_prediction_per_row(self):
        for model in support.MODELS:
            with self.subTest(model=model):
                testing = support.model_dir(model) / "data" / "testing_data" / "test.csv"
                predictions_file = self.outputs[model] / "predictions.csv"
                argv = [sys.executable, "src/predict.py", str(testing), "--model-dir", str(self.outputs[model]), "--output", str(predictions_file)]
                subprocess.run(argv, cwd=support.model_dir(model), check=True, capture_output=True, timeout=60)
                predictions = pd.read_csv(predictions_file)
                self.assertEqual(list(predictions.columns), ["probability", "prediction"])
                self.assertEqual(len(predictions), len(pd.read_csv(testing)))
                self.assertTrue(predictions["probability"].between(0, 1).all())
                self.assertEqual(set(predictions["prediction"]) - {0, 1}, set())

    def test_evaluate_scores_the_saved_model_as_training_did(self):
        from scripts.model_evaluation import evaluate_model

        testing = support.model_dir("churn") / "data" / "testing_data" / "test.csv"
        scored = evaluate_model.evaluate(self.outputs["churn"], testing)
        trained = self.metrics("churn")
        self.assertEqual({name: scored[name] for name in EXPECTED_METRICS}, {name: trained[name] for name in EXPECTED_METRICS})


if __name__ == "__main__":
    unittest.main()
