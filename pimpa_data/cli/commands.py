"""`python -m pimpa_data`: parse options, call the library, turn its errors into messages and exit codes.

Exit codes: 0 done; 1 a file was rejected or the work could not be done (message says why);
2 a usage error or a path that does not exist.
"""

from __future__ import annotations

import argparse
import importlib
import json
from collections.abc import Sequence
from pathlib import Path

from ..core import db
from ..core.units import check_centre
from ..ingest.loading import FileReport, load_file
from ..ingest.undo import list_batches, remove_sample, undo_batch

OK, FAILED, USAGE = 0, 1, 2

# Commands declared in a module of their own (its add_parser), by the names they add. Such a module
# is imported only when one of its commands runs, or for the list of them all: what they need
# (pandas, the report's renderers) would otherwise be most of a one-file `load`'s second.
OWN_MODULES = {
    "indicators": ("indicators",), "check": ("check",), "export": ("export",), "users": ("users",),
    "photos": ("photos",), "report": ("report",), "snapshot": ("snapshot", "rollup"),
}
BUILT_IN = ("load", "batches", "undo", "sample", "copy", "template", "signoff")
KNOWN = {*BUILT_IN, *(word for words in OWN_MODULES.values() for word in words)}


def command_named(argv: Sequence[str]) -> str | None:
    """The command word of a command line (after the global options), if it has one."""
    options = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    for option in ("--db", "--as", "--wait"):
        options.add_argument(option)
    try:
        _, rest = options.parse_known_args(list(argv))
    except argparse.ArgumentError:  # the whole parser says what is wrong, in its own words
        return None
    return rest[0] if rest and not rest[0].startswith("-") else None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; given the word of a known `command`, the same parser without the
    other modules' commands, which it does not need."""
    parser = argparse.ArgumentParser(
        prog="python -m pimpa_data",
        description="Pimpa: load teachers' spreadsheets into DuckDB and compute quality indicators.",
    )
    parser.add_argument(
        "--db", type=Path, default=None,
        help=f"the DuckDB file (default: $PIMPA_DB, else {db.DEFAULT_DB})",
    )
    parser.add_argument(
        "--as", dest="as_user", default=None, metavar="USERNAME",
        help="record this person in history and the audit log (default: cli:<your login>)",
    )
    parser.add_argument(
        "--wait", type=float, default=60, metavar="SECONDS",
        help="how long to wait while another command holds the database (default: 60)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_load(commands)
    _add_batches(commands)
    _add_undo(commands)
    _add_sample(commands)
    _declare(commands, "indicators", command)
    _declare(commands, "check", command)
    _declare(commands, "export", command)
    _add_copy(commands)
    _declare(commands, "users", command)
    _declare(commands, "photos", command)
    _declare(commands, "report", command)
    _add_template(commands)
    _add_signoff(commands)
    _declare(commands, "snapshot", command)
    return parser


def _declare(commands: argparse._SubParsersAction, module: str, command: str | None) -> None:
    """A module's commands, unless the command line names a known command of another module."""
    if command not in KNOWN or command in OWN_MODULES[module]:
        importlib.import_module(f"{__package__}.{module}").add_parser(commands)


def _add_load(commands: argparse._SubParsersAction) -> None:
    load = commands.add_parser("load", help="load spreadsheet files, each as one batch")
    load.add_argument("files", nargs="+", type=Path, metavar="FILE")
    load.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    load.add_argument("--format", choices=("text", "json"), default="text")
    load.set_defaults(func=run_load, check_paths=lambda args: args.files)


def _add_batches(commands: argparse._SubParsersAction) -> None:
    batches = commands.add_parser("batches", help="list upload batches, newest first")
    batches.add_argument("--format", choices=("text", "json"), default="text")
    batches.set_defaults(func=run_batches)


def _add_undo(commands: argparse._SubParsersAction) -> None:
    undo = commands.add_parser("undo", help="undo one batch, restoring what was there before it")
    undo.add_argument("batch_id", type=int, metavar="BATCH_ID")
    undo.set_defaults(func=run_undo)


def _add_sample(commands: argparse._SubParsersAction) -> None:
    sample = commands.add_parser("sample", help="generate realistic sample data")
    sample.add_argument("--scale", choices=("district", "national"), default="district")
    sample.add_argument("--fiscal-years", type=int, default=3, metavar="N")
    sample.add_argument("--seed", type=int, default=2567)
    sample.add_argument("--out", type=Path, default=None, metavar="DIR",
                        help="write spreadsheets into DIR instead of loading the database")
    sample.add_argument("--remove", action="store_true",
                        help="remove every row of the sample from the database, in one step (real uploads wait for it)")
    sample.set_defaults(func=run_sample, needs_db=lambda args: args.out is None)


def _add_copy(commands: argparse._SubParsersAction) -> None:
    copy = commands.add_parser("copy", help="copy the whole database into a new file, to read while the app runs")
    copy.add_argument("--out", type=Path, required=True, metavar="FILE")
    copy.set_defaults(func=run_copy)


def _add_template(commands: argparse._SubParsersAction) -> None:
    template = commands.add_parser("template", help="a blank upload workbook: a sheet per record kind, with dropdowns")
    template.add_argument("--unit", default=None, metavar="CENTRE", help="a 6-digit centre code to fill in")
    template.add_argument("--fiscal-year", type=int, default=None, metavar="YEAR", help="BE, e.g. 2569")
    template.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    template.set_defaults(func=run_template)


def _add_signoff(commands: argparse._SubParsersAction) -> None:
    signoff = commands.add_parser("signoff", help="sign off (lock) a centre's fiscal year, or reopen it")
    signoff.add_argument("--unit", required=True, metavar="CENTRE", help="a 6-digit centre code")
    signoff.add_argument("--fiscal-year", type=int, required=True, metavar="YEAR", help="BE, e.g. 2569")
    signoff.add_argument("--reopen", action="store_true", help="unlock the year again")
    signoff.set_defaults(func=run_signoff)


# ---------------------------------------------------------------- commands

def run_load(args: argparse.Namespace, con) -> int:
    reports = [
        load_file(con, path, who=args.actor, dry_run=args.dry_run) for path in args.files
    ]
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2, default=str))
    else:
        for report in reports:
            print(format_report(report))
    return FAILED if any(r.status == "rejected" for r in reports) else OK


