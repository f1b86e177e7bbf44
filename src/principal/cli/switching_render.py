"""The headline of `principal cost` and `principal compare` for people: switching against staying.

Figures come from the cost engine's typed results (`principal.cost.results.SwitchingResult`); this module only
lays them out with the deal's formatter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from principal.cli.output import console

if TYPE_CHECKING:
    from rich.table import Table

    from principal.cost.results import SimulatedCost, SwitchingResult
    from principal.present import Formatter
    from principal.statements import Statement


def sentence(fmt: Formatter, statement: Statement) -> str:
    text = fmt.text(statement)
    return text[:1].upper() + text[1:] + "."


def _table(title: str | None = None) -> Table:
    from rich.table import Table

    return Table(title=title, show_edge=False, pad_edge=False)


def render_offer_switching(sw: SwitchingResult, fmt: Formatter) -> None:
    """One offer: the headline sentence, switching against staying by year, when the incumbent stops."""
    money = fmt.money
    console.print(sentence(fmt, sw.headline), markup=False)
    if not sw.known:
        return
    fee = bool(sw.early_termination)
    table = _table()
    heads = ("year", "contract", "dual running", *(("early end",) if fee else ()), "switching", "staying", "difference")
    for col in heads:
        table.add_column(col, justify="left" if col == "year" else "right")
    for y in sw.years:
        table.add_row(
            f"{y.year}",
            money(y.contract),
            money(y.dual_running),
            *((money(y.early_termination),) if fee else ()),
            money(y.switching),
            money(y.staying),
            money(y.difference),
        )
    table.add_row(
        "term",
        money(sw.contract),
        money(sw.dual_running),
        *((money(sw.early_termination),) if fee else ()),
        money(sw.switching),
        money(sw.staying),
        money(sw.difference),
        style="bold",
    )
    console.print(table)
    if sw.incumbent_end is not None:
        console.print(sentence(fmt, sw.incumbent_end), markup=False)
    for note in sw.notes:
        console.print(sentence(fmt, note), markup=False)


def render_comparison_switching(switching: Mapping[str, SwitchingResult], fmt: Formatter) -> None:
    """Every offer's cost of switching against staying, side by side."""
    money = fmt.money
    offers = list(switching.values())
    if not offers:
        return
    if not any(sw.known for sw in offers):
        console.print(sentence(fmt, offers[0].headline), markup=False)
        return
    table = _table("Cost of switching against staying (plan volumes)")
    table.add_column("")
    for name in switching:
        table.add_column(name, justify="right")
    fee = any(sw.early_termination for sw in offers)
    rows = (
        ("new contract", lambda s: s.contract),
        ("dual running", lambda s: s.dual_running),
        *((("early end fee", lambda s: s.early_termination),) if fee else ()),
        ("switching", lambda s: s.switching),
        ("staying", lambda s: s.staying),
        ("difference", lambda s: s.difference),
    )
    for label, pick in rows:
        table.add_row(
            label, *[money(pick(s), blank="unknown") for s in offers], style="bold" if label == "switching" else ""
        )
    ends = [f"month {s.incumbent_end_month}" if s.incumbent_end_month else "unknown" for s in offers]
    table.add_row("incumbent off", *ends)
    console.print(table)
    console.print("Difference = switching - staying: above 0, switching costs more over the term.", markup=False)


def render_defaults(results: Iterable[SwitchingResult]) -> None:
    """The defaults the figures rest on and the questions they raise, each once."""
    defaults: dict[tuple[str, str], None] = {}
    questions: dict[str, None] = {}
    for sw in results:
        for d in sw.defaults_used:
            defaults[(d.path, d.assumed)] = None
        for q in sw.questions:
            questions[q] = None
    if defaults:
        console.print("Defaults used where the deal is silent:", markup=False)
        for path, assumed in defaults:
            console.print(f"  - {path}: {assumed}", markup=False)
    if questions:
        console.print("Ask:", markup=False)
        for q in questions:
            console.print(f"  - {q}", markup=False)


def render_simulated_switching(sim: SimulatedCost, fmt: Formatter) -> None:
    if sim.difference is None or sim.p_switching_beats_staying is None:
        console.print("  Switching against staying: unknown (the deal does not give the incumbent's cost).")
        return
    console.print(f"  P(switching beats staying) = {fmt.share(sim.p_switching_beats_staying)}", markup=False)
