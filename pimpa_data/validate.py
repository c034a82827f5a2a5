"""One validator for every record kind: raw sheet cells in, clean rows and a problem list out.

Validation is lazy: every cell is checked and every problem collected, so a teacher sees
the whole list at once. Checks that need the database (references, partial updates) live
in `checks.py`; this module needs only the file, the centre directory and the ID hasher.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from .kinds import Column, RecordKind
from .names import split_full_name, sex_from_prefix
from .normalise import BadValue, clean_text
from .problems import Problem, column_label, shown
from .reference import CentreDirectory
from .sheets import RawTable
from .values import parse_cell

@dataclass
class Context:
    hash_id: Callable[[str], str]
    centres: Callable[[], CentreDirectory]


@dataclass
class ValidTable:
    """Clean rows of one kind; `provided` are the stored columns the file gives.

    `columns` holds a list of values per provided column; `files`, `sheets` and `rows` say
    where each row came from, `headers` how each column was written (per sheet).
    """

    kind: RecordKind
    columns: dict[str, list[object]]
    provided: list[str]
    files: list[str]
    sheets: list[str]
    rows: list[int]
    headers: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def extend(self, other: ValidTable) -> None:
        for name in self.provided:
            self.columns[name].extend(other.columns[name])
        self.files.extend(other.files)
        self.sheets.extend(other.sheets)
        self.rows.extend(other.rows)
        self.headers.update(other.headers)

    def where(self, position: int, name: str) -> tuple[str, str | None, int, str]:
        """(file, sheet, row, column label) of a cell."""
        sheet = self.sheets[position]
        header, letter = self.headers.get(sheet, {}).get(name, (self.kind.column(name).th, ""))
        return self.files[position], sheet or None, self.rows[position], column_label(header, letter)


class TableCheck:
    """Validates one RawTable, collecting problems instead of stopping at the first."""

    def __init__(self, table: RawTable, context: Context) -> None:
        self.table = table
        self.kind = table.kind
        self.context = context
        self.problems: list[Problem] = []
        self.bad_rows: set[int] = set()

    def problem(self, position: int | None, name: str, value: object, rule: str, th: str, en: str) -> None:
        header, letter = self.table.where(name, position) if position is not None else (name, "")
        row = self.table.row_numbers[position] if position is not None else None
        self.problems.append(
            Problem(self.table.file, self.table.sheet, row, column_label(header, letter), shown(value), rule, th, en)
        )
        if position is not None:
            self.bad_rows.add(position)

    def run(self) -> ValidTable | None:
        if not self._has_key_columns():
            return None
        columns = {name: self._parse_column(self.kind.column(name)) for name in self.table.values}
        self._derive(columns)
        self._check_rows(columns)
        return self._as_table(columns)

    # ------------------------------------------------------------ columns

    def _has_key_columns(self) -> bool:
        missing = [
            self.kind.column(name) for name in self.kind.key
            if name not in self.table.values and self.kind.column(name).required
        ]
        for column in missing:
            aliases = ", ".join(column.aliases[:4])
            unknown = ", ".join(list(self.table.extras)[:6]) or "-"
            self.problem(
                None, column.th, "", "missing_column",
                f"ไม่พบคอลัมน์ '{column.th}' ในแถวหัวตาราง ให้เพิ่มคอลัมน์นี้ หรือเปลี่ยนชื่อหัวคอลัมน์เป็น"
                f" '{column.th}' (ชื่ออื่นที่ใช้ได้: {aliases}); หัวคอลัมน์ที่ไม่รู้จัก: {unknown}",
                f"the header row has no '{column.th}' ({column.en}) column; add it, or rename its header to"
                f" '{column.th}' (also accepted: {aliases}); headers not recognised: {unknown}",
            )
        return not missing

    def _parse_column(self, column: Column) -> list[object]:
        cache: dict[tuple[type, object], object] = {}
        parsed: list[object] = []
        for position, raw in enumerate(self.table.values[column.name]):
            key = (type(raw), raw)
            if key not in cache:
                try:
                    cache[key] = parse_cell(column, raw)
                except BadValue as error:
                    cache[key] = error
            value = cache[key]
            if isinstance(value, BadValue):
                self.problem(position, column.name, raw, getattr(value, "rule", "type"), value.th, value.en)
                value = None
            parsed.append(value)
        return parsed

    def _derive(self, columns: dict[str, list[object]]) -> None:
        if "learner_id" in columns:
            ids = columns["learner_id"]
            columns["learner_id"] = [self.context.hash_id(i[0]) if i else None for i in ids]
            if "learner_id_last4" in dict(self.kind.extra_sql):
                columns["learner_id_last4"] = [i[0][-4:] if i else None for i in ids]
            if "learner_id_type" in dict(self.kind.extra_sql):
                columns["learner_id_type"] = [i[1] if i else None for i in ids]
        if "full_name" in columns and "first_name" not in columns:
            split = [split_full_name(name) for name in columns["full_name"]]
            for index, name in enumerate(("prefix", "first_name", "last_name")):
                if name not in columns:
                    columns[name] = [parts[index] for parts in split]
        if "sex" in self.kind.stored_names and "prefix" in columns:
            given = columns.get("sex", [None] * len(self.table))
            derived = [sex or sex_from_prefix(prefix) for sex, prefix in zip(given, columns["prefix"])]
            if any(derived):
                columns["sex"] = derived
        if "centre_code" in columns:
            columns["centre_code"] = self._resolve_centres(columns["centre_code"])

    def _resolve_centres(self, names: list[object]) -> list[object]:
        directory = self.context.centres()
        codes: list[object] = []
        for position, name in enumerate(names):
            found = directory.resolve(name) if name else None
            if name and found is None:
                self.problem(
                    position, "centre_code", name, "unknown_centre",
                    f"ไม่พบ กศน.ตำบล '{name}' ในตารางอ้างอิง ให้ใช้รหัสตำบล 6 หลัก เช่น 240409 (ตำบลพิมพา)",
                    f"no centre '{name}' in the reference table; use the 6-digit subdistrict code, e.g. 240409",
                )
            elif isinstance(found, list):
                options = ", ".join(f"{code} (อ.{district})" for code, district in found[:8])
                self.problem(
                    position, "centre_code", name, "ambiguous_centre",
                    f"มีตำบลชื่อ '{name}' หลายแห่ง ให้ใช้รหัสตำบล 6 หลักแทน: {options}",
                    f"several subdistricts are called '{name}'; use the 6-digit code instead: {options}",
                )
            codes.append(found if isinstance(found, str) else None)
        return codes

    # ------------------------------------------------------------ rows

    def _check_rows(self, columns: dict[str, list[object]]) -> None:
        for name in self.table.values:
            column = self.kind.column(name)
            for position, value in enumerate(columns.get(name, [])):
                if position in self.bad_rows and value is None:
                    continue
                self._check_value(position, column, value)
        self._check_one_of(columns)
        self._check_date_order(columns)

    def _check_value(self, position: int, column: Column, value: object) -> None:
        if value is None:
            if column.required:
                self.problem(
                    position, column.name, "", "required",
                    f"ต้องกรอก '{column.th}' ในแถวนี้", f"'{column.th}' ({column.en}) must be filled in on this row",
                )
            return
        if column.minimum is not None and (
            value < column.minimum or (column.above_minimum and value == column.minimum)
        ):
            sign = "มากกว่า" if column.above_minimum else "ไม่น้อยกว่า"
            sign_en = "more than" if column.above_minimum else "at least"
            self.problem(
                position, column.name, value, "range",
                f"'{column.th}' ต้อง{sign} {column.minimum} แต่เป็น {value}",
                f"{column.en} must be {sign_en} {column.minimum}, not {value}",
            )
        elif column.maximum is not None and value > column.maximum:
            self.problem(
                position, column.name, value, "range",
                f"'{column.th}' ต้องไม่เกิน {column.maximum} แต่เป็น {value}",
                f"{column.en} must be at most {column.maximum}, not {value}",
            )

    def _check_one_of(self, columns: dict[str, list[object]]) -> None:
        for group in self.kind.one_of:
            given = [name for name in group if name in self.table.values]
            if not given:
                continue
            labels = " หรือ ".join(self.kind.column(name).th for name in group)
            labels_en = " or ".join(self.kind.column(name).en for name in group)
            for position in range(len(self.table)):
                if all(columns[name][position] is None for name in given) and position not in self.bad_rows:
                    self.problem(
                        position, given[0], "", "required",
                        f"ต้องกรอก {labels} อย่างน้อยหนึ่งช่อง", f"fill in at least one of {labels_en}",
                    )

    def _check_date_order(self, columns: dict[str, list[object]]) -> None:
        if not self.kind.date_order or not all(name in columns for name in self.kind.date_order):
            return
        first, last = self.kind.date_order
        for position, (start, end) in enumerate(zip(columns[first], columns[last])):
            if start and end and end < start:
                self.problem(
                    position, last, end, "date_order",
                    f"'{self.kind.column(last).th}' ({end:%d/%m}/{end.year + 543}) อยู่ก่อน"
                    f" '{self.kind.column(first).th}' ({start:%d/%m}/{start.year + 543}) ให้ตรวจสอบปี พ.ศ.",
                    f"{self.kind.column(last).en} is before {self.kind.column(first).en}; check the years",
                )

    def _as_table(self, columns: dict[str, list[object]]) -> ValidTable:
        for name in self.kind.key:  # a key column the file lacks (sales: no group) is blank, not unknown
            columns.setdefault(name, [None] * len(self.table))
        provided = [name for name in self.kind.stored_names if name in columns]
        data = {name: columns[name] for name in provided}
        if self.table.extras:
            data["extra"] = _extras_json(self.table.extras, len(self.table))
            provided.append("extra")
        sheet = self.table.sheet or ""
        return ValidTable(
            self.kind, data, provided, [self.table.file] * len(self.table), [sheet] * len(self.table),
            list(self.table.row_numbers), {sheet: dict(self.table.headers)},
        )


def _extras_json(extras: dict[str, list[object]], length: int) -> list[str | None]:
    rows: list[str | None] = []
    for position in range(length):
        kept = {header: clean_text(values[position]) for header, values in extras.items()}
        kept = {header: text for header, text in kept.items() if text}
        rows.append(json.dumps(kept, ensure_ascii=False) if kept else None)
    return rows


def validate_table(table: RawTable, context: Context) -> tuple[ValidTable | None, list[Problem]]:
    check = TableCheck(table, context)
    valid = check.run()
    return valid, check.problems

