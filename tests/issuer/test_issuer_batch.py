import csv
import io
from datetime import date

import pytest
from sqlmodel import select

from common.problems import Problem
from issuer.audit import verify_chain
from issuer.batch import read_csv, read_path, read_rows, write_template
from issuer.models import Diploma, Supplement
from issuer.pii import make_iin
from issuer.service import REQUIRED_COLUMNS, issue_batch
from tests.support.issuer import row


def _count(session, model):
    return len(session.exec(select(model)).all())


def test_every_bad_row_is_reported_and_nothing_is_issued(session, keystore, settings, seeded):
    rows = [
        row(1),
        row(2, iin="010314500171"),  # wrong check digit
        row(3, series="ВD"),  # Cyrillic В
        row(4, programme_code="9Z99999"),
        row(5, award_date="31.02.2025", gpa="4.5"),
        row(6, series="MD"),  # a bachelor programme cannot give a master's diploma
        row(7, name_latin="Нурлан"),
    ]
    with pytest.raises(Problem) as info:
        issue_batch(session, keystore, settings, institution="kaznu", rows=rows, actor=seeded.actor, lang="ru")
    assert info.value.status == 422
    errors = info.value.extra["errors"]
    got = {(e["row"], e["column"]) for e in errors}
    assert got == {(3, "iin"), (4, "series"), (5, "programme_code"), (6, "award_date"), (6, "gpa"), (7, "series"),
                   (8, "name_latin")}
    by_row = {e["row"]: e["message"] for e in errors}
    assert "ИИН" in by_row[3]  # in the chosen language (ru)
    assert "«В»" in by_row[4] and "1" in by_row[4]
    assert _count(session, Diploma) == 0 and _count(session, Supplement) == 0
    assert verify_chain(session).rows == 0


def test_missing_column_and_duplicates(session, keystore, settings, seeded):
    bad = row(1)
    del bad["iin"]
    with pytest.raises(Problem) as info:
        issue_batch(session, keystore, settings, institution="kaznu", rows=[bad], actor=seeded.actor, lang="en")
    assert info.value.extra["errors"][0]["column"] == "iin" and info.value.extra["errors"][0]["row"] == 1
    with pytest.raises(Problem) as info:
        issue_batch(session, keystore, settings, institution="kaznu", rows=[row(1), row(1, number="")],
                    actor=seeded.actor, lang="en")
    assert "Repeats row 2" in info.value.extra["errors"][0]["message"]
    with pytest.raises(Problem) as info:
        issue_batch(session, keystore, settings, institution="kaznu", rows=[row(1, number="7"), row(2, number="7")],
                    actor=seeded.actor, lang="en")
    assert info.value.extra["errors"][0]["column"] == "number"


def test_rerun_is_idempotent(session, keystore, settings, seeded):
    rows = [row(1), row(2, name_latin="Aliya Bek", iin=make_iin(date(2000, 5, 5), "f", 2), date_of_birth="05.05.2000")]
    first = issue_batch(session, keystore, settings, institution="kaznu", rows=rows, actor=seeded.actor)
    again = issue_batch(session, keystore, settings, institution="kaznu", rows=rows, actor=seeded.actor)
    assert [d.created for d in first.diplomas] == [True, True]
    assert [d.created for d in again.diplomas] == [False, False]
    assert [(d.number, d.credential_id) for d in first.diplomas] == [(d.number, d.credential_id) for d in again.diplomas]
    assert _count(session, Diploma) == 2 and _count(session, Supplement) == 2
    assert again.to_issue == 0 and again.already_issued == 2
    assert verify_chain(session).rows == 2  # one audit row per issuance, none for the re-run


def test_dry_run_issues_nothing_and_takes_no_number(session, keystore, settings, seeded):
    result = issue_batch(session, keystore, settings, institution="kaznu", rows=[row(1)], actor=seeded.actor,
                         dry_run=True)
    assert result.to_issue == 1 and _count(session, Diploma) == 0
    real = issue_batch(session, keystore, settings, institution="kaznu", rows=[row(1)], actor=seeded.actor)
    assert real.diplomas[0].number == "00000001"


def test_supplement_rows_are_linked_and_checked(session, keystore, settings, seeded):
    r = row(1)
    courses = [
        {"iin": r["iin"], "course_code": "CS101", "course_title_en": "Programming", "credits": "5", "grade": "A"},
        {"iin": r["iin"], "course_code": "CS102", "course_title_kk": "Деректер", "credits": "x", "grade": "B"},
        {"iin": make_iin(date(1999, 1, 1), "m", 9), "course_code": "CS103", "course_title_en": "X", "credits": "3",
         "grade": "C"},
    ]
    with pytest.raises(Problem) as info:
        issue_batch(session, keystore, settings, institution="kaznu", rows=[r], supplement_rows=courses,
                    actor=seeded.actor, lang="en")
    errors = info.value.extra["errors"]
    assert {(e["file"], e["row"], e["column"]) for e in errors} == {("supplements", 3, "credits"),
                                                                    ("supplements", 4, "iin")}
    result = issue_batch(session, keystore, settings, institution="kaznu", rows=[r], supplement_rows=courses[:1],
                         actor=seeded.actor)
    from verifier.summary import supplement_of

    details = supplement_of(result.diplomas[0].supplement)["courses"]
    assert details == [{"code": "CS101", "title": {"en": "Programming"}, "credits": "5", "grade": "A"}]


def _csv(rows, columns=REQUIRED_COLUMNS, delimiter=","):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def test_csv_and_xlsx_reading(tmp_path):
    rows = read_csv(_csv([row(1), row(2)], delimiter=";"))
    assert [r["_row"] for r in rows] == [2, 3] and rows[0]["family_name"] == "Сәрсенбаев"
    paths = write_template(tmp_path / "cohort.xlsx")
    main, supplements = read_rows(paths[0].read_bytes(), "cohort.xlsx")
    assert set(REQUIRED_COLUMNS) <= set(main[0]) and main[0]["iin"] == "010314500170"
    assert supplements[0]["course_code"] == "CSS1101"
    csv_paths = write_template(tmp_path / "cohort.csv")
    assert [p.name for p in csv_paths] == ["cohort.csv", "cohort.supplements.csv"]
    main, supplements = read_path(csv_paths[0], csv_paths[1])
    assert main[0]["programme_code"] == "6B06101" and supplements[0]["grade"] == "A"


def test_xlsx_numeric_iin_keeps_leading_zero(session, keystore, settings, seeded, tmp_path):
    from openpyxl import Workbook

    iin = make_iin(date(2001, 3, 14), "m", 1)
    wb = Workbook()
    ws = wb.active
    ws.title = "diplomas"
    ws.append(list(REQUIRED_COLUMNS))
    r = row(1, iin=int(iin), award_date=date(2025, 6, 30), date_of_birth=date(2001, 3, 14))
    ws.append([r[c] for c in REQUIRED_COLUMNS])
    path = tmp_path / "c.xlsx"
    wb.save(path)
    rows, _ = read_path(path)
    result = issue_batch(session, keystore, settings, institution="kaznu", rows=rows, actor=seeded.actor)
    assert result.diplomas[0].created
