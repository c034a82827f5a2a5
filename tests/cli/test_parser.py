"""The command line's parser: a command imports only what it needs, and every command still parses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pimpa_data.cli.commands import build_parser, command_named


def words(parser) -> set[str]:
    [commands] = [action for action in parser._actions if action.dest == "command"]
    return set(commands.choices)


@pytest.mark.parametrize(("argv", "word"), [
    (["load", "a.xlsx"], "load"),
    (["--db", "x.duckdb", "--as", "somchai", "--wait", "5", "rollup", "a", "b"], "rollup"),
    (["--db=x.duckdb", "indicators", "--fiscal-year", "2567"], "indicators"),
    ([], None),
    (["-h"], None),
    (["--wait"], None),  # the whole parser then says what is missing
])
def test_the_command_word_is_found_after_the_global_options(argv: list[str], word: str | None) -> None:
    assert command_named(argv) == word


def test_every_command_parses_with_the_parser_built_for_it() -> None:
    every = words(build_parser())
    assert {"load", "check", "export", "report", "snapshot", "rollup", "users"} <= every
    for word in every:
        assert word in words(build_parser(word))
    assert words(build_parser("load")) < every  # the other modules' commands were not declared
    assert words(build_parser("no-such-command")) == every  # argparse lists them all in its error


def test_loading_a_file_does_not_import_the_reports_or_the_checks() -> None:
    code = (
        "import sys; from pimpa_data.cli.commands import build_parser;"
        " build_parser('load').parse_args(['load', 'a.xlsx']);"
        " print(sorted(m for m in ('pimpa_data.report', 'pimpa_data.measures.checks', 'pimpa_data.cli.users')"
        " if m in sys.modules))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).resolve().parents[2])
    assert shown.stdout.strip() == "[]"
