"""The Decide tab's sensitivity: the valuation's tornado (principal.valuation.tornado, the one `principal compare
--tornado` prints) as a table and a bar chart: each assumption moved to its low and its high value, the change in
the cheapest offer's expected cost, and whether another offer would then be cheapest.

It runs a Monte Carlo per assumption end, so it is computed in a worker on first view of a version and kept
(cached_json); the Decide page asks for it once the rest of the page is shown.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from principal.present import Formatter, formatter_for
from principal.valuation.tornado import tornado
from principal.web.tab_results import cached_json
from principal.web.tabs.cost import COLOURS, money_axis
from principal.web.workspace import Workspace


def tornado_results(request: Request, ws: Workspace, reference: str) -> dict[str, Any]:
    offers = list(dict.fromkeys([reference, *ws.deal.offers]))
    params = {"offers": offers, "reference": reference}
    found: dict[str, Any] = cached_json(request, ws, "tornado", params, lambda: tornado(ws.deal, offers, reference))
    return found


def shown_rows(result: dict[str, Any], fmt: Formatter) -> list[dict[str, Any]]:
    """The tornado's rows with their assumption values written in the deal's locale."""
    return [
        {
            **row,
            "shown": {end: fmt.number(row[end]["value"]) for end in ("low", "high")},
            "base": fmt.number(row["base_value"]),
        }
        for row in result["rows"]
    ]


def sensitivity_figure(result: dict[str, Any], fmt: Formatter) -> dict[str, Any]:
    """Horizontal bars: each assumption's change in the cheapest offer's expected cost at its low and high value."""
    rows = list(reversed(result["rows"]))  # the widest swing on top
    titles = [row["title"] for row in rows]
    data = []
    for i, end in enumerate(("low", "high")):
        changes = [float(row[end]["change"]) for row in rows]
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": f"at its {end} value",
                "y": titles,
                "x": changes,
                "customdata": [fmt.money(row[end]["change"], whole=True) for row in rows],
                "marker": {"color": COLOURS[i]},
                "hovertemplate": "%{y}: %{customdata}<extra>" + end + "</extra>",
            }
        )
    xs = [x for trace in data for x in trace["x"]]
    x_axis = money_axis(fmt, min(0.0, *xs) if xs else -1.0, max(0.0, *xs) if xs else 1.0, "change in expected cost")
    layout = {
        "title": {"text": f"What moves the expected cost of {result['recommended']}", "font": {"size": 16}},
        "xaxis": x_axis,
        "yaxis": {"automargin": True},
        "barmode": "overlay",
        "legend": {"orientation": "h", "y": -0.25},
        "margin": {"l": 20, "r": 20, "t": 50, "b": 40},
        "height": 120 + 40 * len(rows),
    }
    return {"data": data, "layout": layout}


def sensitivity_context(request: Request, ws: Workspace, reference: str) -> dict[str, Any]:
    fmt = formatter_for(ws.deal.currency, ws.deal.locale)
    result = tornado_results(request, ws, reference)
    return {
        "tornado": result,
        "tornado_rows": shown_rows(result, fmt),
        "draws": fmt.number(result["draws"]),
        "sensitivity_figure": sensitivity_figure(result, fmt) if result["rows"] else None,
    }
