"""Copies of the bundled example in other currencies, for tests that every output speaks the deal's currency."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEED


def example_in(currency: str, folder: Path, *, locale: str | None = None) -> Path:
    """The example deal with `currency:` (and optionally `locale:`) changed, written to `folder`."""
    text = SEED.read_text(encoding="utf-8")
    assert "currency: USD\n" in text
    replacement = f"currency: {currency}\n" + (f"locale: {locale}\n" if locale else "")
    path = folder / f"deal-{currency.lower()}.yaml"
    path.write_text(text.replace("currency: USD\n", replacement, 1), encoding="utf-8")
    return path
