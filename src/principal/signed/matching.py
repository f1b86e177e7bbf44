"""Which invoice line a schedule line is: the (kind, item) key both sides share.

Invoices name charges as the signed offer does (a licence `agent`, a meter `voice_inbound`, a surcharge by its
name); the cost engine's lines carry longer labels (`agent licences (named)`, `voice_inbound usage`,
`Regulatory recovery fee (usage)`). `schedule_key` maps each schedule line to its key; `item_key` normalises an
invoice's item so `Agent` and `agent` match.
"""

from __future__ import annotations

import difflib

from principal.cost.licence_terms import licence_item
from principal.cost.lines import Category, Line
from principal.model.deal import Offer
from principal.model.signed import InvoiceKind

Key = tuple[InvoiceKind, str]
_SUFFIXES = (
    (Category.commitment, " overage above commitment", InvoiceKind.overage),
    (Category.commitment, " take-or-pay shortfall", InvoiceKind.take_or_pay),
    (Category.usage_minimum, " minimum commitment", InvoiceKind.minimum),
    (Category.usage, " usage", InvoiceKind.usage),
    (Category.true_up, " true-up", InvoiceKind.true_up),
)


def item_key(item: str) -> str:
    return " ".join(item.lower().split())


def schedule_key(line: Line, offer: Offer) -> Key:
    c = line.category
    if c is Category.licenses:
        for lic in offer.licenses:
            if line.item == licence_item(lic):
                return InvoiceKind.license, item_key(lic.name)
    if c is Category.recurring:
        return InvoiceKind.recurring, item_key(line.item)
    for category, suffix, kind in _SUFFIXES:
        if c is category and line.item.endswith(suffix):
            return kind, item_key(line.item.removesuffix(suffix))
    if c is Category.usage_cap:
        return InvoiceKind.cap, ""
    if c is Category.usage_collar:
        return InvoiceKind.collar, ""
    if c is Category.one_time:
        for fee in offer.one_time_fees:
            if line.item == fee.name or line.item.startswith(fee.name + ": "):
                return InvoiceKind.one_time, item_key(fee.name)
    if c is Category.credit:
        if line.item.endswith(" licences: free month"):
            return InvoiceKind.credit, item_key(line.item.removesuffix(" licences: free month") + " free month")
        return InvoiceKind.credit, item_key(line.item)
    if c in (Category.surcharge, Category.tax):
        kind = InvoiceKind.tax if c is Category.tax else InvoiceKind.surcharge
        for charge in offer.surcharges:
            if line.item == charge.name or line.item.startswith(charge.name + " ("):
                return kind, item_key(charge.name)
    return InvoiceKind.recurring, item_key(line.item)  # pragma: no cover - every category is named above


def offer_items(offer: Offer) -> dict[InvoiceKind, list[str]]:
    """The names an invoice may use for each kind, as the signed offer gives them."""
    meters = [m.name for m in offer.usage]
    committed = [m.name for m in offer.usage if m.commitment is not None]
    return {
        InvoiceKind.license: [lic.name for lic in offer.licenses],
        InvoiceKind.recurring: [fee.name for fee in offer.recurring_fees],
        InvoiceKind.usage: meters,
        InvoiceKind.overage: committed,
        InvoiceKind.take_or_pay: committed,
        InvoiceKind.minimum: [m.name for m in offer.usage if m.minimum is not None],
        InvoiceKind.true_up: [lic.name for lic in offer.licenses if lic.true_up is not None],
        InvoiceKind.one_time: [fee.name for fee in offer.one_time_fees],
        InvoiceKind.credit: [c.name for c in offer.credits]
        + [f"{lic.name} free month" for lic in offer.licenses if lic.free_months],
        InvoiceKind.surcharge: [s.name for s in offer.surcharges if s.kind.value == "surcharge"],
        InvoiceKind.tax: [s.name for s in offer.surcharges if s.kind.value == "tax"],
        InvoiceKind.cap: [""] if offer.usage_cap is not None else [],
        InvoiceKind.collar: [""] if offer.usage_cap is not None and offer.usage_cap.collar_percent_of_forecast else [],
    }


def closest(kind: InvoiceKind, item: str, offer: Offer) -> str | None:
    names = offer_items(offer).get(kind, [])
    found = difflib.get_close_matches(item_key(item), [item_key(n) for n in names], n=1, cutoff=0.6)
    if not found:
        return None
    return next(n for n in names if item_key(n) == found[0])
