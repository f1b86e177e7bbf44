"""Deals and versions in the database: every save is validated, numbered, attributed and all-or-nothing."""

from __future__ import annotations

import hashlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from principal.errors import InputError
from principal.store import analyses, deals, exports, reviews
from principal.store.database import Store
from principal.store.errors import InvalidValue, NotFound, NothingChanged, VersionConflict
from principal.store.tables import Base


def test_migrations_create_exactly_the_models_tables(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        tables = set(inspect(connection).get_table_names())
    assert differences == []
    assert {
        "deals",
        "deal_versions",
        "reviews",
        "review_documents",
        "analyses",
        "exports",
        "archived_offers",
        "users",
        "user_sessions",
        "deal_comments",
        "audit_events",
        "alembic_version",
    } == tables


def test_create_then_save_numbers_versions_and_keeps_who_when_why(store: Store, seed_text: str) -> None:
    first = deals.create_deal(store, seed_text, author="Ana  Lima", message="")
    assert (first.info.number, first.info.author, first.info.message) == (1, "Ana Lima", "Created the deal")
    changed = seed_text.replace("unit_price: 143", "unit_price: 141")
    second = deals.save_version(
        store, first.info.deal_id, changed, author="Bo", message="Counter at $141", base_number=1
    )
    assert second.info.number == 2
    listed = deals.list_versions(store, first.info.deal_id)
    assert [(v.number, v.author, v.message) for v in listed] == [
        (2, "Bo", "Counter at $141"),
        (1, "Ana Lima", "Created the deal"),
    ]
    assert deals.get_version(store, first.info.deal_id, 1).yaml_text == seed_text
    assert deals.get_version(store, first.info.deal_id).yaml_text == changed
    summary = deals.get_deal(store, first.info.deal_id)
    assert summary.latest_number == 2
    assert summary.name == "Contact-center platform replacement, 450 agents (North America and EMEA)"
    assert [d.id for d in deals.list_deals(store)] == [first.info.deal_id]


def test_invalid_deal_is_refused_with_located_problems_and_nothing_written(store: Store, seed_text: str) -> None:
    created = deals.create_deal(store, seed_text, author="ana", message="")
    broken = seed_text.replace("unit_price: 143", "unit_price: -143")
    with pytest.raises(InputError) as caught:
        deals.save_version(store, created.info.deal_id, broken, author="bo", message="", filename="edit.yaml")
    [problem] = caught.value.problems
    line = broken.splitlines().index("        unit_price: -143") + 1
    assert problem.render() == f"edit.yaml:{line}:21: offers.final.licenses[0].unit_price: must be >= 0 (got -143)"
    assert deals.get_deal(store, created.info.deal_id).latest_number == 1
    with pytest.raises(InputError):
        deals.create_deal(store, "name: [unclosed", author="ana", message="")
    assert len(deals.list_deals(store)) == 1


def test_a_failure_inside_the_transaction_leaves_the_previous_version_intact(store: Store, seed_text: str) -> None:
    created = deals.create_deal(store, seed_text, author="ana", message="")
    deal_id = created.info.deal_id

    def crash(session: Session) -> None:
        raise RuntimeError("disk full")

    event.listen(Session, "before_commit", crash)
    try:
        with pytest.raises(RuntimeError, match="disk full"):
            deals.save_version(
                store, deal_id, seed_text.replace("quantity: 450", "quantity: 460"), author="bo", message=""
            )
    finally:
        event.remove(Session, "before_commit", crash)
    assert deals.get_deal(store, deal_id).latest_number == 1
    assert [v.number for v in deals.list_versions(store, deal_id)] == [1]
    assert deals.get_version(store, deal_id).yaml_text == seed_text
    again = deals.save_version(
        store, deal_id, seed_text.replace("quantity: 450", "quantity: 460"), author="bo", message=""
    )
    assert again.info.number == 2


def test_a_save_based_on_an_old_version_is_refused(store: Store, seed_text: str) -> None:
    created = deals.create_deal(store, seed_text, author="ana", message="")
    deals.save_version(
        store, created.info.deal_id, seed_text.replace("143", "144"), author="bo", message="", base_number=1
    )
    with pytest.raises(VersionConflict) as caught:
        deals.save_version(
            store, created.info.deal_id, seed_text.replace("143", "139"), author="cy", message="", base_number=1
        )
    assert caught.value.latest == 2
    assert "saved by bo after version 1" in str(caught.value)
    assert deals.get_deal(store, created.info.deal_id).latest_number == 2


def test_saving_the_same_text_makes_no_version(store: Store, seed_text: str) -> None:
    created = deals.create_deal(store, seed_text, author="ana", message="")
    with pytest.raises(NothingChanged, match="stays at version 1"):
        deals.save_version(store, created.info.deal_id, seed_text.replace("\n", "\r\n"), author="bo", message="")


@pytest.mark.parametrize(
    ("author", "message", "field", "reason"),
    [
        ("   ", "", "author", "required"),
        ("x" * 101, "", "author", "at most 100 characters (got 101)"),
        ("ana", "y" * 2001, "message", "at most 2000 characters (got 2001)"),
        ("ana", "bell\x07", "message", "contains control characters"),
    ],
)
def test_author_and_message_are_checked(
    store: Store, seed_text: str, author: str, message: str, field: str, reason: str
) -> None:
    with pytest.raises(InvalidValue) as caught:
        deals.create_deal(store, seed_text, author=author, message=message)
    assert (caught.value.field, caught.value.reason) == (field, reason)
    assert deals.list_deals(store) == []


def test_missing_deal_and_version_are_not_found(store: Store, seed_text: str) -> None:
    created = deals.create_deal(store, seed_text, author="ana", message="")
    with pytest.raises(NotFound, match="no deal 999"):
        deals.get_deal(store, 999)
    with pytest.raises(NotFound, match=f"deal {created.info.deal_id} has no version 7; it has versions 1 to 1"):
        deals.get_version(store, created.info.deal_id, 7)
    with pytest.raises(NotFound):
        deals.save_version(store, 999, seed_text, author="ana", message="")


def test_reviews_keep_documents_extracted_text(store: Store, seed_text: str) -> None:
    deal_id = deals.create_deal(store, seed_text, author="ana", message="").info.deal_id
    review = reviews.create_review(store, deal_id, title="MSA and SLA schedule", author="ana", offer="final")
    doc = reviews.add_document(
        store,
        review.id,
        filename="sla.pdf",
        media_type="application/pdf",
        content=b"%PDF-1.7 bytes",
        extracted_text="Service credits are the sole remedy.",
    )
    assert (doc.size_bytes, doc.sha256) == (14, hashlib.sha256(b"%PDF-1.7 bytes").hexdigest())
    [listed] = reviews.list_reviews(store, deal_id)
    assert (listed.title, listed.offer, [d.filename for d in listed.documents]) == (
        "MSA and SLA schedule",
        "final",
        ["sla.pdf"],
    )
    assert reviews.get_document(store, doc.id).extracted_text == "Service credits are the sole remedy."
    with pytest.raises(NotFound):
        reviews.create_review(store, 999, title="x", author="ana")


def test_analyses_are_cached_per_version_engine_and_settings(store: Store, seed_text: str) -> None:
    version_id = deals.create_deal(store, seed_text, author="ana", message="").info.id
    calls: list[int] = []

    def compute() -> str:
        calls.append(1)
        return '{"total": "123.45"}'

    first = analyses.analysis(store, version_id, "cost", "1", {"seed": 7}, compute)
    second = analyses.analysis(store, version_id, "cost", "1", {"seed": 7}, compute)
    assert first == second == '{"total": "123.45"}'
    assert len(calls) == 1
    analyses.analysis(store, version_id, "cost", "1", {"seed": 8}, compute)
    analyses.analysis(store, version_id, "cost", "2", {"seed": 7}, compute)
    assert len(calls) == 3
    analyses.store_result(store, version_id, "cost", "1", {"seed": 7}, '{"other": 1}')
    assert analyses.cached_result(store, version_id, "cost", "1", {"seed": 7}) == '{"total": "123.45"}'


def test_exports_keep_their_bytes(store: Store, seed_text: str) -> None:
    created = deals.create_deal(store, seed_text, author="ana", message="")
    info = exports.record_export(
        store,
        created.info.id,
        format="md",
        filename="brief.md",
        media_type="text/markdown",
        content=b"# Brief\n",
        author="ana",
    )
    [listed] = exports.list_exports(store, created.info.deal_id)
    assert (listed.id, listed.size_bytes, listed.format) == (info.id, 8, "md")
    assert exports.get_export(store, info.id)[1] == b"# Brief\n"


def test_a_version_is_parsed_once_and_its_model_reused(store: Store, seed_text: str) -> None:
    created = deals.create_deal(store, seed_text, author="ana", message="")
    deals.save_version(store, created.info.deal_id, seed_text.replace("143", "144"), author="bo", message="")
    first = deals.load_version(store, created.info.deal_id, 1)[1]
    assert deals.load_version(store, created.info.deal_id, 1)[1] is first
    latest = deals.load_version(store, created.info.deal_id)[1]
    assert latest is not first
    assert latest.offers["final"].licenses[0].unit_price == 144
