import contextlib
import io
import json
import tempfile
import unittest
from pathlib import Path

from tests import support  # noqa: F401  (puts the project on sys.path)
from scripts.deployment import update_model_endpoint as endpoint


class SwitchTest(unittest.TestCase):
    def setUp(self):
        scratch = tempfile.TemporaryDirectory()
        self.addCleanup(scratch.cleanup)
        self.endpoint = Path(scratch.name) / "staging" / "churn"
        for version in ("v1", "v2"):
            (self.endpoint / "versions" / version).mkdir(parents=True)

    def history(self):
        return [json.loads(line) for line in (self.endpoint / "history.jsonl").read_text().splitlines()]

    def test_a_new_endpoint_has_no_live_version(self):
        self.assertIsNone(endpoint.read_pointer(self.endpoint))
        with self.assertRaisesRegex(endpoint.EndpointError, "no version is live"):
            endpoint.current_version_dir(self.endpoint)

    def test_switching_records_the_version_it_replaces(self):
        first = endpoint.switch(self.endpoint, "v1", {"model": "churn"})
        self.assertEqual((first["version"], first["previous"], first["model"]), ("v1", None, "churn"))
        second = endpoint.switch(self.endpoint, "v2")
        self.assertEqual((second["version"], second["previous"]), ("v2", "v1"))
        self.assertEqual(endpoint.current_version_dir(self.endpoint), self.endpoint / "versions" / "v2")
        self.assertEqual([entry["version"] for entry in self.history()], ["v1", "v2"])

    def test_switching_back_is_a_rollback(self):
        endpoint.switch(self.endpoint, "v1")
        endpoint.switch(self.endpoint, "v2")
        rolled_back = endpoint.switch(self.endpoint, "v1")
        self.assertEqual((rolled_back["version"], rolled_back["previous"]), ("v1", "v2"))

    def test_switching_to_the_live_version_changes_nothing(self):
        endpoint.switch(self.endpoint, "v1")
        endpoint.switch(self.endpoint, "v2")
        again = endpoint.switch(self.endpoint, "v2")
        self.assertEqual(again["previous"], "v1")
        self.assertEqual(len(self.history()), 2)

    def test_a_version_that_is_not_deployed_is_refused_and_the_pointer_kept(self):
        endpoint.switch(self.endpoint, "v1")
        with self.assertRaisesRegex(endpoint.EndpointError, "v3 is not deployed"):
            endpoint.switch(self.endpoint, "v3")
        self.assertEqual(endpoint.read_pointer(self.endpoint)["version"], "v1")

    def test_no_temporary_file_is_left_beside_the_pointer(self):
        endpoint.switch(self.endpoint, "v1")
        endpoint.switch(self.endpoint, "v2")
        self.assertEqual(sorted(path.name for path in self.endpoint.iterdir()), ["current.json", "history.jsonl", "versions"])

    def test_command_line(self):
        endpoint.switch(self.endpoint, "v1")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            self.assertEqual(endpoint.main([str(self.endpoint), "v2"]), 0)
            self.assertEqual(endpoint.main([str(self.endpoint), "nope"]), 1)
        self.assertEqual(endpoint.read_pointer(self.endpoint)["version"], "v2")
        self.assertIn("v2 is live (previous: v1)", out.getvalue())
        self.assertIn("version nope is not deployed", err.getvalue())


if __name__ == "__main__":
    unittest.main()
