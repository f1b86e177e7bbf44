"""The strategy part of the brief: position, asks, trades, concessions, packages, talk track and clause drafts.

Amounts and the engine's statements are written by the deal's formatter (`principal.present`): its currency and
locale.
"""

from __future__ import annotations

from principal.money import Amount
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
    if z is None:
        zone = "The zone of possible agreement waits for the alternative: with no walk-away it cannot be placed."
    elif z.exists:
        zone = (
            f"The zone of possible agreement runs from {money(z.low)} to {money(z.high)} over the term "
            f"(width {money(z.width)}); an even split of the surplus lands at {money(z.nash_price, blank='-')}."
        )
    else:
        zone = (
            "There is no zone of possible agreement: the vendor's estimated walk-away is above the buyer's. "
            "Improve the alternative or change the scope before the meeting."
        )
    if b.batna_cost is not None and b.walk_away is not None:
        position = (
            f"For the buyer only, never for the vendor: the alternative ({b.batna_kind}) is {fmt.text(b.batna)}, "
            f"{money(b.batna_cost)} over the term ({fmt.text(b.batna_formula)}). Walk away above a term cost of "
            f"{money(b.walk_away)}: {fmt.text(b.walk_away_formula)}."
        )
    else:
        question = fmt.text(b.alternative_question) if b.alternative_question is not None else ""
        position = "The alternative is unknown, so the walk-away waits for it. " + question
        if b.walk_away is not None:
            position += f" The walk-away stated in the deal is {money(b.walk_away)}."
    blocks.extend(
        [
            Paragraph(
                f"{position} The vendor's latest offer ({b.vendor_offer}, the vendor's) costs "
                f"{money(b.vendor_offer_cost)}; the ask ({b.target}, {fmt.text(b.roles.target_source)}) costs "
                f"{money(b.target_cost)}."
            ),
            Paragraph(
                f"The vendor's estimated walk-away is {money(b.vendor_reservation)}: "
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
            {True: "yes", False: "no: stop", None: "unknown"}[s.within_walk_away],
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
    def margin(value: Amount | None) -> str:
        return fmt.money(value) if value is not None else "unknown"

    rows = []
    terms = []
    for p in b.packages:
        score = fmt.number(p.alignment_score, 0) if p.alignment_score is not None else "-"
        terms.append(f"{p.theme} (lead: {p.lead}; alignment {score}/100): {_levels(p.levels, fmt)}")
        rows.append(
            (
                p.theme,
                fmt.money(p.term_cost),
                fmt.money(p.buyer_utility),
                fmt.money(p.vendor_cost),
                margin(p.margin),
                fmt.share(p.acceptance, 0),
            )
        )
        if p.stronger is not None:
            s = p.stronger
            terms.append(f"{p.theme}, stronger (lead: {p.lead}): {_levels(s.levels, fmt)}")
            rows.append(
                (
                    f"{p.theme}, stronger",
                    fmt.money(s.term_cost),
                    fmt.money(s.buyer_utility),
                    fmt.money(s.vendor_cost),
                    margin(s.margin),
                    fmt.share(s.acceptance, 0),
                )
            )
    blocks: list[Block] = [
        Paragraph(
            f"The fallbacks: packages of about equal value to the buyer (the ask is worth "
            f"{fmt.money(b.target_utility)}), each led by a different term and giving back no protection the ask "
            f"holds, to put on the table together so the vendor's choice reveals what it values. Each should stay "
            f"{fmt.value(b.fallback_margin)} inside the walk-away. Where the vendor would very likely accept, money "
            f"may be left on the table: the stronger version follows it."
        ),
        Table(
            ("Package", "Term cost", "Value to buyer", "Cost to vendor", "Margin", "Acceptance"),
            tuple(rows),
            "Fallback packages",
            numeric=(1, 2, 3, 4, 5),
            small=True,
        ),
        Bullets(tuple(terms)),
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
    if cs.placeholders:
        subsections.insert(
            0,
            Section(
                "To fill in",
                "clause-placeholders",
                (Bullets(tuple(f"{p.name}: {p.fill_in}" for p in cs.placeholders)),),
            ),
        )
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
