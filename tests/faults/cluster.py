"""A PostgreSQL cluster of the fault tests' own, which they may stop and start at will.

The suite's shared server (``UNICOM_TEST_PG_URL``) is never restarted: other tests run on
it at the same time. This cluster is made the way ``.ci/postgres.sh`` makes that one (the
server refuses to run as root, so as root it runs as the unprivileged ``unicom-pg`` user, on
a directory under /tmp; fsync off: the data is thrown away), and removed by
:meth:`Cluster.remove`.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

_USER = "unicom-pg"
_TIMEOUT = 60


def server_bindir() -> Path | None:
    """The directory of ``initdb`` and ``pg_ctl`` (Debian keeps them off PATH), or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _tool(*command: str) -> None:
    """Run a system or PostgreSQL program with the fixed arguments given here."""
    subprocess.run(command, check=True, capture_output=True, timeout=_TIMEOUT)  # noqa: S603 - ours


class Cluster:
    """A throw-away cluster on a free localhost port, trusting local connections."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="unicom-pg-faults.", dir="/tmp"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        self._owner = self._ensure_owner()
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def _ensure_owner(self) -> str | None:
        if os.geteuid() != 0:
            return None
        try:
            pwd.getpwnam(_USER)
        except KeyError:
            _tool("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", _USER)
        shutil.chown(self.root, _USER)
        self.root.chmod(0o700)
        return _USER

    def _run(self, program: str, *arguments: str) -> None:
        command = [str(self.bindir / program), *arguments]
        if self._owner is not None:
            command = ["runuser", "-u", self._owner, "--", *command]
        _tool(*command)

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off -c max_connections=50"
        )
        log = str(self.root / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-w", "-o", options, "start")

    def stop(self) -> None:
        """Stop the server the way an administrator restarting it does (``-m fast``)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        """Stop the server if it runs and delete its directory."""
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass  # not running
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
