"""Trains a logistic regression on scikit-learn's breast-cancer dataset.

Writes the fitted pipeline (pickled), the held-out split that evaluate.py scores, and a model card
to MODEL_CI_OUTPUT_DIR.
"""
import json
import os
import pickle
from pathlib import Path

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

output = Path(os.environ["MODEL_CI_OUTPUT_DIR"])
(output / "data").mkdir(parents=True, exist_ok=True)

features, labels = load_breast_cancer(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(features, labels, test_size=0.25, random_state=0, stratify=labels)
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(x_train, y_train)

with open(output / "model.pkl", "wb") as file:
    pickle.dump(model, file)
np.savez(output / "data" / "test_split.npz", x=x_test, y=y_test)
card = {"estimator": "LogisticRegression", "scikit-learn": sklearn.__version__, "train_rows": len(x_train), "model": os.environ["MODEL_CI_MODEL"]}
(output / "model-card.json").write_text(json.dumps(card, indent=2) + "\n")
print(f"trained {card['estimator']} on {len(x_train)} rows with scikit-learn {sklearn.__version__}")
