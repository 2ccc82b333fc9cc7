"""Fixtures of the client tests: a store of the demo corpus (examples/) and the real
`isnad serve` on 127.0.0.1 with a free port, started and stopped (SIGTERM) here.

Run by scripts/test (a venv under target/ with SPARQLWrapper, selenium, pytest)."""
import os
import signal
import subprocess
import tempfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
if not os.path.isabs(TARGET):
    TARGET = os.path.join(ROOT, TARGET)
BIN = os.path.join(TARGET, "debug", "isnad")


def isnad(*args, **kw):
    """Runs isnad; returns its stdout (fails the test on an error)."""
    out = subprocess.run([BIN, *args], cwd=ROOT, capture_output=True, text=True, **kw)
    assert out.returncode == 0, f"isnad {args} failed: {out.stderr}"
    return out.stdout


@pytest.fixture(scope="session")
def store():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "store")
        isnad("--store", path, "ingest", "examples")
        yield path


@pytest.fixture(scope="session")
def server(store):
    proc = subprocess.Popen(
        [BIN, "--store", store, "serve", "--bind", "127.0.0.1:0"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    assert line.startswith("listening on http://127.0.0.1:"), line
    base = line[len("listening on "):].rstrip("/")
    yield base
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, f"serve exited with {proc.returncode}: {err}"
    assert "panicked" not in err, err
