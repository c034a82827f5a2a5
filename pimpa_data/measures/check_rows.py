"""What every data-quality check's SQL shares: the scope's courses, the masked ID, and the
columns of a finding, ending with the row it is about (its batch, sheet and Excel row)."""

from __future__ import annotations

from ..core.pdpa import MASKED_ID_SQL

# The columns each check's SQL gives, one row per finding. `value` is what was checked,
# `reference` what it was compared with, `score` a robust z, `subject` a product or a date,
# `group_size` the rows an outlier was compared with.
FOUND_COLUMNS = (
    "centre_code", "course_code", "learner_id_masked", "value", "reference", "score", "subject",
    "group_size", "batch_id", "source_sheet", "source_row",
)

# Courses ending in the fiscal year ($first_day..$last_day) within the unit ($unit_prefix).
SCOPED_COURSES = """(SELECT * FROM courses
    WHERE end_date BETWEEN $first_day AND $last_day AND starts_with(centre_code, $unit_prefix))"""


def masked_id(alias: str = "e") -> str:
    """The learner's masked ID (the last four digits only, never the whole) over table `alias`."""
    return MASKED_ID_SQL.replace("e.learner_id_last4", f"{alias}.learner_id_last4")


def row_of(alias: str) -> str:
    """The provenance columns of a finding on a row of table `alias`, with no score or group."""
    return (f"NULL::DOUBLE AS score, NULL::BIGINT AS group_size,"
            f" {alias}.batch_id, {alias}.source_sheet, {alias}.source_row")
