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


def _interval(low_high: tuple[float, float]) -> str:
    return f"{low_high[0]:.2f}-{low_high[1]:.2f}"


def _notes(result: CuadEvaluation) -> list[str]:
    notes: list[str] = []
    estimate = result.estimate or {}
    if result.training_set_figures:
        notes.append(
            f"{result.trained_on} of these {result.contracts} contracts have the text of a contract that trained "
            "the shipped model: these are training-set figures and overstate accuracy on new contracts."
        )
        macro = estimate.get("macro_f1")
        interval = estimate.get("macro_f1_interval")
        if isinstance(macro, int | float) and isinstance(interval, list) and len(interval) == 2:
            notes.append(
                f"The estimate on unseen contracts recorded at training is Macro-F1 {macro:.3f} (95% interval "
                f"{interval[0]:.3f} to {interval[1]:.3f}), {estimate.get('protocol', '')}".rstrip(", ")
                + "."
            )
        elif result.cross_validated_macro_f1 is not None:
            spread = result.cross_validated_interval
            extra = f" (95% interval over contracts: {spread[0]:.3f} to {spread[1]:.3f})" if spread else ""
            notes.append(
                f"The cross-validated Macro-F1 recorded at training is {result.cross_validated_macro_f1:.3f}{extra}."
            )
    if result.missing_text:
        notes.append(f"{len(result.missing_text)} CSV row(s) skipped, no text file: {', '.join(result.missing_text)}")
    return notes


def _payload(result: CuadEvaluation, notes: list[str]) -> dict[str, object]:
    return {**result.__dict__, "training_set_figures": result.training_set_figures, "notes": notes}


@command("eval cuad", file_param="data")
def cuad(
    data: Path = typer.Option(..., "--data", help="Folder holding contracts/*.txt and master_clauses.csv."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Detect clauses in every contract of DATA and report per-category precision, recall, F1 and span overlap."""
    from rich.table import Table

    from principal.review.cuad_eval import evaluate_cuad  # numpy: imported when the command runs
    from principal.review.cuad_spans import TOP_UNITS

    with working("detecting clauses in every contract", enabled=not as_json):
        result = evaluate_cuad(data)
    notes = _notes(result)
    if as_json:
        emit_result(_payload(result, notes))
        return
    table = Table(title=f"Clause detection on {result.contracts} contracts in {result.folder}")
    columns = (
        "category", "labelled", "predicted", "TP", "precision", "recall", "F1", "F1 95% interval", "strict F1",
        "cited overlap", "IoU", "possible (labelled)",
    )  # fmt: skip
    for column in columns:
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
            _interval(s.f1_interval),
            _pct(s.strict_f1),
            _pct(s.cited_overlap),
            _pct(s.mean_iou),
            f"{s.possible} ({s.possible_labelled})",
        )
    console.print(table)
    low, high = result.macro_f1_interval
    console.print(
        f"Macro-F1 over {len(result.scores)} categories: {result.macro_f1:.3f} "
        f"(95% interval over resampled contracts: {low:.3f} to {high:.3f})",
        markup=False,
    )
    console.print(
        f"micro-F1 (pooled over categories): {result.micro_f1:.3f}; strict Macro-F1 (the cited sentence must "
        f"overlap a labelled clause): {result.strict_macro_f1:.3f}; strict micro-F1: {result.strict_micro_f1:.3f}",
        markup=False,
    )
    spans = result.span_scores
    if spans is not None:
        console.print(
            f"Span task, CUAD-paper convention (a different task: each cited unit must reach Jaccard >= 0.5 with a "
            f"labelled clause; top {TOP_UNITS} units per contract and category): AUPR {spans.aupr * 100:.1f}, "
            f"precision at 80% recall {spans.precision_at_80_recall * 100:.1f} ({spans.labelled_clauses} labelled "
            "clauses, 12 categories)",
            markup=False,
        )
    for note in notes:
        console.print(f"note: {note}", markup=False)
    console.print(f"Labels: {result.credit}.", markup=False)
