import shutil
import tempfile
import unittest
from pathlib import Path

import pandas as pd

from tests import support
from scripts.data_preprocessing import generate_raw_data, preprocess_data


class OneHotTest(unittest.TestCase):
    def test_one_column_per_known_category_in_order(self):
        encoded = preprocess_data.one_hot(pd.Series(["b", "a", "zzz"]), "kind", ["a", "b"])
        self.assertEqual(list(encoded.columns), ["kind_a", "kind_b"])
        self.assertEqual(encoded.values.tolist(), [[0, 1], [1, 0], [0, 0]])


class SplitTest(unittest.TestCase):
    def setUp(self):
        self.frame = pd.DataFrame({"x": range(100), "label": [1] * 20 + [0] * 80})

    def test_each_class_keeps_its_share(self):
        train, test = preprocess_data.split_train_test(self.frame, test_fraction=0.25, seed=1)
        self.assertEqual((len(train), len(test)), (75, 25))
        self.assertEqual(int(test["label"].sum()), 5)

    def test_disjoint_complete_and_the_same_for_the_same_seed(self):
        train, test = preprocess_data.split_train_test(self.frame, seed=3)
        self.assertEqual(sorted(train["x"].tolist() + test["x"].tolist()), list(range(100)))
        again_train, _ = preprocess_data.split_train_test(self.frame, seed=3)
        self.assertEqual(train["x"].tolist(), again_train["x"].tolist())
        other_train, _ = preprocess_data.split_train_test(self.frame, seed=4)
        self.assertNotEqual(train["x"].tolist(), other_train["x"].tolist())


class CommittedDataTest(unittest.TestCase):
    """The shipped CSVs are exactly what the scripts make: nobody edited them by hand."""

    def test_raw_data_is_what_the_generator_writes(self):
        raw = support.PROJECT_ROOT / "data" / "raw"
        self.assertEqual(generate_raw_data.churn_customers().to_csv(index=False), (raw / "churn_customers.csv").read_text())
        self.assertEqual(generate_raw_data.fraud_transactions().to_csv(index=False), (raw / "fraud_transactions.csv").read_text())

    def test_processed_and_split_data_is_what_preprocessing_writes(self):
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            shutil.copytree(support.PROJECT_ROOT / "data" / "raw", root / "data" / "raw")
            written = preprocess_data.preprocess(root)
            self.assertEqual(set(written), set(support.MODELS))
            made = sorted(path.relative_to(root) for path in root.rglob("*.csv") if "raw" not in path.parts)
            self.assertEqual(len(made), 2 + 2 * len(support.MODELS))
            for relative in made:
                self.assertEqual((root / relative).read_text(), (support.PROJECT_ROOT / relative).read_text(), f"{relative} is out of date")

    def test_every_column_is_numeric_and_the_target_is_binary(self):
        for model in support.MODELS:
            frame = pd.read_csv(support.PROJECT_ROOT / "data" / "processed" / f"{model}.csv")
            self.assertTrue(all(pd.api.types.is_numeric_dtype(kind) for kind in frame.dtypes), model)
            self.assertFalse(frame.isna().any().any(), model)
            self.assertEqual(set(frame["label"]), {0, 1}, model)


if __name__ == "__main__":
    unittest.main()
