"""Fixtures for the pymilvus end-to-end suite.

The suite drives a real `kite serve` process through pymilvus `MilvusClient`.
The binary comes from $KITE_BIN (``make test-python`` sets it); when unset, the
repository's bin/kite is used if it exists.

Fixtures:
  kite             one server for the whole session (free ports, temp data dir);
                   stopped with SIGTERM at the end and its exit code checked.
  uri              that server's URI for MilvusClient.
  client           a fresh MilvusClient per test, closed afterwards.
  collection_name  a fresh, valid collection name per test (dropped afterwards).
  kite_factory     starts extra, private servers (durability tests restart or
                   kill -9 them without disturbing the shared one).
"""

import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from pymilvus import MilvusClient

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30.0
STOP_TIMEOUT = 20.0


def pytest_report_header(config):
    import pymilvus
    return [f"pymilvus {pymilvus.__version__}, kite {os.environ.get('KITE_BIN') or REPO / 'bin' / 'kite'}"]


def kite_bin() -> str:
    path = os.environ.get("KITE_BIN") or str(REPO / "bin" / "kite")
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        pytest.exit(f"kite binary not found at {path!r}: run `make build` or set KITE_BIN", returncode=2)
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class KiteServer:
    """One `kite serve` process over one data directory.

    The data directory survives stop()/kill9(), so start() after either one
    recovers the same data (on new ports unless keep_ports)."""

    def __init__(self, binary: str, data_dir: str, log_path: str, seal_rows: int | None = None):
        self.binary = binary
        self.data_dir = data_dir
        self.log_path = log_path
        self.seal_rows = seal_rows
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.metrics_port = 0
        self._log = None

    @property
    def uri(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def health_url(self) -> str:
        return f"http://127.0.0.1:{self.metrics_port}/healthz"

    def start(self, keep_ports: bool = False) -> "KiteServer":
        assert self.proc is None, "server already running"
        if not keep_ports or not self.port:
            self.port, self.metrics_port = free_port(), free_port()
            while self.metrics_port == self.port:
                self.metrics_port = free_port()
        cmd = [self.binary, "serve", "--data-dir", self.data_dir, "--host", "127.0.0.1",
               "--port", str(self.port), "--metrics-port", str(self.metrics_port)]
        if self.seal_rows:
            cmd += ["--seal-rows", str(self.seal_rows)]
        self._log = open(self.log_path, "ab")
        self._log.write(f"\n==== start: {' '.join(cmd)}\n".encode())
        self._log.flush()
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, cwd=self.data_dir)
        self.wait_healthy()
        return self

    def wait_healthy(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"kite exited with {self.proc.returncode} during start-up:\n{self.log_tail()}")
            if self.healthy():
                return
            time.sleep(0.05)
        raise RuntimeError(f"kite not healthy after {timeout}s:\n{self.log_tail()}")

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.health_url, timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    def stop(self) -> int:
        """SIGTERM and wait; returns the exit code."""
        assert self.proc is not None, "server not running"
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"kite did not stop within {STOP_TIMEOUT}s of SIGTERM:\n{self.log_tail()}")
        self._closed()
        return rc

    def kill9(self) -> None:
        assert self.proc is not None, "server not running"
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=STOP_TIMEOUT)
        self._closed()

    def restart(self, kill: bool = False) -> int | None:
        """Stop (SIGTERM, or SIGKILL when kill) and start again on the same ports.

        Returns the SIGTERM exit code, None after kill -9."""
        rc = None
        if kill:
            self.kill9()
        else:
            rc = self.stop()
            assert rc == 0, f"kite exited with {rc} on SIGTERM:\n{self.log_tail()}"
        self.start(keep_ports=True)
        return rc

    def _closed(self) -> None:
        self.proc = None
        if self._log:
            self._log.close()
            self._log = None

    def log_tail(self, n: int = 40) -> str:
        try:
            lines = Path(self.log_path).read_text(errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-n:])


@pytest.fixture(scope="session")
def kite_binary() -> str:
    return kite_bin()


@pytest.fixture(scope="session")
def kite(kite_binary, tmp_path_factory):
    base = tmp_path_factory.mktemp("kite-session")
    srv = KiteServer(kite_binary, str(base / "data"), str(base / "kite.log"))
    os.makedirs(srv.data_dir, exist_ok=True)
    srv.start()
    yield srv
    if srv.proc is not None:
        rc = srv.stop()
        assert rc == 0, f"kite exited with {rc} on SIGTERM:\n{srv.log_tail()}"


@pytest.fixture(scope="session")
def uri(kite) -> str:
    return kite.uri


@pytest.fixture
def kite_factory(kite_binary, tmp_path):
    """Start private servers: kite_factory(seal_rows=None) -> KiteServer.

    Every server still running at the end is stopped with SIGTERM and must exit 0."""
    servers = []

    def make(seal_rows: int | None = None) -> KiteServer:
        d = tmp_path / f"kite{len(servers)}"
        (d / "data").mkdir(parents=True)
        srv = KiteServer(kite_binary, str(d / "data"), str(d / "kite.log"), seal_rows=seal_rows)
        servers.append(srv)
        return srv.start()

    yield make
    for srv in servers:
        if srv.proc is not None:
            rc = srv.stop()
            assert rc == 0, f"kite exited with {rc} on SIGTERM:\n{srv.log_tail()}"


@pytest.fixture
def client(uri):
    c = MilvusClient(uri=uri)
    yield c
    c.close()


_name_counter = 0


@pytest.fixture
def collection_name(request, uri):
    """A fresh collection name; the collection is dropped after the test if it exists."""
    global _name_counter
    _name_counter += 1
    base = re.sub(r"[^0-9A-Za-z_]", "_", request.node.name)[:60]
    name = f"t{_name_counter}_{base}_{uuid.uuid4().hex[:6]}"
    yield name
    try:
        c = MilvusClient(uri=uri)
        try:
            if c.has_collection(name):
                for a in c.list_aliases(name).get("aliases", []):
                    c.drop_alias(a)
                c.drop_collection(name)
        finally:
            c.close()
    except Exception:  # best effort: the server may be down after a failed test
        pass

