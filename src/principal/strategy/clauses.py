"""Clause drafts filled from an offer's parameters. Where the offer leaves a term out, the draft says what is
missing instead of inventing a value.

`draft_clauses(deal, offer_name) -> ClauseSet`: definitions (parties, Fee Base, Term), price increases and renewal
cap, usage bands and cap, per-component SLA with credit ladder (credits applied automatically, unused ones refunded
at the end of the Term) and chronic exit, milestone payments with acceptance and a holdback long-stop date, key
personnel, data export and transition assistance. A value the deal does not give is a named placeholder
([CHRONIC NOTICE PERIOD]), listed with what to fill in (`ClauseSet.placeholders`); no number is invented.

Paragraphs and gaps are `Statement`s: amounts, rates, percentages and volumes stay typed, and the presentation layer
writes them in the deal's currency and locale. Names from the deal (meters, milestones, roles) are values too.
"""

from __future__ import annotations

from dataclasses import dataclass

from principal.model.deal import Deal, Offer
from principal.model.pricing import Period, RateCard, RateCardKind, UsageMeter
from principal.model.sla import Computation, CreditBasis, Sla
from principal.money import Amount
from principal.statements import Count, Percent, Statement, UnitPrice, say
from principal.strategy.clause_terms import Parties, Placeholder, Placeholders, definitions, price_clause
from principal.strategy.sentences import concat, join, literal


