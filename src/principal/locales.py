"""Which locales Principal can write figures for (babel's CLDR data, shipped in its wheel).

Neutral: the model checks a deal's `locale` with it, and principal.present formats with the same data.
"""

from __future__ import annotations


def check_locale(locale: str) -> str | None:
    """None when babel knows `locale` (en_US, de_DE, ja_JP...), else a one-line reason."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError) as exc:
        return f"unknown locale {locale!r} ({exc}); use a code such as en_US, de_DE or ja_JP"
    return None
