"""Alignment: where the vendor wins when the buyer loses, in dollars, and whether the contract makes effort pay.

Entry points: `align` (one offer's stress tests, incentive tests, fee timing, checklist and scorecard),
`alignment_summary` (what `principal align --json` reports for it) and `compare_alignment` (offers side by side);
the checklist itself is `principal.align.checks.CHECKS`. Imported on first use (see principal.lazy_exports).
"""

from typing import TYPE_CHECKING

from principal.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from principal.align.report import AlignmentReport, AreaComparison, align, alignment_summary, compare_alignment

__all__ = ["AlignmentReport", "AreaComparison", "align", "alignment_summary", "compare_alignment"]

_REPORT = ("AlignmentReport", "AreaComparison", "align", "alignment_summary", "compare_alignment")
__getattr__ = lazy_exports(__name__, {"principal.align.report": _REPORT})
