"""Rules on the SLA: whether credits and exits give the vendor a reason to keep the service up."""

from __future__ import annotations

from decimal import Decimal

from principal.review.extract.terms import TermKind
from principal.review.rules.base import Category, Finding, RuleContext, Severity, finding

MIN_CREDIT_CAP = Decimal(20)  # % of monthly fees below which credits are unlikely to change the vendor's effort
MIN_MAINTENANCE_NOTICE_DAYS = Decimal(7)
MIN_CLAIM_DAYS = Decimal(30)


def rule_credits_sole_remedy(ctx: RuleContext) -> list[Finding]:
    """Service credits are the buyer's sole and exclusive remedy.

    Principal-agent reason: credits are capped and small against the buyer's losses from an outage; making them
    the only remedy caps the vendor's cost of poor reliability at the credit cap, so effort beyond that level
    is not rewarded.
    """
    sole = [t for t in ctx.of(TermKind.sole_remedy) if t.basis == "credits"]
    if not sole:
        return []
    return [
        finding(rule_credits_sole_remedy, "Credits are the sole remedy", Category.sla_uptime, Severity.high,
                "The buyer gives up damages and termination for SLA failures in exchange for capped credits.",
                "Replace with: \"Service Credits are a price adjustment and are without prejudice to the "
                "Customer's other rights, including termination under the chronic-failure clause.\"", sole[0])
    ]  # fmt: skip


def rule_credit_cap_low(ctx: RuleContext) -> list[Finding]:
    """Credits are capped at a small share of fees.

    Principal-agent reason: a credit works as the vendor's penalty for low effort; a cap works like limited
    liability, and if cap x fee is below the vendor's saving from skimping divided by the change in miss
    probability, no credit ladder can induce the effort.
    """
    out = []
    for term in ctx.of(TermKind.credit_cap):
        if term.value is not None and term.value < MIN_CREDIT_CAP:
            severity = Severity.high if term.value <= 10 else Severity.medium
            out.append(finding(rule_credit_cap_low, f"Credits capped at {term.value}% of fees", Category.sla_uptime,
                               severity,
                               f"At most {term.value}% of a month's fees is at risk however long the outage lasts; "
                               "a month with a day of downtime costs the vendor the same as a short miss.",
                               f"Raise the cap to at least {MIN_CREDIT_CAP}% of monthly fees and let credits escalate "
                               "for repeat misses.", term))  # fmt: skip
    return out


def rule_maintenance_exclusion_broad(ctx: RuleContext) -> list[Finding]:
    """Maintenance is excluded from uptime with short or no notice, or emergency maintenance is excluded.

    Principal-agent reason: the vendor decides when maintenance happens and how it is labelled, so a broad
    exclusion lets it move real outages out of the measured figure.
    """
    carve = [t for t in ctx.of(TermKind.carve_out) if t.basis in ("maintenance", "emergency_maintenance")]
    if not carve:
        return []
    notices = [t for t in ctx.of(TermKind.maintenance_notice) if t.value is not None]
    notice_days = min((_days(t.value, t.unit) for t in notices if t.value is not None), default=None)
    emergency = any(t.basis == "emergency_maintenance" for t in carve)
    short = notice_days is None or notice_days < MIN_MAINTENANCE_NOTICE_DAYS
    if not (emergency or short):
        return []
    parts = []
    if emergency:
        parts.append("emergency maintenance is excluded, so any outage the vendor calls an emergency is not counted")
    if short:
        parts.append("no notice period" if notice_days is None else f"notice is only {notice_days:.1f} day(s)")
    return [
        finding(
            rule_maintenance_exclusion_broad,
            "Broad maintenance exclusion",
            Category.sla_uptime,
            Severity.high if emergency else Severity.medium,
            "; ".join(parts).capitalize() + ".",
            'Replace with: "Planned maintenance is excluded only if announced at least 7 days ahead, held '
            "outside the Customer's business hours and under 4 hours a month; emergency maintenance counts "
            'as downtime."',
            carve[0],
        )
    ]


