"""Load comparables (what other buyers paid) from CSV, each row cited by its file and row.

Columns: metric, value, currency (required); source, label, as_of (optional). `metric` is cost_per_agent_month (the
all-in cost of one agent for a month: term cost / agents / term months) or per_minute_rate. `source` says where the
figure comes from (a benchmark report, a peer's contract); the row itself is always cited as FILE:ROW.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path as FsPath

from principal.loader.csv_table import Problems, read_rows, read_table_file, table_text
from principal.model.signed import Comparable, ComparableMetric
from principal.money import is_currency

COLUMNS = ("metric", "value", "currency", "source", "label", "as_of")
REQUIRED = ("metric", "value", "currency")


def load_comparables(path: str | FsPath) -> tuple[Comparable, ...]:
    return parse_comparables(read_table_file(path, "the comparables"), str(path))


def parse_comparables(raw: bytes, filename: str) -> tuple[Comparable, ...]:
    text = table_text(raw, filename, REQUIRED)
    problems = Problems(filename)
    out: list[Comparable] = []
    for row in read_rows(text, problems, columns=COLUMNS, required=REQUIRED):
        v, col, n = row.values, row.columns, row.number
        before = len(problems.found)
        try:
            metric = ComparableMetric(v["metric"].strip().lower())
        except ValueError:
            choices = ", ".join(m.value for m in ComparableMetric)
            problems.add(n, col["metric"], "metric", f"unknown metric {v['metric']!r}; use one of {choices}")
        value: Decimal | None = None
        try:
            value = Decimal(v["value"])
            if not value.is_finite() or value < 0:
                raise InvalidOperation
        except InvalidOperation:
            problems.add(n, col["value"], "value", f"{v['value']!r} is not a number of 0 or more, e.g. 143.50")
        currency = v["currency"].strip().upper()
        if not is_currency(currency):
            problems.add(n, col["currency"], "currency", f"{v['currency']!r} is not an ISO 4217 code (USD, EUR)")
        as_of = None
        if v.get("as_of"):
            try:
                as_of = dt.date.fromisoformat(v["as_of"])
            except ValueError:
                problems.add(n, col.get("as_of"), "as_of", f"{v['as_of']!r} is not a date YYYY-MM-DD")
        if len(problems.found) > before:
            continue
        assert value is not None
        cited = f"{filename}:{n}" + (f" ({v['source']})" if v.get("source") else "")
        out.append(
            Comparable(
                metric=metric, value=value, currency=currency, source=cited, label=v.get("label", ""), as_of=as_of
            )
        )
    if not out and not problems.found:
        problems.add(None, None, "(file)", "no comparables below the header")
    problems.raise_any()
    return tuple(out)
