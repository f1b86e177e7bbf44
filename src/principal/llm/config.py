"""Where the model is: environment variables first, then a TOML file; nothing configured means no model.

PRINCIPAL_LLM_BASE_URL   e.g. http://127.0.0.1:11434/v1 (Ollama), https://api.openai.com/v1
PRINCIPAL_LLM_MODEL      e.g. llama3.1:8b, gpt-4o-mini
PRINCIPAL_LLM_API_KEY    sent as a bearer token when set (Ollama needs none)
PRINCIPAL_LLM_CONFIG     a TOML file with base_url, model, api_key and timeout_seconds (default:
                         ~/.config/principal/llm.toml)
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from principal.errors import InputError

DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True)
class LlmConfig:
    base_url: str
    model: str
    api_key: str | None = None
    timeout_seconds: float = DEFAULT_TIMEOUT


def default_config_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("principal", appauthor=False)) / "llm.toml"


def _from_file(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise InputError.single(str(path), f"not valid TOML ({exc}); fix the file or remove it") from None
    except OSError as exc:
        raise InputError.single(str(path), f"cannot read the model settings ({exc.strerror})") from None


def load_config(env: Mapping[str, str] | None = None) -> LlmConfig | None:
    """The configured model, or None when there is none (the default: no model, nothing sent)."""
    env = os.environ if env is None else env
    values: dict[str, object] = {}
    named = env.get("PRINCIPAL_LLM_CONFIG")
    path = Path(named) if named else default_config_path()
    if named or path.is_file():
        values.update(_from_file(path))
    for key, var in (
        ("base_url", "PRINCIPAL_LLM_BASE_URL"),
        ("model", "PRINCIPAL_LLM_MODEL"),
        ("api_key", "PRINCIPAL_LLM_API_KEY"),
    ):
        if env.get(var):
            values[key] = env[var]
    base, model = values.get("base_url"), values.get("model")
    if not isinstance(base, str) or not isinstance(model, str) or not base or not model:
        return None
    if not base.startswith(("http://", "https://")):
        raise InputError.single(
            str(path), f"base_url must start with http:// or https://, not {base!r}", field="base_url"
        )
    secret = values.get("api_key")
    timeout = values.get("timeout_seconds", DEFAULT_TIMEOUT)
    if not isinstance(timeout, int | float) or not 0 < timeout <= 600:
        raise InputError.single(str(path), "timeout_seconds must be a number from 0 to 600", field="timeout_seconds")
    return LlmConfig(base.rstrip("/"), model, secret if isinstance(secret, str) and secret else None, float(timeout))
