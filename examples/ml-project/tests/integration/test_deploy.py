"""A promoted model goes live on a local endpoint; a new version replaces it; an old one rolls back."""
import contextlib
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import pandas as pd

from tests import support
from scripts.deployment import deploy_model, update_model_endpoint


def promoted_artifact(trained_dir, destination, model, version):
    """A folder shaped like model-ci's artifact: manifest.json at the root, the model under outputs/."""
    shutil.copytree(trained_dir, destination / "outputs")
    files = [
        {"path": path.name, "size": path.stat().st_size, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
        for path in sorted((destination / "outputs").iterdir())
    ]
    manifest = {"schema": 1, "model": model, "status": "success", "version": version, "sha": "a" * 40, "run_id": 7, "files": files}
    (destination / "manifest.json").write_text(json.dumps(manifest))
    return destination


class DeployTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory()
        cls.trained = Path(cls.scratch.name) / "trained"
        support.train("churn", cls.trained)

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    def setUp(self):
        work = tempfile.TemporaryDirectory()
        self.addCleanup(work.cleanup)
        self.work = Path(work.name)
        self.root = self.work / "endpoints"
        self.endpoint = self.root / "staging" / "churn"

    def artifact(self, version):
        return promoted_artifact(self.trained, self.work / version, "churn", version)

    def deploy(self, model_dir, *options):
        """Runs deploy_model.py as the workflow's deploy step does; returns (exit status, stdout, stderr)."""
        argv = [sys.executable, "scripts/deployment/deploy_model.py", str(model_dir), "--environment", "staging", "--endpoint-root", str(self.root), *options]
        run = subprocess.run(argv, cwd=support.PROJECT_ROOT, capture_output=True, text=True, timeout=120)
        return run.returncode, run.stdout, run.stderr

    def deploy_in_process(self, model_dir, *options):
        """The same in this interpreter: each new one spends a second importing scikit-learn."""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = deploy_model.main([str(model_dir), "--environment", "staging", "--endpoint-root", str(self.root), *options])
        return status, out.getvalue(), err.getvalue()

    def live_version(self):
        return update_model_endpoint.read_pointer(self.endpoint)["version"]

    def test_deploys_then_switches_to_a_newer_version_then_rolls_back(self):
        status, out, err = self.deploy(self.artifact("2026.11.27-100000-aaaaaaa-r1"))
        self.assertEqual(status, 0, err)
        self.assertIn("now live (previous: none)", out)
        self.assertEqual(self.live_version(), "2026.11.27-100000-aaaaaaa-r1")

        status, _, err = self.deploy_in_process(self.artifact("2026.11.27-110000-bbbbbbb-r2"))
        self.assertEqual(status, 0, err)
        pointer = update_model_endpoint.read_pointer(self.endpoint)
        self.assertEqual((pointer["version"], pointer["previous"]), ("2026.11.27-110000-bbbbbbb-r2", "2026.11.27-100000-aaaaaaa-r1"))
        deployed = self.endpoint / "versions" / "2026.11.27-110000-bbbbbbb-r2"
        self.assertEqual(sorted(path.name for path in deployed.iterdir()), ["manifest.json", "metrics.json", "model.joblib", "model.json"])

        status, out, err = self.deploy_in_process(self.work / "2026.11.27-100000-aaaaaaa-r1")
        self.assertEqual(status, 0, err)
        self.assertIn("already deployed", out)
        self.assertEqual(self.live_version(), "2026.11.27-100000-aaaaaaa-r1")

    def test_the_outputs_folder_itself_is_accepted(self):
        # promote may hand over the artifact's outputs/ folder, with the manifest beside it.
        status, _, err = self.deploy_in_process(self.artifact("2026.11.27-120000-ccccccc-r3") / "outputs")
        self.assertEqual(status, 0, err)
        self.assertEqual(self.live_version(), "2026.11.27-120000-ccccccc-r3")

    def test_predict_uses_whatever_the_endpoint_serves(self):
        self.assertEqual(self.deploy_in_process(self.artifact("2026.11.27-100000-aaaaaaa-r1"))[0], 0)
        testing = support.model_dir("churn") / "data" / "testing_data" / "test.csv"
        argv = [sys.executable, "src/predict.py", str(testing), "--endpoint", str(self.endpoint)]
        served = subprocess.run(argv, cwd=support.model_dir("churn"), check=True, capture_output=True, text=True, timeout=60)
        predictions = pd.read_csv(io.StringIO(served.stdout))
        self.assertEqual(len(predictions), len(pd.read_csv(testing)))

    def test_a_tampered_file_is_not_deployed_and_the_live_version_stays(self):
        self.assertEqual(self.deploy_in_process(self.artifact("2026.11.27-100000-aaaaaaa-r1"))[0], 0)
        tampered = self.artifact("2026.11.27-110000-bbbbbbb-r2")
        with open(tampered / "outputs" / "model.joblib", "ab") as handle:
            handle.write(b"\0")
        status, _, err = self.deploy_in_process(tampered)
        self.assertEqual(status, 1)
        self.assertIn("model.joblib: its content is not what the manifest records", err)
        self.assertEqual(self.live_version(), "2026.11.27-100000-aaaaaaa-r1")
        self.assertFalse((self.endpoint / "versions" / "2026.11.27-110000-bbbbbbb-r2").exists())

    def test_a_model_that_does_not_load_never_goes_live(self):
        broken = self.artifact("2026.11.27-100000-aaaaaaa-r1")
        (broken / "outputs" / "model.joblib").write_bytes(b"not a model")
        manifest = json.loads((broken / "manifest.json").read_text())
        for entry in manifest["files"]:
            if entry["path"] == "model.joblib":
                entry.update(size=len(b"not a model"), sha256=hashlib.sha256(b"not a model").hexdigest())
        (broken / "manifest.json").write_text(json.dumps(manifest))
        status, _, err = self.deploy_in_process(broken)
        self.assertEqual(status, 1)
        self.assertIn("the model does not load or predict", err)
        self.assertIsNone(update_model_endpoint.read_pointer(self.endpoint))

    def test_a_failed_training_or_an_unsafe_path_is_refused(self):
        failed = self.artifact("2026.11.27-100000-aaaaaaa-r1")
        manifest = json.loads((failed / "manifest.json").read_text())
        (failed / "manifest.json").write_text(json.dumps({**manifest, "status": "failed"}))
        self.assertIn("the training failed", self.deploy_in_process(failed)[2])

        escaping = self.artifact("2026.11.27-110000-bbbbbbb-r2")
        manifest["files"].append({"path": "../manifest.json", "size": 1, "sha256": "0" * 64})
        (escaping / "manifest.json").write_text(json.dumps(manifest))
        self.assertIn("a path outside the model folder", self.deploy_in_process(escaping)[2])
        self.assertFalse(self.endpoint.exists())

    def test_a_folder_without_manifest_needs_the_model_name_and_is_versioned_by_content(self):
        self.assertIn("give --model", self.deploy_in_process(self.trained)[2])
        status, _, err = self.deploy_in_process(self.trained, "--model", "churn")
        self.assertEqual(status, 0, err)
        self.assertRegex(self.live_version(), r"^sha256-[0-9a-f]{12}$")


if __name__ == "__main__":
    unittest.main()
