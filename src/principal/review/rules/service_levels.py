"""Rules on the SLA: whether credits, measurement and exits give the vendor a reason to keep the service up."""

from __future__ import annotations

from decimal import Decimal

from principal.review.extract.service_levels import COMPONENT
from principal.review.extract.terms import TermKind
from principal.review.rules.base import Action, Category, Finding, RuleContext, Severity, finding

MIN_CREDIT_CAP = Decimal(20)  # % of monthly fees below which credits are unlikely to change the vendor's effort
MIN_MAINTENANCE_NOTICE_DAYS = Decimal(7)
MIN_CLAIM_DAYS = Decimal(30)
MIN_OUTAGE_MINUTES = Decimal(3)  # beyond the two consecutive one-minute probes that confirm an outage
_DAYS = {"day": Decimal(1), "business_day": Decimal("1.4"), "week": Decimal(7), "hour": Decimal(1) / 24,
         "minute": Decimal(1) / 1440, "month": Decimal("30.4375")}  # fmt: skip


def days(value: Decimal, unit: str | None) -> Decimal:
    """Calendar days: a business day counts 1.4 (7/5), a month 30.4375 days (365.25/12)."""
    return value * _DAYS.get(unit or "day", Decimal(1))


def rule_credits_sole_remedy(ctx: RuleContext) -> list[Finding]:
    """Service credits are the buyer's sole and exclusive remedy.

    Principal-agent reason: credits are capped and small against the buyer's losses from an outage; making them
    the only remedy caps the vendor's cost of poor reliability at the credit cap, so effort beyond that level
    is not rewarded.
    """
    sole = [t for t in ctx.of(TermKind.sole_remedy) if t.basis == "credits"]
    if not sole:
        return []
    return [finding(ctx, rule_credits_sole_remedy, "Credits are the sole remedy", Category.sla_uptime, Severity.high,
                    "The buyer gives up damages and termination for SLA failures in exchange for capped credits.",
                    (Action.substitute, "{credits} are a price adjustment and are without prejudice to {customer}'s "
                     "other rights and remedies, including termination for chronic failure."), sole[0])]  # fmt: skip


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
            out.append(finding(ctx, rule_credit_cap_low, f"Credits capped at {term.value}% of fees",
                               Category.sla_uptime, severity,
                               f"At most {term.value}% of a month's fees is at risk however long the outage lasts; "
                               "a month with a day of downtime costs the vendor the same as a short miss.",
                               (Action.substitute, f"{{credits}} in any month may reach {MIN_CREDIT_CAP * 2}% of the "
                                "monthly {fees} and rise for repeated misses."), term))  # fmt: skip
            break
    return out


def rule_maintenance_exclusion_broad(ctx: RuleContext) -> list[Finding]:
    """Maintenance is excluded from uptime with short or no notice, or emergency maintenance is excluded.

    Principal-agent reason: the vendor decides when maintenance happens and how it is labelled, so a broad
    exclusion lets it move real outages out of the measured figure.
    """
    carve = [t for t in ctx.of(TermKind.carve_out) if t.basis in ("maintenance", "emergency_maintenance")]
    if not carve:
        return []
    # A notice in business days is compared by its count: "five business days" is a week at best, less than the
    # seven days asked for once a holiday or a weekend start is involved.
    notices = [t.value if t.unit == "business_day" else days(t.value, t.unit)
               for t in ctx.of(TermKind.maintenance_notice) if t.value is not None]  # fmt: skip
    notice_days = min(notices, default=None)
    emergency = [t for t in carve if t.basis == "emergency_maintenance"]
    short = notice_days is None or notice_days < MIN_MAINTENANCE_NOTICE_DAYS
    if not (emergency or short):
        return []
    parts = []
    if emergency:
        parts.append("emergency maintenance is excluded, so any outage the vendor calls an emergency is not counted")
    if short:
        parts.append("no notice period" if notice_days is None else f"notice is only {notice_days:.1f} day(s)")
    return [finding(ctx, rule_maintenance_exclusion_broad, "Broad maintenance exclusion", Category.sla_uptime,
                    Severity.high if emergency else Severity.medium, "; ".join(parts).capitalize() + ".",
                    (Action.substitute, "Planned maintenance is excluded only if {vendor} announces it at least 7 days "
                     "ahead and performs it outside {customer}'s business hours, for no more than 4 hours a month; "
                     "emergency maintenance counts as downtime."), (emergency or carve)[0])]  # fmt: skip


