"""The command line's side of the dashboard's socket (`server.py`)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from ..core.owner import socket_path


def ask_dashboard(database: Path, request: dict) -> dict | None:
    """The dashboard's reply to a request, or None when no dashboard owns this database."""
    path = socket_path(database)
    if not path.exists():
        return None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        try:
            connection.connect(str(path))
        except (ConnectionRefusedError, FileNotFoundError):
            return None  # a dashboard that has stopped left its socket behind
        connection.sendall(json.dumps(request, ensure_ascii=False).encode() + b"\n")
        connection.shutdown(socket.SHUT_WR)
        reply = b"".join(iter(lambda: connection.recv(1 << 16), b""))
    return json.loads(reply) if reply else None
