"""What the end of the contract can cost: the first renewal year (exposure), leaving early at each contract-year
end (termination for convenience and its fee), and the vendor's liability cap in money against an outage.

- Run rate: the last 12 months of the term (the whole term when shorter, scaled to 12 months), without one-time
  fees and credits and the surcharges paid with them.
- Renewal exposure, for the first renewal year (12 months, or the renewal term when shorter): `contract` = the run
  rate; `capped` = run rate x (1 + uplift_cap_percent/100), the most the cap allows; `list` = the run rate with
  licences re-priced at list_price. Notice date = start + term months - notice_days.
- Leaving at the end of contract year y: what was paid to then (the schedule to month 12y) plus the fee:
  termination_fee_percent_of_remaining x the committed fees left (licence and recurring-fee lines after month 12y)
  plus termination_fee. Without a right to leave, the committed fees left stay owed.
- Liability cap at the end of each contract year: liability_cap_months_of_fees x the average monthly fees of the
  trailing 12 months (total charges of those months / 12), and/or liability_cap_amount; the greater or lesser of
  the two per liability_cap_combination. Against it: what one hour of a full outage costs the buyer (every agent
  idle: agents x loaded cost per agent-hour, plus contacts per hour x lost share x value per lost contact).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.defaults import DefaultUsed, Unknown
from principal.cost.fx import fx_rate
from principal.cost.licence_terms import licence_item
from principal.cost.lines import Category, Line, Schedule
from principal.cost.timeline import contract_year, years_in_term
from principal.model.deal import Deal, Offer
from principal.model.terms import CapCombination, RenewalPrice

RUN_RATE_EXCLUDED = frozenset({Category.one_time, Category.credit})


def _in_run_rate(line: Line) -> bool:
    return line.category not in RUN_RATE_EXCLUDED and line.billed_with not in RUN_RATE_EXCLUDED


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class RenewalExposure:
    auto_renews: bool | None
    renewal_term_months: int | None
    notice_days: int | None
    term_end: dt.date | None
    """The day after the last day of the term (start + term months)."""
    notice_by: dt.date | None
    """The last day to give notice of non-renewal (term_end - notice_days)."""
    price: RenewalPrice | None
    uplift_cap_percent: Decimal | None
    run_rate: Decimal
    """The last contract year's charges without one-time fees and credits, for 12 months."""
    months: int
    """Months of the first renewal year."""
    exposure: Decimal | None
    """The first renewal year at the renewal price (None: the price is not known)."""
    formula: str
    defaults_used: tuple[DefaultUsed, ...]
    unknowns: tuple[Unknown, ...]


