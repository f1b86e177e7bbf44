"""The one constructor extractors use to turn a match in a sentence into a `Term`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from principal.review.document import Document
from principal.review.extract.context import Sentence
from principal.review.extract.terms import Term, TermKind

MAX_QUOTE = 400


@dataclass
class Emit:
    """Collects terms: each extractor calls it once per term it finds."""

    document: Document
    terms: list[Term] = field(default_factory=list)

    def __call__(
        self,
        sentence: Sentence,
        kind: TermKind,
        value: Decimal | None,
        unit: str | None,
        detail: str,
        basis: str | None = None,
        threshold: Decimal | None = None,
    ) -> None:
        quote = sentence.quote
        if len(quote) > MAX_QUOTE:
            quote = quote[: MAX_QUOTE - 1] + "…"
        location = sentence.locate(self.document)
        self.terms.append(Term(kind, value, unit, detail, basis, threshold, quote, location))
