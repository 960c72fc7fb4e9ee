"""Deploys a promoted model to a local endpoint and switches the endpoint to it.

    python scripts/deployment/deploy_model.py MODEL_DIR [--environment E] [--endpoint-root DIR]

MODEL_DIR is `promote`'s `model-dir` output: the trained model's files, verified against their
digests, described by the manifest.json that `train` wrote (in MODEL_DIR, or in its parent when
MODEL_DIR is the artifact's outputs/ folder). The model's name and version come from the manifest;
a folder without one (a model trained by hand) needs --model and is versioned by its content.

The script
  1. checks each file the manifest lists (size and sha256) and copies them into
     <root>/<environment>/<model>/versions/<version>/ (written aside, then renamed into place);
  2. loads the copy and predicts on the model's testing data, so that a model that does not load
     or predicts nonsense never goes live;
  3. switches the endpoint to the new version with update_model_endpoint.py, which records the
     version it replaces.
Deploying the live version again changes nothing; deploying an earlier one is a rollback.

The endpoint root is --endpoint-root, else $MODEL_ENDPOINT_ROOT, else ./endpoints. A real
deployment would push to a serving platform here instead; the steps stay the same.
"""
import argparse
import hashlib
import json
import math
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path, PurePosixPath

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from scripts import model_files  # noqa: E402
from scripts.deployment import update_model_endpoint  # noqa: E402
from scripts.model_evaluation import performance_metrics  # noqa: E402

MANIFEST_FILE = "manifest.json"
# Names that become folder names: no separators, no leading dot (model-ci's model-name rule).
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


class DeployError(Exception):
    """A reason not to deploy; the message says what is wrong and where."""


