"""Switches a local model endpoint to another deployed version, atomically, and keeps the history.

An endpoint is a folder, <root>/<environment>/<model>/:

    versions/<version>/   one folder per deployed version (written by deploy_model.py)
    current.json          the pointer: which version is live, and which one was live before it
    history.jsonl         one line per switch, oldest first

The pointer is written to a temporary file in the same folder and moved over current.json with
os.replace, so a reader (predict.py --endpoint) sees the old pointer or the new one, never half
of one. Switching back is the same call with the earlier version:

    python scripts/deployment/update_model_endpoint.py endpoints/staging/churn VERSION
    python scripts/deployment/update_model_endpoint.py endpoints/staging/churn --show
"""
import argparse
import json
import os
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

POINTER_FILE = "current.json"
HISTORY_FILE = "history.jsonl"
VERSIONS_DIR = "versions"


class EndpointError(Exception):
    """A problem a person can fix: the message says what and where."""


def read_pointer(endpoint_dir):
    """The live version's pointer, or None for an endpoint that was never switched."""
    path = Path(endpoint_dir) / POINTER_FILE
    if not path.exists():
        return None
    return json.loads(path.read_text())


def current_version_dir(endpoint_dir):
    """The folder of the live version."""
    pointer = read_pointer(endpoint_dir)
    if pointer is None:
        raise EndpointError(f"{endpoint_dir}: no version is live yet (no {POINTER_FILE}); deploy one first")
    return Path(endpoint_dir) / VERSIONS_DIR / pointer["version"]


def _write_atomically(path, text):
    handle = tempfile.NamedTemporaryFile("w", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def switch(endpoint_dir, version, details=None):
    """Makes `version` the live one; returns the new pointer. Switching to the live version changes nothing."""
    endpoint_dir = Path(endpoint_dir)
    if not (endpoint_dir / VERSIONS_DIR / version).is_dir():
        raise EndpointError(f"{endpoint_dir}: version {version} is not deployed here (no {VERSIONS_DIR}/{version}/)")
    before = read_pointer(endpoint_dir)
    if before is not None and before["version"] == version:
        return before
    pointer = {
        **(details or {}),
        "version": version,
        "path": f"{VERSIONS_DIR}/{version}",
        "previous": before["version"] if before else None,
        "switched_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    _write_atomically(endpoint_dir / POINTER_FILE, json.dumps(pointer, indent=2) + "\n")
    with open(endpoint_dir / HISTORY_FILE, "a") as history:
        history.write(json.dumps(pointer) + "\n")
    return pointer


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("endpoint", help="the endpoint folder, <root>/<environment>/<model>")
    parser.add_argument("version", nargs="?", help="the deployed version to make live")
    parser.add_argument("--show", action="store_true", help="print the live pointer and change nothing")
    arguments = parser.parse_args(argv)
    try:
        if arguments.show or arguments.version is None:
            print(json.dumps(read_pointer(arguments.endpoint), indent=2))
            return 0
        pointer = switch(arguments.endpoint, arguments.version)
    except EndpointError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{arguments.endpoint}: {pointer['version']} is live (previous: {pointer['previous'] or 'none'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
