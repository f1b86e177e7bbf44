"""Where each field of the deal goes in the builder: the steps of the deal form and the sections of an offer form.

This is the one explicit map of the builder. Keys are dotted paths below the form's root (the deal, or one offer).
A key not listed lands in a sensible default (the section of its parent record, else "Other terms"), so a field
added to the model appears in the forms without new code. Labels override the schema's titles where a buyer would
say it differently.
"""

from __future__ import annotations

from dataclasses import dataclass

from principal.web.builder.schema_fields import FieldSpec, record_fields


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    intro: str
    paths: tuple[str, ...]


DEAL_SECTIONS = (
    Section(
        "deal",
        "The deal",
        "What is being bought, in which currency, and how figures are written for its readers.",
        ("name", "vendor", "currency", "locale", "start", "baseline", "fx_rates"),
    ),
    Section(
        "operation",
        "The operation",
        "The contact centre that buys: its agents, sites or waves and channels.",
        ("buyer.organisation", "buyer.agents", "buyer.sites", "buyer.channels"),
    ),
    Section(
        "forecasts",
        "Volume forecasts",
        "One forecast per usage meter: the expected monthly volume and its range (low and high).",
        ("buyer.forecasts",),
    ),
    Section(
        "incumbent",
        "Today's platform",
        "What the buyer pays the incumbent now, and the notice needed to leave it.",
        ("buyer.incumbent",),
    ),
    Section("budget", "Budget", "The approved budget every offer is checked against.", ("buyer.budget",)),
    Section(
        "hours",
        "Business hours",
        "When the operation is staffed: planned maintenance inside these hours is not excusable.",
        ("buyer.business_hours",),
    ),
    Section(
        "downtime",
        "Cost of downtime",
        "What an hour without the platform costs: idle payroll and lost contacts.",
        ("buyer.downtime",),
    ),
    Section(
        "negotiation",
        "Negotiation settings",
        "Your priorities, alternative and walk-away, and the assumed vendor model. None of it is needed to cost "
        "an offer.",
        ("negotiation",),
    ),
    Section(
        "vendor-economics",
        "Vendor economics",
        "Assumptions about the vendor's economics used by the alignment analysis; each has a stated default.",
        ("incentives",),
    ),
    Section("assumptions", "Assumptions", "Values you chose where the sources were silent.", ("assumptions",)),
)

OFFER_SECTIONS = (
    Section(
        "terms",
        "Offer and term",
        "Who offers it, when it came, and the committed term.",
        ("label", "vendor", "version", "received", "currency", "term_months", "extends", "notes"),
    ),
    Section(
        "seats",
        "Seats and licences",
        "Each licence line (named, concurrent or hourly), its quantity and price, ramps, and the annual uplift.",
        ("licenses", "uplift"),
    ),
    Section(
        "usage",
        "Usage meters",
        "Each billable usage stream: the forecast that drives it, its rate card with bands, allowances, "
        "minimums and commitments.",
        ("usage",),
    ),
    Section("caps", "Caps and collars", "A not-to-exceed cap on usage charges, and a collar.", ("usage_cap",)),
    Section(
        "fees",
        "Fees, credits and milestones",
        "One-time fees paid on milestones, recurring platform fees, surcharges, taxes and credits.",
        ("one_time_fees", "recurring_fees", "surcharges", "credits"),
    ),
    Section("billing", "Billing and payment", "How often recurring charges are invoiced and paid.", ("billing",)),
    Section(
        "sla",
        "Service levels",
        "Components with their targets, measurement, exclusions, the credit ladder and chronic-failure rights.",
        ("sla",),
    ),
    Section(
        "implementation",
        "Implementation and reporting",
        "Go-live, billing start, waves, key personnel and the reports the contract lists.",
        ("implementation", "reporting"),
    ),
    Section("exit", "Renewal and exit", "Renewal, termination, data export and transition assistance.", ("exit",)),
)

