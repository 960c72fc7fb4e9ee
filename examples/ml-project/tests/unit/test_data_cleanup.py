import unittest

import pandas as pd

from tests import support  # noqa: F401  (puts the project on sys.path)
from scripts.data_preprocessing import data_cleanup


class NormalizeCategoryTest(unittest.TestCase):
    def test_one_spelling_for_case_spaces_and_dashes(self):
        values = pd.Series([" Month-to-month ", "month to month", "Fiber optic", "DSL"])
        self.assertEqual(list(data_cleanup.normalize_category(values)), ["month_to_month", "month_to_month", "fiber_optic", "dsl"])

    def test_blank_is_missing(self):
        self.assertTrue(pd.isna(data_cleanup.normalize_category(pd.Series(["  "]))[0]))


class ParseFlagTest(unittest.TestCase):
    def test_words_and_digits(self):
        values = pd.Series(["Yes", "no", "TRUE", "false", "Y", "n", "1", "0"])
        self.assertEqual(list(data_cleanup.parse_flag(values)), [1, 0, 1, 0, 1, 0, 1, 0])

    def test_anything_else_is_missing(self):
        flags = data_cleanup.parse_flag(pd.Series(["maybe", "", None]))
        self.assertTrue(flags.isna().all())


class NumbersTest(unittest.TestCase):
    def test_blanks_and_text_become_nan(self):
        numbers = data_cleanup.to_number(pd.Series(["1.5", "", "n/a", "-2"]))
        self.assertEqual(numbers[0], 1.5)
        self.assertEqual(numbers[3], -2.0)
        self.assertTrue(numbers[[1, 2]].isna().all())

    def test_fill_with_median_leaves_the_input_alone(self):
        frame = pd.DataFrame({"x": [1.0, None, 3.0, 10.0]})
        filled = data_cleanup.fill_missing_with_median(frame, ["x"])
        self.assertEqual(list(filled["x"]), [1.0, 3.0, 3.0, 10.0])
        self.assertTrue(pd.isna(frame["x"][1]))

    def test_duplicate_ids_keep_the_first_row(self):
        frame = pd.DataFrame({"id": ["a", "b", "a"], "v": [1, 2, 3]})
        self.assertEqual(data_cleanup.drop_duplicate_ids(frame, "id")["v"].tolist(), [1, 2])


def churn_row(customer_id, **overrides):
    row = {
        "customer_id": customer_id,
        "tenure_months": "10",
        "monthly_charges": "50.0",
        "total_charges": "500.0",
        "support_calls": "1",
        "contract": "One year",
        "internet_service": "DSL",
        "paperless_billing": "Yes",
        "churned": "No",
    }
    return {**row, **overrides}


class CleanDatasetsTest(unittest.TestCase):
    def test_churn_drops_duplicates_and_unlabeled_rows_and_completes_totals(self):
        raw = pd.DataFrame([churn_row("C1"), churn_row("C1"), churn_row("C2", churned=""), churn_row("C3", total_charges="", tenure_months="2")])
        clean = data_cleanup.clean_churn(raw)
        self.assertEqual(clean["customer_id"].tolist(), ["C1", "C3"])
        self.assertEqual(clean["total_charges"].tolist(), [500.0, 100.0])
        self.assertEqual(clean["contract"].tolist(), ["one_year", "one_year"])

    def test_fraud_drops_refunds_and_fills_distances(self):
        raw = pd.DataFrame(
            {
                "transaction_id": ["T1", "T2", "T3", "T4"],
                "amount": ["10", "-10", "30", "40"],
                "hour": ["1", "2", "3", "4"],
                "merchant_category": ["ONLINE", "fuel", "fuel", "travel"],
                "distance_from_home_km": ["2", "4", "", "8"],
                "transactions_last_24h": ["0", "1", "2", "3"],
                "card_present": ["true", "false", "true", "false"],
                "foreign": ["N", "Y", "N", "Y"],
                "is_fraud": ["0", "1", "0", "1"],
            }
        )
        clean = data_cleanup.clean_fraud(raw)
        self.assertEqual(clean["transaction_id"].tolist(), ["T1", "T3", "T4"])
        self.assertEqual(clean["distance_from_home_km"].tolist(), [2.0, 5.0, 8.0])
        self.assertEqual(clean["merchant_category"].tolist(), ["online", "fuel", "travel"])
        self.assertEqual(clean["card_present"].tolist(), [1, 1, 0])


if __name__ == "__main__":
    unittest.main()
