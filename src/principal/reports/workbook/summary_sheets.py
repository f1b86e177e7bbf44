"""The Comparison sheet (live totals side by side, savings against the baseline, the engine's figures beside them
for a check) and the Engine lines sheet (every line item with its formula, as exported)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from xlsxwriter.worksheet import Worksheet

from principal.cost.compare import Comparison
from principal.cost.order_terms import OrderTerms
from principal.cost.switching import SwitchingCost
from principal.money import minor_units
from principal.reports.workbook.cells import Styles, num, ref, rel
from principal.reports.workbook.cost_sheet import CostSheetRefs


def write_comparison(sheet: Worksheet, st: Styles, comp: Comparison, refs: dict[str, CostSheetRefs]) -> None:
    names = list(refs)
    years = max(len(r.year_totals) for r in refs.values())
    sheet.set_column(0, 0, 46)
    sheet.set_column(1, len(names) + 1, 18)
    sheet.write_string(0, 0, "Offers compared at the buyer's plan", st.title)
    sheet.write_string(
        1, 0, f"Live totals from each cost sheet; savings are against the baseline, {comp.baseline}.", st.note
    )
    head_row = 3
    sheet.write_string(head_row, 0, "", st.header)
    for j, name in enumerate(names):
        sheet.write_string(head_row, 1 + j, name, st.header)
    r = head_row + 1
    for y in range(years):
        sheet.write_string(r + y, 0, f"Year {y + 1}", st.text)
        for j, name in enumerate(names):
            s = comp.schedules[name]
            if y < len(refs[name].year_totals):
                sheet.write_formula(r + y, 1 + j, f"={refs[name].year_totals[y]}", st.money, num(s.years[y].total))
    term_row = r + years
    sheet.write_string(term_row, 0, "Term (TCO)", st.text)
    for j, name in enumerate(names):
        sheet.write_formula(
            term_row, 1 + j, f"={refs[name].term_total}", st.money_bold, num(comp.schedules[name].total)
        )
    base_col = 1 + names.index(comp.baseline)
    save_row = term_row + 2
    sheet.write_string(save_row - 1, 0, f"Saving against {comp.baseline} on the new contract", st.heading)
    base = comp.schedules[comp.baseline]
    for y in range(years + 1):
        label = f"Year {y + 1}" if y < years else "Term"
        src = r + y if y < years else term_row
        sheet.write_string(save_row + y, 0, label, st.text)
        for j, name in enumerate(names):
            s = comp.schedules[name]
            cached = (base.years[y].total - s.years[y].total) if y < min(len(s.years), len(base.years)) else None
            if y == years:
                cached = base.total - s.total
            if cached is None:
                continue
            sheet.write_formula(
                save_row + y,
                1 + j,
                f"={rel(src, base_col)}-{rel(src, 1 + j)}",
                st.money_bold if y == years else st.money,
                num(cached),
            )
    check_row = save_row + years + 2
    sheet.write_string(check_row, 0, "Check against Principal's cost engine", st.heading)
    sheet.write_string(check_row + 1, 0, "Term cost from the engine at export", st.text)
    sheet.write_string(check_row + 2, 0, "Live minus engine (zero until an input changes)", st.text)
    digits = minor_units(comp.currency)
    for j, name in enumerate(names):
        sheet.write_number(check_row + 1, 1 + j, num(comp.schedules[name].total), st.money)
        difference = f"{rel(term_row, 1 + j)}-{rel(check_row + 1, 1 + j)}"
        sheet.write_formula(check_row + 2, 1 + j, f"=ROUND({difference},{digits})", st.money, 0.0)
    switching_row = _switching(sheet, st, comp, refs, check_row + 4)
    terms_row = _order_form(sheet, st, comp, refs, switching_row + 1)
    _levers(sheet, st, comp, terms_row + 1)


def _switching(sheet: Worksheet, st: Styles, comp: Comparison, refs: dict[str, CostSheetRefs], row: int) -> int:
    """Each offer's cost of switching against staying over its term (live); returns the next free row."""
    sheet.write_string(row, 0, "Switching against staying over the term (live, from each cost sheet)", st.heading)
    names = list(refs)
    figures: tuple[tuple[str, str, Callable[[SwitchingCost], Decimal | None]], ...] = (
        ("New contract (TCO)", "contract", lambda s: s.contract.total),
        ("The incumbent running alongside (dual running)", "dual_running", lambda s: s.dual_running),
        ("The incumbent's early-termination fee", "early_termination", lambda s: s.early_termination),
        ("Cost of switching", "switching", lambda s: s.total),
        ("Cost of staying with the incumbent", "staying", lambda s: s.staying),
        ("Switching minus staying (positive: switching costs more)", "difference", lambda s: s.difference),
    )
    r = row + 1
    for label, key, value_of in figures:
        sheet.write_string(r, 0, label, st.text)
        for j, name in enumerate(names):
            address = getattr(refs[name].switching, key)
            value = value_of(comp.switching[name])
            if key == "contract" and address is None:  # the new contract is known without the incumbent
                address = _fixed(refs[name].term_total)
            if address is None or value is None:
                question = next(iter(comp.switching[name].transition.questions), "")
                sheet.write_string(r, 1 + j, "unknown", st.note)
                if question and j == len(names) - 1:
                    sheet.write_string(r, 2 + j, question, st.note)
            else:
                fmt = st.money_bold if key in ("switching", "difference") else st.money
                sheet.write_formula(r, 1 + j, f"={address()}", fmt, num(value))
        r += 1
    switching_row = row + 4
    base = comp.switching[comp.baseline].total
    base_col = 1 + names.index(comp.baseline)
    sheet.write_string(r, 0, f"Saving against {comp.baseline} on the cost of switching", st.text)
    for j, name in enumerate(names):
        total = comp.switching[name].total
        if base is not None and total is not None:
            formula = f"={rel(switching_row, base_col)}-{rel(switching_row, 1 + j)}"
            sheet.write_formula(r, 1 + j, formula, st.money_bold, num(base - total))
    return r + 1