OTHER = Section("other", "Other terms", "Terms not yet placed in a section of their own.", ())

HIDDEN = {"Deal": frozenset({"schema_version", "offers"}), "Offer": frozenset()}
PARENT_DEFAULT = {"buyer": "operation"}
"""Where a new key of a record split over several steps goes (a new buyer key goes to The operation)."""

LABELS = {
    "Deal.name": "Deal name",
    "Deal.locale": "Locale (how numbers are written)",
    "Deal.start": "Contract start",
    "Deal.baseline": "Baseline offer",
    "Buyer.agents": "Agents",
    "Buyer.organisation": "Organisation",
    "Offer.term_months": "Committed term (months)",
    "Offer.label": "Label",
    "Offer.extends": "Copies the offer",
    "License.quantity": "Quantity",
    "License.unit_price": "Unit price",
    "UsageMeter.forecast": "Forecast that drives it",
    "UsageCap.percent_of_forecast": "Cap as % of the forecast charge",
    "Incumbent.monthly_cost": "Monthly cost today",
    "Budget.annual": "Annual budget",
    "DowntimeCost.loaded_cost_per_agent_hour": "Loaded cost of an agent-hour",
    "Forecast.expected": "Expected a month",
    "Forecast.low": "Low (range)",
    "Forecast.high": "High (range)",
}

MONEY_WORDS = ("price", "fee", "cost", "amount", "monthly", "annual", "value_per", "rate_per", "minimum_credit")


def label_for(spec: FieldSpec) -> str:
    return LABELS.get(f"{spec.record}.{spec.key}", spec.title)


def unit_for(spec: FieldSpec, currency: str) -> str:
    """The unit shown after a number's input: %, the deal's currency, or nothing."""
    if spec.kind not in ("number", "integer"):
        return ""
    if spec.percent_like:
        return "%"
    if spec.key.endswith("_months") or spec.key == "months":
        return "months"
    if spec.key.endswith("_month") or spec.key == "month":
        return "contract month"
    if spec.key.endswith("_days") or spec.key == "days":
        return "days"
    if spec.key == "rate" or any(word in spec.key for word in MONEY_WORDS):
        return currency
    return ""


def _mapped(sections: tuple[Section, ...]) -> dict[str, str]:
    return {path: section.slug for section in sections for path in section.paths}


def placed_paths(root: str, sections: tuple[Section, ...]) -> dict[str, list[str]]:
    """Each section's field paths below `root`, the listed ones first in the listed order, then any other."""
    mapped = _mapped(sections)
    out: dict[str, list[str]] = {section.slug: [] for section in (*sections, OTHER)}
    for section in sections:
        out[section.slug].extend(path for path in section.paths if _exists(root, path))
    hidden = HIDDEN.get(root, frozenset())
    for spec in record_fields(root):
        if spec.key in hidden or spec.key in mapped:
            continue
        children = [path for path in mapped if path.startswith(spec.key + ".")]
        if children and spec.target is not None:
            for child in record_fields(spec.target):
                path = f"{spec.key}.{child.key}"
                if path not in mapped:
                    out[PARENT_DEFAULT.get(spec.key, OTHER.slug)].append(path)
            continue
        out[OTHER.slug].append(spec.key)
    return out


def _exists(root: str, path: str) -> bool:
    record = root
    parts = path.split(".")
    for i, key in enumerate(parts):
        spec = next((s for s in record_fields(record) if s.key == key), None)
        if spec is None:
            return False
        if i < len(parts) - 1:
            if spec.target is None:
                return False
            record = spec.target
    return True


def sections_of(root: str) -> tuple[tuple[Section, list[str]], ...]:
    """The sections of a form with the paths each shows; empty sections (a term not in the model yet) dropped."""
    base = DEAL_SECTIONS if root == "Deal" else OFFER_SECTIONS
    placed = placed_paths(root, base)
    return tuple((section, placed[section.slug]) for section in (*base, OTHER) if placed[section.slug])
