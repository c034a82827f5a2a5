"""The docs keep up with the code: every command, page and setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pimpa_data.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def text(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def commands() -> list[str]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return list(subparsers.choices)


@pytest.mark.parametrize("command", commands())
def test_every_command_has_a_section_in_the_cli_doc(command: str) -> None:
    assert f"## {command}" in text("docs/cli.md")


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "app_pages").glob("*.py")))
def test_every_page_is_described(page: str) -> None:
    assert f"app_pages/{page}" in text("docs/dashboard.md")
    assert f"app_pages/{page}" in text("dashboard.py")


def settings_in_code() -> set[str]:
    found: set[str] = set()
    for path in [*ROOT.glob("pimpa_data/**/*.py"), ROOT / "dashboard.py"]:
        found |= set(re.findall(r"PIMPA_[A-Z_]+", path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("setting", sorted(settings_in_code()))
def test_every_environment_setting_is_documented(setting: str) -> None:
    docs = text("README.md") + "".join(text(f"docs/{p.name}") for p in (ROOT / "docs").glob("*.md"))
    assert setting in docs


def test_readme_links_point_at_files() -> None:
    for target in re.findall(r"\]\(([^)#]+)\)", text("README.md")):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target
