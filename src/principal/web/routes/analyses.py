"""Every analysis the workspace shows, as JSON, for one stored version of a deal (as datasette serves each page as
JSON). The figures are the tabs' own: the same engine calls, the same cached results, the same JSON encoder.

    GET  /api/deals/{deal_id}/versions/{number}/cost       ?offer=NAME  &lines=true   schedules, simulation, charts
    GET  /api/deals/{deal_id}/versions/{number}/compare    ?baseline=NAME             savings by lever, crossings
    GET  /api/deals/{deal_id}/versions/{number}/sla        ?offer=NAME  &against=NAME allowed downtime, credits
    GET  /api/deals/{deal_id}/versions/{number}/align      ?offer=NAME                scorecard, stress tests
    GET  /api/deals/{deal_id}/versions/{number}/plan                                  the negotiation brief
    GET  /api/deals/{deal_id}/versions/{number}/clauses    ?offer=NAME                clause drafts
    POST /api/deals/{deal_id}/versions/{number}/kpis       {"goals": "..."}           KPIs from a goals file
    GET  /api/deals/{deal_id}/reviews                                                 the deal's stored reviews
    GET  /api/deals/{deal_id}/reviews/{review_id}                                     one review's findings

Each answers one envelope, the CLI's `--json` shape for a stored deal instead of a file:

    {"ok": true, "analysis": "cost", "deal": 1, "version": 2, "params": {...}, "principal_version": "0.1.0",
     "result": {...}}

Errors keep the API's one shape (web/errors.py): 404 for an unknown deal, version, review or offer; 422 for a
value no offer name could be, or a bad query value. The analyses are named as the CLI commands are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import Response

from principal import __version__
from principal.cost.compare import compare
from principal.cost.report import cost_report
from principal.cost.results import comparison_result, cost_result
from principal.json_encoding import dumps, to_jsonable
from principal.review.result import ReviewResult
from principal.sla.report import sla_report
from principal.store import deals, reviews
from principal.strategy.clauses import draft_clauses
from principal.strategy.kpis import KpiReport
from principal.strategy.plan.brief import build_brief
from principal.web.errors import Unprocessable
from principal.web.tab_results import cached_json, chosen_offer, words
from principal.web.tabs import alignment as alignment_tab
from principal.web.tabs import cost as cost_tab
from principal.web.tabs import review as review_tab
from principal.web.tabs import sla as sla_tab
from principal.web.tabs import strategy as strategy_tab
from principal.web.workers import bounded
from principal.web.workspace import Workspace, get_store, open_version

router = APIRouter(prefix="/api/deals/{deal_id}")

ANALYSES = ("cost", "compare", "sla", "align", "plan", "clauses")
"""The analyses of a version answered to GET (kpis needs a goals file, so it is a POST)."""


def analysis_links(deal_id: int, number: int) -> dict[str, str]:
    """Where each analysis of a version is served."""
    return {name: f"/api/deals/{deal_id}/versions/{number}/{name}" for name in ANALYSES}


def envelope(analysis: str, ws: Workspace | None, deal_id: int, params: Mapping[str, object], result: Any) -> Response:
    """The one answer shape of an analysis, written by the one JSON encoder."""
    body = {
        "ok": True,
        "analysis": analysis,
        "deal": deal_id,
        "version": ws.number if ws is not None else None,
        "params": dict(params),
        "principal_version": __version__,
        "result": result,
    }
    return Response(dumps(body, indent=None), media_type="application/json")


def _only(entries: list[dict[str, Any]], names: list[str]) -> list[dict[str, Any]]:
    return [entry for entry in entries if entry["offer"] in names]


@router.get("/versions/{number}/cost", response_model=None)
def cost(
    request: Request,
    ws: Workspace = Depends(open_version),
    offer: str | None = Query(default=None, description="One offer; default every offer."),
    lines: bool = Query(default=False, description="Add every monthly line item with its formula."),
) -> Response:
    names = list(ws.deal.offers)
    shown = [chosen_offer(ws, offer, names, names[0])] if offer else names
    results = cost_tab.results_for(request, ws)
    report = results["report"]
    entries = [line_items(request, ws, name) for name in shown] if lines else _only(report["offers"], shown)
    cumulative = results["cumulative"]
    result = {
        "deal": report["deal"],
        "currency": report["currency"],
        "offers": entries,
        "simulations": _only(results["simulations"], shown),
        "histograms": _only(results["histograms"], shown),
        "cumulative": {
            "months": cumulative["months"],
            "offers": {name: cumulative["offers"][name] for name in shown},
            "incumbent": cumulative["incumbent"],
        },
    }
    params = {"offer": offer, "lines": lines, "draws": cost_tab.DRAWS, "seed": cost_tab.SEED}
    return envelope("cost", ws, ws.deal_id, params, result)


def line_items(request: Request, ws: Workspace, name: str) -> dict[str, Any]:
    """One offer's cost with every line item: the Cost tab's "line items" (cached under the same key)."""
    found = cached_json(
        request,
        ws,
        "cost-lines",
        {"offer": name, "shape": cost_tab.SHAPE},
        lambda: cost_result(cost_report(ws.deal, [name]), lines=True),
    )
    entry: dict[str, Any] = found["offers"][0]
    return entry


@router.get("/versions/{number}/compare", response_model=None)
def compare_offers(
    request: Request,
    ws: Workspace = Depends(open_version),
    baseline: str | None = Query(default=None, description="The offer savings are measured against."),
) -> Response:
    names = list(ws.deal.offers)
    chosen = chosen_offer(ws, baseline, names, ws.deal.baseline_name, field="baseline")

    def valued() -> object:  # what `principal compare --json` answers: the comparison with the one lever valuation
        from principal.valuation.comparison import valued_comparison

        return valued_comparison(ws.deal, comparison_result(compare(ws.deal, None, chosen)), names)

    result = cached_json(request, ws, "compare", {"baseline": chosen, "shape": cost_tab.SHAPE, "valued": 1}, valued)
    return envelope("compare", ws, ws.deal_id, {"baseline": chosen}, result)


NO_SLA = "no offer in this version has an sla block"


@router.get("/versions/{number}/sla", response_model=None)
def sla(
    request: Request,
    ws: Workspace = Depends(open_version),
    offer: str | None = Query(default=None, description="The offer whose SLA to analyse; default the latest."),
    against: str | None = Query(default=None, description="The offer to compare with; default the baseline."),
) -> Response:
    names = sla_tab.offers_with_sla(ws.deal)
    if not names:
        none: dict[str, object] = {"offers_with_sla": [], "report": None, "note": NO_SLA}
        return envelope("sla", ws, ws.deal_id, {"offer": offer, "against": against}, none)
    first, second = sla_tab.default_pair(ws.deal, names)
    offer_name = chosen_offer(ws, offer, names, first)
    against_name = chosen_offer(ws, against, names, second if second != offer_name else first, field="against")
    params = {
        "offer": offer_name,
        "against": against_name,
        "runs": sla_tab.RUNS,
        "seed": sla_tab.SEED,
        "preset": sla_tab.PRESET,
    }
    report = cached_json(
        request,
        ws,
        "sla",
        params,
        lambda: sla_report(
            ws.deal,
            offer_name,
            simulate=sla_tab.RUNS,
            seed=sla_tab.SEED,
            preset=sla_tab.PRESET,
            against=against_name,
        ),
    )
    return envelope("sla", ws, ws.deal_id, params, {"offers_with_sla": names, "report": report})


@router.get("/versions/{number}/align", response_model=None)
def align(
    request: Request,
    ws: Workspace = Depends(open_version),
    offer: str | None = Query(default=None, description="One offer; default every offer side by side."),
) -> Response:
    names = list(ws.deal.offers)
    results = cached_json(request, ws, "align", {}, lambda: alignment_tab.alignment_results(ws.deal))
    if offer:
        one = chosen_offer(ws, offer, names, names[-1])
        results = {"currency": results["currency"], "offers": _only(results["offers"], [one])}
    return envelope("align", ws, ws.deal_id, {"offer": offer}, results)


@router.get("/versions/{number}/plan", response_model=None)
def plan(request: Request, ws: Workspace = Depends(open_version)) -> Response:
    brief = cached_json(request, ws, "strategy-brief", {}, lambda: build_brief(ws.deal))
    return envelope("plan", ws, ws.deal_id, {}, brief)


@router.get("/versions/{number}/clauses", response_model=None)
def clauses(
    request: Request,
    ws: Workspace = Depends(open_version),
    offer: str | None = Query(default=None, description="The offer to draft from; default the latest."),
) -> Response:
    names = list(ws.deal.offers)
    name = chosen_offer(ws, offer, names, names[-1])
    drafts = draft_clauses(ws.deal, name)
    result = to_jsonable(drafts, words(ws))  # `missing` is a field of the clause set
    return envelope("clauses", ws, ws.deal_id, {"offer": name}, result)


class Goals(BaseModel):
    goals: str = Field(description="A goals file (YAML or JSON), as examples/ccaas-450/goals.yaml.", max_length=1 << 20)


def kpi_result(report: KpiReport, note: str | None) -> dict[str, object]:
    return {
        "feasible": not report.infeasible,
        "operation": report.operation,
        "offer": report.offer,
        "kpis": list(report.kpis),
        "feasibility": list(report.feasibility),
        "note": note,
    }


def kpis_json(text: str, ws: Workspace) -> tuple[Any, str]:
    """The KPIs of a goals text as JSON values, and the offer whose remedies were used (computed in a worker)."""
    report, note, offer = strategy_tab.kpis_from_goals(text, "goals", ws.deal)
    return to_jsonable(kpi_result(report, note), words(ws)), offer


@router.post("/versions/{number}/kpis", response_model=None)
def kpis(request: Request, body: Goals, ws: Workspace = Depends(open_version)) -> Response:
    """KPIs from the goals given; remedies and uptime targets come from the offer the goals name (else the latest),
    as on the Strategy tab."""
    if not body.goals.strip():
        raise Unprocessable("goals: give the goals file's text (YAML or JSON)", field="goals")
    result, offer = bounded(request, "the KPIs of the goals", kpis_json, body.goals, ws, reads_input=True)
    return envelope("kpis", ws, ws.deal_id, {"offer": offer}, result)


@router.get("/reviews", response_model=None)
def list_reviews(request: Request, deal_id: int) -> Response:
    store = get_store(request)
    deals.get_deal(store, deal_id)
    found = [
        {**to_jsonable(info), "href": f"/api/deals/{deal_id}/reviews/{info.id}"}
        for info in reviews.list_reviews(store, deal_id)
    ]
    return envelope("reviews", None, deal_id, {}, found)


def review_result(result: ReviewResult) -> dict[str, object]:
    """What `principal review --json` reports, for a stored document (no partial deal file is written)."""
    return {
        "source": result.source,
        "format": result.format,
        "pages": result.pages,
        "paragraphs": result.paragraphs,
        "characters": result.characters,
        "sections": result.sections,
        "terms": result.terms,
        "findings": result.findings,
        "missing": result.missing,
        "questions": result.questions,
        "documents": result.documents,
        "clauses": result.clauses,
        "deal_yaml": result.deal_yaml,
        "deal_gaps": [p.as_dict() for p in result.deal_gaps],
    }


@router.get("/reviews/{review_id}", response_model=None)
def review(request: Request, deal_id: int, review_id: int) -> Response:
    store = get_store(request)
    deals.get_deal(store, deal_id)
    info = reviews.get_review(store, deal_id, review_id)
    if not info.documents:
        raise Unprocessable(f"review {review_id} holds no document")
    shown = review_tab.RECENT.get(request, [reviews.get_document(store, d.id) for d in info.documents])
    result = {"review": to_jsonable(info), **to_jsonable(review_result(shown.result))}
    return envelope("review", None, deal_id, {"review": review_id}, result)
