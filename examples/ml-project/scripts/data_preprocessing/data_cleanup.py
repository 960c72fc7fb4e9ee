"""Cleans the raw exports in data/raw/: the row-level fixes, before any feature is built.

Each function takes and returns a pandas DataFrame (or Series) and never changes its input.
"""
import pandas as pd

TRUE_WORDS = {"yes", "y", "true", "t", "1"}
FALSE_WORDS = {"no", "n", "false", "f", "0"}


def normalize_category(values):
    """' Month-to-month ' and 'month to month' become 'month_to_month'; blanks stay missing."""
    text = values.astype("string").str.strip().str.lower()
    return text.str.replace(r"[\s\-]+", "_", regex=True).replace("", pd.NA)


def parse_flag(values):
    """yes/no, y/n, true/false, 1/0 (any case) as 1/0; anything else is missing (pd.NA)."""
    text = values.astype("string").str.strip().str.lower()
    flags = pd.Series(pd.NA, index=values.index, dtype="Int64")
    flags[text.isin(TRUE_WORDS).fillna(False)] = 1
    flags[text.isin(FALSE_WORDS).fillna(False)] = 0
    return flags


def to_number(values):
    """Numbers as floats; blanks and text that is not a number become NaN."""
    return pd.to_numeric(values.replace("", None), errors="coerce").astype(float)


def drop_duplicate_ids(frame, id_column):
    """Keeps the first row of each id: exports repeat a record when it was touched twice."""
    return frame.drop_duplicates(subset=[id_column], keep="first").reset_index(drop=True)


def fill_missing_with_median(frame, columns):
    """Fills NaN in `columns` with each column's median, so no row is lost for one blank value."""
    filled = frame.copy()
    for column in columns:
        filled[column] = filled[column].fillna(filled[column].median())
    return filled


def clean_churn(raw):
    """One row per labeled customer, numbers as numbers, categories in one spelling."""
    frame = drop_duplicate_ids(raw, "customer_id")
    frame = frame.assign(
        tenure_months=to_number(frame["tenure_months"]),
        monthly_charges=to_number(frame["monthly_charges"]),
        total_charges=to_number(frame["total_charges"]),
        support_calls=to_number(frame["support_calls"]),
        contract=normalize_category(frame["contract"]),
        internet_service=normalize_category(frame["internet_service"]),
        paperless_billing=parse_flag(frame["paperless_billing"]),
        churned=parse_flag(frame["churned"]),
    )
    frame = frame[frame["churned"].notna()]
    # A blank total is a customer in their first bill: tenure times the monthly charge is what it will be.
    frame = frame.assign(total_charges=frame["total_charges"].fillna(frame["tenure_months"] * frame["monthly_charges"]))
    return frame.reset_index(drop=True)


def clean_fraud(raw):
    """One row per purchase (refunds dropped), numbers as numbers, flags as 1/0."""
    frame = drop_duplicate_ids(raw, "transaction_id")
    frame = frame.assign(
        amount=to_number(frame["amount"]),
        hour=to_number(frame["hour"]),
        distance_from_home_km=to_number(frame["distance_from_home_km"]),
        transactions_last_24h=to_number(frame["transactions_last_24h"]),
        merchant_category=normalize_category(frame["merchant_category"]),
        card_present=parse_flag(frame["card_present"]),
        foreign=parse_flag(frame["foreign"]),
        is_fraud=parse_flag(frame["is_fraud"]),
    )
    frame = frame[(frame["amount"] > 0) & frame["is_fraud"].notna()]
    frame = fill_missing_with_median(frame, ["distance_from_home_km"])
    return frame.reset_index(drop=True)
