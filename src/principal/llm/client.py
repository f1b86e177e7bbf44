"""A minimal chat-completions client over httpx: POST {base_url}/chat/completions, the first choice's message."""

from __future__ import annotations

from typing import Any

from principal.errors import PrincipalError
from principal.llm.config import LlmConfig


class LlmUnavailable(PrincipalError):
    """The model could not be reached or answered with something that is not a chat completion."""


class ChatClient:
    def __init__(self, config: LlmConfig) -> None:
        self.config = config

    def complete(self, messages: list[dict[str, str]]) -> str:
        import httpx

        headers = {"content-type": "application/json"}
        if self.config.api_key:
            headers["authorization"] = f"Bearer {self.config.api_key}"
        body: dict[str, Any] = {"model": self.config.model, "messages": messages, "temperature": 0}
        try:
            response = httpx.post(
                f"{self.config.base_url}/chat/completions",
                json=body,
                headers=headers,
                timeout=self.config.timeout_seconds,
            )
            response.raise_for_status()
            content = response.json()["choices"][0]["message"]["content"]
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
            raise LlmUnavailable(
                f"the language model at {self.config.base_url} did not answer usefully: {exc}"
            ) from None
        if not isinstance(content, str):
            raise LlmUnavailable("the language model's answer has no text")
        return content.strip()
