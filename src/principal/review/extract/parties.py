"""Who the vendor is in a document that names it: "Duna Kontakt Felhő Zrt. ("Duna")" makes "Duna" the vendor's
name, so "Duna is not entitled to terminate for convenience" denies the vendor a right, not the buyer."""

from __future__ import annotations

import re

# Company forms after a registered name, in the countries vendors sign from.
COMPANY = re.compile(
    r"\b(?:Inc|Ltd|LLC|LLP|GmbH|AG|SE|S\.A|S\.p\.A|S\.r\.l|SAS|SARL|B\.V|N\.V|BV|NV|Corp|Corporation|plc|PLC|Pty"
    r"|Limited|Co|Oy|AB|AS|ASA|A/S|ApS|Zrt|Kft|Nyrt|K\.K|KK|Ltda|Bhd|Pvt|FZ-LLC|FZE|FZCO|PJSC|s\.r\.o|a\.s"
    r"|sp\. z o\.o|Pte|SpA|Srl)\b\.?"
)
DEFINED = re.compile(
    r"\((?:hereinafter(?:\s+referred\s+to\s+as)?\s+)?(?:the\s+|each\s+a\s+)?"
    r"[\"“]([A-Z][\w&]*(?:\s[A-Z][\w&]*){0,2})[\"”]\)"
)
ROLE_WORDS = ("customer", "client", "subscriber", "buyer", "bank", "council", "licensee", "purchaser")
NOT_A_PARTY = ("agreement", "msa", "dpa", "sla", "services", "order", "fees", "charges", "party")
VENDOR_ROLES = ("provider", "supplier", "vendor", "licensor", "contractor", "reseller")


def vendor_aliases(text: str) -> tuple[str, ...]:
    """Lower-case names the document gives the vendor: its role word if it defines one ("the "Supplier""), and the
    short name of the one company it defines by name ("Duna"). Two companies defined by name and no buyer role
    word to tell them apart: neither is taken."""
    head = text[:4000]
    roles: list[str] = []
    companies: list[str] = []
    buyer_named = False
    for match in DEFINED.finditer(head):
        lower = match.group(1).lower().removeprefix("the ")
        if lower in NOT_A_PARTY:
            continue
        if lower in ROLE_WORDS:
            buyer_named = True
        elif lower in VENDOR_ROLES:
            roles.append(lower)
        elif COMPANY.search(head[max(0, match.start() - 80) : match.start()]):
            companies.append(lower)
    if len(companies) > 1 and not (buyer_named and len(set(companies)) == 1):
        companies = _the_provider(text, companies)
    return tuple(dict.fromkeys(roles + companies))


def package_vendors(texts: list[str]) -> tuple[str, ...]:
    """The vendor's names across one deal's documents: an SLA exhibit that never defines "Kumotsu" still means the
    vendor when it says "measured by Kumotsu", because the quotation beside it defines the name."""
    return tuple(dict.fromkeys(name for text in texts for name in vendor_aliases(text)))


def _the_provider(text: str, names: list[str]) -> list[str]:
    """Of two companies defined by labels ("Party A", "Party B"), the one the document says provides the service
    ("the services that Party B provides to Party A") and never says pays; none if that does not tell them apart."""
    head = text[:20000].lower()
    providers = [
        name for name in dict.fromkeys(names)
        if re.search(rf"\b{re.escape(name)}\s+(?:provides|shall provide|will provide|supplies)\b", head)
        and not re.search(rf"\b{re.escape(name)}\s+(?:shall pay|will pay|pays)\b", head)
    ]  # fmt: skip
    return providers if len(providers) == 1 else []
