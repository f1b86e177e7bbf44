"""Outage logs: good rows load; bad logs give one located line per problem: FILE:ROW:COLUMN: field: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from principal.errors import InputError
from principal.loader.outage_log import load_outage_log, parse_outage_log
from principal.model.sla import OutageCause
from tests.sla.conftest import FIXTURES

KNOWN = ["agent_desktop", "digital_channels", "platform", "voice_routing"]
ZONE = "America/New_York"


def problems(path: Path, timezone: str | None = ZONE) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_outage_log(path, components=KNOWN, timezone=timezone)
    return [p.render() for p in caught.value.problems]


def test_sample_log_loads() -> None:
    log = load_outage_log(FIXTURES / "sample.csv", components=KNOWN, timezone=ZONE)
    assert len(log.outages) == 9
    first, carrier = log.outages[0], log.outages[2]
    assert first.row == 3 and first.component == "voice_routing"  # comment row 1, header row 2
    assert carrier.cause is OutageCause.carrier
    assert log.outages[1].planned and log.outages[1].notice_days == 10
    assert log.outages[5].degraded_percent == 50


def test_end_before_start() -> None:
    path = FIXTURES / "end_before_start.csv"
    assert problems(path) == [
        f"{path}:3:2: end: end 2027-01-14T09:00:00-05:00 is before start 2027-01-14T09:30:00-05:00; fix the times"
    ]


def test_overlapping_rows_for_one_component() -> None:
    path = FIXTURES / "overlap.csv"
    assert problems(path) == [
        f"{path}:4:1: start: overlaps row 2 (voice_routing down until 2027-01-12T10:05:00-05:00); "
        "merge the rows or correct the times"
    ]


def test_unknown_component() -> None:
    path = FIXTURES / "unknown_component.csv"
    assert problems(path) == [
        f"{path}:2:3: component: unknown component 'voice_routng'; did you mean 'voice_routing'? "
        "(the deal's SLAs name agent_desktop, digital_channels, platform, voice_routing)"
    ]


def test_naive_time_is_an_error_when_the_deal_names_a_zone() -> None:
    path = FIXTURES / "naive_time.csv"
    assert problems(path) == [
        f"{path}:2:1: start: '2027-01-12T09:30:00' has no UTC offset and the deal's time zone is America/New_York; "
        "add the offset, e.g. -05:00 or Z"
    ]


def test_naive_time_is_utc_when_the_deal_names_no_zone() -> None:
    log = load_outage_log(FIXTURES / "naive_time.csv", components=KNOWN, timezone=None)
    assert log.outages[0].start.utcoffset() is not None
    assert log.outages[0].start.hour == 9


def test_every_bad_value_in_one_pass() -> None:
    path = FIXTURES / "bad_values.csv"
    found = problems(path)
    assert [line.split(": ")[0] for line in found] == [f"{path}:2:{c}" for c in (4, 5, 6, 7)] + [f"{path}:3:1"]
    assert found[0].endswith(
        "cause: unknown cause 'aliens'; use one of vendor, carrier, third_party, customer, force_majeure"
    )
    assert "needs a date and a time" in found[4]


def test_unknown_column_suggests_and_names_the_missing_one() -> None:
    path = FIXTURES / "unknown_column.csv"
    found = problems(path)
    assert f"{path}:1: end: missing column 'end'; the header needs start, end, component" in found
    assert any(line.startswith(f"{path}:1:2: finish: unknown column 'finish'") for line in found)


def test_non_csv_files_are_refused(tmp_path: Path) -> None:
    assert problems(FIXTURES / "workbook.csv") == [
        f"{FIXTURES / 'workbook.csv'}: (file): not a CSV file: "
        "it looks like a ZIP archive or Excel workbook; save it as CSV"
    ]
    xlsx = tmp_path / "log.xlsx"
    xlsx.write_text("start,end,component\n")
    assert problems(xlsx) == [f"{xlsx}: (file): a .xlsx file is not CSV; export the outage log as CSV"]
    binary = tmp_path / "log.csv"
    binary.write_bytes(b"start,end\x00,component\n")
    assert "binary data" in problems(binary)[0]
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"start,end,component\n# caf\xe9\n")
    assert problems(latin) == [f"{latin}:2: (file): not UTF-8 text; save the CSV as UTF-8"]


def test_huge_files_are_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import principal.loader.outage_log as module

    monkeypatch.setattr(module, "MAX_LOG_BYTES", 100)
    big = tmp_path / "big.csv"
    big.write_text("start,end,component\n" + "x" * 200)
    assert problems(big) == [f"{big}: (file): file is 220 bytes; an outage log may be at most 100"]


def test_too_many_rows_stop_early(monkeypatch: pytest.MonkeyPatch) -> None:
    import principal.loader.outage_log as module

    monkeypatch.setattr(module, "MAX_LOG_ROWS", 2)
    rows = "".join(f"2027-01-{day:02d}T09:00:00Z,2027-01-{day:02d}T09:10:00Z,voice_routing\n" for day in range(1, 6))
    with pytest.raises(InputError) as caught:
        parse_outage_log(("start,end,component\n" + rows).encode(), "log.csv", components=KNOWN, timezone=None)
    assert caught.value.problems[0].render() == "log.csv:4: (file): more than 2 outage rows; split the log"


def test_missing_file_and_empty_file(tmp_path: Path) -> None:
    assert problems(tmp_path / "none.csv") == [f"{tmp_path / 'none.csv'}: (file): file not found; check the path"]
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert problems(empty) == [f"{empty}: (file): the file is empty; it needs a header row: start,end,component"]


def test_semicolon_separated_logs_load() -> None:
    text = "start;end;component\n2027-01-12T09:30:00Z;2027-01-12T10:00:00Z;platform\n"
    log = parse_outage_log(text.encode(), "log.csv", components=KNOWN, timezone=ZONE)
    assert log.outages[0].component == "platform"
