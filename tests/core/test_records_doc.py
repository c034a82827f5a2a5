"""docs/records.md is generated from kinds.py; this fails when one changes without the other."""

from __future__ import annotations

import importlib.util

from conftest import ROOT

from pimpa_data.core.kinds import KINDS


def make_records_doc():
    spec = importlib.util.spec_from_file_location("make_records_doc", ROOT / "scripts" / "make_records_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_records_md_is_up_to_date_with_kinds_py() -> None:
    written = (ROOT / "docs" / "records.md").read_text(encoding="utf-8")

    assert written == make_records_doc().render(), (
        "docs/records.md is out of date with pimpa_data/core/kinds.py; run: python scripts/make_records_doc.py"
    )


def test_every_column_and_its_thai_header_is_documented() -> None:
    written = (ROOT / "docs" / "records.md").read_text(encoding="utf-8")

    for kind in KINDS:
        assert f"(`{kind.name}`)" in written
        for column in kind.columns:
            assert f"| `{column.name}` | {column.th} |" in written, column.name


def test_the_check_option_says_when_the_document_is_stale(tmp_path, monkeypatch, capsys) -> None:
    module = make_records_doc()
    monkeypatch.setattr(module, "DOC", tmp_path / "records.md")

    assert module.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    (tmp_path / "records.md").write_text(module.render(), encoding="utf-8")
    assert module.main(["--check"]) == 0
