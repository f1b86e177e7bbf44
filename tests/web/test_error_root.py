"""The web maps every error under the one root (input, store, shipped data, web) onto its HTTP answer."""

from __future__ import annotations

from principal.errors import FileRefused, InputError, PrincipalError, Problem, ShippedDataError
from principal.store import errors as store_errors
from principal.web import errors
from principal.web.error_pages import web_error_for


def test_store_and_input_errors_keep_their_answers() -> None:
    assert web_error_for(store_errors.NotFound("no deal 7")).status == 404
    conflict = web_error_for(store_errors.VersionConflict("deal 1 changed", latest=3))
    assert (conflict.status, conflict.code) == (409, "conflict")
    assert web_error_for(store_errors.DatabaseUnavailable("down")).status == 503
    invalid = web_error_for(InputError([Problem("deal.yaml", 4, 3, "name", "is required")]))
    assert (invalid.status, invalid.code, invalid.message) == (422, "invalid_deal", "deal.yaml:4:3: name: is required")


def test_a_damaged_shipped_file_is_a_server_fault_that_does_not_show_its_path() -> None:
    answer = web_error_for(ShippedDataError("/opt/principal/data/clause_model.npz", "cannot read the model arrays"))
    assert (answer.status, answer.code) == (500, "internal_error")
    assert "clause_model" not in answer.message and "log" in answer.message


def test_any_other_deliberate_error_is_a_bad_request_with_its_first_line() -> None:
    class Planted(PrincipalError):
        pass

    answer = web_error_for(Planted("something the user can fix\nsecond line"))
    assert (answer.status, answer.message) == (400, "something the user can fix")
    refused = web_error_for(FileRefused("is binary data", file="upload.bin"))
    assert refused.status == 422 and refused.message == "upload.bin: (file): is binary data"


def test_web_errors_pass_through_unchanged() -> None:
    original = errors.TooManyAttempts("slow down", retry_after=30)
    assert web_error_for(original) is original
    assert isinstance(original, PrincipalError)
