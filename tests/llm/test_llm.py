"""The optional language model: off unless configured (no connection opened), tested against a local fake
chat-completions server, and every number in its text checked against the engine's sentence."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from principal.llm import ChatClient, LlmConfig, load_config, numbers_in, phrase, same_figures, to_command
from tests.clirunner import run
from tests.conftest import SEED
from tests.llm.fake_server import chat_server

LINE = "I can do it like this: seat price: $140.00; usage cap: cap 120%. Term cost at your volumes: $5,946,790.00."


def test_nothing_is_configured_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert load_config({}) is None
    assert load_config({"PRINCIPAL_LLM_BASE_URL": "http://127.0.0.1:1/v1"}) is None  # no model: still off
    file = tmp_path / "llm.toml"
    file.write_text('base_url = "http://127.0.0.1:11434/v1"\nmodel = "llama3.1:8b"\n')
    assert load_config({"PRINCIPAL_LLM_CONFIG": str(file)}) == LlmConfig("http://127.0.0.1:11434/v1", "llama3.1:8b")


def test_no_connection_is_opened_when_no_model_is_configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    opened: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        opened.append(address)
        raise AssertionError(f"a connection was opened to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    for var in ("PRINCIPAL_LLM_BASE_URL", "PRINCIPAL_LLM_MODEL", "PRINCIPAL_LLM_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("PRINCIPAL_LLM_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    result = run("rehearse", str(SEED), input="we need $140 a seat and a 110% cap\naccept\n")
    assert result.exit_code == 0, result.output
    assert "Debrief" in result.stdout
    assert phrase(None, LINE).text == LINE and to_command(None, "anything", ["seat_price"]) is None
    assert opened == []
    refused = run("rehearse", str(SEED), "--llm", input="accept\n")
    assert refused.exit_code == 2 and "no language model is configured" in refused.stderr
    assert opened == []
    missing = run("rehearse", str(SEED), "--llm", input="", env={"PRINCIPAL_LLM_CONFIG": str(tmp_path / "no.toml")})
    assert missing.exit_code == 2 and "cannot read the model settings" in missing.stderr


def test_the_number_check() -> None:
    assert numbers_in("$5,946,790.00 and 120% and USD 140") == {5946790: 1, 120: 1, 140: 1}
    assert same_figures("For $140.00 a seat with a 120% cap, the term is $5,946,790.", LINE)
    assert not same_figures("For $139.00 a seat with a 120% cap, the term is $5,946,790.", LINE)
    assert not same_figures("A seat at $140 and a cap at 120%.", LINE)  # dropped the term cost


def test_a_model_reply_with_a_wrong_number_is_caught_and_replaced() -> None:
    replies = iter(
        [
            "Here's where I can land: $140.00 a seat, a 120% cap, and the term comes to $5,946,790.00.",
            "Here's where I can land: $138.00 a seat, a 120% cap, and the term comes to $5,946,790.00.",
        ]
    )
    with chat_server(lambda messages: next(replies)) as (base, seen):
        client = ChatClient(LlmConfig(base, "test-model", "sk-local"))
        good = phrase(client, LINE)
        bad = phrase(client, LINE)
    assert good.by_model and good.text.startswith("Here's where I can land: $140.00")
    assert not bad.by_model and bad.text == LINE and "138" in bad.note
    assert [r["path"] for r in seen] == ["/v1/chat/completions"] * 2
    assert seen[0]["authorization"] == "Bearer sk-local"
    assert seen[0]["body"]["model"] == "test-model"
    assert seen[0]["body"]["messages"][1] == {"role": "user", "content": LINE}


def test_free_text_into_a_command_never_with_a_figure_the_buyer_did_not_write() -> None:
    answers = iter(["offer seat_price=140 usage_cap=110", "offer seat_price=135", "UNCLEAR"])
    with chat_server(lambda messages: next(answers)) as (base, _):
        client = ChatClient(LlmConfig(base, "m"))
        assert to_command(client, "hundred and forty a seat, 140, and the cap at 110", ["seat_price"]) == (
            "offer seat_price=140 usage_cap=110"
        )
        assert to_command(client, "a bit cheaper please", ["seat_price"]) is None
        assert to_command(client, "hmm", ["seat_price"]) is None


def test_the_cli_words_the_reps_lines_through_the_model_and_keeps_the_template_on_a_wrong_figure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def answer(messages: list[dict[str, str]]) -> str:
        line = messages[-1]["content"]
        if "$155.00" in line:
            return "List is $155.00 a seat, so you are already $10.00 ahead."  # same figures: used
        if "$6,031,907.50" in line:
            return "Our proposal totals $6,000,000.00 over the term."  # wrong figure: replaced
        return line

    with chat_server(answer) as (base, seen):
        monkeypatch.setenv("PRINCIPAL_LLM_BASE_URL", base)
        monkeypatch.setenv("PRINCIPAL_LLM_MODEL", "test-model")
        result = run("rehearse", str(SEED), "--llm", input="accept\n")
    assert result.exit_code == 0, result.output
    assert "rep: [anchor] List is $155.00 a seat, so you are already $10.00 ahead." in result.stdout
    assert "Term cost at your volumes: $6,031,907.50." in result.stdout
    assert "$6,000,000.00" not in result.stdout
    assert "language model: the model's figures differed" in result.stderr
    assert seen
