"""Writes the synthetic raw datasets in data/raw/ (run once; the output is committed).

The example ships its data so that it trains offline and gives the same metrics on every
machine: the rows come from fixed seeds, and a few rows are deliberately dirty (duplicates,
blanks, odd spellings, refunds) so that data_cleanup.py has real work to do.

    python scripts/data_preprocessing/generate_raw_data.py
"""
import sys
from pathlib import Path

import numpy as np
import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RAW_DIR = PROJECT_ROOT / "data" / "raw"

CHURN_SEED = 20261127
FRAUD_SEED = 20261128


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def churn_customers(rows=600, seed=CHURN_SEED):
    """Telecom customers; churn is likelier for short tenure, monthly contracts, many support calls."""
    rng = np.random.RandomState(seed)
    contract = rng.choice(["Month-to-month", "One year", "Two year"], size=rows, p=[0.55, 0.25, 0.20])
    internet = rng.choice(["DSL", "Fiber optic", "None"], size=rows, p=[0.35, 0.45, 0.20])
    tenure = rng.randint(1, 73, size=rows)
    monthly = np.round(rng.uniform(20, 110, size=rows) + np.where(internet == "Fiber optic", 15, 0), 2)
    total = np.round(monthly * tenure * rng.uniform(0.95, 1.05, size=rows), 2)
    support_calls = rng.poisson(1.5, size=rows)
    paperless = rng.choice(["Yes", "No"], size=rows, p=[0.6, 0.4])
    score = (
        -1.0
        - 0.045 * tenure
        + 0.018 * (monthly - 60)
        + 0.55 * support_calls
        + np.select([contract == "Month-to-month", contract == "One year"], [1.4, 0.0], -1.2)
        + np.where(internet == "Fiber optic", 0.5, 0.0)
        + np.where(paperless == "Yes", 0.3, 0.0)
        + rng.normal(0, 0.8, size=rows)
    )
    churned = np.where(rng.uniform(size=rows) < _sigmoid(score), "Yes", "No")
    frame = pd.DataFrame(
        {
            "customer_id": [f"C{index:05d}" for index in range(rows)],
            "tenure_months": tenure,
            "monthly_charges": monthly,
            "total_charges": total.astype(object),
            "support_calls": support_calls,
            "contract": contract,
            "internet_service": internet,
            "paperless_billing": paperless,
            "churned": churned,
        }
    )
    # The dirt a CRM export has: blank totals for new customers, stray spaces and case, unlabeled
    # rows, and customers exported twice.
    frame.loc[rng.choice(rows, 12, replace=False), "total_charges"] = ""
    frame.loc[rng.choice(rows, 15, replace=False), "contract"] = " month-to-month "
    frame.loc[rng.choice(rows, 4, replace=False), "churned"] = ""
    duplicates = frame.iloc[rng.choice(rows, 8, replace=False)]
    return pd.concat([frame, duplicates], ignore_index=True)


def fraud_transactions(rows=800, seed=FRAUD_SEED):
    """Card transactions; fraud is likelier for large, foreign, card-not-present, night-time ones."""
    rng = np.random.RandomState(seed)
    category = rng.choice(["grocery", "fuel", "electronics", "travel", "online"], size=rows, p=[0.3, 0.15, 0.15, 0.1, 0.3])
    amount = np.round(rng.lognormal(3.6, 0.9, size=rows), 2)
    hour = rng.randint(0, 24, size=rows)
    distance = np.round(rng.exponential(12, size=rows), 1)
    recent = rng.poisson(2.0, size=rows)
    card_present = rng.choice(["true", "false"], size=rows, p=[0.55, 0.45])
    foreign = rng.choice(["Y", "N"], size=rows, p=[0.12, 0.88])
    night = (hour < 6).astype(float)
    score = (
        -5.3
        + 0.9 * np.log1p(amount / 50)
        + 1.3 * night
        + 0.03 * distance
        + 0.35 * recent
        + np.where(card_present == "false", 1.1, 0.0)
        + np.where(foreign == "Y", 1.6, 0.0)
        + np.select([category == "electronics", category == "online", category == "travel"], [0.8, 0.6, 0.4], 0.0)
        + rng.normal(0, 0.6, size=rows)
    )
    is_fraud = (rng.uniform(size=rows) < _sigmoid(score)).astype(int)
    frame = pd.DataFrame(
        {
            "transaction_id": [f"T{index:06d}" for index in range(rows)],
            "amount": amount,
            "hour": hour,
            "merchant_category": category,
            "distance_from_home_km": distance.astype(object),
            "transactions_last_24h": recent,
            "card_present": card_present,
            "foreign": foreign,
            "is_fraud": is_fraud,
        }
    )
    # Refunds (negative amounts) are not purchases, some distances were not recorded, and the
    # category comes in mixed case from one acquirer.
    frame.loc[rng.choice(rows, 10, replace=False), "amount"] *= -1
    frame.loc[rng.choice(rows, 14, replace=False), "distance_from_home_km"] = ""
    upper = rng.choice(rows, 20, replace=False)
    frame.loc[upper, "merchant_category"] = frame.loc[upper, "merchant_category"].str.upper()
    duplicates = frame.iloc[rng.choice(rows, 6, replace=False)]
    return pd.concat([frame, duplicates], ignore_index=True)


def main():
    RAW_DIR.mkdir(parents=True, exist_ok=True)
    churn_customers().to_csv(RAW_DIR / "churn_customers.csv", index=False)
    fraud_transactions().to_csv(RAW_DIR / "fraud_transactions.csv", index=False)
    print(f"wrote {RAW_DIR / 'churn_customers.csv'} and {RAW_DIR / 'fraud_transactions.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
