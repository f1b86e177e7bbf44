"""Package exports imported on first use, so `from principal.review import review_file` works without every
`import principal.review.<anything>` paying for the whole engine (numpy, scikit-learn) up front.

An engine package lists its entry points once, by module, and imports them for the type checker only:

    if TYPE_CHECKING:
        from principal.review.review import review_document, review_file

    __all__ = ["review_document", "review_file"]
    __getattr__ = lazy_exports(__name__, {"principal.review.review": ("review_document", "review_file")})

tests/test_architecture.py checks that `__all__` is sorted and names exactly the exports, that each resolves, and
that the `TYPE_CHECKING` imports name the same modules. Neutral: it imports nothing from Principal.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def lazy_exports(package: str, exports: Mapping[str, tuple[str, ...]]) -> Callable[[str], object]:
    """A module `__getattr__` for `package` that imports an exported name's module the first time it is used."""
    where = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(importlib.import_module(package), name, value)  # later look-ups skip this function
        return value

    return __getattr__
