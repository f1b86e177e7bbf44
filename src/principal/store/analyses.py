"""Engine results cached per version: an engine runs once per version and settings, later views read the JSON."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from principal.store.database import Store
from principal.store.tables import AnalysisRow


def params_key(params: Mapping[str, object]) -> str:
    """A stable key for an engine's settings (sorted JSON, hashed); {} for the defaults."""
    canonical = json.dumps(params, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def cached_result(
    store: Store, version_id: int, engine: str, engine_version: str, params: Mapping[str, object]
) -> str | None:
    with store.read() as session:
        return session.execute(
            select(AnalysisRow.result_json).where(
                AnalysisRow.version_id == version_id,
                AnalysisRow.engine == engine,
                AnalysisRow.engine_version == engine_version,
                AnalysisRow.params_key == params_key(params),
            )
        ).scalar_one_or_none()


def store_result(
    store: Store,
    version_id: int,
    engine: str,
    engine_version: str,
    params: Mapping[str, object],
    result_json: str,
) -> None:
    """Keep a result; if another request stored the same key first, theirs stays (results are deterministic)."""
    try:
        with store.write() as session:
            session.add(
                AnalysisRow(
                    version_id=version_id,
                    engine=engine,
                    engine_version=engine_version,
                    params_key=params_key(params),
                    result_json=result_json,
                )
            )
    except IntegrityError:
        return


def analysis(
    store: Store,
    version_id: int,
    engine: str,
    engine_version: str,
    params: Mapping[str, object],
    compute: Callable[[], str],
) -> str:
    """The cached JSON result, or `compute()`'s, stored for next time."""
    found = cached_result(store, version_id, engine, engine_version, params)
    if found is not None:
        return found
    result = compute()
    store_result(store, version_id, engine, engine_version, params, result)
    return result
