"""A partial deal file from extracted terms: the keys of examples/ccaas-450/deal.yaml, a comment on each value
citing the passage it came from, and the loader's remaining problems as the list of gaps to fill."""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Iterable
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from principal.errors import InputError, Problem
from principal.loader.deal_file import parse_deal_with_warnings
from principal.review.document import Document
from principal.review.extract.terms import Term, TermKind

OFFER = "reviewed"
_BAND_WORDS = re.compile(r",?\s*\b(?:first|up to|above|over|beyond|in excess of|more than)\b.*$", re.I)


def _slug(text: str, fallback: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:64]
    return slug or fallback


def _cite(term: Term) -> str:
    quote = term.quote if len(term.quote) <= 70 else term.quote[:67] + "..."
    return f'{term.location.cite()} "{quote}"'.replace("\n", " ")


def _set(node: CommentedMap, key: str, value: Any, source: Term | str | None) -> None:
    node[key] = value
    if source is not None:
        node.yaml_add_eol_comment(_cite(source) if isinstance(source, Term) else source, key)


def _first(terms: Iterable[Term], kind: TermKind, basis: str | None = None) -> Term | None:
    return next((t for t in terms if t.kind is kind and (basis is None or t.basis == basis)), None)


def _number(value: Decimal) -> Decimal | int:
    return int(value) if value == value.to_integral_value() else value.normalize()


def partial_deal(document: Document, terms: tuple[Term, ...]) -> tuple[str, tuple[Problem, ...]]:
    """YAML text of the partial deal and the problems the deal loader reports on it (empty when it is complete)."""
    name = Path(document.name).name
    root = CommentedMap()
    root["schema_version"] = 1
    root["name"] = f"Terms read from {name}"
    money = next((t.unit for t in terms if t.kind in (TermKind.seat_price, TermKind.usage_rate) and t.unit), None)
    _set(root, "currency", money.split("/")[0] if money else "USD", None if money else "assumption: not stated")
    root["buyer"] = _buyer(terms)
    offer = _offer(name, terms)
    root["offers"] = CommentedMap({OFFER: offer})
    text = _dump(root)
    try:
        parse_deal_with_warnings(text, name + ".deal.yaml")  # its lines move once the header is added
    except InputError as exc:
        gaps = exc.problems
        header = "".join(f"# to fill: {p.field}: {p.message}\n" for p in gaps)
        return _preamble(name) + header + text, gaps
    return _preamble(name) + text, ()


def _preamble(name: str) -> str:
    return (
        f"# Partial deal file written by `principal review` from {name}.\n"
        '# Each value cites its source as §section p.page ¶paragraph [start:end] "quote". Values the document\n'
        "# does not state are left out; the lines below say what the deal loader still needs.\n"
    )


def _buyer(terms: tuple[Term, ...]) -> CommentedMap:
    buyer = CommentedMap()
    quantities = [t for t in terms if t.kind is TermKind.seat_quantity and t.value is not None]
    agents = next((t for t in quantities if "agent" in t.detail.lower()), quantities[0] if quantities else None)
    if agents is not None and agents.value is not None:
        _set(buyer, "agents", _number(agents.value), "assumption: agents = seats of " + agents.detail[:40] + "; "
             + agents.location.cite())  # fmt: skip
    return buyer


def _offer(name: str, terms: tuple[Term, ...]) -> CommentedMap:
    offer = CommentedMap()
    offer["label"] = f"As drafted in {name}"
    term = _first(terms, TermKind.subscription_term)
    if term is not None and term.value is not None:
        _set(offer, "term_months", int(term.value), term)
    licenses = _licenses(terms)
    if licenses:
        offer["licenses"] = licenses
    uplift = _uplift(terms)
    if uplift is not None:
        offer["uplift"] = uplift
    usage = _usage(terms)
    if usage:
        offer["usage"] = usage
    cap = _first(terms, TermKind.usage_cap)
    if cap is not None and cap.unit == "%" and cap.value is not None:
        node = CommentedMap()
        _set(node, "percent_of_forecast", _number(cap.value), cap)
        offer["usage_cap"] = node
    fees = _one_time_fees(terms)
    if fees:
        offer["one_time_fees"] = fees
    implementation = _implementation(terms)
    if implementation:
        offer["implementation"] = implementation
    sla = _sla(terms)
    if sla is not None:
        offer["sla"] = sla
    offer["exit"] = _exit(terms)
    return offer


