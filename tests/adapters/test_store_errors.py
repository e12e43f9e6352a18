"""Opening a store that cannot be opened: a StoreError that names the cause and the fix.

Every way of opening (the market and the views, on SQLite and on PostgreSQL) meets every
failure that applies to it. The PostgreSQL openers are given ``connect_timeout_s=2``: each
failure must come from that bound (or sooner), never from eventsourcing's 30 s pool wait; the
tests assert that the call returns with the right error, not how long it took.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sharemarket import ShareMarket, StoreError
from sharemarket.adapters.sqlite_files import SQLITE_HEADER
from sharemarket.park_views import ParkViews
from tests.conftest import postgres_dsn
from tests.park_scene import ADMIN

# SQLite ---------------------------------------------------------------------------------------


class ReadOnly:
    """Makes folders that nobody can write to, root included, and makes them writable again.

    The tests run as root, and root ignores permission bits: ``chmod 555`` alone stops only
    other users. So the folder is also made immutable (``chattr +i``, honoured by ext4, xfs
    and btrfs): then not even root can create a file in it, and ``os.access`` says so. A
    read-only bind mount would do too but needs mount rights the tests do not have. Where
    ``chattr`` is missing or refused, the fixture fails with the reason (it never skips).
    """

    def __init__(self) -> None:
        self.made: list[Path] = []

    def make(self, folder: Path) -> Path:
        folder.chmod(0o555)
        if os.geteuid() == 0:
            subprocess.run(["chattr", "+i", str(folder)], check=True, capture_output=True)
        self.made.append(folder)
        with pytest.raises(PermissionError):  # the precondition: really read-only, for this process
            (folder / "probe").touch()
        return folder

    def undo(self) -> None:
        for folder in self.made:
            if os.geteuid() == 0:
                subprocess.run(["chattr", "-i", str(folder)], check=True, capture_output=True)
            folder.chmod(0o755)


@pytest.fixture
def read_only() -> Iterator[ReadOnly]:
    made = ReadOnly()
    yield made
    made.undo()


def garbage(path: Path, content: bytes = b"not a database, " * 64) -> Path:
    path.write_bytes(content)
    return path


def new_folder(path: Path) -> Path:
    path.mkdir()
    return path


def regular_file(path: Path) -> Path:
    path.write_text("a regular file")
    return path


def existing_market(folder: Path) -> Path:
    with ShareMarket.sqlite(folder / "market.sqlite") as market:
        market.park.establish(ADMIN, request_id="park", name="德化陶瓷产业园")
    return folder


def existing_views(folder: Path) -> Path:
    ParkViews.sqlite(folder).close()
    return folder


class Failure:
    """One way an SQLite store fails to open: what each opener is pointed at, and the answer."""

    def __init__(
        self,
        *,
        market: Callable[[Path, ReadOnly], Path] | None,
        views: Callable[[Path, ReadOnly], Path] | None,
        cause: str,
        fix: str,
    ) -> None:
        self.targets = {"market": market, "views": views}
        self.cause = cause
        self.fix = fix


# The market is given its file, the views their folder. None: the failure cannot happen to
# that opener (the views create a missing folder; the market's folder is not created).
SQLITE_FAILURES = {
    "read-only folder": Failure(
        market=lambda t, ro: ro.make(new_folder(t / "ro")) / "market.sqlite",
        views=lambda t, ro: ro.make(new_folder(t / "views")),
        cause=r"folder \S+ is read-only",
        fix="make the folder writable",
    ),
    "existing store in a read-only folder": Failure(
        market=lambda t, ro: ro.make(existing_market(new_folder(t / "ro"))) / "market.sqlite",
        views=lambda t, ro: ro.make(existing_views(new_folder(t / "views"))),
        cause=r"folder \S+ is read-only",
        fix="make the folder writable",
    ),
    "folder to create in a read-only folder": Failure(
        market=None,
        views=lambda t, ro: ro.make(new_folder(t / "ro")) / "views",
        cause=r"folder \S+ is read-only",
        fix="give a folder the process can write to",
    ),
    "folder is a regular file": Failure(
        market=lambda t, ro: regular_file(t / "f") / "market.sqlite",
        views=lambda t, ro: regular_file(t / "f") / "views",
        cause=r"\S+ is a file, not a folder",
        fix="(create the folder first|give a folder)",
    ),
    "pointed at the other kind": Failure(
        market=lambda t, ro: new_folder(t / "market.sqlite"),
        views=lambda t, ro: regular_file(t / "views"),
        cause=r"\S+ is a (folder, not a file|file, not a folder)",
        fix="give a (file path|folder)",
    ),
    "missing folder": Failure(
        market=lambda t, ro: t / "missing" / "market.sqlite",
        views=None,
        cause=r"folder \S+ does not exist",
        fix="create the folder first",
    ),
    "not an SQLite database": Failure(
        market=lambda t, ro: garbage(t / "market.sqlite"),
        views=lambda t, ro: garbage(new_folder(t / "views") / "audit.sqlite").parent,
        cause=r"\S+ is not an SQLite database",
        fix="move that file away, or give another path",
    ),
}
SQLITE_CASES = [
    pytest.param(opener, name, id=f"{opener}-{name}")
    for name, failure in SQLITE_FAILURES.items()
    for opener, target in failure.targets.items()
    if target is not None
]


def open_sqlite(opener: str, target: Path) -> Any:
    return ShareMarket.sqlite(target) if opener == "market" else ParkViews.sqlite(target)


@pytest.mark.parametrize(("opener", "name"), SQLITE_CASES)
def test_an_sqlite_store_that_cannot_open_says_why(tmp_path, read_only, opener, name):
    """The cause, the path it concerns and what to do, as a StoreError: never sqlite3's
    "unable to open database file" or "file is not a database", nor an OSError."""
    failure = SQLITE_FAILURES[name]
    target = failure.targets[opener]
    assert target is not None
    with pytest.raises(StoreError, match=failure.cause) as refused:
        open_sqlite(opener, target(tmp_path, read_only))
    message = str(refused.value)
    assert "store_error" == refused.value.code
    assert message.startswith("the market:" if opener == "market" else "the views:")
    assert re.search(failure.fix, message)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    content=st.binary(min_size=1, max_size=4096).filter(
        lambda b: not b.startswith(SQLITE_HEADER[: len(b)])
    ),
    opener=st.sampled_from(["market", "views"]),
)
def test_any_file_that_is_not_a_database_is_named_and_left_as_it_was(tmp_path, content, opener):
    """Whatever the bytes, the file is named as not an SQLite database and nothing is written
    to it: SQLite never gets to turn it into a database or to write a -wal file beside it."""
    folder = tmp_path / f"case-{content.hex()[:16]}-{opener}"
    folder.mkdir(exist_ok=True)
    path = garbage(folder / ("market.sqlite" if opener == "market" else "journal.sqlite"), content)
    with pytest.raises(StoreError, match="is not an SQLite database"):
        open_sqlite(opener, path if opener == "market" else folder)
    assert content == path.read_bytes()
    assert not (folder / f"{path.name}-wal").exists()


# PostgreSQL -----------------------------------------------------------------------------------


def with_settings(dsn: str, **changes: Any) -> str:
    """The test server's DSN with some connection settings changed (quoted as libpq needs)."""
    from psycopg.conninfo import make_conninfo

    return make_conninfo(dsn, **changes)