def rule_carrier_exclusion(ctx: RuleContext) -> list[Finding]:
    """Carrier and network failures are excluded from uptime.

    Principal-agent reason: the vendor chooses and manages its carriers; excluding their failures means the
    vendor bears none of the cost of a poor choice, while for a contact center a voice outage is an outage.
    """
    carriers = [t for t in ctx.of(TermKind.carve_out) if t.basis == "carrier"]
    if not carriers:
        return []
    return [finding(ctx, rule_carrier_exclusion, "Carrier failures excluded", Category.sla_uptime, Severity.medium,
                    "Failures of the carriers the vendor selected do not count against its uptime.",
                    (Action.substitute, "Only failures of carriers that {customer} selects and contracts directly are "
                     "excluded; carriers engaged by {vendor} are its subcontractors."), carriers[0])]  # fmt: skip


def rule_no_per_component_sla(ctx: RuleContext) -> list[Finding]:
    """One uptime figure for the whole service instead of per component.

    Principal-agent reason: an average over components hides a failing one (voice can be down for hours while
    the average holds), so the measured signal says little about the effort that matters most to the buyer.
    """
    targets = ctx.of(TermKind.uptime_target)
    per_component = [t for t in targets if t.detail.startswith("per component")]
    named = {m.group(0).lower() for t in per_component for m in COMPONENT.finditer(t.quote)}
    if not targets or len(per_component) > 1 or len(named) > 1:
        return []  # two or more components with targets of their own; one named component is still one figure
    return [finding(ctx, rule_no_per_component_sla, "No per-component SLA", Category.sla_uptime, Severity.medium,
                    f"Uptime is promised for the service as a whole ({targets[0].value}%), so one component can fail "
                    "for a long time while the average still meets the target.",
                    (Action.add, "Voice routing, the agent desktop and digital channels each have their own monthly "
                     "availability target, and each earns its own {credits}."), targets[0], missing=True)]  # fmt: skip


def rule_no_uptime_commitment(ctx: RuleContext) -> list[Finding]:
    """A priced service with no availability promise at all (and no SLA referenced that was not provided).

    Principal-agent reason: without a measured promise the vendor's reliability effort has no price; the buyer
    pays the same for a service that is down a day a month as for one that never fails.
    """
    if ctx.of(TermKind.uptime_target) or not ctx.of(TermKind.seat_price, TermKind.usage_rate):
        return []
    if "sla" in ctx.deferred or "sla" in ctx.kinds:
        return []
    return [finding(ctx, rule_no_uptime_commitment, "No uptime commitment", Category.sla_uptime, Severity.high,
                    "The service is priced but the documents promise no availability at all.",
                    (Action.add, "{vendor} will make each component of the Services available at least 99.9% of each "
                     "calendar month, with {credits} and a chronic-failure exit as set out in the SLA attached."),
                    None, missing=True)]  # fmt: skip


def rule_no_chronic_failure_exit(ctx: RuleContext) -> list[Finding]:
    """An SLA with no right to leave after repeated failures.

    Principal-agent reason: without an exit the buyer's only threat is a capped credit; a chronic-failure exit
    makes persistent under-performance cost the vendor the whole remaining contract.
    """
    targets = ctx.of(TermKind.uptime_target)
    if not targets or ctx.has(TermKind.termination_right, "chronic"):
        return []
    return [finding(ctx, rule_no_chronic_failure_exit, "No chronic-failure exit", Category.sla_uptime, Severity.high,
                    "Nothing lets the buyer leave when the SLA is missed month after month.",
                    (Action.add, "If {vendor} misses any component's target in 3 months within any rolling 6 months, "
                     "{customer} may terminate the affected Services without fee."), targets[0],
                    missing=True)]  # fmt: skip


