"""Writes the models' monitoring data (run once; the output is committed).

`model-ci monitor` measures the live version of a model on its data/monitoring folder (see
the models' model.yml). The sets come from the same generators as data/raw, with seeds of their
own, so they are cases the models have never seen:

- models/<model>/data/monitoring/recent.csv: this month's cases, as the models were trained for;
- drift/churn/recent.csv: the same customers after the CRM started counting chat messages as
  support calls (three more per customer). Who churns has not changed, but the model reads the
  calls as unhappiness and predicts churn for loyal customers: its accuracy falls from 0.79 to
  0.70. Copy it over models/churn/data/monitoring/recent.csv to see a monitoring run open an issue.

A few hundred cases move a metric by a few hundredths by chance, more than this example's
tolerances (accuracy 0.01, losses 2%); the seeds are ones whose healthy sets stay within them.

    python scripts/data_preprocessing/generate_monitoring_data.py
"""
import sys
from pathlib import Path


PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from scripts.data_preprocessing.data_cleanup import clean_churn, clean_fraud  # noqa: E402
from scripts.data_preprocessing.generate_raw_data import churn_customers, fraud_transactions  # noqa: E402
from scripts.data_preprocessing.preprocess_data import churn_features, fraud_features  # noqa: E402

CHURN_MONITORING_SEED = 20261217
FRAUD_MONITORING_SEED = 20261206
EXTRA_SUPPORT_CALLS = 3


def main():
    churn = churn_features(clean_churn(churn_customers(rows=200, seed=CHURN_MONITORING_SEED).astype(str)))
    fraud = fraud_features(clean_fraud(fraud_transactions(rows=250, seed=FRAUD_MONITORING_SEED).astype(str)))
    drifted = churn.copy()
    drifted["support_calls"] = drifted["support_calls"] + EXTRA_SUPPORT_CALLS
    written = {
        PROJECT_ROOT / "models" / "churn" / "data" / "monitoring" / "recent.csv": churn,
        PROJECT_ROOT / "models" / "fraud" / "data" / "monitoring" / "recent.csv": fraud,
        PROJECT_ROOT / "drift" / "churn" / "recent.csv": drifted,
    }
    for path, table in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(path, index=False)
        print(f"wrote {path.relative_to(PROJECT_ROOT)}: {len(table)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
