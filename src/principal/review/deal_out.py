"""A partial deal file from extracted terms: the keys of examples/ccaas-450/deal.yaml, a comment on each value
citing the passage it came from, and the loader's remaining problems as the list of gaps to fill."""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from principal.errors import InputError, Problem
from principal.loader.deal_file import parse_deal_with_warnings
from principal.review.document import Document
from principal.review.extract.terms import Term, TermKind
from principal.review.questions import Question

OFFER = "reviewed"
_BAND_WORDS = re.compile(r",?\s*\b(?:first|up to|above|over|beyond|in excess of|more than)\b.*$", re.I)


NAME_LENGTH = 64
MAX_LINES = 100
"""Seat lines, usage meters and SLA components written to the partial deal, each: a document listing more (a
hostile or generated one) gets the first ones and a note, so writing and checking the deal stays bounded."""


def _slug(text: str, fallback: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", text[: 4 * NAME_LENGTH].lower()).strip("_")[:NAME_LENGTH]
    return slug or fallback


class UniqueNames:
    """Names for the lines of a deal file, each used once: `slug`, then `slug_2`, `slug_3`... (cut so the whole
    name stays within NAME_LENGTH). Candidates for one slug differ from each other and the count per slug only
    grows, so each call tries at most len(used) + 1 candidates and N calls cost O(N) overall."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.tried: dict[str, int] = {}

    def take(self, slug: str) -> str:
        slug = slug[:NAME_LENGTH]
        number = self.tried.get(slug, 1)
        name = slug if number == 1 else _numbered(slug, number)
        for _ in range(len(self.used) + 1):
            if name not in self.used:
                break
            number += 1
            name = _numbered(slug, number)
        self.tried[slug] = number
        self.used.add(name)
        return name


def _numbered(slug: str, number: int) -> str:
    suffix = f"_{number}"
    return slug[: NAME_LENGTH - len(suffix)] + suffix


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


def partial_deal(
    documents: Sequence[Document], terms: tuple[Term, ...]
) -> tuple[str, tuple[Problem, ...], list[Question]]:
    """YAML text of the partial deal, the problems the deal loader reports on it (empty when it is complete) and
    the values left unknown because no document states them (never written as false or zero)."""
    names = [Path(d.name).name for d in documents]
    name = names[0] if len(names) == 1 else " + ".join(names)
    unknown: list[Question] = []
    root = CommentedMap()
    root["schema_version"] = 1
    root["name"] = f"Terms read from {name}"
    money = next((t.unit for t in terms if t.kind in (TermKind.seat_price, TermKind.usage_rate) and t.unit), None)
    _set(root, "currency", money.split("/")[0] if money else "USD", None if money else "assumption: not stated")
    root["buyer"] = _buyer(terms)
    offer = _offer(name, _by_precedence(terms, documents), unknown)
    root["offers"] = CommentedMap({OFFER: offer})
    text = _dump(root)
    header = "".join(f"# unknown: {q.field}: not stated in the documents; ask: {q.ask}\n" for q in unknown)
    try:
        parse_deal_with_warnings(text, name + ".deal.yaml")  # its lines move once the header is added
    except InputError as exc:
        gaps = exc.problems
        header += "".join(f"# to fill: {p.field}: {p.message}\n" for p in gaps)
        return _preamble(name) + header + text, gaps, unknown
    return _preamble(name) + header + text, (), unknown


_PRECEDENCE = {"order": 0, "agreement": 1, "sla": 2, "msa": 3, "dpa": 4}


def _by_precedence(terms: tuple[Term, ...], documents: Sequence[Document]) -> tuple[Term, ...]:
    """Terms ordered so the first of each kind comes from the document that prevails: the order form over the
    MSA, as order forms usually say."""
    from principal.review.package import document_kind

    rank = {d.label: _PRECEDENCE.get(document_kind(d), 5) for d in documents}
    return tuple(sorted(terms, key=lambda t: rank.get(t.location.document, 5)))


def _preamble(name: str) -> str:
    return (
        f"# Partial deal file written by `principal review` from {name}.\n"
        '# Each value cites its source as document §section p.page ¶paragraph [start:end] "quote". Values the\n'
        "# documents do not state are left out (unknown, not false or zero) and listed below with what to ask.\n"
    )


def _buyer(terms: tuple[Term, ...]) -> CommentedMap:
    buyer = CommentedMap()
    quantities = [t for t in terms if t.kind is TermKind.seat_quantity and t.value is not None]
    agents = next((t for t in quantities if "agent" in t.detail.lower()), quantities[0] if quantities else None)
    if agents is not None and agents.value is not None:
        _set(buyer, "agents", _number(agents.value), "assumption: agents = seats of " + agents.detail[:40] + "; "
             + agents.location.cite())  # fmt: skip
    return buyer


def _offer(name: str, terms: tuple[Term, ...], unknown: list[Question]) -> CommentedMap:
    offer = CommentedMap()
    offer["label"] = f"As drafted in {name}"
    term = _first(terms, TermKind.subscription_term)
    if term is not None and term.value is not None and term.unit == "month":
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
    sla = _sla(terms, unknown)
    if sla is not None:
        offer["sla"] = sla
    offer["exit"] = _exit(terms, unknown)
    return offer


def _licenses(terms: tuple[Term, ...]) -> CommentedSeq:
    seq = CommentedSeq()
    names = UniqueNames()
    quantities: dict[str, Term] = {}
    for t in terms:
        if t.kind is TermKind.seat_quantity:
            quantities.setdefault(t.detail, t)
    prices = [t for t in terms if t.kind is TermKind.seat_price and t.value is not None]
    for price in prices[:MAX_LINES]:
        line = CommentedMap()
        line["name"] = names.take(_slug(price.detail, "seat"))
        line["kind"] = "concurrent" if "concurrent" in price.detail.lower() else "named"
        quantity = quantities.get(price.detail)
        if quantity is not None and quantity.value is not None:
            _set(line, "quantity", _number(quantity.value), quantity)
        _set(line, "unit_price", _number(price.value or Decimal(0)), price)
        seq.append(line)
    _note_left_out(seq, len(prices), "seat prices")
    return seq


def _note_left_out(seq: CommentedSeq, found: int, what: str) -> None:
    if found > MAX_LINES and seq:
        seq.yaml_set_start_comment(f"the first {MAX_LINES} of {found} {what} in the documents; check the others")


def _uplift(terms: tuple[Term, ...]) -> CommentedMap | None:
    """A fixed or "up to" increase is costed at its figure; a cap with no increase stated is costed at the cap
    (it is the most the vendor may charge); CPI-linked increases keep their margin and cap."""
    increase = _first(terms, TermKind.price_increase)
    cap = _first(terms, TermKind.price_increase_cap)
    node = CommentedMap()
    if increase is not None and increase.value is not None and increase.basis == "cpi":
        _set(node, "kind", "cpi", increase)
        node["cpi_plus"] = _number(increase.value)
    elif increase is not None and increase.value is not None:
        _set(node, "kind", "fixed", None)
        comment: Term | str = increase
        if increase.basis == "up_to":
            comment = f"up to {increase.value}%: costed at the most the vendor may charge; " + _cite(increase)
        _set(node, "percent", _number(increase.value), comment)
    elif cap is not None and cap.value is not None:
        _set(node, "kind", "fixed", None)
        _set(node, "percent", _number(cap.value), "assumption: costed at the cap, the most the vendor may charge; "
             + _cite(cap))  # fmt: skip
    else:
        return None
    _set(node, "from_year", 2, "assumption: first increase on the first anniversary")
    if cap is not None and cap.value is not None:
        _set(node, "cap", _number(cap.value), cap)
    return node


def _usage(terms: tuple[Term, ...]) -> CommentedSeq:
    meters: dict[str, list[Term]] = {}
    for rate in (t for t in terms if t.kind is TermKind.usage_rate and t.value is not None):
        meters.setdefault(_slug(_BAND_WORDS.sub("", rate.detail), "usage"), []).append(rate)
    seq = CommentedSeq()
    for meter_name, rates in list(meters.items())[:MAX_LINES]:
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
    _note_left_out(seq, len(meters), "usage meters")
    return seq


def _one_time_fees(terms: tuple[Term, ...]) -> CommentedSeq:
    seq = CommentedSeq()
    for fee in (t for t in terms if t.kind is TermKind.implementation_fee and t.value is not None and t.value > 0):
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


def _sla(terms: tuple[Term, ...], unknown: list[Question]) -> CommentedMap | None:
    targets = [t for t in terms if t.kind is TermKind.uptime_target and t.value is not None]
    if not targets:
        return None
    first = targets[0]
    sla = CommentedMap()
    _set(sla, "window", first.basis or "month", first if first.basis else "assumption: window not stated")
    per_component = len(targets) > 1 or first.detail.startswith("per component")
    _set(sla, "computation", "per_component" if per_component else "averaged", first)
    components = CommentedSeq()
    names = UniqueNames()
    for index, target in enumerate(targets[:MAX_LINES]):
        label = target.detail.split(":", 1)[1] if ":" in target.detail else ("platform" if not per_component else "")
        component = CommentedMap(name=names.take(_slug(label, f"component_{index + 1}")))
        _set(component, "target", _number(target.value or Decimal(0)), target)
        components.append(component)
    sla["components"] = components
    sla["exclusions"] = _exclusions(terms, unknown)
    sla["credits"] = _credits(terms, first)
    sole = _first(terms, TermKind.sole_remedy)
    if sole is not None:
        _set(sla, "sole_remedy", sole.basis == "credits", sole)
    return sla


def _days_of(term: Term) -> int | None:
    if term.value is None:
        return None
    per = {"hour": Decimal(1) / 24, "week": Decimal(7), "business_day": Decimal("1.4"), "month": Decimal("30.4375"),
           "minute": Decimal(1) / 1440}.get(term.unit or "day", Decimal(1))  # fmt: skip
    return int((term.value * per).to_integral_value(ROUND_CEILING))


def _exclusions(terms: tuple[Term, ...], unknown: list[Question]) -> CommentedMap:
    """Carve-outs the SLA lists are true; when it lists some, the others are false (not excluded); when it lists
    none, nothing is written and the question is asked (the SLA engine then uses its labelled defaults)."""
    node = CommentedMap()
    carve = {t.basis: t for t in terms if t.kind is TermKind.carve_out}
    maintenance = carve.get("maintenance") or carve.get("emergency_maintenance")
    if not carve:
        unknown.append(Question("offers.reviewed.sla.exclusions",
                                "Which outages are excluded from availability (maintenance, carriers, third parties, "
                                "force majeure), and with how much notice for maintenance?"))  # fmt: skip
    else:
        _set(node, "planned_maintenance", maintenance is not None, maintenance or "not among the exclusions listed")
    notice = _first(terms, TermKind.maintenance_notice)
    if notice is not None and notice.value is not None:
        note: Term | str = notice
        if notice.unit not in ("day", None):
            note = f"{notice.value} {notice.unit}s rounded up to whole days; " + _cite(notice)
        _set(node, "maintenance_notice_days", _days_of(notice), note)
    if carve:
        for key in ("carrier", "third_party", "force_majeure"):
            found = carve.get(key)
            _set(node, key, found is not None, found or "not among the exclusions listed")
    outage = _first(terms, TermKind.minimum_outage)
    if outage is not None and outage.value is not None:
        _set(node, "minimum_outage_minutes", _number(outage.value), outage)
    return node


def _credits(terms: tuple[Term, ...], target: Term) -> CommentedMap:
    node = CommentedMap()
    rungs = [t for t in terms if t.kind is TermKind.credit_tier and t.value is not None]
    by_outage = [t for t in rungs if t.basis == "outage" and t.threshold is not None]
    if by_outage and len(by_outage) == len(rungs):  # credits by how long each outage lasts
        node["basis"] = "duration"
        _set(node, "fee_base", "all_monthly", "assumption: credits are a share of all monthly fees")
        tiers = CommentedSeq()
        for tier in sorted(by_outage, key=lambda t: t.threshold or 0):
            item = CommentedMap()
            item["min_minutes"] = _number(tier.threshold or Decimal(0))
            _set(item, "percent", _number(tier.value or Decimal(0)), tier)
            tiers.append(item)
        node["tiers"] = tiers
        _credit_limits(node, terms)
        return node
    node["basis"] = "uptime"
    _set(node, "fee_base", "all_monthly", "assumption: credits are a share of all monthly fees")
    tiers = CommentedSeq()
    rungs = [t for t in rungs if t.basis != "outage"]
    for tier in sorted(rungs, key=lambda t: -(t.threshold if t.threshold is not None else target.value or 0)):
        item = CommentedMap()
        if tier.threshold is None:
            _set(item, "below", _number(target.value or Decimal(0)), "below the target itself; " + _cite(tier))
        else:
            item["below"] = _number(tier.threshold)
        _set(item, "percent", _number(tier.value or Decimal(0)), tier)
        tiers.append(item)
    if tiers:
        node["tiers"] = tiers
    _credit_limits(node, terms)
    return node


def _credit_limits(node: CommentedMap, terms: tuple[Term, ...]) -> None:
    cap = _first(terms, TermKind.credit_cap)
    if cap is not None and cap.value is not None:
        _set(node, "cap_percent", _number(cap.value), cap)
    claim = _first(terms, TermKind.credit_claim_deadline)
    if claim is not None and claim.value is not None:
        note: Term | str = claim
        if claim.unit != "day":
            note = f"{claim.value} {claim.unit}s in calendar days; " + _cite(claim)
        _set(node, "claim_days", _days_of(claim), note)


def _exit(terms: tuple[Term, ...], unknown: list[Question]) -> CommentedMap:
    """Known facts only: a right the documents grant is true, one they deny is false, one they do not mention
    is left out (unknown) and asked about."""
    node = CommentedMap()
    export = _first(terms, TermKind.data_export)
    if export is not None:
        data = CommentedMap()
        _set(data, "included", export.basis != "none", export)
        if export.value is not None and export.unit == "day":
            data["days_after_termination"] = int(export.value)
        node["data_export"] = data
    transition = _first(terms, TermKind.transition_assistance)
    if transition is not None:
        assist = CommentedMap()
        _set(assist, "included", transition.basis != "none", transition)
        if transition.value is not None and transition.unit == "month":
            assist["months"] = int(transition.value)
        node["transition_assistance"] = assist
    convenience = _first(terms, TermKind.termination_right, "convenience") or _first(
        terms, TermKind.termination_right, "no_convenience"
    )
    if convenience is not None:
        _set(node, "termination_for_convenience", convenience.basis == "convenience", convenience)
    leaving = _first(terms, TermKind.termination_fee, "remaining_fees")
    if leaving is not None:  # every fee left in the term when no share is stated
        share = leaving.value if leaving.value is not None and leaving.unit == "%" else Decimal(100)
        _set(node, "termination_fee_percent_of_remaining", _number(share), leaving)
    reduction = _first(terms, TermKind.seat_reduction)
    if reduction is not None:
        seats = CommentedMap()
        _set(seats, "allowed", reduction.basis in ("allowed", "renewal"), reduction)
        if reduction.basis == "renewal":
            seats["when"] = "renewal"
        elif reduction.basis == "prohibited":
            seats["when"] = "never"
        if reduction.value is not None and reduction.unit == "%":
            seats["max_percent"] = _number(reduction.value)
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
        if length.value is not None and length.unit == "month":
            _set(node, "renewal_term_months", int(length.value), length)
    if notice is not None and notice.value is not None:
        note: Term | str = notice
        if notice.unit != "day":
            note = f"{notice.value} {notice.unit}s in days ({_days_of(notice)}); " + _cite(notice)
        _set(node, "notice_days", _days_of(notice), note)
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


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path`: never half-written."""
    directory = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
