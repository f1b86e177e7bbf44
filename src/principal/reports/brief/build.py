"""Assemble the brief's document tree from the engines' results: `brief_document(content) -> Document`."""

from __future__ import annotations

from principal.reports.brief.content import BriefContent
from principal.reports.brief.document import Block, Document, KeyFigure, KeyFigures, Paragraph, Section, Table
from principal.reports.brief.sections_alignment import alignment_section
from principal.reports.brief.sections_appendix import appendix_section
from principal.reports.brief.sections_cost import cost_section
from principal.reports.brief.sections_sla import sla_section
from principal.reports.brief.sections_strategy import asks_section, clauses_section, position_section


def summary_section(c: BriefContent) -> Section:
    cur = c.currency
    money = c.fmt.money
    b = c.strategy
    comp = c.comparison
    base = comp.schedules[comp.baseline]
    figures = KeyFigures(
        (
            KeyFigure("Baseline term cost", money(base.total), f"{comp.baseline}, at plan volumes"),
            KeyFigure("Vendor's latest offer", money(b.vendor_offer_cost), b.vendor_offer),
            KeyFigure("The ask", money(b.target_cost), b.target),
            KeyFigure("Ask saves vs baseline", money(b.compare_saving), "sum of the lever savings"),
            KeyFigure("Still open vs vendor", money(b.open_saving), f"{b.target} against {b.vendor_offer}"),
            KeyFigure(
                "Walk away above",
                money(b.walk_away) if b.walk_away is not None else "unknown",
                "the alternative less this vendor's switching costs" if b.walk_away is not None else "no alternative",
            ),
        )
    )
    saving = {v.offer: v.saving for v in comp.versus_baseline}
    rows = tuple(
        (
            name,
            c.deal.offers[name].label or "",
            money(s.total),
            money(saving[name]) if name in saving else "baseline",
        )
        for name, s in comp.schedules.items()
    )
    blocks: list[Block] = [
        Paragraph(
            f"This brief prepares the meeting with {c.deal.vendor or 'the vendor'} on {c.deal.name}. The buyer asks "
            f"for {b.target!r}; the vendor's latest position is {b.vendor_offer!r}. All amounts are in {cur} over "
            f"the committed term unless a row says otherwise."
        ),
        figures,
        Table(("Offer", "Label", "Term cost", "Saving vs baseline"), rows, "Offers in this brief", numeric=(2, 3)),
    ]
    return Section("Summary", "summary", tuple(blocks))


def brief_document(c: BriefContent) -> Document:
    deal = c.deal
    subtitle = " · ".join(
        part
        for part in (
            deal.vendor or "",
            f"currency {deal.currency}",
            f"contract start {deal.start:%d %B %Y}" if deal.start else "",
            f"source {c.source}",
        )
        if part
    )
    return Document(
        title=f"Negotiation brief: {deal.name}",
        subtitle=subtitle,
        sections=(
            summary_section(c),
            position_section(c),
            asks_section(c),
            cost_section(c),
            sla_section(c),
            alignment_section(c),
            clauses_section(c),
            appendix_section(c),
        ),
        footnotes=(
            "Prepared with Principal from the deal file named above. Figures come from Principal's cost, SLA, "
            "alignment and strategy engines; this document only lays them out.",
        ),
    )
