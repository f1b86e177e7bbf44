"""Presentation shared by the CLI, the web app and the exports: the one formatter of figures and statements.

It formats; it computes nothing. Engines hand it exact numbers, `Amount`s and `Statement`s.
"""

from principal.present.formatter import DEFAULT_LOCALE, Formatter, check_locale, formatter_for

__all__ = ["DEFAULT_LOCALE", "Formatter", "check_locale", "formatter_for"]
