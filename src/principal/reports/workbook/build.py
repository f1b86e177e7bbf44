"""`build_workbook(deal, offers) -> bytes`: the xlsx with Inputs, one cost sheet per offer, Comparison and
Engine lines."""

from __future__ import annotations

import io
import re

from xlsxwriter.workbook import Workbook

from principal.cost.compare import Comparison, compare
from principal.cost.report import pick_offers
from principal.model.deal import Deal
from principal.reports.workbook.cells import Styles, styles
from principal.reports.workbook.cost_sheet import CostSheetRefs, write_cost_sheet
from principal.reports.workbook.input_rows import Assumed
from principal.reports.workbook.inputs_sheet import SHEET, write_inputs
from principal.reports.workbook.summary_sheets import write_comparison, write_engine_lines, write_read_me

MAX_SHEET_NAME = 31


def sheet_names(names: list[str]) -> dict[str, str]:
    """A cost sheet name per offer: 'Cost <offer>' cut to Excel's 31 characters, numbered if two would clash."""
    out: dict[str, str] = {}
    for i, name in enumerate(names, start=1):
        base = re.sub(r"[\[\]:*?/\\]", "-", f"Cost {name}")[:MAX_SHEET_NAME]
        if base.lower() in {v.lower() for v in out.values()}:
            base = f"Cost {i} {name}"[:MAX_SHEET_NAME]
        out[name] = base
    return out


def build_workbook(deal: Deal, offers: list[str] | None = None, *, source: str = "<deal>") -> bytes:
    names = pick_offers(deal, offers, source)
    baseline = deal.baseline_name
    shown = [n for n in deal.offers if n in names or n == baseline]
    comparison = compare(deal, shown, baseline)
    return workbook_bytes(deal, comparison, source)


def workbook_bytes(deal: Deal, comparison: Comparison, source: str) -> bytes:
    names = list(comparison.schedules)
    buffer = io.BytesIO()
    book = Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    book.set_properties({"title": f"Cost workbook: {deal.name}", "comments": "Exported by Principal"})
    book.set_calc_mode("auto")
    st = styles(book, deal.currency, deal.locale)
    by_currency = {deal.currency: st}

    def styles_for(currency: str) -> Styles:
        if currency not in by_currency:
            by_currency[currency] = styles(book, currency, deal.locale)
        return by_currency[currency]

    read_me = book.add_worksheet("Read me")
    inputs_sheet = book.add_worksheet(SHEET)
    titles = sheet_names(names)
    cost_sheets = {name: book.add_worksheet(titles[name]) for name in names}
    comparison_sheet = book.add_worksheet("Comparison")
    lines_sheet = book.add_worksheet("Engine lines")
    write_read_me(read_me, st, deal.name, source, names)
    defaults: dict[str, tuple[Assumed, ...]] = {
        name: (*terms.defaults_used, *comparison.switching[name].transition.defaults_used)
        for name, terms in comparison.terms.items()
    }
    inputs = write_inputs(inputs_sheet, st, deal, names, styles_for, defaults)
    refs: dict[str, CostSheetRefs] = {}
    for name in names:
        offer_inputs = inputs.offers[name]
        refs[name] = write_cost_sheet(
            cost_sheets[name],
            titles[name],
            styles_for(offer_inputs.currency),
            st,
            deal,
            inputs,
            offer_inputs,
            comparison.schedules[name],
            comparison.terms[name],
            comparison.switching[name],
        )
    write_comparison(comparison_sheet, st, comparison, refs)
    write_engine_lines(lines_sheet, st, comparison)
    comparison_sheet.activate()
    book.close()
    return buffer.getvalue()
