"""Storing canonical DataFrames (the sample generator's output) through the same batch path.

The frames hold raw ID numbers; they are hashed here once per distinct ID, vectorised,
so that a national sample of millions of attendance rows loads in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from ..core.db import IdHasher
from ..core.kinds import KINDS_BY_NAME, RecordKind
from .staging import arrow_type, positions, sql_types
from .store import Outcome, apply_upload


@dataclass
class FrameTable:
    """A canonical frame dressed as a validated table for `apply_upload`."""

    kind: RecordKind
    frame: pd.DataFrame
    provided: list[str]
    label: str = "sample"  # what a problem names as the file (the sample, or a form)

    def __len__(self) -> int:
        return len(self.frame)

    def to_arrow(self) -> pa.Table:
        types = sql_types(self.kind)
        arrays = {name: _typed(self.frame[name], arrow_type(types[name])) for name in self.provided}
        arrays["source_sheet"] = pa.array([self.kind.name] * len(self.frame), type=pa.string())
        arrays["source_row"] = pa.array(range(1, len(self.frame) + 1), type=pa.int32())
        arrays["_position"] = positions(len(self.frame))
        return pa.table(arrays)

    def where(self, position: int, name: str) -> tuple[str, str | None, int, str]:
        return self.label, self.kind.name, position + 1, name


def _typed(series: pd.Series, wanted: pa.DataType) -> pa.Array:
    """A column as its stored Arrow type; numbers reach DECIMAL through a wide decimal, which is exact."""
    array = pa.array(series, from_pandas=True)
    if pa.types.is_decimal(wanted) and not pa.types.is_decimal(array.type):
        array = array.cast(pa.decimal128(38, wanted.scale))
    return array.cast(wanted)


def _with_hashed_ids(kind: RecordKind, frame: pd.DataFrame, hasher: IdHasher) -> pd.DataFrame:
    frame = frame.copy()
    raw = frame["learner_id"].astype(object)
    distinct = raw.dropna().unique()
    hashes = dict(zip(distinct, map(hasher, distinct)))
    frame["learner_id"] = raw.map(hashes)
    names = dict(kind.extra_sql)
    if "learner_id_last4" in names:
        frame["learner_id_last4"] = raw.str[-4:]
    if "learner_id_type" in names:
        frame["learner_id_type"] = raw.where(raw.isna(), "thai_id")
    return frame


def with_centres(frame: pd.DataFrame, courses: pd.DataFrame) -> pd.DataFrame:
    """The centre of each row's course; the generator's course codes are unique, so a code says which."""
    centre_of = dict(zip(courses["course_code"], courses["centre_code"]))
    return frame.assign(centre_code=frame["course_code"].map(centre_of))


def as_tables(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> list[FrameTable]:
    hasher = IdHasher.of(con)
    tables = []
    for name, frame in frames.items():
        kind = KINDS_BY_NAME[name]
        if "learner_id" in frame:
            frame = _with_hashed_ids(kind, frame, hasher)
        if kind.centre_from_course and "centre_code" not in frame and "courses" in frames:
            frame = with_centres(frame, frames["courses"])
        provided = [column for column in kind.stored_names if column in frame.columns]
        tables.append(FrameTable(kind, frame, provided))
    return tables


def store_frames(
    con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame], file_name: str, who: str,
    source: str = "sample",
) -> Outcome:
    """Insert or update the frames' rows as one batch, like an upload of one workbook (the
    generator's sample, unless `source` says otherwise)."""
    return apply_upload(con, as_tables(con, frames), file_name, "", who, source=source)  # type: ignore[arg-type]