@dataclass(frozen=True)
class Clause:
    key: str
    title: str
    paragraphs: tuple[Statement, ...]
    missing: tuple[Statement, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class ClauseSet:
    deal: str
    offer: str
    offer_label: str | None
    currency: str
    clauses: tuple[Clause, ...]
    missing: tuple[Statement, ...]
    """Every clause's gaps, each led by its clause's title."""
    placeholders: tuple[Placeholder, ...] = ()
    """Values the drafts leave for the parties to fill, as written in the text ([NAME]) with what they are."""


def draft_clauses(deal: Deal, offer_name: str, *, parties: Parties | None = None) -> ClauseSet:
    """The drafts for one offer; `parties` are the defined names of a reviewed document (else Customer/Supplier)."""
    offer = deal.offers[offer_name]
    cur = deal.currency
    slots = Placeholders()
    price_paras, price_missing = price_clause(offer, slots)
    clauses: tuple[Clause, ...] = (
        Clause("definitions", "Definitions", definitions(deal, offer, slots, parties), ()),
        Clause("price", "Price increases and renewal cap", price_paras, price_missing),
        _usage_clause(deal, offer, cur),
        _sla_clause(offer, cur, slots),
        _milestone_clause(offer, cur, slots),
        _key_personnel_clause(offer, slots),
        _exit_clause(offer, cur),
    )
    if parties is not None:
        clauses = tuple(_renamed(c, parties) for c in clauses)
    missing = tuple(concat(f"{c.title}: ", m) for c in clauses for m in c.missing)
    return ClauseSet(deal.name, offer_name, offer.label, cur, clauses, missing, tuple(slots.items))


def _renamed(clause: Clause, parties: Parties) -> Clause:
    """The clause with the default party names replaced by the document's (templates only; figures untouched)."""

    def swap(st: Statement) -> Statement:
        text = st.template.replace("Customer", "\0C").replace("Supplier", "\0S")
        text = text.replace("\0C", parties.customer).replace("\0S", parties.supplier)
        return Statement(text, st.values)

    return Clause(clause.key, clause.title, tuple(swap(p) for p in clause.paragraphs), clause.missing)


def _and(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _card_text(meter: UsageMeter, unit: str, cur: str) -> Statement:
    card: RateCard = meter.rate_card
    per = "calendar month" if card.period is Period.month else "contract year"
    if card.kind is RateCardKind.flat:
        assert card.rate is not None
        return say(
            "{meter}: {rate} per {unit}, at one flat rate.",
            meter=meter.name,
            rate=UnitPrice(Amount(card.rate, cur)),
            unit=unit,
        )
    steps: list[Statement] = []
    lower = None
    for band in card.bands:
        price = UnitPrice(Amount(band.rate, cur))
        if band.up_to is None:
            steps.append(say("{rate} per {unit} above {volume}", rate=price, unit=unit, volume=Count(lower or 0)))
        elif lower is None:
            steps.append(
                say("{rate} per {unit} for the first {volume}", rate=price, unit=unit, volume=Count(band.up_to))
            )
        else:
            steps.append(
                say(
                    "{rate} per {unit} from {low} to {high}",
                    rate=price,
                    unit=unit,
                    low=Count(lower),
                    high=Count(band.up_to),
                )
            )
        lower = band.up_to
    if card.kind is RateCardKind.graduated:
        how = say("each {unit} in a {period} is charged at the rate of the band it falls in", unit=unit, period=per)
    else:
        how = say(
            "every {unit} in a {period} is charged at the rate of the highest band the {period}'s volume reaches",
            unit=unit,
            period=per,
        )
    return concat(say("{meter}: ", meter=meter.name), join("; ", steps), " (", how, ").")


def _usage_clause(deal: Deal, offer: Offer, cur: str) -> Clause:
    title = "Usage charges, volume bands and annual cap"
    missing: list[Statement] = []
    if not offer.usage:
        return Clause("usage", title, (), (literal("the offer lists no usage charges; ask for the full rate card"),))
    paras: list[Statement] = [
        literal(
            "Usage Rates. The Supplier shall charge usage only at the rates below. No other usage-based charge "
            "applies unless the Customer has agreed it in a signed change order."
        )
    ]
    for meter in offer.usage:
        unit = deal.buyer.forecasts[meter.forecast].unit if meter.forecast in deal.buyer.forecasts else "unit"
        paras.append(_card_text(meter, unit, cur))
        if meter.rate_card.kind is RateCardKind.flat:
            missing.append(
                say(
                    "{meter} has one flat rate: no volume bands step the price down as volume grows",
                    meter=meter.name,
                )
            )
        if meter.opt_in is not True and any(w in meter.name for w in ("bot", "ai", "summar")):
            missing.append(say("{meter}: the offer does not make these billable events opt-in", meter=meter.name))
    cap = offer.usage_cap
    if cap is None:
        missing.append(literal("no not-to-exceed cap on usage charges"))
    else:
        covered = "all usage charges" if not cap.meters else "usage charges for " + ", ".join(cap.meters)
        period = "contract year" if cap.period is Period.year else "calendar month"
        if cap.percent_of_forecast is not None:
            limit = say(
                "{cap} of the charges that the Customer's forecast volumes for that {period}, as set out in the "
                "order form, would produce at the rates above",
                cap=Percent(cap.percent_of_forecast),
                period=period,
            )
        else:
            assert cap.amount is not None
            limit = say("{cap}", cap=Amount(cap.amount, cur))
        parts: list[Statement | str] = [
            say("Usage Cap. In any {period}, {covered} shall not exceed ", period=period, covered=covered),
            limit,
            ". Usage above the cap is provided at no further charge.",
        ]
        if cap.exceptions:
            parts.append(
                say(
                    " The cap is adjusted only for the following changes, each agreed in a signed change order: "
                    "{exceptions}.",
                    exceptions=", ".join(cap.exceptions),
                )
            )
        else:
            parts.append(" No event lifts the cap.")
        if cap.collar_percent_of_forecast is not None:
            parts.append(
                say(
                    " The Customer shall pay at least {collar} of the forecast charges in each {period}.",
                    collar=Percent(cap.collar_percent_of_forecast),
                    period=period,
                )
            )
        paras.append(concat(*parts))
    return Clause("usage", title, tuple(paras), tuple(missing))


def _ladder(sla: Sla) -> Statement:
    credits = sla.credits
    base = "the Fee Base"
    rungs: list[Statement] = []
    for tier in credits.tiers:
        if credits.basis is CreditBasis.uptime:
            assert tier.below is not None
            rungs.append(
                say(
                    "availability below {below}: {credit} of {base}",
                    below=Percent(tier.below),
                    credit=Percent(tier.percent),
                    base=base,
                )
            )
        else:
            assert tier.min_minutes is not None
            rungs.append(
                say(
                    "an outage of {minutes} minutes or more: {credit} of {base}",
                    minutes=Count(tier.min_minutes),
                    credit=Percent(tier.percent),
                    base=base,
                )
            )
    return join("; ", rungs)


def _sla_clause(offer: Offer, cur: str, slots: Placeholders) -> Clause:
    title = "Service levels, service credits and chronic failure"
    sla = offer.sla
    if sla is None:
        return Clause(
            "sla", title, (), (literal("the offer has no SLA; ask for per-component availability commitments"),)
        )
    missing: list[Statement] = []
    window = {"month": "calendar month", "quarter": "calendar quarter", "year": "contract year"}[sla.window.value]
    targets = join(
        "; ",
        (
            say("{component}: {target}", component=c.name.replace("_", " "), target=Percent(c.target))
            for c in sla.components
        ),
    )
    paras: list[Statement] = [
        concat(
            f"Availability. The Supplier shall make each component below available for at least the stated share "
            f"of each {window}, measured for each component on its own: ",
            targets,
            ".",
        )
    ]
    if sla.computation is not Computation.per_component:
        missing.append(
            literal(
                f"availability is computed as {sla.computation.value}, so one component can fail while the figure holds"
            )
        )
    if len(sla.components) == 1:
        missing.append(
            literal("one platform figure only: voice routing, agent desktop and digital channels are not separate")
        )
    ex = sla.exclusions
    excluded: list[str] = []
    if ex.planned_maintenance:
        maint = "planned maintenance"
        if ex.maintenance_notice_days is not None:
            maint += f" notified at least {ex.maintenance_notice_days} days in advance"
        else:
            missing.append(literal("no notice period for planned maintenance"))
        if ex.maintenance_outside_business_hours:
            maint += " and carried out outside the Customer's business hours"
        else:
            missing.append(literal("maintenance may fall inside business hours"))
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
        literal("Exclusions. Only the following time is excluded from the calculation: " + "; ".join(excluded) + ".")
        if excluded
        else literal("Exclusions. No downtime is excluded from the calculation.")
    )
    credits = sla.credits
    if credits.tiers:
        parts: list[Statement | str] = [
            f"Service Credits. For each component and {window} below its commitment, the Supplier shall credit: ",
            _ladder(sla),
            ".",
        ]
        if credits.escalation is not None:
            esc = credits.escalation
            if esc.add_percent:
                parts.append(
                    say(
                        " A miss within {repeat_within} {window}s of the previous miss adds {added} to the credit "
                        "for each such repeat.",
                        repeat_within=esc.repeat_within,
                        window=window,
                        added=Percent(esc.add_percent),
                    )
                )
            if esc.multiplier != 1:
                parts.append(
                    say(" Each repeat miss multiplies the credit by {multiplier}.", multiplier=Count(esc.multiplier))
                )
        else:
            missing.append(literal("credits do not rise for repeated misses"))
        if credits.cap_percent is not None:
            parts.append(
                say(
                    " Credits in one {window} shall not exceed {cap} of the Fee Base.",
                    window=window,
                    cap=Percent(credits.cap_percent),
                )
            )
        # Credits are applied without a claim and never lost: what is unused at the end of the Term is refunded.
        parts.append(
            f" The Supplier shall apply each credit automatically to the invoice following the {window}, without "
            "any claim by the Customer; any credit not yet applied when the Term ends or the agreement terminates "
            "shall be refunded to the Customer with the final invoice."
        )
        if credits.claim_days is not None:
            missing.append(
                say(
                    "the offer makes credits depend on a claim within {days} days; the draft applies them "
                    "automatically",
                    days=credits.claim_days,
                )
            )
        if credits.future_invoice_only:
            missing.append(
                literal("the offer gives credits only against future invoices; the draft refunds unused ones")
            )
        if credits.minimum_credit:
            missing.append(say("the offer pays no credit below {minimum}", minimum=Amount(credits.minimum_credit, cur)))
        paras.append(concat(*parts))
    else:
        missing.append(literal("no service-credit ladder"))
    if sla.sole_remedy is True:
        missing.append(literal("credits are stated as the sole remedy; the draft should keep other remedies open"))
    elif sla.sole_remedy is False:
        paras.append(literal("Other Remedies. Service credits are without prejudice to the Customer's other rights."))
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
                literal("without any termination charge")
                if rule.termination_fee == 0
                else say("on payment of {fee}", fee=Amount(rule.termination_fee, cur))
            )
            paras.append(
                concat(
                    say(
                        "Chronic Failure. If {watched} {trigger} in {count} {window}s within any rolling period of "
                        "{within} {window}s, the Customer may, by notice within {notice}, {right} ",
                        watched=watched,
                        trigger=trigger,
                        count=rule.count,
                        window=window,
                        within=rule.within,
                        notice=slots.use(
                            "CHRONIC NOTICE PERIOD", "how long after the right arises the Customer may give notice"
                        ),
                        right=right,
                    ),
                    fee,
                    ", and the Supplier shall provide the exit assistance in this agreement.",
                )
            )
    else:
        missing.append(literal("no chronic-failure exit right"))
    return Clause("sla", title, tuple(paras), tuple(missing))


