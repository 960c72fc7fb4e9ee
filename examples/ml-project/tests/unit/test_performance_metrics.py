import math
import unittest

from tests import support  # noqa: F401  (puts the project on sys.path)
from scripts.model_evaluation import performance_metrics


class ClassificationMetricsTest(unittest.TestCase):
    def test_known_values(self):
        labels = [1, 1, 0, 0]
        probability = [0.9, 0.4, 0.6, 0.1]
        metrics = performance_metrics.classification_metrics(labels, probability)
        self.assertEqual(metrics["accuracy"], 0.5)
        self.assertEqual(metrics["precision"], 0.5)
        self.assertEqual(metrics["recall"], 0.5)
        self.assertEqual(metrics["f1"], 0.5)
        self.assertEqual(metrics["roc_auc"], 0.75)
        expected_loss = -(math.log(0.9) + math.log(0.4) + math.log(0.4) + math.log(0.9)) / 4
        self.assertAlmostEqual(metrics["log_loss"], expected_loss, places=6)

    def test_threshold_moves_the_decisions(self):
        metrics = performance_metrics.classification_metrics([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], threshold=0.3)
        self.assertEqual(metrics["recall"], 1.0)
        self.assertEqual(metrics["accuracy"], 0.75)

    def test_certain_probabilities_give_a_finite_loss(self):
        metrics = performance_metrics.classification_metrics([1, 0], [1.0, 0.0])
        self.assertEqual(metrics["accuracy"], 1.0)
        self.assertTrue(math.isfinite(metrics["log_loss"]))

    def test_one_class_has_no_roc_auc(self):
        metrics = performance_metrics.classification_metrics([0, 0, 0], [0.1, 0.2, 0.7])
        self.assertNotIn("roc_auc", metrics)
        self.assertNotIn("average_precision", metrics)

    def test_values_are_plain_rounded_floats(self):
        metrics = performance_metrics.classification_metrics([1, 0, 1], [0.123456789, 0.2, 0.7])
        for name, value in metrics.items():
            self.assertIs(type(value), float, name)
            self.assertEqual(value, round(value, 6), name)


class LatencyTest(unittest.TestCase):
    def test_warms_up_once_then_times_each_repeat(self):
        calls = []
        latency = performance_metrics.median_latency_ms(lambda: calls.append(1), repeats=3)
        self.assertEqual(len(calls), 4)
        self.assertGreaterEqual(latency, 0.0)


if __name__ == "__main__":
    unittest.main()