def renewal_exposure(deal: Deal, offer_name: str, offer: Offer, s: Schedule) -> RenewalExposure:
    path = f"offers.{offer_name}.exit.renewal"
    renewal = offer.exit.renewal if offer.exit is not None else None
    window = min(12, s.term_months)
    first = s.term_months - window + 1
    last_year = [ln for ln in s.lines if ln.month >= first and _in_run_rate(ln)]
    run_rate = sum((ln.amount for ln in last_year), Decimal(0)) * 12 / window
    unknowns: list[Unknown] = []
    defaults: list[DefaultUsed] = []
    if renewal is None:
        unknowns.append(Unknown(path, "Does the contract renew automatically, with what notice, at what price?"))
        return RenewalExposure(None, None, None, None, None, None, None, run_rate, 12, None, "", (), tuple(unknowns))
    if renewal.auto_renews is None:
        unknowns.append(Unknown(f"{path}.auto_renews", "Does the contract renew automatically?"))
    months = min(12, renewal.renewal_term_months or 12)
    if renewal.renewal_term_months is None:
        defaults.append(
            DefaultUsed(f"{path}.renewal_term_months", "a renewal year of 12 months", "How long is a renewal term?")
        )
    term_end = add_months(deal.start, s.term_months) if deal.start is not None else None
    notice_by = None
    if renewal.notice_days is None:
        unknowns.append(Unknown(f"{path}.notice_days", "How many days' notice stop the renewal?"))
    elif term_end is None:
        unknowns.append(Unknown("start", "When does the term start? The notice date depends on it."))
    else:
        notice_by = term_end - dt.timedelta(days=renewal.notice_days)
    price = renewal.price
    if price is None and renewal.uplift_cap_percent is not None:
        price = RenewalPrice.capped
        defaults.append(DefaultUsed(f"{path}.price", "capped (an uplift cap is given)", "Is the renewal price capped?"))
    share = Decimal(months) / 12
    exposure: Decimal | None = None
    formula = ""
    if price is RenewalPrice.contract:
        exposure = run_rate * share
        formula = f"run rate {run_rate:.2f} x {months}/12"
    elif price is RenewalPrice.capped:
        assert renewal.uplift_cap_percent is not None
        exposure = run_rate * (1 + renewal.uplift_cap_percent / 100) * share
        formula = f"run rate {run_rate:.2f} x (1 + {renewal.uplift_cap_percent}%) x {months}/12"
    elif price is RenewalPrice.list:
        missing = [lic.name for lic in offer.licenses if lic.list_price is None]
        if missing:
            unknowns.append(
                Unknown(
                    f"offers.{offer_name}.licenses",
                    f"What is the list price of {', '.join(missing)}? The renewal is at list price.",
                )
            )
        else:
            rate = fx_rate(deal, offer)
            at_contract = at_list = Decimal(0)
            for lic in offer.licenses:
                assert lic.list_price is not None
                for ln in last_year:
                    if ln.category is Category.licenses and ln.item == licence_item(lic):
                        at_contract += ln.amount
                        at_list += (ln.quantity or Decimal(0)) * lic.list_price * rate
            scaled = (at_list - at_contract) * 12 / window
            exposure = (run_rate + scaled) * share
            formula = f"(run rate {run_rate:.2f} with licences at list: {scaled:+.2f}) x {months}/12"
    else:
        unknowns.append(
            Unknown(f"{path}.price", "What price applies at renewal: capped, list or the last year's contract price?")
        )
    return RenewalExposure(
        auto_renews=renewal.auto_renews,
        renewal_term_months=renewal.renewal_term_months,
        notice_days=renewal.notice_days,
        term_end=term_end,
        notice_by=notice_by,
        price=price,
        uplift_cap_percent=renewal.uplift_cap_percent,
        run_rate=run_rate,
        months=months,
        exposure=exposure,
        formula=formula,
        defaults_used=tuple(defaults),
        unknowns=tuple(unknowns),
    )


@dataclass(frozen=True)
class YearExit:
    """Leaving at the end of a contract year."""

    year: int
    month: int
    paid_to_date: Decimal
    remaining_committed: Decimal
    """Licence and recurring-fee charges after `month` (free months credited)."""
    fee: Decimal | None
    cost_to_leave: Decimal | None
    """paid_to_date + fee (None when the fee is not known)."""


@dataclass(frozen=True)
class TerminationCosts:
    right: bool | None
    """termination_for_convenience: True, False (the committed fees stay owed) or None (unknown)."""
    fee_percent: Decimal | None
    fixed_fee: Decimal | None
    exits: tuple[YearExit, ...]
    unknowns: tuple[Unknown, ...]


def _committed(line: Line) -> bool:
    return line.category in (Category.licenses, Category.recurring) or (
        line.category is Category.credit and line.billed_with is Category.licenses
    )