def _milestone_clause(offer: Offer, cur: str, slots: Placeholders) -> Clause:
    title = "Implementation fees, milestones and holdback"
    if not offer.one_time_fees:
        return Clause("milestones", title, (), (literal("the offer has no one-time fees to tie to milestones"),))
    paras: list[Statement] = []
    missing: list[Statement] = []
    for fee in offer.one_time_fees:
        total = Amount(fee.amount, cur)
        if not fee.milestones:
            missing.append(
                say("{fee}: no payment schedule; the whole {amount} is due at once", fee=fee.name, amount=total)
            )
            continue
        items = [
            say(
                "{amount} ({share}) on {milestone}{held}, planned for month {month}",
                amount=Amount(fee.amount * m.percent / 100, cur),
                share=Percent(m.percent),
                milestone=m.name,
                held=" (holdback)" if m.holdback else "",
                month=m.month,
            )
            for m in fee.milestones
        ]
        paras.append(
            concat(
                say(
                    "Milestone Payments. The fixed fee for {fee} is {amount}, payable only as each milestone is "
                    "accepted in writing by the Customer: ",
                    fee=fee.name,
                    amount=total,
                ),
                join("; ", items),
                ".",
            )
        )
        paras.append(
            literal(
                "Acceptance. When the Supplier believes a milestone is complete it shall notify the Customer in "
                "writing with the evidence; within "
                + slots.use("ACCEPTANCE REVIEW PERIOD", "the business days the Customer has to test and answer")
                + " the Customer shall accept it or list the failures, and the Supplier shall fix them and notify "
                "again. A milestone is accepted only by the Customer's written acceptance."
            )
        )
        gates = {m.gate.value for m in fee.milestones}
        if gates <= {"signature", "kickoff"}:
            missing.append(
                say("{fee}: all of it falls due before any delivery; no payment depends on go-live", fee=fee.name)
            )
        holdbacks = [m for m in fee.milestones if m.holdback]
        if holdbacks:
            for m in holdbacks:
                criteria = m.acceptance_criteria or "acceptance criteria still to be agreed"
                if m.acceptance_criteria is None:
                    missing.append(say("{milestone}: the holdback has no acceptance criteria", milestone=m.name))
                paras.append(
                    say(
                        "Holdback. The {share} due on {milestone} ({amount}) is held back until the Customer "
                        "confirms: {criteria}. If that is not confirmed by {long_stop}, the Customer may keep the "
                        "holdback and treat the milestone as failed, without prejudice to its other rights.",
                        share=Percent(m.percent),
                        milestone=m.name,
                        amount=Amount(fee.amount * m.percent / 100, cur),
                        criteria=criteria,
                        long_stop=slots.use(
                            "HOLDBACK LONG-STOP DATE", "the date after which an unmet holdback condition is final"
                        ),
                    )
                )
        else:
            missing.append(say("{fee}: no part of the fee is held back until stable operations", fee=fee.name))
    impl = offer.implementation
    if impl is not None and impl.billing_tied_to_go_live is False:
        missing.append(literal("recurring billing can start before go-live"))
    return Clause("milestones", title, tuple(paras), tuple(missing))