def _fixed(address: str) -> Callable[[], str]:
    return lambda: address


def _order_form(sheet: Worksheet, st: Styles, comp: Comparison, refs: dict[str, CostSheetRefs], row: int) -> int:
    """The order-form figures of each cost sheet side by side (live); returns the next free row."""
    sheet.write_string(row, 0, "Beyond the term cost (live, from each cost sheet)", st.heading)
    names = list(refs)
    figures: tuple[tuple[str, str, Callable[[OrderTerms], Decimal | None]], ...] = (
        ("Renewal exposure: the first renewal year", "renewal", lambda t: t.renewal.exposure),
        ("Net present value of the payments", "npv", lambda t: t.cash.npv),
        ("Lowest liability cap over the term", "liability", lambda t: t.liability.lowest),
    )
    r = row + 1
    for label, key, value_of in figures:
        sheet.write_string(r, 0, label, st.text)
        for j, name in enumerate(names):
            address = getattr(refs[name].terms, key)
            value = value_of(comp.terms[name])
            if address is None or value is None:
                sheet.write_string(r, 1 + j, "unknown", st.note)
            else:
                sheet.write_formula(r, 1 + j, f"={address()}", st.money, num(value))
        r += 1
    return r


def _levers(sheet: Worksheet, st: Styles, comp: Comparison, row: int) -> None:
    sheet.write_string(row, 0, "Saving by lever (Shapley values from the engine, as exported)", st.heading)
    sheet.write_string(
        row + 1,
        0,
        "Each lever's share is its average effect over every order of switching the levers from the baseline to "
        "the offer; these figures are fixed at export and do not recalculate.",
        st.note,
    )
    r = row + 2
    for versus in comp.versus_baseline:
        years = len(versus.saving_by_year)
        heads = [f"{versus.offer} against {versus.baseline}", "Term", *[f"Year {i + 1}" for i in range(years)]]
        for col, text in enumerate(heads):
            sheet.write_string(r, col, text, st.header)
        r += 1
        for lever in versus.levers:
            sheet.write_string(r, 0, lever.description, st.text)
            sheet.write_number(r, 1, num(lever.term), st.money)
            for i, value in enumerate(lever.by_year):
                sheet.write_number(r, 2 + i, num(value), st.money)
            r += 1
        sheet.write_string(r, 0, "Total saving", st.text)
        sheet.write_number(r, 1, num(versus.saving), st.money_bold)
        for i, value in enumerate(versus.saving_by_year):
            sheet.write_number(r, 2 + i, num(value), st.money_bold)
        r += 2


