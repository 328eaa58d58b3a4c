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
from pathlib import Path
from typing import Any

from common import i18n
from common.problems import BadInput
from issuer.service import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, SUPPLEMENT_COLUMNS

i18n.register(
    {
        "problem.bad-file": {
            "kk": "Файлды оқу мүмкін емес",
            "ru": "Не удаётся прочитать файл",
            "en": "The file cannot be read",
        },
        "problem.batch-too-large": {
            "kk": "Файлда жолдар тым көп",
            "ru": "Слишком много строк в файле",
            "en": "Too many rows in the file",
        },
    }
)

MAX_ROWS = 20000
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


def _check_size(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(rows) > MAX_ROWS:
        raise BadInput("batch-too-large", f"at most {MAX_ROWS} rows per batch")
    return rows


def read_csv(data: bytes) -> list[dict[str, Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput("bad-file", "CSV must be UTF-8") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [_header(h) for h in next(reader)]
    except StopIteration:
        return []
    rows = []
    for line_no, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        row: dict[str, Any] = {h: (values[i] if i < len(values) else "") for i, h in enumerate(header) if h}
        row["_row"] = line_no
        rows.append(row)
    return _check_size(rows)


def _sheet_rows(sheet) -> list[dict[str, Any]]:
    iterator = sheet.iter_rows(values_only=True)
    try:
        header = [_header(h) for h in next(iterator)]
    except StopIteration:
        return []
    rows = []
    for row_no, values in enumerate(iterator, start=2):
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
    return _check_size(rows)


def read_xlsx(data: bytes) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook is a bad file
        raise BadInput("bad-file", "not a readable XLSX workbook") from None
    try:
        names = {name.lower(): name for name in workbook.sheetnames}
        main = workbook[names["diplomas"]] if "diplomas" in names else workbook[workbook.sheetnames[0]]
        diplomas = _sheet_rows(main)
        supplements = _sheet_rows(workbook[names["supplements"]]) if "supplements" in names else []
    finally:
        workbook.close()
    return diplomas, supplements


def read_rows(data: bytes, filename: str = "") -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(diploma rows, supplement rows) of a CSV or XLSX file (detected by content)."""
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        return read_xlsx(data)
    return read_csv(data), []


def read_supplement_file(data: bytes, filename: str = "") -> list[dict[str, Any]]:
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        diplomas, supplements = read_xlsx(data)
        return supplements or diplomas
    return read_csv(data)


def read_path(path: Path, supplements: Path | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows, supplement_rows = read_rows(Path(path).read_bytes(), str(path))
    if supplements is not None:
        supplement_rows = read_supplement_file(Path(supplements).read_bytes(), str(supplements))
    return rows, supplement_rows


def write_template(path: Path) -> list[Path]:
    """An XLSX template with both sheets, or (for a ``.csv`` path) two CSV files:
    ``NAME.csv`` and ``NAME.supplements.csv``. Returns the files written."""
    path = Path(path)
    main_columns = list(REQUIRED_COLUMNS) + list(OPTIONAL_COLUMNS)
    if path.suffix.lower() == ".csv":
        second = path.with_name(path.stem + ".supplements.csv")
        for target, columns, example in ((path, main_columns, EXAMPLE_ROW), (second, SUPPLEMENT_COLUMNS, EXAMPLE_COURSE)):
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
