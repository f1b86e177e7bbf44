"""Load a goals file (YAML or JSON): plain-language goals read by pattern, every problem located FILE:LINE:COL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from principal.errors import InputError, Problem
from principal.loader import load_deal
from principal.loader.deal_file import describe_error
from principal.loader.input_file import read_text
from principal.loader.problems import Path, format_path, shorten
from principal.loader.yaml_positions import Located, parse_located
from principal.model.deal import Deal
from principal.strategy.kpis.goals import GoalsFile
from principal.strategy.kpis.phrases import read_goal

MAX_GOALS_BYTES = 1024 * 1024

EXAMPLES = "'answer 80% of calls within 20 s', 'keep voice routing up', 'weekly reporting by Monday 9:00'"


@dataclass(frozen=True)
class LoadedGoals:
    """A validated goals file and, when it names one, the deal and offer its remedies come from."""

    goals: GoalsFile
    deal: Deal | None
    offer_name: str | None


def load_goals(path: str | FsPath) -> LoadedGoals:
    """Read a goals file and the deal it links to; raise InputError listing every problem."""
    fs_path = FsPath(path)
    name = str(path)
    text = read_text(path, max_bytes=MAX_GOALS_BYTES, what="a goals file")
    goals, located = _parse(text, name)
    deal: Deal | None = None
    offer_name: str | None = None
    if goals.contract is not None:
        deal_path = fs_path.parent / goals.contract.deal
        problem = _not_a_deal_file(deal_path)
        if problem is not None:
            message = f"{shorten(str(deal_path))}: {problem}; give the deal file's path relative to this file"
            raise InputError([_problem(name, located, ("contract", "deal"), message)])
        deal = load_deal(deal_path)
        offer_name = goals.contract.offer or list(deal.offers)[-1]
        if offer_name not in deal.offers:
            raise InputError(
                [
                    _problem(
                        name,
                        located,
                        ("contract", "offer"),
                        f"the deal has no offer {offer_name!r}; offers are {', '.join(deal.offers)}",
                    )
                ]
            )
    return LoadedGoals(goals, deal, offer_name)


def _not_a_deal_file(path: FsPath) -> str | None:
    """Why the linked path cannot be the deal file (reported at the goals file's `contract.deal`), or None."""
    try:
        if not path.exists():
            return "no file there"
        if path.is_dir():
            return "a directory, not a deal file"
        if not path.is_file():
            return "not a regular file"
    except (OSError, ValueError) as exc:
        return f"cannot be opened ({exc})"
    return None


def parse_goals(text: str, filename: str = "<goals>") -> GoalsFile:
    """Validate goals text (no linked deal is read); raise InputError listing every problem."""
    return _parse(text, filename)[0]


def _parse(text: str, filename: str) -> tuple[GoalsFile, Located]:
    if len(text.encode("utf-8", "replace")) > MAX_GOALS_BYTES:
        raise InputError.single(filename, f"text is larger than {MAX_GOALS_BYTES:,} bytes")
    located = parse_located(text, filename)
    if located.data is None:
        raise InputError.single(filename, "the file is empty; start from examples/ccaas-450/goals.yaml")
    if not isinstance(located.data, dict):
        raise InputError([_problem(filename, located, (), "the file must hold a mapping (operation:, goals:)")])
    problems: list[Problem] = []
    goals = located.data.get("goals")
    if isinstance(goals, list):
        for index, item in enumerate(goals):
            if isinstance(item, str):
                fields = read_goal(item)
                if fields is None:
                    problems.append(
                        _problem(
                            filename,
                            located,
                            ("goals", index),
                            f"cannot read this goal; phrase it like {EXAMPLES}, or give kpi: and target:",
                        )
                    )
                else:
                    goals[index] = fields
    if problems:
        raise InputError(problems)
    try:
        parsed = GoalsFile.model_validate(located.data)
    except ValidationError as exc:
        raise InputError([_from_pydantic(err, located, filename) for err in exc.errors()]) from None
    plans = {plan.name: plan for plan in parsed.staffing}
    for index, goal in enumerate(parsed.goals):
        for j, plan_name in enumerate(goal.staffing):
            if plan_name not in plans:
                known = ", ".join(plans) or "(none)"
                problems.append(
                    _problem(
                        filename,
                        located,
                        ("goals", index, "staffing", j),
                        f"no staffing plan named {plan_name!r}; plans are {known}",
                    )
                )
    if problems:
        raise InputError(problems)
    return parsed, located


def _problem(filename: str, located: Located, path: Path, message: str, *, at_key: bool = False) -> Problem:
    line, column = located.where_key(path) if at_key else located.where(path)
    return Problem(filename, line, column, format_path(path), message)


def _from_pydantic(err: Any, located: Located, filename: str) -> Problem:
    loc: tuple[Any, ...] = tuple(part for part in err["loc"] if part != "[key]")
    kind = err["type"]
    if kind == "extra_forbidden":
        return _problem(filename, located, loc, f"unknown key {loc[-1]!r}", at_key=True)
    if kind == "missing":
        line, column = located.where(loc[:-1])
        return Problem(filename, line, column, format_path(loc), f"required; add {loc[-1]}")
    message = describe_error(kind, err.get("ctx") or {}, err.get("input"), err["msg"])
    return _problem(filename, located, loc, message)
