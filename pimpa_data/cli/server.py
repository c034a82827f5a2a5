"""The dashboard answers command-line requests while it owns the database file.

One request per connection: a JSON line (the command's arguments, the client's working folder
and identity) in, a JSON reply (exit code, output, errors) out. The command runs in the
dashboard's process with a cursor of its connection, so it takes the same write lock as the
pages' uploads. The socket sits in a folder only this user can open, and the peer's user id
is checked as well.
"""

from __future__ import annotations

import atexit
import json
import os
import socket
import socketserver
import struct
import threading
from pathlib import Path

import duckdb

from ..core.errorlog import report_unexpected
from ..core.owner import socket_path
from .running import run_request

MAX_REQUEST_BYTES = 1 << 20
_SERVED: dict[str, _Server] = {}  # by socket path
_GUARD = threading.Lock()


class _Server(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    con: duckdb.DuckDBPyConnection


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        if not _same_user(self.request):
            return
        line = self.rfile.readline(MAX_REQUEST_BYTES)
        try:
            reply = run_request(json.loads(line), self.server.con.cursor())
        except Exception as error:  # a malformed request: a message back, the details in the error log
            problem = report_unexpected(error, "command-line request")
            reply = {"code": 1, "stdout": "", "stderr": str(problem) + "\n"}
        self.wfile.write(json.dumps(reply, ensure_ascii=False).encode() + b"\n")


def _same_user(connection: socket.socket) -> bool:
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return uid in (os.getuid(), 0)


def serve(con: duckdb.DuckDBPyConnection, database: Path) -> None:
    """Answer requests for `database` from now on (once per database and process)."""
    path = socket_path(database)
    with _GUARD:
        if str(path) in _SERVED:
            _SERVED[str(path)].con = con  # the file was reopened (a refreshed roll-up): answer with the new one
            return
        path.unlink(missing_ok=True)  # left by a dashboard that stopped; this process owns the file now
        server = _Server(str(path), _Handler)
        path.chmod(0o600)
        server.con = con
        threading.Thread(target=server.serve_forever, name="pimpa-cli-server", daemon=True).start()
        atexit.register(_stop, server, path)
        _SERVED[str(path)] = server


def _stop(server: _Server, path: Path) -> None:
    """At exit: no new requests, the socket gone, and the connection let go before DuckDB unloads."""
    server.shutdown()
    server.server_close()
    del server.con
    path.unlink(missing_ok=True)
