"""Cohort files: CSV and XLSX reading, and the template (docs/BATCH-IMPORT.md).

* CSV: UTF-8 (a BOM is fine), comma or semicolon separated, a header line. Supplement rows
  (courses) come in a second CSV file.
* XLSX: a sheet ``diplomas`` (or the first sheet) and an optional sheet ``supplements``.

Every row carries ``_row``, its line/row number in the file (the header is row 1), so that
problems are reported where the registrar will look.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

from common import i18n
from common.problems import BadInput
from issuer.rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, SUPPLEMENT_COLUMNS

MAX_ROWS = 20000
MAX_SCANNED_ROWS = MAX_ROWS + 10_000  # blank rows included: a sheet may claim a million empty rows
MAX_XLSX_UNCOMPRESSED = 256 * 1024 * 1024  # a zip bomb would otherwise be inflated into memory
XLSX_MAGIC = b"PK\x03\x04"

EXAMPLE_ROW = {
    "series": "BD",
    "number": "",
    "family_name": "Сәрсенбаев",
    "given_name": "Нұрлан",
    "patronymic": "Асқарұлы",
    "name_latin": "Nurlan Sarsenbayev",
    "iin": "010314500170",
    "date_of_birth": "2001-03-14",
    "programme_code": "6B06101",
    "award_date": "2025-06-30",
    "honours": "no",
    "gpa": "3.45",
}
EXAMPLE_COURSE = {
    "iin": "010314500170",
    "programme_code": "6B06101",
    "course_code": "CSS1101",
    "course_title_kk": "Бағдарламалау негіздері",
    "course_title_ru": "Основы программирования",
    "course_title_en": "Foundations of Programming",
    "credits": "5",
    "grade": "A",
    "grade_points": "4.00",
    "term": "2021-fall",
}


def _header(value: Any) -> str:
    return str(value or "").strip().lower().replace(" ", "_").lstrip("\ufeff")


def _check_size(rows: list[dict[str, Any]], lang: str | None = None) -> list[dict[str, Any]]:
    if len(rows) > MAX_ROWS:
        raise BadInput("batch-too-large", i18n.t("At most {max} rows per file", lang, max=MAX_ROWS))
    return rows


def read_csv(data: bytes, lang: str | None = None) -> list[dict[str, Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput("bad-file", i18n.t("The CSV file must be UTF-8 (Excel: save as “CSV UTF-8”)", lang)) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    try:
        try:
            header = [_header(h) for h in next(reader)]
        except StopIteration:
            return []
        for line_no, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            row: dict[str, Any] = {h: (values[i] if i < len(values) else "") for i, h in enumerate(header) if h}
            row["_row"] = line_no
            rows.append(row)
            if len(rows) > MAX_ROWS:
                break
    except csv.Error:  # a cell beyond csv.field_size_limit, a quote left open, NUL in old Pythons
        raise BadInput(
            "bad-file",
            i18n.t(
                "The CSV file cannot be read (line {line}): a cell too long or an unclosed quote",
                lang,
                line=reader.line_num,
            ),
        ) from None
    return _check_size(rows, lang)


def _sheet_rows(sheet, formulas=None, lang: str | None = None) -> list[dict[str, Any]]:
    """Rows of `sheet` (values as Excel last computed them). `formulas`: the same sheet read
    without computed values, to refuse a formula cell that has none (a file written by a
    program, not saved by Excel): it would otherwise read as an empty cell."""
    from openpyxl.utils import get_column_letter

    iterator = sheet.iter_rows(values_only=True)
    formula_rows = formulas.iter_rows(values_only=True) if formulas is not None else None
    try:
        header = [_header(h) for h in next(iterator)]
        if formula_rows is not None:
            next(formula_rows, None)
    except StopIteration:
        return []
    rows = []
    for row_no, values in enumerate(iterator, start=2):
        if row_no > MAX_SCANNED_ROWS:
            raise BadInput("batch-too-large", i18n.t("At most {max} rows per file", lang, max=MAX_ROWS))
        raw = next(formula_rows, ()) if formula_rows is not None else ()
        for i, cell in enumerate(raw or ()):
            if isinstance(cell, str) and cell.startswith("=") and (i >= len(values) or values[i] is None):
                where = f"{get_column_letter(i + 1)}{row_no}"
                raise BadInput("bad-file", i18n.t(
                    "Cell {cell} holds a formula without a computed value: paste values, or save the file in Excel",
                    lang, cell=where))
        if not any(v not in (None, "") for v in values):
            continue
        row: dict[str, Any] = {}
        for i, h in enumerate(header):
            if h:
                value = values[i] if i < len(values) else None
                row[h] = "" if value is None else value
        row["_row"] = row_no
        rows.append(row)
        if len(rows) > MAX_ROWS:
            break
    return _check_size(rows, lang)


def read_xlsx(data: bytes, lang: str | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from openpyxl import load_workbook

    workbooks = []
    try:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNCOMPRESSED:
                    raise BadInput("batch-too-large", i18n.t("The XLSX workbook is too large once unpacked", lang))
            for data_only in (True, False):
                workbooks.append(load_workbook(io.BytesIO(data), read_only=True, data_only=data_only))
            values, formulas = workbooks
            names = {name.lower(): name for name in values.sheetnames}
            main = names.get("diplomas", values.sheetnames[0])
            diplomas = _sheet_rows(values[main], formulas[main], lang)
            supplements = (
                _sheet_rows(values[names["supplements"]], formulas[names["supplements"]], lang)
                if "supplements" in names else []
            )
        except BadInput:
            raise
        except Exception:  # noqa: BLE001 - any unreadable workbook (zip, XML, no sheet) is a bad file
            raise BadInput("bad-file", i18n.t("The file is not a readable XLSX workbook", lang)) from None
    finally:
        for workbook in workbooks:
            workbook.close()
    return diplomas, supplements


def read_rows(
    data: bytes, filename: str = "", lang: str | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(diploma rows, supplement rows) of a CSV or XLSX file (detected by content)."""
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        return read_xlsx(data, lang)
    return read_csv(data, lang), []


