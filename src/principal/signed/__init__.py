"""The after-signature engine: key dates of the signed offer, invoice and usage audit, credits owed from outage
logs, savings realised against the negotiated levers, the portfolio of deals with comparables, and the parallel
review of a folder of contracts.

Plain functions over the model (`signed_view`, `key_dates`, `audit_invoices`, `credits_owed`, `realised_savings`,
`portfolio`, `review_contracts`) returning frozen dataclasses with `Amount`s and `Statement`s; nothing here
formats money into text.
"""

from typing import TYPE_CHECKING

from principal.lazy_exports import lazy_exports
from principal.signed.context import NotSigned, SignedView, signed_view
from principal.signed.dates import DateKind, KeyDate, KeyDates, key_dates

if TYPE_CHECKING:
    from principal.signed.audit import AuditResult, audit_invoices
    from principal.signed.contracts import ContractRow, ContractsReview, review_contracts
    from principal.signed.credits import CreditsOwed, credits_owed
    from principal.signed.portfolio import Portfolio, portfolio
    from principal.signed.savings import SavingsRealised, realised_savings

__all__ = [
    "AuditResult",
    "ContractRow",
    "ContractsReview",
    "CreditsOwed",
    "DateKind",
    "KeyDate",
    "KeyDates",
    "NotSigned",
    "Portfolio",
    "SavingsRealised",
    "SignedView",
    "audit_invoices",
    "credits_owed",
    "key_dates",
    "portfolio",
    "realised_savings",
    "review_contracts",
    "signed_view",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "principal.signed.audit": ("AuditResult", "audit_invoices"),
        "principal.signed.contracts": ("ContractRow", "ContractsReview", "review_contracts"),
        "principal.signed.credits": ("CreditsOwed", "credits_owed"),
        "principal.signed.portfolio": ("Portfolio", "portfolio"),
        "principal.signed.savings": ("SavingsRealised", "realised_savings"),
    },
)
