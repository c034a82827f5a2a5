"""Two Pimpa servers for the snapshot, roll-up and warehouse tests: the district sample of
อำเภอบางปะกง (2404) and a second district made from the generator with another seed, its
12 centres given the codes of real centres of another district, each with rules of its own."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pimpa_data.core import db
from pimpa_data.export.snapshot import take_snapshot
from pimpa_data.ingest.bulk import store_frames
from pimpa_data.measures.evidence_rule import set_evidence_rule
from pimpa_data.measures.targets import set_target
from pimpa_data.sample.generator import generate

SECOND_SEED = 99


@dataclass(frozen=True)
class Source:
    database: Path
    snapshot: Path
    district: str
    names: frozenset[str]  # every name, phone, ID and ID ending the server holds


@dataclass(frozen=True)
class Sources:
    first: Source
    second: Source

    @property
    def all(self) -> tuple[Source, Source]:
        return self.first, self.second


def make_sources(sample_db: Path, folder: Path) -> Sources:
    first_db = folder / "bangpakong.duckdb"
    shutil.copy(sample_db, first_db)
    con = db.connect(first_db)
    set_target(con, 2568, "24", "1.2", 65, "admin")  # the province's own target reaches its districts
    first = _finish(con, first_db, folder / "snap-bangpakong", "2404", _held_names(con))
    second_db = folder / "second.duckdb"
    con = db.connect(second_db)
    district = _other_district(con)
    frames = _moved(generate("district", 2, SECOND_SEED), con, district)
    store_frames(con, frames, "second-district", "admin", source="file")
    set_target(con, None, district, "1.1", 90, "admin")
    set_evidence_rule(con, 2569, district, True, "admin")
    raw_ids = set(frames["enrolments"]["learner_id"].astype(str))
    second = _finish(con, second_db, folder / "snap-second", district, _held_names(con) | raw_ids)
    return Sources(first, second)


def _finish(con, database: Path, snapshot: Path, district: str, names: set[str]) -> Source:
    take_snapshot(con, snapshot, who="admin")
    con.close()
    return Source(database, snapshot, district, frozenset(n for n in names if n and len(n) > 1))


def _held_names(con) -> set[str]:
    found: set[str] = set()
    for column in ("prefix", "first_name", "last_name", "phone", "learner_id_last4", "certificate_no"):
        found |= {str(v) for (v,) in con.execute(f"SELECT DISTINCT {column} FROM enrolments").fetchall() if v}
    found |= {f"{a} {b}" for a, b in con.execute("SELECT first_name, last_name FROM enrolments").fetchall()}
    found |= {str(v) for (v,) in con.execute("SELECT DISTINCT learner_id_last4 FROM sales").fetchall() if v}
    found |= {str(v) for (v,) in con.execute("SELECT DISTINCT instructor FROM courses").fetchall() if v}
    return found - {"นาย", "นาง", "นางสาว"}  # titles are words, not names


def _other_district(con) -> str:
    return con.execute(
        "SELECT district_code FROM centres WHERE district_code <> '2404' GROUP BY district_code"
        " HAVING count(*) >= 12 ORDER BY district_code LIMIT 1").fetchone()[0]


def _moved(frames: dict[str, pd.DataFrame], con, district: str) -> dict[str, pd.DataFrame]:
    """The generator's centres of 2404 renamed to the first 12 centres of `district`."""
    codes = [row[0] for row in con.execute(
        "SELECT centre_code FROM centres WHERE district_code = ? ORDER BY centre_code LIMIT 12", [district]
    ).fetchall()]
    old = sorted(frames["courses"]["centre_code"].unique())
    mapping = dict(zip(old, codes))
    return {**frames, "courses": frames["courses"].assign(centre_code=frames["courses"]["centre_code"].map(mapping))}
