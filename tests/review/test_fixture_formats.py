"""The hand-written CCaaS order form yields the same terms and findings as Markdown, HTML, PDF and DOCX."""

from __future__ import annotations

from decimal import Decimal

from principal.review.extract.terms import TermKind
from principal.review.result import ReviewResult


def _terms(result: ReviewResult) -> list[tuple[str, Decimal | None, str | None, str, str | None, Decimal | None]]:
    return [(t.kind.value, t.value, t.unit, t.detail, t.basis, t.threshold) for t in result.terms]


def _findings(result: ReviewResult) -> list[tuple[str, str, str, bool]]:
    return [(f.rule, f.title, f.severity.value, f.missing) for f in result.findings]


def test_every_format_gives_the_same_terms_and_findings(fixture_reviews: dict[str, ReviewResult]) -> None:
    reference = fixture_reviews["md"]
    for suffix, result in fixture_reviews.items():
        assert _terms(result) == _terms(reference), suffix
        assert _findings(result) == _findings(reference), suffix
        assert [t.quote for t in result.terms] == [t.quote for t in reference.terms], suffix


def test_commercial_terms_of_the_fixture(fixture_reviews: dict[str, ReviewResult]) -> None:
    result = fixture_reviews["pdf"]
    by_kind: dict[TermKind, list[tuple[Decimal | None, str | None, str | None]]] = {}
    for t in result.terms:
        by_kind.setdefault(t.kind, []).append((t.value, t.unit, t.basis))
    assert by_kind[TermKind.seat_price] == [
        (Decimal("155.00"), "USD/user/month", None),
        (Decimal("115.00"), "USD/user/month", None),
        (Decimal("18.50"), "USD/user/month", None),
    ]
    assert [v for v, _, _ in by_kind[TermKind.seat_quantity]] == [Decimal(450), Decimal(30), Decimal(450)]
    assert by_kind[TermKind.usage_rate] == [
        (Decimal("0.012"), "USD/minute", None),
        (Decimal("0.0125"), "USD/minute", None),
        (Decimal("0.022"), "USD/minute", None),
        (Decimal("0.25"), "USD/session", "band_up_to"),
        (Decimal("0.18"), "USD/session", "band_above"),
        (Decimal("0.03"), "USD/summary", None),
    ]
    assert by_kind[TermKind.price_increase] == [(Decimal(5), "%", "fixed")]
    assert by_kind[TermKind.uptime_target] == [(Decimal("99.9"), "%", "month")]
    assert by_kind[TermKind.uptime_standard] == [(None, None, "reasonable_efforts")]
    tiers = [(t.threshold, t.value) for t in result.terms if t.kind is TermKind.credit_tier]
    assert tiers == [(Decimal("99.9"), Decimal(5)), (Decimal("99.5"), Decimal(10))]
    assert by_kind[TermKind.credit_cap] == [(Decimal(10), "%", "month")]
    assert by_kind[TermKind.credit_claim_deadline] == [(Decimal(30), "day", None)]
    assert by_kind[TermKind.maintenance_notice] == [(Decimal(48), "hour", None)]
    assert {b for _, _, b in by_kind[TermKind.carve_out]} == {
        "maintenance",
        "emergency_maintenance",
        "carrier",
        "third_party",
        "force_majeure",
    }
    assert by_kind[TermKind.subscription_term] == [(Decimal(36), "month", None)]
    assert by_kind[TermKind.renewal_term] == [(Decimal(12), "month", "auto")]
    assert by_kind[TermKind.renewal_notice] == [(Decimal(90), "day", "auto")]
    assert by_kind[TermKind.implementation_fee] == [(Decimal("280000.00"), "USD", "signature")]
    assert by_kind[TermKind.billing_start] == [(None, None, "before_go_live")]
    assert by_kind[TermKind.liability_cap] == [(Decimal(12), "month", "fees")]
    assert by_kind[TermKind.sole_remedy] == [(None, None, "credits")]
    assert by_kind[TermKind.usage_rounding] == [(Decimal(1), "minute", "per_call")]
    assert TermKind.data_export not in by_kind and TermKind.transition_assistance not in by_kind


def test_findings_of_the_fixture(fixture_reviews: dict[str, ReviewResult]) -> None:
    result = fixture_reviews["docx"]
    assert {f.rule for f in result.findings} == {
        "usage_uncapped",
        "ai_billable_by_default",
        "uplift_above_cpi",
        "no_seat_reduction",
        "per_call_rounding",
        "credits_sole_remedy",
        "credit_cap_low",
        "maintenance_exclusion_broad",
        "carrier_exclusion",
        "no_per_component_sla",
        "no_chronic_failure_exit",
        "short_claim_window",
        "efforts_only_uptime",
        "no_performance_reporting",
        "paid_before_go_live",
        "billing_before_go_live",
        "key_personnel_substitution",
        "auto_renewal_long_notice",
        "no_data_export",
        "no_transition_assistance",
        "annual_billing_in_advance",  # the seat rows' billing column: "Annually in advance"
    }
    assert result.missing == (
        "Usage is billed with no cap or collar",
        "No chronic-failure exit",
        "No data export right",
        "No per-component SLA",
        "No contractual performance reports",
        "No transition assistance",
    )
    severities = [f.severity.value for f in result.findings]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)


def test_citations_point_at_the_quoted_text(fixture_reviews: dict[str, ReviewResult]) -> None:
    for suffix in ("pdf", "docx"):
        result = fixture_reviews[suffix]
        cap = next(t for t in result.terms if t.kind is TermKind.credit_cap)
        assert cap.location.section == "3.2"
        assert cap.location.page == {"pdf": 4, "docx": 3}[suffix]
        sole = next(f for f in result.findings if f.rule == "credits_sole_remedy")
        assert sole.location is not None and sole.location.section == "3.4"
        assert sole.quote is not None and "sole and exclusive remedy" in sole.quote
