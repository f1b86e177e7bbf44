"""What the server does once, at app creation, before it forks any job (workers.py, child_process.py).

A job runs in a child forked from the server: whatever the server has already built, the child has for free, and
whatever the child builds is lost with it. So everything jobs would otherwise build again and again is built here,
once per process:

- the deal model's validators and serializers (the records build them when first used: a what-if child would
  spend most of its time building the offer's serializer), and its JSON Schema read as form fields (the builder);
- the engines and renderers that the tabs load only when needed (the negotiation brief, the KPIs, the exports),
  WeasyPrint included, with one small PDF laid out so its fonts are loaded;
- the static files, read and compressed (static_files.py).

It takes about a second and a half, paid when the server starts instead of by each export and what-if.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from pydantic import BaseModel

from principal.model.common import Record
from principal.web import static_files

_done = threading.Event()
_lock = threading.Lock()


def _records(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    for cls in root.__subclasses__():
        yield cls
        yield from _records(cls)


def build_models() -> int:
    """Build every deal record's validator and serializer now; the number of record types."""
    import principal.model  # noqa: F401 - every record type defined

    kinds = {cls for cls in _records(Record)}
    for cls in sorted(kinds, key=lambda c: f"{c.__module__}.{c.__qualname__}"):
        cls.model_rebuild()
    from principal.web.builder.schema_fields import deal_schema, record_fields

    schema = deal_schema()
    record_fields("Deal")
    for name in schema.get("$defs", {}):
        if "properties" in schema["$defs"][name]:
            record_fields(name)
    return len(kinds)


def load_engines() -> None:
    """Import the engines and renderers the tabs import only when asked, and warm the renderers."""
    from principal.reports.formats import prepare_renderers
    from principal.strategy import clauses, kpis
    from principal.strategy.plan import brief, talk
    from principal.valuation import comparison

    del clauses, kpis, brief, talk, comparison
    prepare_renderers()


def prepare_process() -> None:
    """Everything above, once per process (later calls return at once)."""
    if _done.is_set():
        return
    with _lock:
        if _done.is_set():
            return
        build_models()
        load_engines()
        static_files.preload()
        _done.set()
