"""Access tokens: what makes one strong enough to guard a server others can reach, and how to make one.

A token must be at least 32 characters with no spaces or control characters, and must not look guessable. Real
entropy cannot be read off a string, so three estimates stand in for it, each set so that every token made by
`secrets.token_urlsafe(32)` or `openssl rand -hex 16` (and longer) passes with a wide margin:

- the characters' own Shannon entropy times the length is at least 72 bits (a random 32-digit hex token scores
  88 or more; `aaaa...` scores 0, `abab...` 32);
- at least 75% of its three-character pieces are distinct (repeats such as `passwordpassword...` fail);
- at most half of its neighbouring characters are consecutive code points (`abcdef...`, `0123...` fail).
"""

from __future__ import annotations

import math
import secrets
from collections import Counter
from itertools import pairwise

MIN_TOKEN_LENGTH = 32
MIN_TOKEN_BITS = 72.0
MIN_DISTINCT_TRIGRAMS = 0.75
GENERATE_HINT = "generate one with `principal serve --generate-token`"


def generate_token() -> str:
    """A fresh token: 32 random bytes, URL-safe (43 characters, 256 bits)."""
    return secrets.token_urlsafe(32)


def estimated_bits(token: str) -> float:
    """The Shannon entropy of the token's own characters, times its length."""
    counts = Counter(token)
    size = len(token)
    return -sum(n / size * math.log2(n / size) for n in counts.values()) * size if size else 0.0


def token_problem(token: str) -> str | None:
    """Why `token` must not guard a server, as one line, or None when it may."""
    if not token.strip():
        return f"the access token is empty or only spaces; {GENERATE_HINT}"
    if any(c.isspace() or not c.isprintable() for c in token):
        return f"the access token must not contain spaces or control characters; {GENERATE_HINT}"
    if len(token) < MIN_TOKEN_LENGTH:
        return f"the access token must be at least {MIN_TOKEN_LENGTH} characters (it has {len(token)}); {GENERATE_HINT}"
    pieces = len(token) - 2
    distinct = len({token[i : i + 3] for i in range(pieces)})
    consecutive = sum(1 for a, b in pairwise(token) if abs(ord(a) - ord(b)) == 1)
    if (
        estimated_bits(token) < MIN_TOKEN_BITS
        or distinct < MIN_DISTINCT_TRIGRAMS * pieces
        or consecutive > len(token) / 2
    ):
        return f"the access token looks guessable (repeated or consecutive characters); {GENERATE_HINT}"
    return None
