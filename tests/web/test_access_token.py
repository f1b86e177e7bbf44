"""Access tokens: at least 32 characters that do not look guessable; `principal serve --generate-token` makes one."""

from __future__ import annotations

import json
import secrets

import pytest

from principal.web.access_token import token_problem
from tests.clirunner import run

HINT = "generate one with `principal serve --generate-token`"


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        (" " * 40, f"the access token is empty or only spaces; {HINT}"),
        ("\t\n  ", f"the access token is empty or only spaces; {HINT}"),
        (
            "Vq3xN8rT0-kWm2ZpLc7Y hB5sJd9FgA4uEo1iXnRbQyK",
            f"the access token must not contain spaces or control characters; {HINT}",
        ),
        (
            "Vq3xN8rT0-kWm2ZpLc7YhB5sJd9FgA\x00",
            f"the access token must not contain spaces or control characters; {HINT}",
        ),
        ("Vq3xN8rT0-kWm2ZpLc7YhB5sJd9FgA4", f"the access token must be at least 32 characters (it has 31); {HINT}"),
        ("a" * 64, f"the access token looks guessable (repeated or consecutive characters); {HINT}"),
        ("ab" * 20, f"the access token looks guessable (repeated or consecutive characters); {HINT}"),
        ("password" * 4, f"the access token looks guessable (repeated or consecutive characters); {HINT}"),
        (
            "abcdefghijklmnopqrstuvwxyz012345",
            f"the access token looks guessable (repeated or consecutive characters); {HINT}",
        ),
        ("0123456789abcdef" * 2, f"the access token looks guessable (repeated or consecutive characters); {HINT}"),
    ],
)
def test_weak_tokens_are_refused_with_one_line(token: str, problem: str) -> None:
    assert token_problem(token) == problem


def test_generated_tokens_pass() -> None:
    for _ in range(2_000):
        assert token_problem(secrets.token_urlsafe(32)) is None
        assert token_problem(secrets.token_hex(16)) is None  # `openssl rand -hex 16`: 32 hex digits


def test_serve_generates_a_token_and_exits() -> None:
    printed = run("serve", "--generate-token")
    assert printed.exit_code == 0
    token = printed.stdout.strip()
    assert len(token) == 43 and token_problem(token) is None
    again = run("serve", "--generate-token", "--json")
    assert again.exit_code == 0
    other = json.loads(again.stdout)["result"]["token"]
    assert token_problem(other) is None and other != token


def test_serve_refuses_a_whitespace_token_in_one_line() -> None:
    result = run("serve", "--host", "0.0.0.0", env={"PRINCIPAL_TOKEN": " " * 16})
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == f"error: the access token is empty or only spaces; {HINT}"
