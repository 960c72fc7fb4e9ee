"""What the tests share: the project's paths, and running a model's scripts the way model-ci does."""
import os
import shlex
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

MODELS = ("churn", "fraud")


def model_dir(model):
    return PROJECT_ROOT / "models" / model


def run_in_model_dir(model, argv, output_dir, timeout=120):
    """Runs argv in the model's folder with model-ci's variables, writing into output_dir; returns the process."""
    env = {
        **os.environ,
        "MODEL_CI_MODEL": model,
        "MODEL_CI_MODEL_DIR": str(model_dir(model)),
        "MODEL_CI_OUTPUT_DIR": str(output_dir),
        "MODEL_CI_METRICS_FILE": str(Path(output_dir) / "metrics.json"),
        "MODEL_CI_DATA_DIR": str(model_dir(model) / "data"),
        "MODEL_CI_SHA": "0" * 40,
    }
    completed = subprocess.run(argv, cwd=model_dir(model), env=env, capture_output=True, text=True, timeout=timeout)
    if completed.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, argv))} exited with {completed.returncode}:\n{completed.stdout}\n{completed.stderr}")
    return completed


def evaluate_command(model):
    """The `evaluate` command of the model's model.yml, or None. The examples write it on one line,
    `evaluate: python ...`; reading that line keeps the tests free of a YAML library."""
    model_yml = model_dir(model) / "model.yml"
    if not model_yml.exists():
        return None
    for line in model_yml.read_text().splitlines():
        if line.startswith("evaluate:"):
            return shlex.split(line.partition(":")[2])
    return None


def with_this_python(argv):
    """argv with `python` replaced by this interpreter, as model-ci replaces it with the venv's."""
    return [sys.executable, *argv[1:]] if argv[0] in ("python", "python3") else argv


def train(model, output_dir):
    """Trains like model-ci: src/train.py, then the model's evaluate command if it has one."""
    run_in_model_dir(model, [sys.executable, "src/train.py"], output_dir)
    evaluate = evaluate_command(model)
    if evaluate:
        run_in_model_dir(model, with_this_python(evaluate), output_dir)
