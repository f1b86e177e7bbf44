"""The deal-file fields (the clauses of the signed offer) an invoice line's expected amount follows from."""

from __future__ import annotations

from principal.model.pricing import UpliftKind, UpliftTarget
from principal.model.signed import InvoiceKind
from principal.signed.context import SignedView
from principal.signed.matching import item_key


def _index(names: list[str], item: str) -> int | None:
    keys = [item_key(n) for n in names]
    return keys.index(item) if item in keys else None


def clause_fields(view: SignedView, kind: InvoiceKind, item: str, month: int) -> tuple[str, ...]:
    """Fields as dotted paths (`offers.final.usage[0].rate_card`); empty when the offer names no such charge."""
    offer, p = view.offer, view.path
    meters = [m.name for m in offer.usage]
    licences = [lic.name for lic in offer.licenses]
    out: list[str] = []
    target: UpliftTarget | None = None
    if kind in (InvoiceKind.license, InvoiceKind.true_up) and (i := _index(licences, item)) is not None:
        part = "true_up" if kind is InvoiceKind.true_up else "unit_price"
        out += [p("licenses") + f"[{i}].{part}", p("licenses") + f"[{i}].quantity"]
        target = UpliftTarget.licenses
    elif kind is InvoiceKind.recurring and (i := _index([f.name for f in offer.recurring_fees], item)) is not None:
        out.append(p("recurring_fees") + f"[{i}]")
    elif kind in (InvoiceKind.usage, InvoiceKind.overage, InvoiceKind.take_or_pay, InvoiceKind.minimum):
        i = _index(meters, item)
        if i is not None:
            part = {InvoiceKind.usage: "rate_card", InvoiceKind.minimum: "minimum"}.get(kind, "commitment")
            out.append(p("usage") + f"[{i}].{part}")
            if kind is InvoiceKind.usage and offer.usage[i].included is not None:
                out.append(p("usage") + f"[{i}].included")
            target = UpliftTarget.usage
    elif kind is InvoiceKind.cap and offer.usage_cap is not None:
        out.append(p("usage_cap"))
    elif kind is InvoiceKind.collar and offer.usage_cap is not None:
        out.append(p("usage_cap", "collar_percent_of_forecast"))
    elif kind is InvoiceKind.one_time and (i := _index([f.name for f in offer.one_time_fees], item)) is not None:
        out.append(p("one_time_fees") + f"[{i}]")
    elif kind is InvoiceKind.credit:
        if (i := _index([c.name for c in offer.credits], item)) is not None:
            out.append(p("credits") + f"[{i}]")
        elif (i := _index([f"{lic.name} free month" for lic in offer.licenses], item)) is not None:
            out.append(p("licenses") + f"[{i}].free_months")
    elif (
        kind in (InvoiceKind.surcharge, InvoiceKind.tax)
        and (i := _index([s.name for s in offer.surcharges], item)) is not None
    ):
        out.append(p("surcharges") + f"[{i}]")
    uplift = offer.uplift
    live = uplift is not None and uplift.kind is not UpliftKind.none and month > 12
    if target is not None and uplift is not None and live and target in uplift.applies_to:
        out.append(p("uplift"))
    return tuple(out)
