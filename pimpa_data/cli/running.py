"""Running a command: in the dashboard when it owns the database, else here, one at a time.

Exit codes: 0 done; 1 a file was rejected or the work could not be done (message says why);
2 a usage error or a path that does not exist.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

from ..core import db
from ..core.errorlog import report_unexpected
from ..core.errors import PimpaError
from ..core.owner import POLL_SECONDS, try_own, waited_too_long
from ..core.pdpa import user_unit
from ..core.roles import ADMIN, Actor, cli_actor
from .commands import FAILED, USAGE, build_parser, command_named
from .remote import ask_dashboard
from .streams import captured

PATH_ARGUMENTS = ("files", "out")  # resolved against the client's folder when the dashboard runs them


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(command_named(argv)).parse_args(argv)
    args.actor = cli_actor(args.as_user, user_unit())
    missing = _missing_paths(args)
    if missing:
        for path in missing:
            print(f"ไม่พบไฟล์ {path} / no such file: {path}", file=sys.stderr)
        return USAGE
    if not getattr(args, "needs_db", lambda _: True)(args):
        return run_args(args, None)
    try:
        asked = getattr(args, "password_from", None)  # a users command that sets a password
        args.password = asked(args) if asked else None
        return _run_on(Path(args.db or db.default_db_path()), args, argv)
    except PimpaError as error:
        print(str(error), file=sys.stderr)
        return FAILED
    except Exception as error:  # e.g. opening or upgrading the file: a message here, the traceback in the log
        print(str(report_unexpected(error, f"command {args.command}")), file=sys.stderr)
        return FAILED


def run_args(args: argparse.Namespace, con: duckdb.DuckDBPyConnection | None) -> int:
    """Run a parsed command; every failure becomes a message and an exit code."""
    try:
        return args.func(args, con)
    except PimpaError as error:
        print(str(error), file=sys.stderr)
        return FAILED
    except Exception as error:  # no traceback on the terminal: it goes to the error log
        print(str(report_unexpected(error, f"command {args.command}")), file=sys.stderr)
        return FAILED


def run_request(request: dict, con: duckdb.DuckDBPyConnection) -> dict:
    """A client's command, run in this (the dashboard's) process; its output goes back in the reply."""
    with captured() as (out, err):
        try:
            args = build_parser(command_named(request["argv"])).parse_args(request["argv"])
        except SystemExit:
            return {"code": USAGE, "stdout": "", "stderr": err.getvalue()}
        args.actor = Actor(str(request["who"]), ADMIN, str(request["unit"]), client="cli")
        args.password = request.get("secret")
        _resolve_paths(args, Path(request["cwd"]))
        code = run_args(args, con)
    return {"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


def _run_on(database: Path, args: argparse.Namespace, argv: list[str]) -> int:
    """Ask the dashboard if it owns the database; else own it here, waiting for other commands."""
    request = {"argv": argv, "cwd": os.getcwd(), "who": args.actor.username, "unit": args.actor.unit_code,
               "secret": args.password}  # a new password: outside argv, so never in a process list
    deadline = time.monotonic() + args.wait
    while True:
        reply = ask_dashboard(database, request)
        if reply is not None:
            sys.stdout.write(reply["stdout"])
            sys.stderr.write(reply["stderr"])
            return int(reply["code"])
        handle = try_own(database)
        if handle is not None:
            with handle:
                con = _connect(database, deadline)
                try:
                    return run_args(args, con)
                finally:
                    con.close()
        if time.monotonic() >= deadline:
            raise waited_too_long(database, args.wait)
        time.sleep(POLL_SECONDS)


def _connect(database: Path, deadline: float) -> duckdb.DuckDBPyConnection:
    """Open the file; a program outside Pimpa may hold it (DuckDB's own lock): wait for it too."""
    while True:
        try:
            return db.connect(database)
        except db.DatabaseBusy:
            if time.monotonic() >= deadline:
                raise
            time.sleep(POLL_SECONDS)


def _missing_paths(args: argparse.Namespace) -> list[Path]:
    paths: Callable[[argparse.Namespace], Sequence[Path]] | None = getattr(args, "check_paths", None)
    return [path for path in (paths(args) if paths else []) if not path.exists()]


def _resolve_paths(args: argparse.Namespace, cwd: Path) -> None:
    for name in PATH_ARGUMENTS:
        value = getattr(args, name, None)
        if isinstance(value, Path):
            setattr(args, name, cwd / value)
        elif isinstance(value, list):
            setattr(args, name, [cwd / item for item in value])