def write_engine_lines(sheet: Worksheet, st: Styles, comp: Comparison) -> None:
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 3, 10)
    sheet.set_column(4, 4, 50)
    sheet.set_column(5, 5, 16)
    sheet.set_column(6, 6, 90)
    sheet.write_string(0, 0, "Every line item of every offer, as the cost engine computed it at export", st.title)
    sheet.write_string(
        1, 0, "dual_running and early_termination lines are the incumbent's, part of the cost of switching", st.note
    )
    heads = ("Offer", "Month", "Year", "Category", "Item", "Amount", "How it is computed")
    for col, text in enumerate(heads):
        sheet.write_string(2, col, text, st.header)
    r = 3
    for name, s in comp.schedules.items():
        for line in (*s.lines, *comp.switching[name].transition.lines):
            sheet.write_string(r, 0, name, st.text)
            sheet.write_number(r, 1, line.month, st.count)
            sheet.write_number(r, 2, line.year, st.count)
            sheet.write_string(r, 3, line.category.value, st.text)
            sheet.write_string(r, 4, line.item, st.text)
            sheet.write_number(r, 5, num(line.amount), st.money)
            sheet.write_string(r, 6, line.formula, st.text)
            r += 1
    sheet.autofilter(2, 0, r - 1, len(heads) - 1)
    sheet.freeze_panes(3, 0)


def write_read_me(sheet: Worksheet, st: Styles, deal_name: str, source: str, names: list[str]) -> None:
    sheet.set_column(0, 0, 110)
    lines = [
        (f"Cost workbook: {deal_name}", st.title),
        (f"Exported by Principal from {source}.", st.note),
        ("", st.text),
        (
            "Inputs: every price, quantity, uplift, rate-card band, forecast volume (or schedule), start month, wave "
            "(agents and go-live), commitment, minimum, cap, milestone, credit, surcharge, billing term, renewal and "
            "exit term of the offers, the incumbent's cost, notice, commitment and early-termination fee, each with "
            "the deal-file field it came from, and the exchange rate of any offer priced in another currency. Blue "
            "cells on pale yellow are inputs; a default the engine assumed where the deal file is silent says so.",
            st.text,
        ),
        (
            "What-if volumes: each forecast has a 'what-if volume (% of the plan)' input. Type 130 for 30% above the "
            "plan: usage, commitments and minimums follow, while caps and collars stay measured on the plan, so an "
            "overrun shows what the cap refuses.",
            st.text,
        ),
        (
            "Cost sheets (one per offer): start months, uplift factors, milestones and credits, totals by contract "
            "year and the term cost (TCO), renewal exposure, cash paid by year and NPV, the cost of leaving early "
            "and the liability cap, then the monthly schedule as formulas over the inputs. An offer priced in another "
            "currency is costed in it and totalled in the deal's currency.",
            st.text,
        ),
        (
            "Comparison: the offers' annual totals and TCO side by side, the saving against the baseline, the cost "
            "engine's figures at export as a check, and the figures beyond the term cost.",
            st.text,
        ),
        (
            "Switching against staying: where the deal gives the incumbent's monthly cost, each cost sheet adds the "
            "incumbent's bill while the operation moves (waves, parallel running, notice, commitment and any "
            "early-termination fee) to the new contract, month by month, against the cost of staying.",
            st.text,
        ),
        (
            "Engine lines: every line item with the formula the engine recorded, for tracing any figure (the "
            "incumbent's dual running and early-termination fee included).",
            st.text,
        ),
        ("", st.text),
        (
            "Change an input and the cost sheets and the comparison recalculate. The term (number of months) and which "
            "mechanics an offer has (bands, caps, minimums, commitments, true-ups, surcharges, the renewal price "
            "basis) are fixed by the export: export again after changing them in the deal file.",
            st.text,
        ),
        (f"Offers: {', '.join(names)}.", st.text),
    ]
    for r, (text, fmt) in enumerate(lines):
        sheet.write_string(r, 0, text, fmt)


__all__ = ["ref", "write_comparison", "write_engine_lines", "write_read_me"]