def _key_personnel_clause(offer: Offer, slots: Placeholders) -> Clause:
    title = "Key personnel"
    impl = offer.implementation
    kp = impl.key_personnel if impl is not None else None
    if kp is None or not kp.roles:
        return Clause("key_personnel", title, (), (literal("the offer names no key personnel roles"),))
    days = impl.stable_operations_days if impl is not None else None
    until = (
        say("go-live and the {days} days of stable operations after it", days=days)
        if days is not None
        else literal(slots.use("KEY PERSONNEL PERIOD", "until when the named people must stay on the project"))
    )
    parts: list[Statement | str] = [
        concat(
            "Key Personnel. The Supplier shall staff the following roles with the named individuals until ",
            until,
            say(": {roles}.", roles=", ".join(kp.roles)),
        )
    ]
    missing: list[Statement] = []
    if kp.approval_before_substitution:
        parts.append(
            " The Supplier shall not replace any of them without the Customer's prior written approval, which the "
            "Customer shall not withhold unreasonably, and a replacement shall have equal experience and overlap "
            "with the person leaving for "
            + slots.use("HANDOVER OVERLAP", "how long a replacement overlaps with the person leaving")
            + " at no charge."
        )
    else:
        missing.append(literal("no approval right before key personnel are substituted"))
    return Clause("key_personnel", title, (concat(*parts),), tuple(missing))


