import threading
from datetime import date

import pytest
from sqlmodel import Session, select

from issuer.models import Diploma
from issuer.numbering import (
    InputError,
    allocate_number,
    display,
    normalise_code,
    normalise_number,
    normalise_series,
    parse_display,
)
from issuer.pii import make_iin
from issuer.service import issue_batch
from tests.support.issuer import row, seed_institution


def test_nine_series_and_case_normalisation():
    for typed, canonical in [("bd", "BD"), (" BQ ", "BQ"), ("md", "MD"), ("mba", "MBA"), ("DBA", "DBA"),
                             ("cmd", "CMD"), ("CPR", "CPR"), ("phd", "PhD"), ("PHD", "PhD"), ("pd", "PD")]:
        assert normalise_series(typed) == canonical
    with pytest.raises(InputError):
        normalise_series("XX")


@pytest.mark.parametrize(
    "typed, char, position",
    [("ВD", "В", 1), ("MВA", "В", 2), ("CМD", "М", 2), ("CPР", "Р", 3), ("DΒA", "Β", 2), ("СMD", "С", 1)],
)
def test_lookalikes_in_series_are_named_with_position(typed, char, position):
    with pytest.raises(InputError) as info:
        normalise_series(typed)
    for lang in ("kk", "ru", "en"):
        message = info.value.message(lang)
        assert char in message and str(position) in message
    assert "Cyrillic" in info.value.message("en") or "Greek" in info.value.message("en")


def test_lookalikes_in_numbers_and_codes():
    with pytest.raises(InputError) as info:
        normalise_number("0001234З")  # Cyrillic Ze looks like 3
    assert "З" in info.value.message("ru") and "8" in info.value.message("en")
    with pytest.raises(InputError) as info:
        normalise_code("6В06101")  # Cyrillic Ve
    assert "position 2" in info.value.message("en")
    # a forged display form never matches the real one
    with pytest.raises(InputError):
        parse_display("ВD 00012345")
    assert parse_display("BD 00012345") == ("BD", "00012345")


def test_number_format_and_display_width():
    assert normalise_number("12345") == "00012345"
    assert normalise_number("12345", 10) == "0000012345"
    assert normalise_number("１２３") == "00000123"  # full-width digits are normalised (NFKC)
    assert display("BD", "00012345") == "BD 00012345"
    for bad in ("12a45", "-1", "1234567890123", ""):
        with pytest.raises(InputError):
            normalise_number(bad)


def test_counter_is_sequential_per_series(session):
    assert [allocate_number(session, "BD") for _ in range(3)] == ["00000001", "00000002", "00000003"]
    assert allocate_number(session, "MD", 6) == "000001"
    session.commit()


def test_supplied_numbers_are_skipped_by_the_counter(session, keystore, settings, seeded):
    issue_batch(session, keystore, settings, institution="kaznu", rows=[row(1, number="2")], actor=seeded.actor)
    result = issue_batch(session, keystore, settings, institution="kaznu", rows=[row(2), row(3)], actor=seeded.actor)
    assert [d.number for d in result.diplomas] == ["00000001", "00000003"]


def test_concurrent_batches_never_share_a_number(engine, keystore, settings):
    with Session(engine) as s:
        seed = seed_institution(s, keystore, settings)
    errors: list[BaseException] = []

    def run(offset: int) -> None:
        try:
            with Session(engine) as s:
                rows = [row(offset + i, name_latin="Student Test", date_of_birth="",
                            iin=make_iin(date(2001, 1, 1 + (offset + i) % 28), "m", offset + i)) for i in range(6)]
                issue_batch(s, keystore, settings, institution=seed.slug, rows=rows, actor=seed.actor)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k * 100,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    with Session(engine) as s:
        numbers = [d.number for d in s.exec(select(Diploma).where(Diploma.series == "BD"))]
    assert len(numbers) == 18
    assert len(set(numbers)) == 18
    assert sorted(numbers) == [str(n).zfill(8) for n in range(1, 19)]


def test_same_batch_run_twice_concurrently_issues_once(engine, keystore, settings):
    with Session(engine) as s:
        seed = seed_institution(s, keystore, settings)
    rows = [row(i, name_latin="Student Test", date_of_birth="", iin=make_iin(date(2002, 2, 1 + i), "f", i))
            for i in range(4)]
    results, errors = [], []

    def run() -> None:
        try:
            with Session(engine) as s:
                results.append(issue_batch(s, keystore, settings, institution=seed.slug, rows=[dict(r) for r in rows],
                                           actor=seed.actor))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    with Session(engine) as s:
        assert len(s.exec(select(Diploma)).all()) == 4
    numbers = [[d.number for d in r.diplomas] for r in results]
    assert numbers[0] == numbers[1]
    assert sorted(r.to_issue for r in results) == [0, 4]


def test_concurrent_batches_of_different_series_do_not_deadlock(engine, keystore, settings):
    with Session(engine) as s:
        seed = seed_institution(s, keystore, settings)
    errors: list[BaseException] = []

    def rows_for(k: int, order: list[tuple[str, str]]):
        return [row(k * 10 + i, name_latin="Student Test", date_of_birth="", series=series, programme_code=code,
                    iin=make_iin(date(2000, 1 + k, 1 + i), "m", k * 10 + i)) for i, (series, code) in enumerate(order)]

    bd, md = ("BD", "6B06101"), ("MD", "7M06101")
    batches = [rows_for(1, [md, bd, md, bd]), rows_for(2, [bd, md, bd, md])]

    def run(rows) -> None:
        try:
            with Session(engine) as s:
                issue_batch(s, keystore, settings, institution=seed.slug, rows=rows, actor=seed.actor)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    with Session(engine) as s:
        got = sorted((d.series, d.number) for d in s.exec(select(Diploma)))
    assert got == [("BD", f"0000000{i}") for i in range(1, 5)] + [("MD", f"0000000{i}") for i in range(1, 5)]
