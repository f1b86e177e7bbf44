"""The bundled example in EUR (German locale) and JPY, without the `$` of its own words, for the cost outputs' tests.

The example's offer labels and assumption notes quote dollar figures in words ("$145 if signed by quarter end");
those are the user's text, shown as written. Taking the `$` out of the copies means any `$` left in an output was
written by Principal.
"""

from __future__ import annotations

from pathlib import Path

from tests.currency_copies import example_in


def deal_in(currency: str, folder: Path, *, locale: str | None = None) -> Path:
    path = example_in(currency, folder, locale=locale)
    path.write_text(path.read_text(encoding="utf-8").replace("$", ""), encoding="utf-8")
    return path


NBSP = "\u00a0"
"""What CLDR puts between an amount and the euro sign in de_DE: 2.638.642,50\u00a0€."""