def _exit_clause(offer: Offer, cur: str) -> Clause:
    title = "Data export and transition assistance"
    ex = offer.exit
    if ex is None:
        return Clause(
            "exit",
            title,
            (),
            (literal("the offer has no data export terms"), literal("the offer has no transition assistance terms")),
        )
    paras: list[Statement] = []
    missing: list[Statement] = []
    export = ex.data_export
    if export is None or not export.included:
        missing.append(literal("data export at exit is not included"))
    else:
        fee = literal("at no charge") if not export.fee else say("for a fee of {fee}", fee=Amount(export.fee, cur))
        formats = (
            say(
                " in {formats} format{plural}",
                formats=_and(export.formats),
                plural="s" if len(export.formats) > 1 else "",
            )
            if export.formats
            else literal("")
        )
        if not export.formats:
            missing.append(literal("no export formats are named"))
        if export.days_after_termination is None:
            missing.append(literal("no deadline for the data export"))
            when = "on termination or expiry"
        else:
            when = f"within {export.days_after_termination} days after termination or expiry"
        paras.append(
            concat(
                f"Data Export. {when[0].upper() + when[1:]}, the Supplier shall deliver all Customer data, including "
                "contact records, recordings, transcripts and configuration,",
                formats,
                ", ",
                fee,
                ", and shall delete its copies after the Customer confirms receipt.",
            )
        )
    transition = ex.transition_assistance
    if transition is None or not transition.included:
        missing.append(literal("transition assistance is not included"))
    else:
        months = f"for up to {transition.months} months" if transition.months is not None else "for a period"
        if transition.months is None:
            missing.append(literal("the length of transition assistance is not stated"))
        if transition.rate_per_hour is not None:
            price = say("at {rate} per hour, fixed for the Term", rate=Amount(transition.rate_per_hour, cur))
        else:
            price = literal("at rates still to be agreed")
            missing.append(literal("no pre-agreed hourly rate for transition assistance"))
        paras.append(
            concat(
                f"Transition Assistance. On termination or expiry for any reason, the Supplier shall {months} "
                "continue the services and help the Customer move to a successor, ",
                price,
                ".",
            )
        )
    if ex.terminate_affected_modules:
        paras.append(
            literal(
                "Partial Termination. Where this agreement allows termination for a failing service, the Customer "
                "may end only the affected services and keep the rest at the same prices."
            )
        )
    return Clause("exit", title, tuple(paras), tuple(missing))