def termination_costs(deal: Deal, offer_name: str, offer: Offer, s: Schedule) -> TerminationCosts:
    path = f"offers.{offer_name}.exit"
    ex = offer.exit
    right = ex.termination_for_convenience if ex is not None else None
    percent = ex.termination_fee_percent_of_remaining if ex is not None else None
    fixed = ex.termination_fee * fx_rate(deal, offer) if ex is not None and ex.termination_fee is not None else None
    unknowns: list[Unknown] = []
    if right is None:
        unknowns.append(
            Unknown(f"{path}.termination_for_convenience", "May the buyer end the contract early, and at what fee?")
        )
    elif right and percent is None and fixed is None:
        unknowns.append(
            Unknown(f"{path}.termination_fee", "What does leaving early cost (a fixed fee or a share of what is left)?")
        )
    exits = []
    cumulative = s.cumulative()
    for year in range(1, years_in_term(s.term_months)):
        month = 12 * year
        remaining = sum((ln.amount for ln in s.lines if ln.month > month and _committed(ln)), Decimal(0))
        fee: Decimal | None = None
        if right is False:
            fee = remaining
        elif right and (percent is not None or fixed is not None):
            fee = (percent or Decimal(0)) / 100 * remaining + (fixed or Decimal(0))
        paid = cumulative[month - 1]
        exits.append(YearExit(year, month, paid, remaining, fee, None if fee is None else paid + fee))
    return TerminationCosts(right, percent, fixed, tuple(exits), tuple(unknowns))


@dataclass(frozen=True)
class CapAtYear:
    year: int
    month: int
    trailing_average: Decimal
    """The average monthly fees of the 12 months to `month`."""
    from_months: Decimal | None
    cap: Decimal | None


@dataclass(frozen=True)
class LiabilityCap:
    months_of_fees: Decimal | None
    amount: Decimal | None
    """The fixed cap in the deal's currency."""
    combination: CapCombination | None
    by_year: tuple[CapAtYear, ...]
    lowest: Decimal | None
    """The lowest cap over the term's year ends (None: not known)."""
    outage_hour_cost: Decimal | None
    """What one hour of a full outage costs the buyer (None: the deal does not give the downtime figures)."""
    outage_hours_covered: Decimal | None
    unknowns: tuple[Unknown, ...]


def outage_hour_cost(deal: Deal) -> Decimal | None:
    down = deal.buyer.downtime
    if down is None or down.loaded_cost_per_agent_hour is None:
        return None
    if down.contacts_per_hour is None or down.value_per_lost_contact is None:
        return None
    idle = deal.buyer.agents * down.loaded_cost_per_agent_hour
    return idle + down.contacts_per_hour * down.lost_contact_share / 100 * down.value_per_lost_contact


def liability_cap(deal: Deal, offer_name: str, offer: Offer, s: Schedule) -> LiabilityCap:
    path = f"offers.{offer_name}.exit"
    ex = offer.exit
    months = ex.liability_cap_months_of_fees if ex is not None else None
    amount = ex.liability_cap_amount * fx_rate(deal, offer) if ex and ex.liability_cap_amount is not None else None
    combination = ex.liability_cap_combination if ex is not None else None
    unknowns: list[Unknown] = []
    if months is None and amount is None:
        unknowns.append(Unknown(f"{path}.liability_cap_months_of_fees", "What is the vendor's liability cap?"))
    if months is not None and amount is not None and combination is None:
        unknowns.append(
            Unknown(f"{path}.liability_cap_combination", "Does the greater or the lesser of the two caps apply?")
        )
    by_year = []
    for year in range(1, years_in_term(s.term_months) + 1):
        end = min(12 * year, s.term_months)
        trailing = sum(s.month_totals[max(0, end - 12) : end], Decimal(0)) / 12
        from_months = None if months is None else months * trailing
        cap: Decimal | None
        if from_months is not None and amount is not None:
            if combination is None:
                cap = None
            else:
                pick = max if combination is CapCombination.greater else min
                cap = pick(from_months, amount)
        else:
            cap = from_months if from_months is not None else amount
        by_year.append(CapAtYear(contract_year(end), end, trailing, from_months, cap))
    caps = [c.cap for c in by_year]
    lowest = None if not caps or any(c is None for c in caps) else min(c for c in caps if c is not None)
    hour = outage_hour_cost(deal)
    if hour is None:
        unknowns.append(
            Unknown(
                "buyer.downtime",
                "What does an hour without the platform cost (loaded cost per agent-hour, contacts per hour, value "
                "of a lost contact)?",
            )
        )
    covered = None if hour is None or lowest is None or hour == 0 else lowest / hour
    return LiabilityCap(months, amount, combination, tuple(by_year), lowest, hour, covered, tuple(unknowns))
