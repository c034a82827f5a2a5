"""The dashboard process's one connection to its database file, and its reopening.

The dashboard owns the file while it runs (its lock is held for the life of the process) and
answers command-line requests for it (cli/server.py). A roll-up is refreshed by a new file
renamed into place (export/rollup.py): when the file under the path is no longer the one open,
the old connection is closed and the new file opened, for every session at its next click.
"""

from __future__ import annotations

import atexit
import os
import threading
from pathlib import Path

import duckdb
import streamlit as st

from ..access import sessions
from ..cli import server
from ..core import audit, owner
from ..core.errorlog import report_unexpected
from ..sample import bootstrap

OWNER_WAIT_SECONDS = 30  # a command-line load that holds the file finishes in seconds
AUDIT_FLUSH_SECONDS = 10

_OPEN: dict[str, tuple[int | None, duckdb.DuckDBPyConnection]] = {}
_GUARD = threading.Lock()


def connection(path: str) -> duckdb.DuckDBPyConnection:
    """The open connection of the file at `path`, opened (or reopened after a rename) when needed."""
    with _GUARD:
        held = _OPEN.get(path)
        now = inode(path)
        if held is not None and (held[0] == now or now is None):
            return held[1]
        if held is not None:  # replaced under us: another file at the same path
            held[1].close()  # DuckDB keeps one instance per path: the old must close before the new opens
        with st.spinner("กำลังเตรียมฐานข้อมูล… / Preparing the database…"):
            con = _open(Path(path), first=held is None)
        _OPEN[path] = (inode(path), con)
        return con


def current(path: str) -> duckdb.DuckDBPyConnection | None:
    held = _OPEN.get(path)
    return held[1] if held else None


def inode(path: str) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None


def _open(database: Path, first: bool) -> duckdb.DuckDBPyConnection:
    owner.hold(database, OWNER_WAIT_SECONDS)  # kept for the life of the process
    con = bootstrap.open_database(database)
    server.serve(con, database)  # a reopened file: the server answers with the new connection
    if first:
        stop = threading.Event()
        flusher = threading.Thread(target=_write_pending_every, args=(str(database), stop), name="pimpa-audit",
                                   daemon=True)
        flusher.start()
        atexit.register(_write_pending, str(database), stop, flusher)  # after the server's stop: runs before it
    return con


def _write_pending_every(path: str, stop: threading.Event) -> None:
    """Buffered audit entries reach the file within seconds even when no page runs."""
    while not stop.wait(AUDIT_FLUSH_SECONDS):
        try:
            if (con := current(path)) is not None:
                audit.buffer_of(con).flush(con.cursor())
        except Exception as error:  # the next round tries again; the details go to the error log
            report_unexpected(error, "writing the audit log")


def _write_pending(path: str, stop: threading.Event, flusher: threading.Thread) -> None:
    """At exit: audit entries and last-seen times still held in memory go to the file."""
    stop.set()
    flusher.join(timeout=5)
    if (con := current(path)) is not None:
        audit.buffer_of(con).flush(con)
        sessions.flush_last_seen(con)
