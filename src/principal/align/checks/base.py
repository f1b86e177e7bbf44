"""Shared shapes of the buyer's checklist: a check answers yes (good for the buyer), no, or unknown.

Every check is one function `check_*(ctx) -> Check` of the same shape; `CHECKS` lists them in order. An offer
that leaves a field out yields "unknown" and a question, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from principal.align.context import OfferContext
from principal.statements import Statement, say


class Answer(StrEnum):
    yes = "yes"
    no = "no"
    unknown = "unknown"


class Group(StrEnum):
    pricing = "pricing model"
    kpis = "KPIs and quality metrics"
    sla = "SLA and uptime"
    implementation = "implementation"
    exit = "risk and exit"


@dataclass(frozen=True)
class Check:
    id: str
    group: Group
    question: str
    answer: Answer
    field: str
    evidence: Statement
    """What the answer rests on, with its figures typed (formatted by the presentation layer)."""
    ask: str
    """What to put to the vendor (for unknown) or to ask for (for no)."""


def _check(id_: str, group: Group, question: str, answer: Answer, field: str, evidence: Statement, ask: str) -> Check:
    return Check(id_, group, question, answer, field, evidence, ask)


def _f(ctx: OfferContext, path: str) -> str:
    return f"offers.{ctx.name}.{path}"


def _bool_check(
    ctx: OfferContext,
    id_: str,
    group: Group,
    question: str,
    value: bool | None,
    field: str,
    ask_no: str,
    ask_unknown: str,
) -> Check:
    if value is None:
        return _check(id_, group, question, Answer.unknown, _f(ctx, field), say("the offer does not say"), ask_unknown)
    if value:
        return _check(id_, group, question, Answer.yes, _f(ctx, field), say("stated in the offer"), "")
    return _check(id_, group, question, Answer.no, _f(ctx, field), say("the offer says no"), ask_no)
