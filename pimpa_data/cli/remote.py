"""The command line's side of the dashboard's socket (`server.py`)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from ..core.errors import PimpaError
from ..core.owner import socket_path

CONNECT_SECONDS = 5
REPLY_SECONDS = 15 * 60  # a national sample through the dashboard takes about a minute


def ask_dashboard(database: Path, request: dict) -> dict | None:
    """The dashboard's reply to a request, or None when no dashboard owns this database."""
    path = socket_path(database)
    if not path.exists():
        return None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(CONNECT_SECONDS)
        try:
            connection.connect(str(path))
        except (ConnectionRefusedError, FileNotFoundError):
            return None  # a dashboard that has stopped left its socket behind
        except TimeoutError:
            raise _no_answer(path) from None
        connection.settimeout(REPLY_SECONDS)
        try:
            connection.sendall(json.dumps(request, ensure_ascii=False).encode() + b"\n")
            connection.shutdown(socket.SHUT_WR)
            reply = b"".join(iter(lambda: connection.recv(1 << 16), b""))
        except (TimeoutError, ConnectionError):
            raise _no_answer(path) from None
    if not reply:
        raise _no_answer(path)
    return json.loads(reply)


def _no_answer(path: Path) -> PimpaError:
    return PimpaError(
        "แดชบอร์ดที่ถือฐานข้อมูลนี้อยู่ไม่ตอบคำสั่ง ให้รันคำสั่งด้วยผู้ใช้ระบบเดียวกับแดชบอร์ด"
        " ตรวจว่าแดชบอร์ดยังทำงานอยู่ หรือดูบันทึกข้อผิดพลาดของแดชบอร์ด",
        "the dashboard that holds this database did not answer; run the command as the same system"
        " user as the dashboard, check that the dashboard is still running, or see its error log",
    )
