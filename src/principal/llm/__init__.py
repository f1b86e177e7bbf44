"""An optional language model behind an OpenAI-compatible chat-completions endpoint (OpenAI, Azure, Ollama, vLLM,
a llama.cpp server). Off by default: nothing is sent anywhere unless a base URL and a model are configured and the
caller asks for it. The model may only word a move the engine decided (every number it writes is checked against
the move's text; on any mismatch the template sentence is used) and turn free text into one structured command
(which the rehearsal's parser then reads like any other)."""

from principal.llm.check import numbers_in, same_figures
from principal.llm.client import ChatClient, LlmUnavailable
from principal.llm.config import LlmConfig, load_config
from principal.llm.phrase import Phrased, phrase, to_command

__all__ = [
    "ChatClient",
    "LlmConfig",
    "LlmUnavailable",
    "Phrased",
    "load_config",
    "numbers_in",
    "phrase",
    "same_figures",
    "to_command",
]