def read_supplement_file(data: bytes, filename: str = "", lang: str | None = None) -> list[dict[str, Any]]:
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        diplomas, supplements = read_xlsx(data, lang)
        return supplements or diplomas
    return read_csv(data, lang)


def read_path(
    path: Path, supplements: Path | None = None, lang: str | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows, supplement_rows = read_rows(_read_file(path, lang), str(path), lang)
    if supplements is not None:
        supplement_rows = read_supplement_file(_read_file(supplements, lang), str(supplements), lang)
    return rows, supplement_rows


def _read_file(path: Path, lang: str | None) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        raise BadInput("bad-file", i18n.t("Cannot open the file {path}", lang, path=path)) from None


def write_template(path: Path) -> list[Path]:
    """An XLSX template with both sheets, or (for a ``.csv`` path) two CSV files:
    ``NAME.csv`` and ``NAME.supplements.csv``. Returns the files written."""
    path = Path(path)
    main_columns = list(REQUIRED_COLUMNS) + list(OPTIONAL_COLUMNS)
    if path.suffix.lower() == ".csv":
        second = path.with_name(path.stem + ".supplements.csv")
        for target, columns, example in (
            (path, main_columns, EXAMPLE_ROW),
            (second, SUPPLEMENT_COLUMNS, EXAMPLE_COURSE),
        ):
            with target.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(columns)
                writer.writerow([example.get(c, "") for c in columns])
        return [path, second]
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "diplomas"
    sheet.append(main_columns)
    sheet.append([EXAMPLE_ROW.get(c, "") for c in main_columns])
    courses = workbook.create_sheet("supplements")
    courses.append(list(SUPPLEMENT_COLUMNS))
    courses.append([EXAMPLE_COURSE.get(c, "") for c in SUPPLEMENT_COLUMNS])
    for ws in (sheet, courses):
        for cell in ws[1]:
            cell.number_format = "@"
        for column in ws.columns:
            for cell in column:
                cell.number_format = "@"  # text: IINs and numbers keep their leading zeros
    workbook.save(path)
    return [path]
