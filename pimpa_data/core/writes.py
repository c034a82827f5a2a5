"""One writer at a time per database file, within a process.

A district server runs many dashboard sessions in one process, each with a cursor of the one
connection. DuckDB lets their transactions run side by side and fails the later commit on a
conflict; two saves of one new file would each classify its rows as new before either commits.
Every write therefore holds the database's lock from its first read to its commit: the
second save waits, then finds the first one's rows and reports them unchanged. Other processes
never open the file while this one holds it (DuckDB's own file lock); the command line waits
for that in `core/owner.py`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

_LOCKS: dict[str, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()


def database_file(con: duckdb.DuckDBPyConnection) -> str:
    """The file behind a connection or cursor (':memory:' for an in-memory database)."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return os.path.realpath(row[0]) if row and row[0] else ":memory:"


def write_lock(con: duckdb.DuckDBPyConnection) -> threading.RLock:
    """The lock of the connection's database file; re-entrant, so a write may call another."""
    path = database_file(con)
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(path, threading.RLock())


@contextmanager
def writing(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Hold the database's write lock (no transaction of its own)."""
    with write_lock(con):
        yield


@contextmanager
def write_transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN … COMMIT under the write lock; ROLLBACK on any error."""
    with writing(con):
        con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
