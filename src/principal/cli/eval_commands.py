"""`principal eval cuad`: measure clause detection on a CUAD-shaped folder of labelled contracts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from principal.cli.output import command, console, emit_result
from principal.cli.progress import working

if TYPE_CHECKING:
    from principal.review.cuad_eval import CuadEvaluation

eval_app = typer.Typer(no_args_is_help=True, help="Measure Principal's engines against labelled data.")


def register(app: typer.Typer) -> None:
    eval_app.command("cuad")(cuad)
    app.add_typer(eval_app, name="eval")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _notes(result: CuadEvaluation) -> list[str]:
    notes: list[str] = []
    if result.training_set_figures:
        notes.append(
            f"{result.trained_on} of these {result.contracts} contracts trained the shipped model: these are "
            "training-set figures and overstate accuracy on new contracts."
        )
        if result.cross_validated_macro_f1 is not None:
            interval = result.cross_validated_interval
            spread = f" (95% interval over contracts: {interval[0]:.3f} to {interval[1]:.3f})" if interval else ""
            notes.append(
                f"The honest figure is the grouped cross-validated Macro-F1 recorded at training: "
                f"{result.cross_validated_macro_f1:.3f}{spread}."
            )
    if result.missing_text:
        notes.append(f"{len(result.missing_text)} CSV row(s) skipped, no text file: {', '.join(result.missing_text)}")
    return notes


@command("eval cuad", file_param="data")
def cuad(
    data: Path = typer.Option(..., "--data", help="Folder holding contracts/*.txt and master_clauses.csv."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Detect clauses in every contract of DATA and report per-category precision, recall, F1 and span overlap."""
    from rich.table import Table

    from principal.review.cuad_eval import evaluate_cuad  # numpy: imported when the command runs

    with working("detecting clauses in every contract", enabled=not as_json):
        result = evaluate_cuad(data)
    notes = _notes(result)
    if as_json:
        emit_result({**result.__dict__, "training_set_figures": result.training_set_figures, "notes": notes})
        return
    table = Table(title=f"Clause detection on {result.contracts} contracts in {result.folder}")
    for column in ("category", "labelled", "predicted", "TP", "precision", "recall", "F1", "cited overlap", "IoU"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for s in result.scores:
        table.add_row(
            s.category,
            str(s.labelled),
            str(s.predicted),
            str(s.true_positives),
            _pct(s.precision),
            _pct(s.recall),
            _pct(s.f1),
            _pct(s.cited_overlap),
            _pct(s.mean_iou),
        )
    console.print(table)
    low, high = result.macro_f1_interval
    console.print(
        f"Macro-F1 over {len(result.scores)} categories: {result.macro_f1:.3f} "
        f"(95% interval over resampled contracts: {low:.3f} to {high:.3f})",
        markup=False,
    )
    for note in notes:
        console.print(f"note: {note}", markup=False)
    console.print(f"Labels: {result.credit}.", markup=False)
