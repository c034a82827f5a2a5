"""Pimpa's library: reading teachers' spreadsheets, storing them in DuckDB, and the indicators.

Wings, lowest first; a wing imports only from wings below it (tests/test_layout.py keeps it so):

- `core`     the base every wing may use: record kinds, units, dates, Thai text, errors, PDPA
             rules, the reference centres and the DuckDB file with its schema;
- `ingest`   reading spreadsheets, validating them, storing batches, undo; photos (cleaned in a
             bounded worker) and the report's narrative;
- `measures` the standard's indicators, targets, the evidence rule, impact, plan against actual,
             evidence, the data quality checks and page queries;
- `access`   accounts, sign-in sessions, back-off of failed sign-ins, reading the audit log;
- `sample`   the sample-data generator and the first-run filling of a new database;
- `export`   downloads no spreadsheet will execute, the upload template, snapshots and the roll-up;
- `report`   the Best Practice report and the SAR's standard 1 as DOCX or PDF;
- `warehouse` the same indicators on Apache Spark, over snapshots;
- `cli`      `python -m pimpa_data`;
- `app`      what only the dashboard uses (the one wing that imports Streamlit).

The names below are the public Python interface (docs/storage.md); they are imported on first
use, so `import pimpa_data` stays cheap for a process that needs only one wing.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

PUBLIC = {
    "connect": "core.db",
    "default_db_path": "core.db",
    "PimpaError": "core.errors",
    "Actor": "core.roles",
    "load_file": "ingest.loading",
    "FileReport": "ingest.loading",
    "list_batches": "ingest.undo",
    "undo_batch": "ingest.undo",
    "compute": "measures.indicators",
    "sar_table": "measures.indicators",
}
__all__ = sorted(PUBLIC)


def __getattr__(name: str) -> Any:
    if name not in PUBLIC:
        raise AttributeError(f"module 'pimpa_data' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{PUBLIC[name]}", __name__), name)
