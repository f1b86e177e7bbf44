"""The brief's cost headline: the cost of switching to each offer against the cost of staying.

Figures come from the cost engine (`principal.cost.switching` through the comparison); this module only lays them
out with the deal's formatter.
"""

from __future__ import annotations

from principal.cost.switching import SwitchingCost, headline, incumbent_end
from principal.present import Formatter
from principal.reports.brief.content import BriefContent
from principal.reports.brief.document import Block, Bullets, Paragraph, Table


def _sentence(fmt: Formatter, text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def switching_blocks(c: BriefContent) -> list[Block]:
    fmt = c.fmt
    money = fmt.money
    moves: dict[str, SwitchingCost] = dict(c.comparison.switching)
    if not moves:
        return []
    known = [m for m in moves.values() if m.known]
    blocks: list[Block] = []
    if not known:
        blocks.append(
            Paragraph(
                "The cost of staying is unknown: the deal does not give the incumbent's monthly cost, so neither "
                "staying nor running the incumbent alongside the new platform can be costed. The figures below "
                "are the new contracts alone."
            )
        )
    else:
        blocks.append(
            Paragraph(
                "The cost of switching is the new contract plus what the incumbent still bills while the operation "
                "moves (dual running) and any fee that ends it early; the cost of staying is the incumbent's "
                "monthly cost over the same term. A positive difference means switching costs more."
            )
        )
        rows = [
            ("New contract", *[money(m.contract.total) for m in moves.values()]),
            ("Dual running", *[money(m.dual_running, blank="unknown") for m in moves.values()]),
            ("Early termination", *[money(m.early_termination, blank="unknown") for m in moves.values()]),
            ("Cost of staying", *[money(m.staying, blank="unknown") for m in moves.values()]),
            ("Switching - staying", *[money(m.difference, blank="unknown") for m in moves.values()]),
            ("Cost of switching", *[money(m.total, blank="unknown") for m in moves.values()]),
        ]
        blocks.append(
            Table(
                ("Over the term", *moves),
                tuple(rows),
                "Cost of switching against staying",
                numeric=tuple(range(1, len(moves) + 1)),
                bold_last_row=True,
            )
        )
    notes = [_sentence(fmt, fmt.text(headline(m, c.currency))) for m in moves.values() if m.known]
    for m in moves.values():
        end = incumbent_end(m.transition)
        if end is not None:
            notes.append(f"With {m.offer}, {fmt.text(end)}.")
        notes.extend(f"With {m.offer}, {fmt.text(n)}." for n in m.transition.notes)
    for item in c.cost.offers:
        sim = item.simulation
        if sim is None or sim.difference_term is None or sim.p_switching_beats_staying is None:
            continue
        d = sim.difference_term
        notes.append(
            f"{sim.offer}, {fmt.number(sim.draws)} simulated volume scenarios (seed {sim.seed}): switching - staying "
            f"P10 {money(d.p10, whole=True)}, P50 {money(d.p50, whole=True)}, P90 {money(d.p90, whole=True)}; "
            f"switching beats staying in {fmt.share(sim.p_switching_beats_staying)} of them."
        )
    if notes:
        blocks.append(Bullets(tuple(notes)))
    defaults = {(d.path, d.assumed, d.question): None for m in moves.values() for d in m.transition.defaults_used}
    if defaults:
        blocks.append(Paragraph("Defaults used where the deal is silent, each a question to ask:"))
        blocks.append(Bullets(tuple(f"{path}: {assumed}. Ask: {question}" for path, assumed, question in defaults)))
    return blocks
