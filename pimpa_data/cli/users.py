"""`python -m pimpa_data users …`: accounts, for whoever runs the server.

A password is read from standard input (`--password-stdin`) or prompted for, never taken from
the command line, where other users of the machine could see it in the process list. When the
dashboard runs the command, the password travels to it over its owner-only socket, outside
the command's arguments.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from ..access import accounts
from ..core.errors import PimpaError
from ..core.roles import ROLES
from ..core.units import COUNTRY

OK = 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    users = commands.add_parser("users", help="accounts: add, list, set a password, disable, set a role")
    actions = users.add_subparsers(dest="users_command", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="add an account", allow_abbrev=False)
    add.add_argument("username")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--unit", default=None, metavar="CODE",
                     help="the centre, district or province code (an admin's default: TH)")
    add.add_argument("--name", default="", help="the name shown in the dashboard")
    add.add_argument("--email", default="")
    _password_option(add)
    add.set_defaults(func=run_add, password_from=read_password)

    listing = actions.add_parser("list", help="list accounts (never their password hashes)")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(func=run_list)

    password = actions.add_parser("set-password", help="set an account's password; its sessions end",
                                  allow_abbrev=False)  # no "--password" standing for --password-stdin
    password.add_argument("username")
    _password_option(password)
    password.set_defaults(func=run_set_password, password_from=read_password)

    for name, active in (("disable", False), ("enable", True)):
        switch = actions.add_parser(name, help=f"{name} an account" + ("; its sessions end" if not active else ""))
        switch.add_argument("username")
        switch.set_defaults(func=run_set_active, active=active)

    role = actions.add_parser("set-role", help="change an account's role and unit")
    role.add_argument("username")
    role.add_argument("--role", choices=ROLES, required=True)
    role.add_argument("--unit", required=True, metavar="CODE")
    role.set_defaults(func=run_set_role)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input (else it is prompted for)")


def read_password(args: argparse.Namespace) -> str:
    """The new password, from standard input or a prompt; asked here, before the request is sent."""
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("รหัสผ่าน / password: ")
        if getpass.getpass("อีกครั้ง / again: ") != password:
            raise PimpaError("รหัสผ่านสองครั้งไม่ตรงกัน", "the two passwords differ")
    else:
        raise PimpaError(
            "ให้ส่งรหัสผ่านทาง standard input พร้อม --password-stdin หรือรันคำสั่งในเทอร์มินัลเพื่อพิมพ์รหัสผ่าน",
            "give the password on standard input with --password-stdin, or run the command in a terminal to type it",
        )
    if not password:
        raise PimpaError("ไม่ได้ใส่รหัสผ่าน", "no password was given")
    return password


def run_add(args: argparse.Namespace, con) -> int:
    unit = args.unit or COUNTRY
    accounts.add_user(con, args.actor, args.username, args.role, unit, args.password, args.name, args.email)
    print(f"เพิ่มบัญชี {args.username.strip().lower()} แล้ว / added the account ({args.role}, {unit})")
    return OK


def run_list(args: argparse.Namespace, con) -> int:
    users = accounts.list_users(con)
    if args.format == "json":
        print(json.dumps(users, ensure_ascii=False, indent=2, default=str))
        return OK
    if not users:
        print("ยังไม่มีบัญชีผู้ใช้ / no accounts yet")
    for user in users:
        state = "active" if user["active"] else "disabled"
        print(f"{user['username']:<20} {user['role']:<9} {user['unit_code']:<7} {state:<8} "
              f"{user['display_name'] or ''} {user['email'] or ''}".rstrip())
    return OK


def run_set_password(args: argparse.Namespace, con) -> int:
    accounts.set_password(con, args.actor, args.username, args.password)
    print(f"ตั้งรหัสผ่านของ {args.username} แล้ว / password set; the account's sessions have ended")
    return OK


def run_set_active(args: argparse.Namespace, con) -> int:
    accounts.set_active(con, args.actor, args.username, args.active)
    state = ("เปิดใช้", "enabled") if args.active else ("ปิด", "disabled")
    print(f"{state[0]}บัญชี {args.username} แล้ว / {state[1]} {args.username}")
    return OK


def run_set_role(args: argparse.Namespace, con) -> int:
    accounts.set_role(con, args.actor, args.username, args.role, args.unit)
    print(f"เปลี่ยนบทบาทของ {args.username} แล้ว / {args.username} is now {args.role} of {args.unit}")
    return OK