def rule_short_claim_window(ctx: RuleContext) -> list[Finding]:
    """Credits must be claimed within a short window.

    Principal-agent reason: the vendor holds the monitoring data; a claim process puts the burden of proof on
    the buyer, and a short window makes unclaimed credits the vendor's gain.
    """
    for term in ctx.of(TermKind.credit_claim_deadline):
        if term.value is not None and days(term.value, term.unit) <= MIN_CLAIM_DAYS:
            unit = (term.unit or "day").replace("_", " ")
            return [finding(ctx, rule_short_claim_window, f"Credits must be claimed within {term.value} {unit}s",
                            Category.sla_uptime, Severity.low,
                            "Credits are lost unless the buyer claims them in time, with evidence the vendor holds.",
                            (Action.substitute, "{vendor} applies {credits} automatically on the next invoice, "
                             "based on "
                             "its monthly availability report."), term)]  # fmt: skip
    return []


def rule_efforts_only_uptime(ctx: RuleContext) -> list[Finding]:
    """The availability promise is only "commercially reasonable efforts" (or reasonable endeavours).

    Principal-agent reason: an effort standard cannot be verified by the buyer, who never sees the effort, only
    the outcome; it turns a measurable target into a debate about what was reasonable, so missing it costs the
    vendor little.
    """
    found = [t for t in ctx.of(TermKind.uptime_standard) if t.basis == "reasonable_efforts"]
    if not found:
        return []
    return [finding(ctx, rule_efforts_only_uptime, "Uptime promised only as reasonable efforts", Category.sla_uptime,
                    Severity.high, "The target is an effort, not a commitment, so a miss is not a breach.",
                    (Action.substitute, "{vendor} shall make the Services available at least at the target in each "
                     "calendar month; a shortfall is a failure to meet the service level whatever efforts were "
                     "made."), found[0])]  # fmt: skip


def rule_minimum_outage_threshold(ctx: RuleContext) -> list[Finding]:
    """Only outages longer than some minutes count as downtime.

    Principal-agent reason: short repeated outages drop calls just as long ones do; a threshold lets the vendor
    fail often and briefly without any of it being measured, exactly the failures it can most cheaply avoid.
    """
    found = [t for t in ctx.of(TermKind.minimum_outage) if t.value is not None and t.value >= MIN_OUTAGE_MINUTES]
    if not found:
        return []
    term = found[0]
    return [finding(ctx, rule_minimum_outage_threshold, f"Outages under {term.value} minutes do not count",
                    Category.sla_uptime, Severity.medium,
                    f"Any interruption shorter than {term.value} minutes is left out of the availability figure.",
                    (Action.substitute, "Every minute in which a component is unavailable counts as downtime, "
                     "whatever the length of the interruption."), term)]  # fmt: skip


def rule_vendor_only_measurement(ctx: RuleContext) -> list[Finding]:
    """Availability is measured only by the vendor's own monitoring, and its records decide.

    Principal-agent reason: the party that pays the credits also keeps the score; the buyer cannot show a miss
    the vendor's tools did not record, so the SLA's incentive rests on the vendor's own report.
    """
    if ctx.has(TermKind.uptime_measurement, "independent"):
        return []
    found = [t for t in ctx.of(TermKind.uptime_measurement) if t.basis == "vendor_monitoring"]
    if not found:
        return []
    return [finding(ctx, rule_vendor_only_measurement, "Availability measured only by the vendor",
                    Category.sla_uptime, Severity.medium,
                    "Only the vendor's monitoring decides whether the target was met.",
                    (Action.substitute, "Availability is measured by an independent monitoring service agreed by the "
                     "parties, and {customer}'s own records of outages are evidence of downtime."),
                    found[0])]  # fmt: skip