def _licenses(terms: tuple[Term, ...]) -> CommentedSeq:
    seq = CommentedSeq()
    used: set[str] = set()
    for price in (t for t in terms if t.kind is TermKind.seat_price and t.value is not None):
        line = CommentedMap()
        slug = _slug(price.detail, "seat")
        while slug in used:
            slug = f"{slug}_2"[:64]
        used.add(slug)
        line["name"] = slug
        line["kind"] = "concurrent" if "concurrent" in price.detail.lower() else "named"
        quantity = next((t for t in terms if t.kind is TermKind.seat_quantity and t.detail == price.detail), None)
        if quantity is not None and quantity.value is not None:
            _set(line, "quantity", _number(quantity.value), quantity)
        _set(line, "unit_price", _number(price.value or Decimal(0)), price)
        seq.append(line)
    return seq


def _uplift(terms: tuple[Term, ...]) -> CommentedMap | None:
    increase = _first(terms, TermKind.price_increase)
    if increase is None or increase.value is None:
        return None
    node = CommentedMap()
    if increase.basis == "cpi":
        _set(node, "kind", "cpi", increase)
        node["cpi_plus"] = _number(increase.value)
    else:
        _set(node, "kind", "fixed", None)
        _set(node, "percent", _number(increase.value), increase)
    _set(node, "from_year", 2, "assumption: first increase on the first anniversary")
    cap = _first(terms, TermKind.price_increase_cap)
    if cap is not None and cap.value is not None:
        _set(node, "cap", _number(cap.value), cap)
    return node


def _usage(terms: tuple[Term, ...]) -> CommentedSeq:
    meters: dict[str, list[Term]] = {}
    for rate in (t for t in terms if t.kind is TermKind.usage_rate and t.value is not None):
        meters.setdefault(_slug(_BAND_WORDS.sub("", rate.detail), "usage"), []).append(rate)
    seq = CommentedSeq()
    for meter_name, rates in meters.items():
        meter = CommentedMap()
        meter["name"] = meter_name
        meter["forecast"] = meter_name
        meter["description"] = rates[0].detail
        card = CommentedMap()
        banded = [r for r in rates if r.basis in ("band_up_to", "band_above")]
        if len(banded) >= 2:
            _set(card, "kind", "graduated", "assumption: graduated (each unit priced in its band); check the wording")
            bands = CommentedSeq()
            for rate in sorted(banded, key=lambda r: (r.basis == "band_above", r.threshold or 0)):
                band = CommentedMap()
                if rate.basis == "band_up_to" and rate.threshold is not None:
                    band["up_to"] = _number(rate.threshold)
                _set(band, "rate", _number(rate.value or Decimal(0)), rate)
                bands.append(band)
            card["bands"] = bands
        else:
            card["kind"] = "flat"
            _set(card, "rate", _number(rates[0].value or Decimal(0)), rates[0])
        meter["rate_card"] = card
        seq.append(meter)
    return seq


def _one_time_fees(terms: tuple[Term, ...]) -> CommentedSeq:
    seq = CommentedSeq()
    for fee in (t for t in terms if t.kind is TermKind.implementation_fee and t.value is not None):
        node = CommentedMap()
        node["name"] = "Implementation (professional services)"
        _set(node, "amount", _number(fee.value or Decimal(0)), fee)
        node["kind"] = "implementation"
        if fee.basis == "signature":
            milestone = CommentedMap(name="Contract signature", gate="signature", percent=100, month=1)
            node["milestones"] = CommentedSeq([milestone])
        seq.append(node)
        break
    return seq


def _implementation(terms: tuple[Term, ...]) -> CommentedMap:
    node = CommentedMap()
    billing = _first(terms, TermKind.billing_start)
    if billing is not None:
        _set(node, "billing_tied_to_go_live", billing.basis == "go_live", billing)
    personnel = _first(terms, TermKind.key_personnel)
    if personnel is not None:
        people = CommentedMap()
        _set(people, "approval_before_substitution", personnel.basis == "approval", personnel)
        node["key_personnel"] = people
    return node


