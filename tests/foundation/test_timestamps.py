"""The one date-time parser (common.timestamps): what each kind of input gives, the same in every
package that reads a date-time (the issuer's status API and CLI, the keys' DID documents, the
verifier's credentials and trust lists, Data Integrity proofs, the PDF)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.timestamps import (
    format_datetime,
    parse_date,
    parse_datetime,
    parse_datetime_or_none,
    parse_moment,
)

INSTANT = datetime(2024, 7, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-07-01T10:00:00Z", INSTANT),
        ("2024-07-01T10:00:00z", INSTANT),
        ("2024-07-01t10:00:00Z", INSTANT),
        ("2024-07-01T15:00:00+05:00", INSTANT),
        ("2024-07-01T05:30:00-04:30", INSTANT),
        ("2024-07-01T10:00:00+00:00", INSTANT),
        ("2024-07-01T10:00:00-00:00", INSTANT),
        ("2024-07-01T10:00:00.5Z", INSTANT.replace(microsecond=500000)),
        ("2024-07-01T10:00:00.123456789Z", INSTANT.replace(microsecond=123456)),  # truncated, never rounded
        ("2024-07-01T10:00:00.999999999Z", INSTANT.replace(microsecond=999999)),
        ("2024-02-29T23:59:59+14:00", datetime(2024, 2, 29, 9, 59, 59, tzinfo=UTC)),
    ],
)
def test_instants_with_an_offset(text, expected):
    parsed = parse_datetime(text)
    assert parsed == expected and parsed.tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        "2024-07-01",  # a date is not an instant
        "2024-07-01T10:00:00",  # no offset: no instant (unless the vocabulary allows it, below)
        "2024-07-01 10:00:00Z",  # a space, not T
        "20240701T100000Z",  # ISO 8601 basic format: Python's fromisoformat takes it, XML Schema does not
        "2024-W27-1T10:00:00Z",
        "2024-07-01T10:00Z",  # seconds are required
        "2024-07-01T24:00:00Z",
        "2024-07-01T10:60:00Z",
        "2024-06-30T23:59:60Z",  # a leap second: not representable
        "2024-02-30T10:00:00Z",
        "2023-02-29T10:00:00Z",
        "2024-07-01T10:00:00+15:00",
        "2024-07-01T10:00:00+05:60",
        "2024-07-01T10:00:00+0500",
        "2024-07-01T10:00:00.Z",
        " 2024-07-01T10:00:00Z",
        "2024-07-01T10:00:00Z\n",
        "12024-07-01T10:00:00Z",
        "-2024-07-01T10:00:00Z",
        "٢٠٢٤-07-01T10:00:00Z",  # Arabic-Indic digits are digits to Python, not to XML Schema
        "0001-01-01T00:00:00+01:00",  # before the first instant Python represents
        "",
        "yesterday",
    ],
)
def test_what_is_refused(text):
    with pytest.raises(ValueError):
        parse_datetime(text)
    assert parse_datetime_or_none(text) is None


@pytest.mark.parametrize("value", [None, 1719828000, 1719828000.0, b"2024-07-01T10:00:00Z", INSTANT, ["x"]])
def test_only_text_is_read(value):
    with pytest.raises(ValueError):
        parse_datetime(value)
    assert parse_datetime_or_none(value) is None


def test_a_missing_offset_is_utc_only_where_the_vocabulary_allows_it():
    assert parse_datetime("2024-07-01T10:00:00", assume_utc=True) == INSTANT
    assert parse_datetime_or_none("2024-07-01T10:00:00", assume_utc=True) == INSTANT
    assert parse_datetime_or_none("2024-07-01T10:00:00") is None
    with pytest.raises(ValueError):
        parse_datetime("2024-07-01", assume_utc=True)  # still not a date


def test_dates():
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    for bad in ("2023-02-29", "2024-2-29", "29.02.2024", "2024-02-29T00:00:00Z", "", None, 20240229):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_a_moment_is_a_date_time_or_the_start_or_end_of_a_day():
    assert parse_moment("2024-03-01", date_means="start") == datetime(2024, 3, 1, tzinfo=UTC)
    assert parse_moment("2024-03-01", date_means="end") == datetime(2024, 3, 1, 23, 59, 59, 999999, tzinfo=UTC)
    assert parse_moment("2024-03-01T12:00:00+06:00", date_means="end") == datetime(2024, 3, 1, 6, tzinfo=UTC)
    with pytest.raises(ValueError):
        parse_moment("2024-03-01T12:00:00", date_means="start")


_aware = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(9998, 12, 30),
    timezones=st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m))),
)


@given(_aware)
def test_what_is_written_reads_back_to_the_same_second(moment):
    assert parse_datetime(format_datetime(moment)) == moment.astimezone(UTC).replace(microsecond=0)


@given(_aware)
def test_any_offset_and_any_fraction_name_the_same_instant(moment):
    offset = moment.utcoffset()
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    text = moment.strftime("%Y-%m-%dT%H:%M:%S") + f".{moment.microsecond:06d}789{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    assert parse_datetime(text) == moment.astimezone(UTC)


@given(st.text(max_size=40))
def test_any_text_is_an_instant_in_utc_or_a_value_error(text):
    try:
        parsed = parse_datetime(text)
    except ValueError:
        return
    assert parsed.tzinfo is UTC


def test_every_package_reads_date_times_alike():
    """The functions other packages kept are the common parser (one behaviour)."""
    from keys import _time, dataintegrity, vcdm
    from verifier import trust

    text, naive, day = "2024-07-01T15:00:00+05:00", "2024-07-01T10:00:00", "2024-07-01"
    assert _time.parse_datetime(text) == dataintegrity.parse_datetime(text) == trust.parse_datetime(text) == INSTANT
    assert vcdm._datetime_stamp(text) == INSTANT
    # no offset: XML Schema dateTime (proofs, VC 1.1 dates, trust lists) reads UTC; dateTimeStamp does not
    assert dataintegrity.parse_datetime(naive) == trust.parse_datetime(naive) == INSTANT
    assert vcdm._datetime_stamp(naive) is None
    with pytest.raises(ValueError):
        _time.parse_datetime(naive)
    # a date is not an instant anywhere
    assert dataintegrity.parse_datetime(day) is None and vcdm._datetime_stamp(day) is None
    with pytest.raises(ValueError):
        trust.parse_datetime(day)
