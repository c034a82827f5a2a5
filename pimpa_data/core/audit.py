"""Audit entries that write nothing else (a view of names, a download, a failed sign-in) are
buffered and written in batches, so an ordinary page run never writes to the database.
Changes (uploads, undos, targets, accounts) log inside their own transaction (`db.log_action`).
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import duckdb

from .roles import Actor, attribution
from .writes import database_file, write_transaction

FLUSH_EVERY = 50
FLUSH_SECONDS = 10.0
COLUMNS = ("logged_at", "who", "action", "detail", "client")


class AuditBuffer:
    def __init__(self) -> None:
        self._entries: list[list[object]] = []
        self._guard = threading.Lock()
        self._since = time.monotonic()

    def note(self, con: duckdb.DuckDBPyConnection, who: str | Actor, action: str, detail: str,
             client: str | None = None, *, now: bool = False) -> None:
        name, where = attribution(who, client)
        with self._guard:
            self._entries.append([dt.datetime.now(), name, action, detail, where])
            due = now or len(self._entries) >= FLUSH_EVERY or time.monotonic() - self._since >= FLUSH_SECONDS
        if due:
            self.flush(con)

    def flush(self, con: duckdb.DuckDBPyConnection) -> None:
        with self._guard:
            entries, self._entries = self._entries, []
            self._since = time.monotonic()
        if not entries:
            return
        try:
            with write_transaction(con):
                con.executemany(f"INSERT INTO audit_log ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?)", entries)
        except BaseException:
            with self._guard:  # not lost: written with the next batch
                self._entries[:0] = entries
            raise


_BUFFERS: dict[str, AuditBuffer] = {}
_BUFFERS_GUARD = threading.Lock()


def buffer_of(con: duckdb.DuckDBPyConnection) -> AuditBuffer:
    """The buffer of the connection's database file (a process may serve more than one)."""
    with _BUFFERS_GUARD:
        return _BUFFERS.setdefault(database_file(con), AuditBuffer())


def note(con: duckdb.DuckDBPyConnection, who: str | Actor, action: str, detail: str,
         client: str | None = None, *, now: bool = False) -> None:
    buffer_of(con).note(con, who, action, detail, client, now=now)
