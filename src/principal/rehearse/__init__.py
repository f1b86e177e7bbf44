"""Rehearse the meeting: a simulated vendor rep driven by the deal's own economics, and a scored debrief.

Entry points: `build_board` (a deal's issues, levels and the vendor's reservation), `Session` (one rehearsal:
`start()`, then `play(text)` per move), `PERSONAS` and `tournament` (the rep against built-in buyer strategies).
Imported on first use (see principal.lazy_exports).
"""

from typing import TYPE_CHECKING

from principal.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from principal.rehearse.auto import tournament
    from principal.rehearse.deal_board import DealBoard, build_board
    from principal.rehearse.persona import PERSONAS, Persona
    from principal.rehearse.session import Reply, Session

__all__ = ["PERSONAS", "DealBoard", "Persona", "Reply", "Session", "build_board", "tournament"]

__getattr__ = lazy_exports(
    __name__,
    {
        "principal.rehearse.auto": ("tournament",),
        "principal.rehearse.deal_board": ("DealBoard", "build_board"),
        "principal.rehearse.persona": ("PERSONAS", "Persona"),
        "principal.rehearse.session": ("Reply", "Session"),
    },
)
