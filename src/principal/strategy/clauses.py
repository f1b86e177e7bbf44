"""Clause drafts filled from an offer's parameters. Where the offer leaves a term out, the draft says what is
missing instead of inventing a value.

`draft_clauses(deal, offer_name) -> ClauseSet`: usage bands and cap, per-component SLA with credit ladder and chronic
exit, milestone payments with holdback, key personnel, data export and transition assistance.
"""

from __future__ import annotations

from dataclasses import dataclass

from principal.model.deal import Deal, Offer
from principal.model.pricing import Period, RateCard, RateCardKind, UsageMeter
from principal.model.sla import Computation, CreditBasis, Sla
from principal.strategy.money_words import amount, number, percent, rate

_FEE_BASE = {
    "all_monthly": "all fees invoiced for that month",
    "component": "the monthly fees attributable to the affected component",
    "usage": "the usage fees invoiced for that month",
    "licenses": "the licence fees invoiced for that month",
}


@dataclass(frozen=True)
class Clause:
    key: str
    title: str
    paragraphs: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class ClauseSet:
    deal: str
    offer: str
    offer_label: str | None
    clauses: tuple[Clause, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(f"{c.title}: {m}" for c in self.clauses for m in c.missing)


def draft_clauses(deal: Deal, offer_name: str) -> ClauseSet:
    offer = deal.offers[offer_name]
    cur = deal.currency
    clauses = (
        _usage_clause(deal, offer, cur),
        _sla_clause(offer, cur),
        _milestone_clause(offer, cur),
        _key_personnel_clause(offer),
        _exit_clause(offer, cur),
    )
    return ClauseSet(deal.name, offer_name, offer.label, clauses)


def _and(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _card_text(meter: UsageMeter, unit: str, cur: str) -> str:
    card: RateCard = meter.rate_card
    per = "calendar month" if card.period is Period.month else "contract year"
    if card.kind is RateCardKind.flat:
        assert card.rate is not None
        return f"{meter.name}: {rate(card.rate, cur)} per {unit}, at one flat rate."
    steps: list[str] = []
    lower = None
    for band in card.bands:
        if band.up_to is None:
            steps.append(f"{rate(band.rate, cur)} per {unit} above {number(lower or 0)}")
        elif lower is None:
            steps.append(f"{rate(band.rate, cur)} per {unit} for the first {number(band.up_to)}")
        else:
            steps.append(f"{rate(band.rate, cur)} per {unit} from {number(lower)} to {number(band.up_to)}")
        lower = band.up_to
    if card.kind is RateCardKind.graduated:
        how = f"each {unit} in a {per} is charged at the rate of the band it falls in"
    else:
        how = f"every {unit} in a {per} is charged at the rate of the highest band the {per}'s volume reaches"
    return f"{meter.name}: {'; '.join(steps)} ({how})."


def _usage_clause(deal: Deal, offer: Offer, cur: str) -> Clause:
    title = "Usage charges, volume bands and annual cap"
    missing: list[str] = []
    if not offer.usage:
        return Clause("usage", title, (), ("the offer lists no usage charges; ask for the full rate card",))
    paras = [
        "Usage Rates. The Supplier shall charge usage only at the rates below. No other usage-based charge applies "
        "unless the Customer has agreed it in a signed change order."
    ]
    for meter in offer.usage:
        unit = deal.buyer.forecasts[meter.forecast].unit if meter.forecast in deal.buyer.forecasts else "unit"
        paras.append(_card_text(meter, unit, cur))
        if meter.rate_card.kind is RateCardKind.flat:
            missing.append(f"{meter.name} has one flat rate: no volume bands step the price down as volume grows")
        if meter.opt_in is not True and any(w in meter.name for w in ("bot", "ai", "summar")):
            missing.append(f"{meter.name}: the offer does not make these billable events opt-in")
    cap = offer.usage_cap
    if cap is None:
        missing.append("no not-to-exceed cap on usage charges")
    else:
        covered = "all usage charges" if not cap.meters else "usage charges for " + ", ".join(cap.meters)
        period = "contract year" if cap.period is Period.year else "calendar month"
        if cap.percent_of_forecast is not None:
            limit = (
                f"{percent(cap.percent_of_forecast)} of the charges that the Customer's forecast volumes for that "
                f"{period}, as set out in the order form, would produce at the rates above"
            )
        else:
            assert cap.amount is not None
            limit = amount(cap.amount, cur)
        text = (
            f"Usage Cap. In any {period}, {covered} shall not exceed {limit}. Usage above the cap is provided at no "
            "further charge."
        )
        if cap.exceptions:
            text += (
                " The cap is adjusted only for the following changes, each agreed in a signed change order: "
                + ", ".join(cap.exceptions)
                + "."
            )
        else:
            text += " No event lifts the cap."
        if cap.collar_percent_of_forecast is not None:
            text += (
                f" The Customer shall pay at least {percent(cap.collar_percent_of_forecast)} of the forecast charges "
                f"in each {period}."
            )
        paras.append(text)
    return Clause("usage", title, tuple(paras), tuple(missing))


def _ladder(sla: Sla) -> str:
    credits = sla.credits
    base = _FEE_BASE[credits.fee_base.value]
    rungs: list[str] = []
    for tier in credits.tiers:
        if credits.basis is CreditBasis.uptime:
            assert tier.below is not None
            rungs.append(f"availability below {percent(tier.below)}: {percent(tier.percent)} of {base}")
        else:
            assert tier.min_minutes is not None
            rungs.append(f"an outage of {number(tier.min_minutes)} minutes or more: {percent(tier.percent)} of {base}")
    return "; ".join(rungs)


def _sla_clause(offer: Offer, cur: str) -> Clause:
    title = "Service levels, service credits and chronic failure"
    sla = offer.sla
    if sla is None:
        return Clause("sla", title, (), ("the offer has no SLA; ask for per-component availability commitments",))
    missing: list[str] = []
    window = {"month": "calendar month", "quarter": "calendar quarter", "year": "contract year"}[sla.window.value]
    targets = "; ".join(f"{c.name.replace('_', ' ')}: {percent(c.target)}" for c in sla.components)
    paras = [
        f"Availability. The Supplier shall make each component below available for at least the stated share of "
        f"each {window}, measured for each component on its own: {targets}."
    ]
    if sla.computation is not Computation.per_component:
        missing.append(
            f"availability is computed as {sla.computation.value}, so one component can fail while the figure holds"
        )
    if len(sla.components) == 1:
        missing.append("one platform figure only: voice routing, agent desktop and digital channels are not separate")
    ex = sla.exclusions
    excluded: list[str] = []
    if ex.planned_maintenance:
        maint = "planned maintenance"
        if ex.maintenance_notice_days is not None:
            maint += f" notified at least {ex.maintenance_notice_days} days in advance"
        else:
            missing.append("no notice period for planned maintenance")
        if ex.maintenance_outside_business_hours:
            maint += " and carried out outside the Customer's business hours"
        else:
            missing.append("maintenance may fall inside business hours")
        excluded.append(maint)
    for flag, words in (
        (ex.carrier, "failures of telecommunications carriers outside the Supplier's control"),
        (ex.third_party, "failures of third-party services the Customer chose"),
        (ex.customer_caused, "outages the Customer caused"),
        (ex.force_majeure, "force majeure events"),
    ):
        if flag:
            excluded.append(words)
    paras.append(
        "Exclusions. Only the following time is excluded from the calculation: " + "; ".join(excluded) + "."
        if excluded
        else "Exclusions. No downtime is excluded from the calculation."
    )
    credits = sla.credits
    if credits.tiers:
        text = f"Service Credits. For each component and {window} below its commitment, the Supplier shall credit: "
        text += _ladder(sla) + "."
        if credits.escalation is not None:
            esc = credits.escalation
            if esc.add_percent:
                text += (
                    f" A miss within {esc.repeat_within} {window}s of the previous miss adds "
                    f"{percent(esc.add_percent)} to the credit for each such repeat."
                )
            if esc.multiplier != 1:
                text += f" Each repeat miss multiplies the credit by {number(esc.multiplier)}."
        else:
            missing.append("credits do not rise for repeated misses")
        if credits.cap_percent is not None:
            text += f" Credits in one {window} shall not exceed {percent(credits.cap_percent)} of the fee base."
        if credits.claim_days is not None:
            text += f" The Customer shall claim a credit within {credits.claim_days} days after the {window} ends."
        if credits.minimum_credit:
            text += f" Credits below {amount(credits.minimum_credit, cur)} are not paid."
        text += (
            " Credits are set off against the next invoice."
            if credits.future_invoice_only
            else " Credits are paid or set off at the Customer's choice."
        )
        paras.append(text)
    else:
        missing.append("no service-credit ladder")
    if sla.sole_remedy is True:
        missing.append("credits are stated as the sole remedy; the draft should keep other remedies open")
    elif sla.sole_remedy is False:
        paras.append("Other Remedies. Service credits are without prejudice to the Customer's other rights.")
    if sla.chronic:
        for rule in sla.chronic:
            watched = ", ".join(c.replace("_", " ") for c in rule.components) or "any component"
            trigger = "misses its commitment" if rule.kind.value == "misses" else "reaches the maximum credit"
            right = {
                "terminate_affected": "terminate the affected services",
                "terminate_all": "terminate the agreement",
                "fee_reduction": "a reduction of the affected fees",
            }[rule.remedy.value]
            fee = (
                "without any termination charge"
                if rule.termination_fee == 0
                else f"on payment of {amount(rule.termination_fee, cur)}"
            )
            paras.append(
                f"Chronic Failure. If {watched} {trigger} in {rule.count} {window}s within any rolling period of "
                f"{rule.within} {window}s, the Customer may, by notice within 60 days, {right} {fee}, and the "
                "Supplier shall provide the exit assistance in this agreement."
            )
    else:
        missing.append("no chronic-failure exit right")
    return Clause("sla", title, tuple(paras), tuple(missing))


def _milestone_clause(offer: Offer, cur: str) -> Clause:
    title = "Implementation fees, milestones and holdback"
    if not offer.one_time_fees:
        return Clause("milestones", title, (), ("the offer has no one-time fees to tie to milestones",))
    paras: list[str] = []
    missing: list[str] = []
    for fee in offer.one_time_fees:
        if not fee.milestones:
            missing.append(f"{fee.name}: no payment schedule; the whole {amount(fee.amount, cur)} is due at once")
            continue
        items = []
        for m in fee.milestones:
            share = fee.amount * m.percent / 100
            held = " (holdback)" if m.holdback else ""
            items.append(f"{amount(share, cur)} ({percent(m.percent)}) on {m.name}{held}, planned for month {m.month}")
        paras.append(
            f"Milestone Payments. The fixed fee for {fee.name} is {amount(fee.amount, cur)}, payable only "
            f"as each milestone is accepted in writing by the Customer: " + "; ".join(items) + "."
        )
        gates = {m.gate.value for m in fee.milestones}
        if gates <= {"signature", "kickoff"}:
            missing.append(f"{fee.name}: all of it falls due before any delivery; no payment depends on go-live")
        holdbacks = [m for m in fee.milestones if m.holdback]
        if holdbacks:
            for m in holdbacks:
                criteria = m.acceptance_criteria or "acceptance criteria still to be agreed"
                if m.acceptance_criteria is None:
                    missing.append(f"{m.name}: the holdback has no acceptance criteria")
                paras.append(
                    f"Holdback. The {percent(m.percent)} due on {m.name} "
                    f"({amount(fee.amount * m.percent / 100, cur)}) is held back until the Customer confirms: "
                    f"{criteria}. If the condition is not met, the Customer need not pay it until it is."
                )
        else:
            missing.append(f"{fee.name}: no part of the fee is held back until stable operations")
    impl = offer.implementation
    if impl is not None and impl.billing_tied_to_go_live is False:
        missing.append("recurring billing can start before go-live")
    return Clause("milestones", title, tuple(paras), tuple(missing))


def _key_personnel_clause(offer: Offer) -> Clause:
    title = "Key personnel"
    kp = offer.implementation.key_personnel if offer.implementation is not None else None
    if kp is None or not kp.roles:
        return Clause("key_personnel", title, (), ("the offer names no key personnel roles",))
    roles = ", ".join(kp.roles)
    text = (
        f"Key Personnel. The Supplier shall staff the following roles with the named individuals until go-live "
        f"and 60 days after it: {roles}."
    )
    missing: list[str] = []
    if kp.approval_before_substitution:
        text += (
            " The Supplier shall not replace any of them without the Customer's prior written approval, which the "
            "Customer shall not withhold unreasonably, and a replacement shall have equal experience and overlap "
            "with the person leaving for at least 10 business days at no charge."
        )
    else:
        missing.append("no approval right before key personnel are substituted")
    return Clause("key_personnel", title, (text,), tuple(missing))


def _exit_clause(offer: Offer, cur: str) -> Clause:
    title = "Data export and transition assistance"
    ex = offer.exit
    if ex is None:
        return Clause(
            "exit", title, (), ("the offer has no data export terms", "the offer has no transition assistance terms")
        )
    paras: list[str] = []
    missing: list[str] = []
    export = ex.data_export
    if export is None or not export.included:
        missing.append("data export at exit is not included")
    else:
        fee = "at no charge" if not export.fee else f"for a fee of {amount(export.fee, cur)}"
        formats = f" in {_and(export.formats)} format{'s' if len(export.formats) > 1 else ''}" if export.formats else ""
        if not export.formats:
            missing.append("no export formats are named")
        if export.days_after_termination is None:
            missing.append("no deadline for the data export")
            when = "on termination or expiry"
        else:
            when = f"within {export.days_after_termination} days after termination or expiry"
        paras.append(
            f"Data Export. {when[0].upper() + when[1:]}, the Supplier shall deliver all Customer data, including "
            f"contact records, recordings, transcripts and configuration,{formats}, {fee}, and shall delete its "
            "copies after the Customer confirms receipt."
        )
    transition = ex.transition_assistance
    if transition is None or not transition.included:
        missing.append("transition assistance is not included")
    else:
        months = f"for up to {transition.months} months" if transition.months is not None else "for a period"
        if transition.months is None:
            missing.append("the length of transition assistance is not stated")
        if transition.rate_per_hour is not None:
            price = f"at {amount(transition.rate_per_hour, cur)} per hour, fixed for the term"
        else:
            price = "at rates still to be agreed"
            missing.append("no pre-agreed hourly rate for transition assistance")
        paras.append(
            f"Transition Assistance. On termination or expiry for any reason, the Supplier shall {months} continue "
            f"the services and help the Customer move to a successor, {price}."
        )
    if ex.terminate_affected_modules:
        paras.append(
            "Partial Termination. Where this agreement allows termination for a failing service, the Customer may "
            "end only the affected services and keep the rest at the same prices."
        )
    return Clause("exit", title, tuple(paras), tuple(missing))