STATUS_WORDS = {
    "loaded": "นำเข้าแล้ว / loaded",
    "unchanged": "ไม่มีอะไรเปลี่ยน / unchanged",
    "rejected": "ไม่รับไฟล์ (ไม่ได้บันทึกอะไร) / rejected (nothing written)",
    "dry-run": "ทดลอง (ไม่ได้บันทึก) / dry run (nothing written)",
}


def format_report(report: FileReport) -> str:
    batch = f" batch {report.batch_id}" if report.batch_id else ""
    lines = [f"{report.path}: {STATUS_WORDS[report.status]}{batch}"]
    for kind, c in report.counts.items():
        lines.append(
            f"  {kind:<11} read {c.read:>6,}  inserted {c.inserted:>6,}  updated {c.updated:>6,}"
            f"  unchanged {c.unchanged:>6,}"
        )
    for th, en in report.notes:
        lines.append(f"  note: {th} / {en}")
    for p in report.errors:
        where = ", ".join(part for part in (
            f"sheet {p.sheet}" if p.sheet else "", f"row {p.row}" if p.row else "", p.column) if part)
        value = f" '{p.value}'" if p.value else ""
        lines.append(f"  ✗ {where or p.file}{value} [{p.rule}]\n      {p.th}\n      {p.en}")
    return "\n".join(lines)


def run_batches(args: argparse.Namespace, con) -> int:
    batches = list_batches(con, unit_prefix=args.actor.prefix)
    if args.format == "json":
        print(json.dumps(batches, ensure_ascii=False, indent=2, default=str))
        return OK
    if not batches:
        print("ยังไม่มีการนำเข้า / no batches yet")
    for b in batches:
        loaded = f"{b['loaded_at']:%Y-%m-%d %H:%M}"
        print(f"{b['batch_id']:>5}  {loaded}  {b['status']:<7} {b['loaded_by']:<12} {b['file_name']}")
    return OK


def run_undo(args: argparse.Namespace, con) -> int:
    removed = undo_batch(con, args.batch_id, args.actor)
    total = sum(removed.values())
    print(f"ยกเลิกชุดนำเข้า {args.batch_id} แล้ว / undid batch {args.batch_id} ({total:,} rows reverted)")
    return OK


def run_sample(args: argparse.Namespace, con) -> int:
    from ..sample.generator import generate

    if args.remove:
        removed = remove_sample(con, args.actor)
        print(f"ลบข้อมูลตัวอย่างแล้ว {sum(removed.values()):,} แถว / removed the sample ({sum(removed.values()):,} rows)"
              if removed else "ไม่มีข้อมูลตัวอย่างในฐานข้อมูล / there is no sample data in the database")
        return OK
    frames = generate(args.scale, args.fiscal_years, args.seed)
    if args.out is not None:
        from ..sample.files import write_files

        paths = write_files(frames, args.out, args.seed)
        print(f"wrote {len(paths)} files to {args.out}")
        return OK
    from ..ingest.bulk import store_frames

    outcome = store_frames(con, frames, f"sample-{args.scale}-seed{args.seed}", args.actor.username)
    for kind, c in outcome.counts.items():
        print(f"  {kind:<11} inserted {c.inserted:>9,}  updated {c.updated:>9,}  unchanged {c.unchanged:>9,}")
    return OK


def run_copy(args: argparse.Namespace, con) -> int:
    db.copy_database(con, args.out)
    print(f"คัดลอกฐานข้อมูลไปที่ {args.out} แล้ว / copied the database to {args.out}")
    return OK


def run_template(args: argparse.Namespace, con) -> int:
    from ..export.template import template_bytes

    if args.unit is not None:
        check_centre(con, args.unit)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(template_bytes(args.unit, args.fiscal_year))
    print(f"แบบฟอร์มนำเข้าข้อมูล → {args.out} / upload template written")
    return OK


def run_signoff(args: argparse.Namespace, con) -> int:
    from ..core.signoffs import reopen, sign_off

    if args.reopen:
        reopen(con, args.actor, args.unit, args.fiscal_year)
        print(f"เปิดปีงบประมาณ {args.fiscal_year} ของ {args.unit} ให้แก้ไขแล้ว / reopened")
        return OK
    done = sign_off(con, args.actor, args.unit, args.fiscal_year)
    th, en = done.says()
    print(f"ปีงบประมาณ {args.fiscal_year} ของ {args.unit}: {th} / {en}")
    return OK