def open_postgres(opener: str, dsn: str, **options: Any) -> Any:
    opened = ShareMarket.postgres if opener == "market" else ParkViews.postgres
    return opened(dsn, connect_timeout_s=2, **options)


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts TCP connections and never says a word: only a timeout ends a wait."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


POSTGRES_FAILURES: dict[str, tuple[Callable[[str, int], dict[str, Any]], str, str]] = {
    "wrong password": (
        lambda dsn, port: {"dsn": with_settings(dsn, password="not-the-password")},
        r'authentication failed for user "\w+"',
        "check the user name and password",
    ),
    "unknown user": (
        lambda dsn, port: {"dsn": with_settings(dsn, user="nobody_here")},
        r'authentication failed for user "nobody_here"',
        "check the user name and password",
    ),
    "missing database": (
        lambda dsn, port: {"dsn": with_settings(dsn, dbname="no_such_park")},
        r'database "no_such_park" does not exist',
        r"CREATE DATABASE no_such_park",
    ),
    "no server on the port": (
        lambda dsn, port: {"dsn": with_settings(dsn, host="127.0.0.1", port=free_port())},
        r"cannot connect to PostgreSQL at 127\.0\.0\.1:\d+: .*refused",
        "check that the server is running",
    ),
    "a server that never answers": (
        lambda dsn, port: {"dsn": with_settings(dsn, host="127.0.0.1", port=port)},
        r"cannot connect to PostgreSQL at 127\.0\.0\.1:\d+: .*timeout",
        "check that the server is running",
    ),
    "missing schema": (
        lambda dsn, port: {"dsn": dsn, "schema": "no_such_schema"},
        r"schema 'no_such_schema' does not exist",
        r"CREATE SCHEMA no_such_schema",
    ),
}
POSTGRES_CASES = [
    pytest.param(opener, failure, id=f"{opener}-{failure}", marks=pytest.mark.postgres)
    for failure in POSTGRES_FAILURES
    for opener in ("market", "views")
    # The views create their schema when it is missing.
    if not (failure == "missing schema" and opener == "views")
]


@pytest.mark.parametrize(("opener", "failure"), POSTGRES_CASES)
def test_a_postgres_store_that_cannot_open_says_why(opener, failure, silent_server):
    """The server's own reason (not "couldn't get a connection"), where, and what to do,
    within the connect timeout given."""
    make, cause, fix = POSTGRES_FAILURES[failure]
    options = make(postgres_dsn(), silent_server)
    with pytest.raises(StoreError, match=cause) as refused:
        open_postgres(opener, options.pop("dsn"), **options)
    message = str(refused.value)
    assert ("the market" if opener == "market" else "the views") in message
    assert re.search(fix, message)
    assert "couldn't get a connection" not in message


passwords = st.text(
    st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=40
).map(lambda text: f"wrong-{text}")


@pytest.mark.postgres
@settings(max_examples=20)
@given(password=passwords, opener=st.sampled_from(["market", "views"]))
def test_any_wrong_password_is_named_as_such_and_never_echoed(password, opener):
    """A refused login reads as one, whatever the password, and the message never repeats it."""
    dsn = with_settings(postgres_dsn(), password=password)
    with pytest.raises(StoreError, match="authentication failed") as refused:
        open_postgres(opener, dsn)
    assert password not in str(refused.value)


@pytest.mark.postgres
@settings(max_examples=20)
@given(
    name=st.from_regex(r"[a-z][a-z0-9_]{0,30}", fullmatch=True).map(lambda n: f"nodb_{n}"),
    opener=st.sampled_from(["market", "views"]),
)
def test_any_missing_database_is_named(name, opener):
    with pytest.raises(StoreError, match=f'database "{name}" does not exist'):
        open_postgres(opener, with_settings(postgres_dsn(), dbname=name))
