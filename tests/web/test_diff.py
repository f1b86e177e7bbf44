"""Differences between versions: numbered lines, and resolved fields (inherited values show on every heir)."""

from __future__ import annotations

import datetime as dt

from principal.store.diff import diff_versions, field_changes, text_lines
from principal.store.records import StoredVersion, VersionInfo


def version(number: int, text: str) -> StoredVersion:
    return StoredVersion(VersionInfo(number, 1, number, "ana", "", dt.datetime(2027, 1, 1, tzinfo=dt.UTC), ""), text)


def test_text_lines_carry_old_and_new_numbers() -> None:
    lines = text_lines("a\nb\nc\n", "a\nB\nc\nd\n", context=1)
    assert [(x.kind, x.old_number, x.new_number, x.text) for x in lines] == [
        ("hunk", None, None, "@@ -1,3 +1,4 @@"),
        ("context", 1, 1, "a"),
        ("removed", 2, None, "b"),
        ("added", None, 2, "B"),
        ("context", 3, 3, "c"),
        ("added", None, 4, "d"),
    ]


def test_a_parent_change_shows_on_the_offers_that_extend_it(seed_text: str) -> None:
    new = seed_text.replace("      percent: 3 ", "      percent: 4 ")
    changes = [(c.path, c.kind, c.before, c.after) for c in field_changes(seed_text, new)]
    assert changes == [
        ("offers.revised-ask.uplift.percent", "changed", "3", "4"),
        ("offers.final.uplift.percent", "changed", "3", "4"),
    ]


def test_added_and_removed_fields(seed_text: str) -> None:
    new = seed_text.replace("  budget:\n    annual: 1_950_000          # assumption\n", "")
    assert new != seed_text
    changes = [(c.path, c.kind, c.before, c.after) for c in field_changes(seed_text, new)]
    assert changes == [("buyer.budget.annual", "removed", "1950000", None)]


def test_comment_only_change_has_lines_but_no_fields(seed_text: str) -> None:
    result = diff_versions(
        version(1, seed_text), version(2, seed_text.replace("# assumption: contract month 1", "# x"))
    )
    assert result.fields == ()
    assert [x.kind for x in result.lines].count("added") == 1
    assert result.unified.startswith("--- version 1\n+++ version 2\n")


def test_an_unreadable_version_still_diffs_as_text(seed_text: str) -> None:
    result = diff_versions(version(1, seed_text), version(2, "name: only a name\n"))
    assert result.fields == ()
    assert result.note is not None and result.note.startswith("fields cannot be compared")
    assert result.lines
