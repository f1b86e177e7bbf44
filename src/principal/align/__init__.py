"""Alignment: where the vendor wins when the buyer loses, in dollars, and whether the contract makes effort pay.

Entry points: `align` (one offer's stress tests, incentive tests, fee timing, checklist and scorecard),
`align_offers` (what `principal align` reports: several offers and their scorecards side by side) and
`compare_alignment` (the side-by-side scorecard);
the checklist itself is `principal.align.checks.CHECKS`. Imported on first use (see principal.lazy_exports).
"""

from typing import TYPE_CHECKING

from principal.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from principal.align.report import (
        Alignment,
        AlignmentReport,
        AreaComparison,
        align,
        align_offers,
        compare_alignment,
    )

__all__ = ["Alignment", "AlignmentReport", "AreaComparison", "align", "align_offers", "compare_alignment"]

_REPORT = ("Alignment", "AlignmentReport", "AreaComparison", "align", "align_offers", "compare_alignment")
__getattr__ = lazy_exports(__name__, {"principal.align.report": _REPORT})
