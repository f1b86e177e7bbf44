"""The key dates of a signed contract, each with the deal-file fields it comes from and how it was computed.

- Term end: effective date + term months (the day after the term's last day); the contract renews then when it
  renews automatically.
- Notice deadline for non-renewal: term end - notice_days (the cost engine's `notice_by`, the same figure).
- Price increases: each contract year from `uplift.from_year` starts on effective date + 12 x (year - 1) months;
  the vendor's notice of it is due `uplift.notice_days` before. Price steps: the first day of their month.
- Milestones and holdbacks: the first day of the contract month each is expected in.
- SLA claim windows: the last day of each SLA window + `credits.claim_days` (the SLA engine's claim deadline).
A term the deal leaves out (no effective date, no notice period, no claim window) gives a question, never a date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from principal.cost.defaults import Unknown
from principal.cost.exit_terms import renewal_exposure
from principal.cost.schedule import schedule
from principal.cost.timeline import uplift_rate, years_in_term
from principal.model.pricing import UpliftKind
from principal.money import Amount
from principal.signed.context import SignedView
from principal.sla.windows import measurement_windows, windows_in_term
from principal.statements import Count, Percent, Statement, UnitPrice, say


class DateKind(StrEnum):
    signature = "signature"
    effective = "effective"
    notice_deadline = "notice_deadline"
    renewal = "renewal"
    term_end = "term_end"
    price_increase = "price_increase"
    price_increase_notice = "price_increase_notice"
    price_step = "price_step"
    milestone = "milestone"
    holdback = "holdback"
    sla_claim_deadline = "sla_claim_deadline"
    credit_claim_deadline = "credit_claim_deadline"


@dataclass(frozen=True)
class KeyDate:
    kind: DateKind
    day: dt.date
    title: Statement
    deadline: bool
    """True for a date by which the buyer must act (reminders are set before these)."""
    fields: tuple[str, ...]
    """The deal-file fields (the clauses) the date comes from."""
    formula: str


@dataclass(frozen=True)
class KeyDates:
    offer: str
    dates: tuple[KeyDate, ...]
    questions: tuple[Unknown, ...]


def key_dates(view: SignedView) -> KeyDates:
    """Every key date of the signed offer, in date order."""
    questions = list(view.questions)
    dates: list[KeyDate] = []
    if view.signature_date is not None:
        dates.append(
            KeyDate(
                DateKind.signature,
                view.signature_date,
                say("contract signed"),
                False,
                ("signed.signature_date",),
                "as recorded",
            )
        )
    if view.effective_date is not None:
        dates.append(
            KeyDate(
                DateKind.effective,
                view.effective_date,
                say("term starts (contract month 1)"),
                False,
                ("signed.effective_date",),
                "as recorded",
            )
        )
        dates.extend(_renewal_dates(view, questions))
        dates.extend(_price_dates(view, questions))
        dates.extend(_milestone_dates(view))
        dates.extend(_claim_windows(view, questions))
    dates.sort(key=lambda d: (d.day, list(DateKind).index(d.kind)))
    return KeyDates(view.offer_name, tuple(dates), tuple(questions))


def _renewal_dates(view: SignedView, questions: list[Unknown]) -> list[KeyDate]:
    offer, effective, term_end = view.offer, view.effective_date, view.term_end
    assert effective is not None and term_end is not None
    out = [
        KeyDate(
            DateKind.term_end,
            term_end - dt.timedelta(days=1),
            say("last day of the {months}-month term", months=Count(offer.term_months)),
            False,
            ("signed.effective_date", view.path("term_months")),
            f"{effective} + {offer.term_months} months - 1 day",
        )
    ]
    exposure = renewal_exposure(view.deal, view.offer_name, offer, schedule(view.deal, view.offer_name))
    questions.extend(exposure.unknowns)
    renewal_path = view.path("exit", "renewal")
    if exposure.notice_by is not None and exposure.notice_days is not None:
        out.append(
            KeyDate(
                DateKind.notice_deadline,
                exposure.notice_by,
                say(
                    "last day to give notice of non-renewal ({days} days before the term ends)",
                    days=Count(exposure.notice_days),
                ),
                True,
                ("signed.effective_date", view.path("term_months"), f"{renewal_path}.notice_days"),
                f"{effective} + {offer.term_months} months = {term_end}; - {exposure.notice_days} days",
            )
        )
    if exposure.auto_renews:
        months = exposure.renewal_term_months
        title = (
            say("renews for {months} months unless notice was given", months=Count(months))
            if months is not None
            else say("renews unless notice was given (renewal length not stated)")
        )
        if exposure.uplift_cap_percent is not None:
            title = title + say("; prices may rise by at most {cap}", cap=Percent(exposure.uplift_cap_percent))
        out.append(
            KeyDate(
                DateKind.renewal,
                term_end,
                title,
                False,
                (f"{renewal_path}.auto_renews", view.path("term_months")),
                f"{effective} + {offer.term_months} months",
            )
        )
    return out


def _price_dates(view: SignedView, questions: list[Unknown]) -> list[KeyDate]:
    offer, out = view.offer, []
    uplift = offer.uplift
    if uplift is not None and uplift.kind is not UpliftKind.none:
        path = view.path("uplift")
        for year in range(max(2, uplift.from_year), years_in_term(offer.term_months) + 1):
            rate = uplift_rate(uplift, year)
            starts = view.month_start(12 * (year - 1) + 1)
            assert starts is not None
            if uplift.kind is UpliftKind.cpi:
                title = say(
                    "year {year} price increase takes effect: CPI-linked ({rate} assumed)",
                    year=year,
                    rate=Percent(rate),
                )
            elif rate == 0:
                continue
            else:
                title = say("year {year} price increase of {rate} takes effect", year=year, rate=Percent(rate))
            formula = f"{view.effective_date} + {12 * (year - 1)} months"
            out.append(KeyDate(DateKind.price_increase, starts, title, False, (path,), formula))
            if uplift.notice_days is not None:
                out.append(
                    KeyDate(
                        DateKind.price_increase_notice,
                        starts - dt.timedelta(days=uplift.notice_days),
                        say(
                            "the vendor's notice of the year {year} increase is due ({days} days before); "
                            "without it, question the increase",
                            year=year,
                            days=Count(uplift.notice_days),
                        ),
                        True,
                        (f"{path}.notice_days", f"{path}.from_year"),
                        f"{formula} = {starts}; - {uplift.notice_days} days",
                    )
                )
        if uplift.notice_days is None:
            questions.append(Unknown(f"{path}.notice_days", "How far ahead must the vendor announce a price increase?"))
    for i, lic in enumerate(offer.licenses):
        for j, step in enumerate(lic.price_steps):
            day = view.month_start(step.from_month)
            assert day is not None
            price = UnitPrice(Amount(step.unit_price, view.deal.currency))
            out.append(
                KeyDate(
                    DateKind.price_step,
                    day,
                    say("{licence} price steps to {price} a seat (before uplift)", licence=lic.name, price=price),
                    False,
                    (view.path("licenses") + f"[{i}].price_steps[{j}]",),
                    f"first day of contract month {step.from_month}",
                )
            )
    return out


def _milestone_dates(view: SignedView) -> list[KeyDate]:
    out = []
    for i, fee in enumerate(view.offer.one_time_fees):
        for j, milestone in enumerate(fee.milestones):
            day = view.month_start(milestone.month)
            assert day is not None
            amount = Amount(fee.amount * milestone.percent / Decimal(100), view.deal.currency)
            field = view.path("one_time_fees") + f"[{i}].milestones[{j}]"
            formula = f"first day of contract month {milestone.month}"
            if milestone.holdback:
                criteria = milestone.acceptance_criteria or "acceptance criteria not stated"
                out.append(
                    KeyDate(
                        DateKind.holdback,
                        day,
                        say(
                            "holdback of {amount} ({fee}: {name}) is released only on acceptance: {criteria}",
                            amount=amount,
                            fee=fee.name,
                            name=milestone.name,
                            criteria=criteria,
                        ),
                        True,
                        (field,),
                        formula,
                    )
                )
            else:
                out.append(
                    KeyDate(
                        DateKind.milestone,
                        day,
                        say(
                            "milestone expected: {name} ({fee}), {amount} due",
                            name=milestone.name,
                            fee=fee.name,
                            amount=amount,
                        ),
                        False,
                        (field,),
                        formula,
                    )
                )
    return out


def _claim_windows(view: SignedView, questions: list[Unknown]) -> list[KeyDate]:
    sla = view.offer.sla
    if sla is None:
        return []
    path = view.path("sla", "credits", "claim_days")
    days = sla.credits.claim_days
    if days is None:
        questions.append(Unknown(path, "Within how many days must service credits be claimed?"))
        return []
    assert view.effective_date is not None
    count = windows_in_term(sla.window, view.offer.term_months)
    windows = measurement_windows(
        sla.window, sla.days_basis, view.effective_date, count, view.deal.buyer.business_hours.timezone
    )
    return [
        KeyDate(
            DateKind.sla_claim_deadline,
            w.last_day + dt.timedelta(days=days),
            say(
                "last day to claim service credits for {first} to {last}",
                first=w.start.date().isoformat(),
                last=w.last_day.isoformat(),
            ),
            True,
            (path, view.path("sla", "window")),
            f"window's last day {w.last_day} + {days} days",
        )
        for w in windows
    ]
