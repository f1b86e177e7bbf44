"""The strategy part of the brief: position, asks, trades, concessions, packages, talk track and clause drafts.

Amounts and the engine's statements are written by the deal's formatter (`principal.present`): its currency and
locale.
"""

from __future__ import annotations

from principal.present import Formatter
from principal.reports.brief.content import BriefContent
from principal.reports.brief.document import Block, Bullets, Paragraph, Section, Table
from principal.statements import Statement
from principal.strategy.plan.brief import Brief


def _levels(levels: dict[str, Statement], fmt: Formatter, separator: str = "; ") -> str:
    return separator.join(f"{issue}: {fmt.text(label)}" for issue, label in levels.items())


def position_section(c: BriefContent) -> Section:
    b = c.strategy
    fmt = c.fmt
    money = fmt.money
    z = b.zopa
    blocks: list[Block] = []
    if b.objectives:
        blocks.append(Paragraph("Objectives", emphasis=True))
        blocks.append(Bullets(tuple(fmt.text(o) for o in b.objectives)))
    zone = (
        f"The zone of possible agreement runs from {money(z.low)} to {money(z.high)} over the term "
        f"(width {money(z.width)}); an even split of the surplus lands at {money(z.nash_price, blank='-')}."
        if z.exists
        else "There is no zone of possible agreement: the vendor's estimated walk-away is above the buyer's. "
        "Improve the alternative or change the scope before the meeting."
    )
    blocks.extend(
        [
            Paragraph(
                f"The alternative to a deal: {b.batna}, about {money(b.batna_cost)} over the term. Walk away "
                f"above a term cost of {money(b.walk_away)}. The vendor's latest offer ({b.vendor_offer}) costs "
                f"{money(b.vendor_offer_cost)}; the ask ({b.target}) costs {money(b.target_cost)}."
            ),
            Paragraph(
                f"The vendor's estimated walk-away is {money(z.vendor_reservation)}: "
                f"{fmt.text(b.vendor_reservation_formula)}."
            ),
            Paragraph(zone),
        ]
    )
    if b.nash_levels is not None and b.nash_cost is not None:
        terms = _levels(b.nash_levels, fmt)
        blocks.append(
            Paragraph(f"The Nash bargaining package over the issues ({terms}) has a term cost of {money(b.nash_cost)}.")
        )
    return Section("Position: alternative, walk-away and the zone of agreement", "position", tuple(blocks))


def asks_section(c: BriefContent) -> Section:
    b = c.strategy
    fmt = c.fmt
    money = fmt.money
    rows = tuple(
        (
            str(n),
            a.title,
            fmt.text(a.ask),
            money(a.open_vs_vendor),
            money(a.value_vs_baseline),
            money(a.risk_value),
            fmt.number(a.weight),
            money(a.vendor_cost),
        )
        for n, a in enumerate(b.asks, start=1)
    )
    how = tuple(f"{a.title}: {fmt.text(a.formula)} (source: {a.source})." for a in b.asks)
    blocks: list[Block] = [
        Paragraph(
            f"Ranked by weighted value still open. Money asks carry the cost engine's lever values, so against the "
            f"baseline they add up to {money(b.compare_saving)}, the saving of {b.target} over {b.baseline}; "
            f"against the vendor's latest offer {money(b.open_saving)} is still open."
        ),
        Table(
            ("#", "Issue", "Ask", "Open vs vendor", "Vs baseline", "Risk value", "Weight", "Costs vendor"),
            rows,
            "Asks",
            numeric=(0, 3, 4, 5, 6, 7),
            small=True,
        ),
        Paragraph("How each value is worked out", emphasis=True),
        Bullets(how),
        *_lever_values(c),
    ]
    return Section("Asks", "asks", tuple(blocks), (_trades(b, fmt), _packages(b, fmt), _words(b, fmt)))