def _days(value: Decimal, unit: str | None) -> Decimal:
    return {"hour": value / 24, "minute": value / 1440, "week": value * 7}.get(unit or "day", value)


def rule_carrier_exclusion(ctx: RuleContext) -> list[Finding]:
    """Carrier and network failures are excluded from uptime.

    Principal-agent reason: the vendor chooses and manages its carriers; excluding their failures means the
    vendor bears none of the cost of a poor choice, while for a contact center a voice outage is an outage.
    """
    carriers = [t for t in ctx.of(TermKind.carve_out) if t.basis == "carrier"]
    if not carriers:
        return []
    return [
        finding(
            rule_carrier_exclusion,
            "Carrier failures excluded",
            Category.sla_uptime,
            Severity.medium,
            "Failures of the carriers the vendor selected do not count against its uptime.",
            'Narrow to: "failures of carriers the Customer selects and contracts directly"; carriers '
            "engaged by the Provider are its subcontractors.",
            carriers[0],
        )
    ]


def rule_no_per_component_sla(ctx: RuleContext) -> list[Finding]:
    """One uptime figure for the whole service instead of per component (or no uptime commitment at all).

    Principal-agent reason: an average over components hides a failing one (voice can be down for hours while
    the average holds), so the measured signal says little about the effort that matters most to the buyer.
    """
    targets = ctx.of(TermKind.uptime_target)
    if targets:
        if any(t.detail == "per component" for t in targets):
            return []
        return [
            finding(
                rule_no_per_component_sla,
                "No per-component SLA",
                Category.sla_uptime,
                Severity.medium,
                f"Uptime is promised for the service as a whole ({targets[0].value}%), so one component can fail "
                "for a long time while the average still meets the target.",
                "Add separate monthly targets for voice routing, agent desktop and digital channels, each "
                "earning its own credits.",
                targets[0],
                missing=True,
            )
        ]
    if ctx.of(TermKind.seat_price, TermKind.usage_rate):
        return [
            finding(
                rule_no_per_component_sla,
                "No uptime commitment",
                Category.sla_uptime,
                Severity.high,
                "The service is priced but the document promises no availability at all.",
                "Attach an SLA with monthly per-component targets, credits and a chronic-failure exit.",
                None,
                missing=True,
            )
        ]
    return []


def rule_no_chronic_failure_exit(ctx: RuleContext) -> list[Finding]:
    """An SLA with no right to leave after repeated failures.

    Principal-agent reason: without an exit the buyer's only threat is a capped credit; a chronic-failure exit
    makes persistent under-performance cost the vendor the whole remaining contract.
    """
    targets = ctx.of(TermKind.uptime_target)
    if not targets or ctx.has(TermKind.termination_right, "chronic"):
        return []
    return [
        finding(
            rule_no_chronic_failure_exit,
            "No chronic-failure exit",
            Category.sla_uptime,
            Severity.high,
            "Nothing lets the buyer leave when the SLA is missed month after month.",
            "Add: \"If the Provider misses any component's target in 3 months within any rolling 6, the "
            'Customer may terminate the affected services without fee."',
            targets[0],
            missing=True,
        )
    ]


def rule_short_claim_window(ctx: RuleContext) -> list[Finding]:
    """Credits must be claimed within a short window.

    Principal-agent reason: the vendor holds the monitoring data; a claim process puts the burden of proof on
    the buyer, and a short window makes unclaimed credits the vendor's gain.
    """
    out = []
    for term in ctx.of(TermKind.credit_claim_deadline):
        if term.value is not None and term.value <= MIN_CLAIM_DAYS:
            out.append(finding(rule_short_claim_window, f"Credits must be claimed within {term.value} days",
                               Category.sla_uptime, Severity.low,
                               "Credits are lost unless the buyer claims them in time, with evidence the vendor holds.",
                               "Replace with: \"The Provider applies Service Credits automatically on the next "
                               "invoice, based on its monthly availability report.\"", term))  # fmt: skip
    return out
