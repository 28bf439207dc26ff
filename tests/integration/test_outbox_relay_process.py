"""The relay process (``unicom relay``) on a SQLite file: killed with SIGKILL
in the middle of a batch and restarted, every event is published at least once and every
entry marked sent exactly once; SIGTERM stops it cleanly.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from unicom_sql import cli, create_storage

from unicom_core.domain.access import PasswordReset
from unicom_core.testing.contracts import AT

EVENTS = 12
BATCH = 5
PROBE = textwrap.dedent(
    """
    import os
    import time

    from unicom_core.ports.shared.event_publisher import PublishOutcome


    class FilePublisher:
        def publish(self, entries):
            with open(os.environ["RELAY_PROBE_FILE"], "a") as out:
                for entry in entries:
                    out.write(entry.event.event_id + "\\n")
                out.flush()
                os.fsync(out.fileno())
            if os.environ.get("RELAY_PROBE_HANG") == "1":
                time.sleep(3600)  # published, never marked: the test kills us here
            return [PublishOutcome(entry.id, delivered=True) for entry in entries]


    def publisher():
        return FilePublisher()
    """
)


def _append(url, n):
    storage = create_storage(url)
    try:
        with storage.transaction() as tx:
            made = [PasswordReset(aggregate_id=f"credential-{i}", occurred_at=AT) for i in range(n)]
            for event in made:
                tx.outbox.append(event)
    finally:
        storage.close()
    return [event.event_id for event in made]


def _unsent(url):
    storage = create_storage(url)
    try:
        with storage.transaction() as tx:
            return [entry.id for entry in tx.outbox.pending(500)]
    finally:
        storage.close()


def _wait_for(condition, what, seconds=60.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def _start(url, tmp_path, *, hang):
    (tmp_path / "relay_probe.py").write_text(PROBE)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")]))
    env["RELAY_PROBE_FILE"] = str(tmp_path / "published.txt")
    env["RELAY_PROBE_HANG"] = "1" if hang else "0"
    command = [
        sys.executable,
        "-m",
        "unicom_sql",
        "--database-url",
        url,
        "relay",
        "--publisher",
        "relay_probe:publisher",
        "--batch",
        str(BATCH),
        "--lease-seconds",
        "1",
        "--idle-sleep",
        "0.05",
    ]
    # Our own interpreter, module and arguments: nothing untrusted reaches the command.
    return subprocess.Popen(  # noqa: S603
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _published(tmp_path):
    path = tmp_path / "published.txt"
    return path.read_text().split() if path.exists() else []


def test_a_relay_killed_mid_batch_republishes_and_marks_each_entry_once(sqlite_url, tmp_path):
    event_ids = _append(sqlite_url, EVENTS)
    first = _start(sqlite_url, tmp_path, hang=True)
    try:
        _wait_for(lambda: len(_published(tmp_path)) == BATCH, "the first batch to be published")
    finally:
        first.kill()  # SIGKILL: no handler runs, nothing is marked
        first.communicate(timeout=30)
    assert first.returncode == -signal.SIGKILL
    assert len(_unsent(sqlite_url)) == EVENTS

    second = _start(sqlite_url, tmp_path, hang=False)
    try:
        _wait_for(lambda: _unsent(sqlite_url) == [], "every entry to be marked sent")
    finally:
        second.send_signal(signal.SIGTERM)
        out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    # Exactly once: the restarted relay marked every entry, and none twice.
    assert out.strip() == f"relay stopped: {EVENTS} marked sent"
    published = _published(tmp_path)
    assert set(published) == set(event_ids)  # at least once
    assert published[:BATCH] == event_ids[:BATCH]
    assert sorted(published.count(i) for i in event_ids) == [1] * (EVENTS - BATCH) + [2] * BATCH


def test_the_relay_command_runs_one_pass_and_purges(sqlite_url, capsys):
    _append(sqlite_url, 3)
    assert cli.main(["--database-url", sqlite_url, "relay", "--once", "--purge"]) == 0
    assert capsys.readouterr().out == "relayed once: 3 marked sent, 0 failed, 0 purged\n"
    assert _unsent(sqlite_url) == []
    assert (
        cli.main(
            [
                "--database-url",
                sqlite_url,
                "relay",
                "--once",
                "--purge",
                "--retention-days",
                "0.0000001",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.endswith(", 3 purged\n")


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        (["--publisher", "no_such_module_here:make"], "relay.publisher"),
        (["--batch", "0"], "relay.settings"),
        (["--lease-seconds", "-1"], "relay.settings"),
    ],
)
def test_the_relay_command_fails_in_one_line_on_bad_options(sqlite_url, arguments, code, capsys):
    assert cli.main(["--database-url", sqlite_url, "relay", "--once", *arguments]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"unicom: error: [{code}]")
    assert err.count("\n") == 1