def _trades(b: Brief, fmt: Formatter) -> Section:
    trades = tuple(
        (
            t.title,
            fmt.money(t.buyer_value),
            fmt.money(t.vendor_cost),
            fmt.number(t.ratio, 2) if t.ratio is not None else "free to them",
            t.role,
        )
        for t in b.trade_map
    )
    steps = tuple(
        (
            str(s.order),
            fmt.text(s.give),
            fmt.money(s.buyer_value_given),
            fmt.money(s.term_cost_after),
            "yes" if s.within_walk_away else "no: stop",
        )
        for s in b.concessions
    )
    return Section(
        "Trades and concessions",
        "trades",
        (
            Table(
                ("Issue", "Value to buyer", "Cost to vendor", "Ratio", "Use"),
                trades,
                "Trade-off map",
                numeric=(1, 2, 3),
                small=True,
            ),
            Table(
                ("Step", "Give", "Value given up", "Term cost after", "Within walk-away"),
                steps,
                "Concession plan, one step at a time from the ask",
                numeric=(0, 2, 3),
                small=True,
            ),
        ),
    )


def _packages(b: Brief, fmt: Formatter) -> Section:
    rows = tuple(
        (
            p.theme,
            _levels(p.levels, fmt),
            fmt.money(p.term_cost),
            fmt.money(p.buyer_utility),
            fmt.share(p.acceptance, 0),
            fmt.number(p.alignment_score, 0) if p.alignment_score is not None else "-",
        )
        for p in b.packages
    )
    blocks: list[Block] = [
        Paragraph(
            f"Packages of about equal value to the buyer (the ask is worth {fmt.money(b.target_utility)}), to put on "
            f"the table together so the vendor's choice reveals what it values."
        ),
        Table(
            ("Theme", "Terms", "Term cost", "Value to buyer", "Acceptance", "Alignment"),
            rows,
            "Equal-value packages",
            numeric=(2, 3, 4, 5),
            small=True,
        ),
    ]
    if b.notes:
        blocks.append(Bullets(b.notes))
    return Section("Packages to offer together", "packages", tuple(blocks))


def _words(b: Brief, fmt: Formatter) -> Section:
    text = fmt.text
    blocks: list[Block] = []
    if b.counters:
        blocks.append(Paragraph("Likely counters and replies", emphasis=True))
        blocks.append(Bullets(tuple(f"Vendor: “{text(x.vendor_says)}” Reply: “{text(x.reply)}”" for x in b.counters)))
    if b.questions:
        blocks.append(Paragraph("Questions to ask", emphasis=True))
        blocks.append(Bullets(tuple(text(q) for q in b.questions)))
    if b.talk_track:
        blocks.append(Paragraph("Talk track", emphasis=True))
        blocks.append(Bullets(tuple(text(line) for line in b.talk_track), numbered=True))
    return Section("In the room", "talk", tuple(blocks) or (Paragraph("No talk track."),))


def clauses_section(c: BriefContent) -> Section:
    cs = c.clauses
    fmt = c.fmt
    subsections = []
    for clause in cs.clauses:
        blocks: list[Block] = [Paragraph(fmt.text(p)) for p in clause.paragraphs]
        if clause.missing:
            blocks.append(Paragraph("The offer leaves open:", emphasis=True))
            blocks.append(Bullets(tuple(fmt.text(m) for m in clause.missing)))
        subsections.append(Section(clause.title, f"clause-{clause.key}", tuple(blocks)))
    intro = Paragraph(
        f"Draft wording filled from the terms of {cs.offer}"
        + (f" ({cs.offer_label})" if cs.offer_label else "")
        + ". Where the offer is silent the draft names the gap instead of inventing a value. Have counsel review "
        "every clause before it goes to the vendor."
    )
    return Section("Clause drafts", "clauses", (intro,), tuple(subsections))


def _lever_values(c: BriefContent) -> list[Block]:
    """The non-price levers in expectation: the one valuation compare, align and plan quote."""
    levers = c.strategy.lever_values
    if not levers:
        return []
    money = c.fmt.money
    rows = tuple(
        (
            lv.title,
            money(lv.expected_saving, blank="unknown"),
            money(lv.p90_saving, blank="unknown"),
            lv.basis.value + (": " + ", ".join(lv.defaults_used) if lv.defaults_used else ""),
        )
        for lv in levers
    )
    return [
        Paragraph(
            "Non-price levers in expectation: one Monte Carlo over your forecasts and the SLA outage model (the same "
            "draws with and without each lever); positive figures lower your expected cost of switching."
        ),
        Table(("Lever", "Expected saving", "P90 saving", "Basis"), rows, "Lever values", numeric=(1, 2), small=True),
    ]