def _sla(terms: tuple[Term, ...]) -> CommentedMap | None:
    target = _first(terms, TermKind.uptime_target)
    if target is None or target.value is None:
        return None
    sla = CommentedMap()
    _set(sla, "window", target.basis or "month", target if target.basis else "assumption: window not stated")
    per_component = target.detail == "per component"
    _set(sla, "computation", "per_component" if per_component else "averaged", target)
    component = CommentedMap(name="platform" if not per_component else "service")
    _set(component, "target", _number(target.value), target)
    sla["components"] = CommentedSeq([component])
    sla["exclusions"] = _exclusions(terms)
    sla["credits"] = _credits(terms)
    sole = _first(terms, TermKind.sole_remedy, "credits")
    _set(sla, "sole_remedy", sole is not None, sole if sole else "no sole-remedy wording found")
    return sla


def _exclusions(terms: tuple[Term, ...]) -> CommentedMap:
    node = CommentedMap()
    carve = {t.basis: t for t in terms if t.kind is TermKind.carve_out}
    maintenance = carve.get("maintenance") or carve.get("emergency_maintenance")
    _set(node, "planned_maintenance", maintenance is not None, maintenance or "no maintenance exclusion found")
    notice = _first(terms, TermKind.maintenance_notice)
    if notice is not None and notice.value is not None:
        days = {"hour": notice.value / 24, "week": notice.value * 7}.get(notice.unit or "day", notice.value)
        _set(node, "maintenance_notice_days", int(days.to_integral_value(ROUND_CEILING)), notice)
    for key in ("carrier", "third_party", "force_majeure"):
        found = carve.get(key)
        _set(node, key, found is not None, found or "not excluded in the document")
    return node


def _credits(terms: tuple[Term, ...]) -> CommentedMap:
    node = CommentedMap()
    node["basis"] = "uptime"
    _set(node, "fee_base", "all_monthly", "assumption: credits are a share of all monthly fees")
    tiers = CommentedSeq()
    for tier in sorted(
        (t for t in terms if t.kind is TermKind.credit_tier and t.threshold is not None and t.value is not None),
        key=lambda t: -(t.threshold or 0),
    ):
        item = CommentedMap()
        item["below"] = _number(tier.threshold or Decimal(0))
        _set(item, "percent", _number(tier.value or Decimal(0)), tier)
        tiers.append(item)
    if tiers:
        node["tiers"] = tiers
    cap = _first(terms, TermKind.credit_cap)
    if cap is not None and cap.value is not None:
        _set(node, "cap_percent", _number(cap.value), cap)
    claim = _first(terms, TermKind.credit_claim_deadline)
    if claim is not None and claim.value is not None:
        _set(node, "claim_days", int(claim.value), claim)
    return node


def _exit(terms: tuple[Term, ...]) -> CommentedMap:
    node = CommentedMap()
    export = _first(terms, TermKind.data_export)
    data = CommentedMap()
    _set(data, "included", export is not None, export or "no data export right found")
    if export is not None and export.value is not None:
        data["days_after_termination"] = int(export.value)
    node["data_export"] = data
    transition = _first(terms, TermKind.transition_assistance)
    assist = CommentedMap()
    _set(assist, "included", transition is not None, transition or "no transition assistance found")
    node["transition_assistance"] = assist
    convenience = _first(terms, TermKind.termination_right, "convenience")
    _set(node, "termination_for_convenience", convenience is not None,
         convenience or "no termination for convenience found")  # fmt: skip
    reduction = _first(terms, TermKind.seat_reduction)
    if reduction is not None:
        seats = CommentedMap()
        _set(seats, "allowed", reduction.basis == "allowed", reduction)
        node["seat_reduction"] = seats
    renewal = _renewal(terms)
    if renewal:
        node["renewal"] = renewal
    cap = _first(terms, TermKind.liability_cap, "fees")
    if cap is not None and cap.value is not None:
        _set(node, "liability_cap_months_of_fees", _number(cap.value), cap)
    return node


def _renewal(terms: tuple[Term, ...]) -> CommentedMap:
    node = CommentedMap()
    length = _first(terms, TermKind.renewal_term)
    notice = _first(terms, TermKind.renewal_notice)
    if length is not None:
        _set(node, "auto_renews", length.basis == "auto", length)
        if length.value is not None:
            _set(node, "renewal_term_months", int(length.value), length)
    if notice is not None and notice.value is not None:
        _set(node, "notice_days", int(notice.value), notice)
    return node


def _represent_decimal(representer: Any, value: Decimal) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


def _dump(root: CommentedMap) -> str:
    yaml = YAML(typ="rt")
    yaml.representer.add_representer(Decimal, _represent_decimal)
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue()


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path`: never half-written."""
    directory = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
