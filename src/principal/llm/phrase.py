"""What the model is allowed to do: reword one of the rep's sentences, and read free text into one command."""

from __future__ import annotations

from dataclasses import dataclass

from principal.llm.check import numbers_in, same_figures
from principal.llm.client import ChatClient, LlmUnavailable

PHRASE_PROMPT = (
    "You are a CCaaS vendor's sales rep in a negotiation rehearsal. Reword the rep's line below in your own voice, "
    "in one or two sentences. Keep every figure exactly as written, in the same form; add no figure, date or "
    "promise of your own. Answer with the reworded line only."
)
COMMAND_PROMPT = (
    "Translate the buyer's words into exactly one command of this grammar, or answer UNCLEAR if any figure or "
    "issue is not stated plainly: ask ISSUE VALUE | offer ISSUE=VALUE ... | trade ISSUE=VALUE for ISSUE=VALUE | "
    "accept | walk | why. Issues: {issues}. Never invent a value. Answer with the command only."
)


@dataclass(frozen=True)
class Phrased:
    text: str
    by_model: bool
    note: str = ""


def phrase(client: ChatClient | None, line: str) -> Phrased:
    """The model's wording of `line` when it states the same figures; otherwise `line` itself, with the reason."""
    if client is None:
        return Phrased(line, False)
    try:
        worded = client.complete([{"role": "system", "content": PHRASE_PROMPT}, {"role": "user", "content": line}])
    except LlmUnavailable as exc:
        return Phrased(line, False, str(exc))
    if not worded or not same_figures(worded, line):
        wrong = sorted(set(numbers_in(worded)) ^ set(numbers_in(line)))
        return Phrased(
            line, False, f"the model's figures differed ({', '.join(str(n) for n in wrong)}); kept the template"
        )
    return Phrased(worded, True)


def to_command(client: ChatClient | None, text: str, issues: list[str]) -> str | None:
    """One structured command for `text`, or None (no model, model unreachable, or the model found it unclear).

    The command still goes through the rehearsal's own parser, and any figure in it must be one the buyer wrote.
    """
    if client is None:
        return None
    prompt = COMMAND_PROMPT.format(issues=", ".join(issues))
    try:
        command = client.complete([{"role": "system", "content": prompt}, {"role": "user", "content": text}])
    except LlmUnavailable:
        return None
    command = command.strip().strip("`").strip()
    if not command or command.upper().startswith("UNCLEAR") or "\n" in command:
        return None
    if not set(numbers_in(command)) <= set(numbers_in(text)):
        return None  # a figure the buyer never wrote: never a guess
    return command
