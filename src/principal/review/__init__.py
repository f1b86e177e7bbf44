"""Contract review: read a vendor's order form, MSA or SLA, find its terms and the risks they carry for the buyer.

Entry points: `review_file` and `review_document` (what `principal review` runs), `load_document` and
`read_document` (a file or uploaded bytes into a `Document`, refusing hostile files) and `evaluate_cuad` (clause
detection measured on a CUAD-shaped folder). Imported on first use (see principal.lazy_exports), so the sandboxed
document readers never load the clause model.
"""

from typing import TYPE_CHECKING

from principal.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from principal.review.cuad_eval import CuadEvaluation, evaluate_cuad
    from principal.review.document import Document
    from principal.review.ingest import load_document, read_document
    from principal.review.result import ClauseCitation, ReviewResult
    from principal.review.review import review_document, review_file

__all__ = [
    "ClauseCitation",
    "CuadEvaluation",
    "Document",
    "ReviewResult",
    "evaluate_cuad",
    "load_document",
    "read_document",
    "review_document",
    "review_file",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "principal.review.cuad_eval": ("CuadEvaluation", "evaluate_cuad"),
        "principal.review.document": ("Document",),
        "principal.review.ingest": ("load_document", "read_document"),
        "principal.review.result": ("ClauseCitation", "ReviewResult"),
        "principal.review.review": ("review_document", "review_file"),
    },
)