def find_manifest(model_dir):
    """(manifest, folder its file paths are relative to) or (None, model_dir) when there is none."""
    model_dir = Path(model_dir)
    for manifest_path, files_dir in (
        (model_dir / MANIFEST_FILE, model_dir / "outputs" if (model_dir / "outputs").is_dir() else model_dir),
        (model_dir.parent / MANIFEST_FILE, model_dir),
    ):
        if manifest_path.is_file():
            manifest = json.loads(manifest_path.read_text())
            if manifest.get("status") != "success":
                raise DeployError(f"{manifest_path}: the training failed (status {manifest.get('status')!r}); there is no model to deploy")
            return manifest, files_dir
    return None, model_dir


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checked_files(manifest, files_dir):
    """The manifest's files as relative paths, each checked against its size and sha256."""
    paths = []
    for entry in manifest.get("files", []):
        relative = PurePosixPath(entry["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise DeployError(f"the manifest lists {entry['path']!r}, a path outside the model folder")
        path = Path(files_dir, *relative.parts)
        if not path.is_file():
            raise DeployError(f"{path}: listed in the manifest but missing")
        if path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
            raise DeployError(f"{path}: its content is not what the manifest records")
        paths.append(relative)
    if PurePosixPath(model_files.MODEL_FILE) not in paths:
        raise DeployError(f"the manifest lists no {model_files.MODEL_FILE}; this folder holds no model this script can deploy")
    return paths


def safe_name(value, what):
    if not isinstance(value, str) or not SAFE_NAME.match(value):
        raise DeployError(f"{what} {value!r} cannot name a folder: use letters, digits, '.', '_' and '-'")
    return value


def identify(model_dir, manifest, model_option):
    """(model name, version) of what is being deployed."""
    if manifest is not None:
        if model_option is not None and model_option != manifest["model"]:
            raise DeployError(f"--model {model_option} was given, but the manifest is for model {manifest['model']}")
        return safe_name(manifest["model"], "model"), safe_name(manifest["version"], "version")
    if model_option is None:
        raise DeployError(f"{model_dir}: no {MANIFEST_FILE} here or in the parent folder; give --model to deploy a model trained by hand")
    return safe_name(model_option, "model"), "sha256-" + sha256_of(Path(model_dir) / model_files.MODEL_FILE)[:12]


def install_version(files_dir, relative_paths, manifest, version_dir):
    """Copies the files into version_dir: into a folder beside it first, renamed into place when complete."""
    if version_dir.is_dir():
        return False
    version_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=version_dir.parent, prefix=f".{version_dir.name}."))
    try:
        if relative_paths is None:
            shutil.copytree(files_dir, staging, dirs_exist_ok=True)
        for relative in relative_paths or []:
            target = staging.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(Path(files_dir, *relative.parts), target)
        if manifest is not None:
            (staging / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
        os.rename(staging, version_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return True


def smoke_test(version_dir, data_file):
    """Loads the deployed copy and predicts on labeled data; returns its metrics there."""
    try:
        estimator, info = model_files.load_model(version_dir)
        features, labels = model_files.read_dataset(data_file)
        probability = model_files.predict_probability(estimator, info, features)
    except Exception as error:  # any failure to load or predict means: do not switch
        raise DeployError(f"{version_dir}: the model does not load or predict on {data_file}: {error}") from error
    if len(probability) != len(labels) or not all(0.0 <= p <= 1.0 and math.isfinite(p) for p in probability):
        raise DeployError(f"{version_dir}: the model's predictions on {data_file} are not one probability per row")
    return performance_metrics.classification_metrics(labels, probability, info.get("threshold", 0.5))


def deploy(model_dir, environment, endpoint_root, model=None, smoke_data=None):
    """Deploys and switches; returns what happened, for the log and the job summary."""
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        raise DeployError(f"{model_dir}: not a folder; pass promote's model-dir output")
    manifest, files_dir = find_manifest(model_dir)
    name, version = identify(model_dir, manifest, model)
    relative_paths = checked_files(manifest, files_dir) if manifest is not None else None
    endpoint_dir = Path(endpoint_root) / safe_name(environment, "environment") / name
    version_dir = endpoint_dir / update_model_endpoint.VERSIONS_DIR / version
    copied = install_version(files_dir, relative_paths, manifest, version_dir)
    data_file = Path(smoke_data) if smoke_data else PROJECT_ROOT / "models" / name / "data" / "testing_data" / "test.csv"
    metrics = smoke_test(version_dir, data_file)
    details = {"model": name, "environment": environment}
    if manifest is not None:
        details.update({"sha": manifest.get("sha"), "run_id": manifest.get("run_id")})
    pointer = update_model_endpoint.switch(endpoint_dir, version, details)
    return {"model": name, "environment": environment, "version": version, "endpoint": str(endpoint_dir), "copied": copied, "previous": pointer["previous"], "smoke_metrics": metrics}


def write_job_summary(result):
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary_file:
        return
    lines = [
        f"### Deployed `{result['model']}` to `{result['environment']}`",
        "",
        f"- version: `{result['version']}` (replaces `{result['previous'] or 'nothing'}`)",
        f"- endpoint: `{result['endpoint']}`",
        f"- accuracy of the deployed copy on the testing data: {result['smoke_metrics']['accuracy']}",
        "",
    ]
    with open(summary_file, "a") as summary:
        summary.write("\n".join(lines))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", help="promote's model-dir output (or a folder with model.joblib and model.json)")
    parser.add_argument("--environment", default="local", help="the environment to deploy to (default: local)")
    parser.add_argument("--endpoint-root", default=os.environ.get("MODEL_ENDPOINT_ROOT") or "endpoints", help="folder of the endpoints (default: $MODEL_ENDPOINT_ROOT or ./endpoints)")
    parser.add_argument("--model", help="the model's name, when the folder has no manifest")
    parser.add_argument("--smoke-data", help="labeled CSV to check the deployed copy on (default: the model's testing data)")
    arguments = parser.parse_args(argv)
    try:
        result = deploy(arguments.model_dir, arguments.environment, arguments.endpoint_root, arguments.model, arguments.smoke_data)
    except (DeployError, update_model_endpoint.EndpointError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    action = "deployed" if result["copied"] else "already deployed"
    print(
        f"{result['model']} {result['version']}: {action} to {result['endpoint']}, now live "
        f"(previous: {result['previous'] or 'none'}); accuracy on the testing data {result['smoke_metrics']['accuracy']}"
    )
    write_job_summary(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
