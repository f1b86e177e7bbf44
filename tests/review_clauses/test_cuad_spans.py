"""CUAD-paper-style span scoring on hand-made questions whose curve is worked out by hand."""

from __future__ import annotations

import pytest

from principal.review.cuad_spans import Question, jaccard, normalized_words, span_scores, top_predictions

CLAUSE = "Licensee may audit the books and records of Licensor once a year."
OTHER = "This agreement is governed by the laws of New York."


def test_words_are_normalised_as_in_squad() -> None:
    assert normalized_words("The Books, and a Record!") == frozenset({"books", "and", "record"})
    # 6 shared words of 9 in the union: {licensee, may, audit, books, and, records} vs + {of, licensor, once, year}
    assert jaccard(normalized_words("Licensee may audit books and records."), normalized_words(CLAUSE)) == (
        pytest.approx(6 / 10)
    )


def test_curve_of_two_questions() -> None:
    questions = [
        # Labelled clause matched by the best prediction (0.9); a wrong prediction at 0.6.
        Question(((CLAUSE, 0.9), (OTHER, 0.6)), (CLAUSE,)),
        # Nothing labelled: its prediction at 0.8 is a false positive.
        Question(((OTHER, 0.8),), ()),
        # Labelled clause found only at 0.3.
        Question(((OTHER, 0.7), (CLAUSE, 0.3)), (CLAUSE,)),
    ]
    result = span_scores(questions)
    # Thresholds 0.9, 0.8, 0.7, 0.6, 0.3 give (tp, fp): (1,0) (1,1) (1,2) (1,3) (2,3); 2 labelled clauses.
    # Precision 1, 1/2, 1/3, 1/4, 2/5; recall 1/2, 1/2, 1/2, 1/2, 1.
    # Made non-increasing (best precision at that threshold or lower): 1, 1/2, 2/5, 2/5, 2/5. The area runs at
    # precision 1 from recall 0 to 1/2, then at 2/5 (the last point at recall 1/2) to recall 1: 0.5 + 0.2.
    assert result.aupr == pytest.approx(0.7)
    assert result.precision_at_80_recall == pytest.approx(2 / 5)
    assert (result.questions, result.labelled_clauses, result.best_recall) == (3, 2, 1.0)


def test_no_labelled_clause_scores_zero() -> None:
    result = span_scores([Question(((OTHER, 0.5),), ())])
    assert (result.aupr, result.precision_at_80_recall, result.labelled_clauses) == (0.0, 0.0, 0)


def test_top_predictions_keeps_the_best_units_in_order() -> None:
    import numpy as np

    assert top_predictions(["a", "b", "c"], np.array([0.1, 0.9, 0.5]), limit=2) == (("b", 0.9), ("c", 0.5))
