"""Turns the raw exports into the models' datasets: clean, build numeric features, split.

    python scripts/data_preprocessing/preprocess_data.py

reads data/raw/, writes the full feature tables to data/processed/ and each model's split to
models/<name>/data/{training_data/train.csv,testing_data/test.csv}. Every column is a number and
the target is the column `label`. The split is stratified and seeded, so the files only change
when the raw data or this code does (and model-ci retrains every model then: data/processed/ and
scripts/ are `shared` in model-ci.yml).
"""
import sys
from pathlib import Path

import numpy as np
import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from scripts.data_preprocessing import data_cleanup  # noqa: E402

LABEL = "label"
TEST_FRACTION = 0.25
SPLIT_SEED = 7

CONTRACTS = ["month_to_month", "one_year", "two_year"]
INTERNET = ["dsl", "fiber_optic", "none"]
MERCHANTS = ["grocery", "fuel", "electronics", "travel", "online"]


def one_hot(values, prefix, categories):
    """One 0/1 column per known category, in the given order; an unknown value is all zeros.

    Fixed categories keep the columns the same whatever rows a split happens to hold.
    """
    return pd.DataFrame({f"{prefix}_{category}": (values == category).astype(int) for category in categories}, index=values.index)


def churn_features(clean):
    numbers = clean[["tenure_months", "monthly_charges", "total_charges", "support_calls", "paperless_billing"]].astype(float)
    return pd.concat(
        [
            numbers,
            one_hot(clean["contract"], "contract", CONTRACTS),
            one_hot(clean["internet_service"], "internet", INTERNET),
            clean["churned"].astype(int).rename(LABEL),
        ],
        axis=1,
    )


def fraud_features(clean):
    numbers = clean[["amount", "hour", "distance_from_home_km", "transactions_last_24h", "card_present", "foreign"]].astype(float)
    return pd.concat(
        [
            numbers.assign(log_amount=np.round(np.log1p(numbers["amount"]), 6), night=(numbers["hour"] < 6).astype(int)),
            one_hot(clean["merchant_category"], "merchant", MERCHANTS),
            clean["is_fraud"].astype(int).rename(LABEL),
        ],
        axis=1,
    )


def split_train_test(frame, test_fraction=TEST_FRACTION, seed=SPLIT_SEED):
    """A stratified split: each class keeps its share in both parts, the same rows for the same seed."""
    rng = np.random.RandomState(seed)
    test_index = []
    for _, rows in frame.groupby(LABEL, sort=True):
        shuffled = rng.permutation(rows.index.to_numpy())
        test_index.extend(shuffled[: int(round(len(shuffled) * test_fraction))])
    is_test = frame.index.isin(test_index)
    return frame[~is_test].reset_index(drop=True), frame[is_test].reset_index(drop=True)


DATASETS = {
    # model name: (raw file, cleanup, feature builder)
    "churn": ("churn_customers.csv", data_cleanup.clean_churn, churn_features),
    "fraud": ("fraud_transactions.csv", data_cleanup.clean_fraud, fraud_features),
}


def preprocess(project_root=PROJECT_ROOT):
    """Writes every dataset; returns {model: (train rows, test rows)}."""
    written = {}
    for model, (raw_file, clean, features) in DATASETS.items():
        raw = pd.read_csv(project_root / "data" / "raw" / raw_file, dtype=str, keep_default_na=False)
        table = features(clean(raw))
        processed = project_root / "data" / "processed" / f"{model}.csv"
        processed.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(processed, index=False)
        train, test = split_train_test(table)
        data_dir = project_root / "models" / model / "data"
        for part, rows in (("training_data/train.csv", train), ("testing_data/test.csv", test)):
            (data_dir / part).parent.mkdir(parents=True, exist_ok=True)
            rows.to_csv(data_dir / part, index=False)
        written[model] = (len(train), len(test))
    return written


def main():
    for model, (train_rows, test_rows) in preprocess().items():
        print(f"{model}: {train_rows} training rows, {test_rows} testing rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
