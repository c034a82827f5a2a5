"""One validator for every record kind: raw sheet cells in, clean rows and a problem list out.

Validation is lazy: every cell is checked and every problem collected, so a teacher sees
the whole list at once. Checks that need the database (references, partial updates) live
in `staging.py`; this module needs only the file, the centre directory and the ID hasher.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.kinds import Column, RecordKind
from ..core.normalise import BadValue
from ..core.reference import CentreDirectory
from .extras import extras_json, has_shareable
from .names import sex_from_prefix, split_full_name
from .problems import Problem, column_label, shown
from .raw_table import RawTable
from .values import fits_storage, parse_cell, too_large_number


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


_TEXT_OR_BLANK = frozenset({str, type(None)})
_ID_PARTS = (("learner_id_last4", lambda i: i[0][-4:]), ("learner_id_type", lambda i: i[1]))


class TableCheck:
    """Validates one RawTable, collecting problems instead of stopping at the first."""

    def __init__(self, table: RawTable, context: Context) -> None:
        self.table = table
        self.kind = table.kind
        self.context = context
        self.problems: list[Problem] = []
        self.unreadable: set[tuple[int, str]] = set()  # (position, column) of cells that could not be read

    def problem(self, position: int | None, name: str, value: object, rule: str, th: str, en: str) -> None:
        header, letter = self.table.where(name, position) if position is not None else (name, "")
        row = self.table.row_numbers[position] if position is not None else self.table.header_row
        self.problems.append(
            Problem(self.table.file, self.table.sheet, row, column_label(header, letter), shown(value), rule, th, en)
        )
        if position is not None:
            self.unreadable.add((position, name))

    def run(self) -> ValidTable | None:
        if not self._has_key_columns():
            return None
        columns = {name: self._parse_column(self.kind.column(name)) for name in self._read_columns()}
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

    def _read_columns(self) -> list[str]:
        """The file's columns that are stored or stand in for one (full_name); names on an
        attendance sheet only help recognise it."""
        in_groups = {name for group in self.kind.one_of for name in group}
        return [name for name in self.table.values if self.kind.column(name).stored or name in in_groups]

    def _parse_column(self, column: Column) -> list[object]:
        """Each distinct cell parsed once (a sheet repeats its course codes and IDs row after row)."""
        raws = self.table.values[column.name]
        if set(map(type, raws)) <= _TEXT_OR_BLANK:  # the usual column: its cells are their own keys
            keys, distinct = raws, dict.fromkeys(raws).keys()
            parsed_of = {raw: self._parse_cell(column, raw) for raw in distinct}
        else:
            keys = [raw if raw.__class__ is str else (raw.__class__, raw) for raw in raws]  # 1, 1.0, True apart
            parsed_of = {key: self._parse_cell(column, raw) for key, raw in dict(zip(keys, raws)).items()}
        parsed = list(map(parsed_of.__getitem__, keys))
        bad = {key for key, value in parsed_of.items() if isinstance(value, BadValue)}
        for position in [position for position, key in enumerate(keys) if key in bad] if bad else []:
            error = parsed[position]
            self.problem(position, column.name, raws[position], getattr(error, "rule", "type"), error.th, error.en)
            parsed[position] = None
        return parsed

    @staticmethod
    def _parse_cell(column: Column, raw: object) -> object:
        try:
            value = parse_cell(column, raw)
        except BadValue as error:
            return error
        return value if fits_storage(column, value) else too_large_number(column)

    def _derive(self, columns: dict[str, list[object]]) -> None:
        if "learner_id" in columns:
            self._derive_ids(columns)
        if "full_name" in columns and "first_name" not in columns and "first_name" in self.kind.stored_names:
            split = [split_full_name(name) for name in columns["full_name"]]
            for index, name in enumerate(("prefix", "first_name", "last_name")):
                if name not in columns:
                    columns[name] = [parts[index] for parts in split]
            _drop_unless_complete(columns, "prefix", given=self.table.values)
        if "sex" in self.kind.stored_names and "prefix" in columns:
            given = columns.get("sex", [None] * len(self.table))
            columns["sex"] = [sex or sex_from_prefix(prefix) for sex, prefix in zip(given, columns["prefix"])]
            _drop_unless_complete(columns, "sex", given=self.table.values)
        if "centre_code" in columns:
            columns["centre_code"] = self._resolve_centres(columns["centre_code"])

    def _derive_ids(self, columns: dict[str, list[object]]) -> None:
        """The hashed ID, its last four digits and its type, worked out once per learner (a learner
        has a row per session) and spread over the rows by the parsed (id, type) pair."""
        ids = columns["learner_id"]
        derived = [("learner_id", lambda i: self.context.hash_id(i[0]))]
        derived += [(name, how) for name, how in _ID_PARTS if name in dict(self.kind.extra_sql)]
        distinct = [i for i in dict.fromkeys(ids) if i]
        for name, how in derived:
            of = dict(zip(distinct, map(how, distinct)))
            of[None] = None  # a blank or unreadable ID
            columns[name] = list(map(of.__getitem__, ids))

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
        for name in self._read_columns():
            column = self.kind.column(name)
            values = columns.get(name, [])
            if column.required and None in values:  # the usual column has no blank: not looked at row by row
                blank = [p for p, value in enumerate(values) if value is None and (p, name) not in self.unreadable]
                for position in blank:  # an unreadable cell was reported as such, not also as blank
                    self._blank(position, column)
            if (column.minimum is not None or column.maximum is not None) and values.count(None) < len(values):
                for position, value in enumerate(values):
                    if value is not None:
                        self._check_range(position, column, value)
        self._check_one_of(columns)
        self._check_date_order(columns)

    def _blank(self, position: int, column: Column) -> None:
        self.problem(
            position, column.name, "", "required",
            f"ต้องกรอก '{column.th}' ในแถวนี้", f"'{column.th}' ({column.en}) must be filled in on this row",
        )

    def _check_range(self, position: int, column: Column, value: object) -> None:
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
            if any(None not in columns[name] for name in given):
                continue  # every row has one of them
            blank = set.intersection(*({p for p, value in enumerate(columns[name]) if value is None} for name in given))
            unreadable = {position for position, name in self.unreadable if name in given}
            for position in sorted(blank - unreadable):
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
        if has_shareable(self.table.extras):
            data["extra"] = extras_json(self.table.extras, len(self.table))
            provided.append("extra")
        sheet = self.table.sheet or ""
        return ValidTable(
            self.kind, data, provided, [self.table.file] * len(self.table), [sheet] * len(self.table),
            list(self.table.row_numbers), {sheet: dict(self.table.headers)},
        )


def _drop_unless_complete(columns: dict[str, list[object]], name: str, given: dict[str, list[object]]) -> None:
    """A column the file does not give but that was derived (a title from ชื่อ-สกุล, sex from the
    title) is stored only when every row has it: a row without one would blank a stored value."""
    if name in columns and name not in given and not all(columns[name]):
        del columns[name]


def validate_table(table: RawTable, context: Context) -> tuple[ValidTable | None, list[Problem]]:
    check = TableCheck(table, context)
    valid = check.run()
    return valid, check.problems

