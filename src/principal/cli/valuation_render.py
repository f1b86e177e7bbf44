"""Text output of the lever valuation and the tornado (`principal compare`, `principal align`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.table import Table

from principal.cli.output import console

if TYPE_CHECKING:
    from principal.present import Formatter
    from principal.valuation import Valuation
    from principal.valuation.tornado import Tornado


def _table(title: str) -> Table:
    return Table(title=title, title_justify="left", show_header=True, header_style="bold")


def render_lever_values(values: Mapping[str, Valuation], fmt: Formatter) -> None:
    """Each offer's non-price levers in expectation (positive: the lever lowers your cost)."""
    for name, valuation in values.items():
        if not valuation.levers:
            continue
        console.print()
        table = _table(
            f"{name}: non-price levers against {valuation.reference}, in expectation "
            f"({fmt.number(valuation.draws)} draws, seed {valuation.seed})"
        )
        for col in ("lever", "expected saving", "P90 saving", "basis"):
            table.add_column(col, justify="left" if col in ("lever", "basis") else "right")
        for lv in valuation.levers:
            basis = lv.basis.value
            if lv.defaults_used:
                basis += ": " + ", ".join(lv.defaults_used)
            table.add_row(
                lv.title,
                fmt.money(lv.expected_saving, blank="unknown"),
                fmt.money(lv.p90_saving, blank="unknown"),
                basis,
            )
        console.print(table)
        console.print(
            f"  Expected risk-adjusted cost of switching {fmt.money(valuation.expected_cost)}, P90 "
            f"{fmt.money(valuation.p90_cost)}."
        )


def render_tornado(result: Tornado, fmt: Formatter) -> None:
    """One row per assumption: the recommended offer's expected cost at its low and high value, and what flips."""
    console.print()
    table = _table(
        f"Sensitivity: {result.recommended} is cheapest in expectation ({fmt.money(result.expected_cost)}); "
        f"each assumption at its low and high value ({fmt.number(result.draws)} draws)"
    )
    for col in ("assumption", "basis", "low", "change", "high", "change", "what changes"):
        table.add_column(col, justify="left" if col in ("assumption", "basis", "what changes") else "right")
    for row in result.rows:
        changes = []
        for label, end in (("low", row.low), ("high", row.high)):
            if end.flips:
                changes.append(f"{label}: {end.recommended} cheapest")
            if end.lever_signs_flip:
                changes.append(f"{label}: sign of {', '.join(end.lever_signs_flip)} flips")
        table.add_row(
            row.assumption,
            row.basis.value,
            fmt.number(row.low.value),
            fmt.money(row.low.change, whole=True),
            fmt.number(row.high.value),
            fmt.money(row.high.change, whole=True),
            "; ".join(changes) or "nothing",
        )
    console.print(table)
