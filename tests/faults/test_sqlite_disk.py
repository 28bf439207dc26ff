"""A full or read-only disk under SQLite: a typed AdapterError, nothing half-written, a sound file.

On a real full disk and under a disk that turns read-only, the hall keeps running through
the fault and writes again once the disk does, without a restart. The ways to make SQLite's
disk refuse, as root (file permissions do not stop root, so they prove nothing):

* full: ``PRAGMA max_page_count`` capping the file at its size on every connection of a
  hall (SQLite answers ``SQLITE_FULL``, as it does for ``ENOSPC``), always; and a real full
  disk, a small tmpfs filled with ballast, where mounting is permitted;
* read-only while serving: the database file and its WAL made immutable (``chattr +i``):
  each ``write`` then fails as on a disk remounted read-only (``SQLITE_IOERR``); Linux
  refuses to remount a disk read-only while a process holds a file open for writing, so a
  running hall meets a read-only disk exactly this way (the WAL index, ``-shm``, is a
  shared memory map and stays writable, as it would in memory);
* read-only at start: a read-only bind mount of the database's directory, where mounting
  is permitted: a WAL database cannot even be opened there (``SQLITE_CANTOPEN``).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import event
from tests.faults.halls import OPENING, login, make_hall, provision
from unicom_sql import SqlStorage, create_engine, create_storage
from unicom_sql.codes import STORAGE_DISK_FULL, STORAGE_READ_ONLY_DISK

from unicom_core.domain.payments import PaymentMethod, attempt_id
from unicom_core.domain.shared import Money, ResidentId, check_character
from unicom_core.domain.subscribers import AccountId, Customer, CustomerId
from unicom_core.errors import AdapterError

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.faults


def _integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def _customers(count: int) -> list[Customer]:
    people = []
    for index in range(count):
        first17 = f"11010519900101{index % 1000:03d}"
        resident = ResidentId(first17 + check_character(first17))
        people.append(Customer(CustomerId(f"bulk-{index}"), "王五" * 20, resident))
    return people


def _bulk_write(storage) -> None:
    with storage.transaction() as tx:
        for customer in _customers(400):
            tx.customers.add(customer)


def _refused_whole(hall, code: str, token: str | None) -> None:
    """A big transaction (and a top-up, given a token) is refused with ``code``; nothing stays."""
    with pytest.raises(AdapterError) as caught:
        _bulk_write(hall.storage)
    assert caught.value.code == code
    if token is not None:
        with pytest.raises(AdapterError) as paying:
            hall.payments.top_up(token, "top-up-50", idempotency_key="k-refused")
        assert paying.value.code == code
    with hall.storage.read() as tx:
        assert tx.customers.find(CustomerId("bulk-0")) is None
        assert tx.customers.find(CustomerId("bulk-399")) is None
        assert tx.payment_attempts.find(attempt_id("s0", "k-refused")) is None
        assert tx.accounts.get(AccountId("a0")).balance == OPENING


def _writes_again(hall, token: str) -> None:
    """Once the disk takes writes, the same hall pays again (no restart)."""
    paid = hall.payments.top_up(
        token, "top-up-50", idempotency_key="k-after", method=PaymentMethod.APP
    )
    assert paid.payment.credit == Money(5000)
    with hall.storage.read() as tx:
        assert tx.accounts.get(AccountId("a0")).balance == OPENING + Money(5000)


def _hall_and_token(url: str):
    hall = make_hall(create_storage(url))
    provision(hall, 1)
    return hall, login(hall, 0)


def _page_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA page_count").fetchone()[0])
    finally:
        connection.close()


def test_a_full_database_refuses_a_whole_write_and_stays_sound(sqlite_file):
    """``max_page_count`` caps the file at its size: a write needing pages is refused whole.

    A write that fits in the file's free pages may still pass (as on a real disk), so only
    the big transaction is sure to be refused; the cap holds for the capped hall's life.
    """
    url = f"sqlite:///{sqlite_file}"
    hall, token = _hall_and_token(url)
    hall.close()
    engine = create_engine(url)
    pages = _page_count(sqlite_file)

    @event.listens_for(engine, "connect")
    def cap(connection, _record):
        connection.execute(f"PRAGMA max_page_count = {pages}")

    capped = make_hall(SqlStorage(engine))
    try:
        _refused_whole(capped, STORAGE_DISK_FULL.code, None)
    finally:
        capped.close()
    assert _integrity(sqlite_file) == "ok"
    freed = make_hall(create_storage(url))
    try:
        _writes_again(freed, token)
    finally:
        freed.close()


def _tool(*command: str) -> None:
    """Run mount, umount or chattr with the fixed arguments given here."""
    subprocess.run(command, check=True, capture_output=True, timeout=30)  # noqa: S603 - ours


def _mount(*arguments: str) -> None:
    try:
        _tool("mount", *arguments)
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"mounting is not permitted here ({error}): the fault cannot be made")


def _unmount(target: Path) -> None:
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        _tool("umount", "-l", str(target))


def _fill(disk: Path) -> Path:
    ballast = disk / "ballast"
    with ballast.open("wb") as sink:
        try:
            while True:
                sink.write(b"\0" * 65536)
                sink.flush()
        except OSError:
            pass  # ENOSPC: the disk is full
    return ballast


def test_a_full_disk_refuses_whole_writes_and_takes_them_again_once_freed(
    tmp_path, migrated_sqlite
):
    disk = tmp_path / "disk"
    disk.mkdir()
    _mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk))
    try:
        shutil.copyfile(migrated_sqlite, disk / "hall.sqlite3")
        hall, token = _hall_and_token(f"sqlite:///{disk / 'hall.sqlite3'}")
        try:
            ballast = _fill(disk)
            _refused_whole(hall, STORAGE_DISK_FULL.code, token)
            ballast.unlink()
            _writes_again(hall, token)
        finally:
            hall.close()
        assert _integrity(disk / "hall.sqlite3") == "ok"
    finally:
        _unmount(disk)


def _immutable(paths: list[Path], *, on: bool) -> None:
    flag = "+i" if on else "-i"
    try:
        _tool("chattr", flag, *map(str, paths))
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"chattr cannot make files immutable here ({error})")


def test_a_read_only_disk_under_a_serving_hall_refuses_writes_and_keeps_reads(sqlite_file):
    hall, token = _hall_and_token(f"sqlite:///{sqlite_file}")
    files = [sqlite_file, sqlite_file.with_name(sqlite_file.name + "-wal")]
    try:
        assert files[1].exists()  # the hall holds its WAL open
        _immutable(files, on=True)
        try:
            _refused_whole(hall, STORAGE_READ_ONLY_DISK.code, token)
        finally:
            _immutable(files, on=False)
        _writes_again(hall, token)
    finally:
        hall.close()
    assert _integrity(sqlite_file) == "ok"


def test_a_hall_opened_on_a_read_only_disk_is_refused_with_a_clear_code(tmp_path, migrated_sqlite):
    source, view = tmp_path / "rw", tmp_path / "ro"
    source.mkdir()
    view.mkdir()
    shutil.copyfile(migrated_sqlite, source / "hall.sqlite3")
    _mount("--bind", str(source), str(view))
    try:
        _mount("-o", "remount,bind,ro", str(view))
        with pytest.raises(AdapterError) as caught:
            create_storage(f"sqlite:///{view / 'hall.sqlite3'}")
        assert caught.value.code == STORAGE_READ_ONLY_DISK.code
    finally:
        _unmount(view)
    assert _integrity(source / "hall.sqlite3") == "ok"
