"""Small self-contained SVG charts (no script, no fonts to fetch) for the HTML and PDF brief.

The charts only place figures the engines computed; the axis scale is the one thing worked out here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from html import escape

PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#a5a5a5")
WIDTH, HEIGHT = 680, 300
LEFT, RIGHT, TOP, BOTTOM = 78, 16, 16, 58


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


def _short(value: float) -> str:
    size = abs(value)
    if size >= 1_000_000:
        return f"{value / 1_000_000:,.1f}M"
    if size >= 1_000:
        return f"{value / 1_000:,.0f}k"
    return f"{value:,.0f}"


def _axis(low: float, high: float) -> tuple[float, float, list[float]]:
    low = min(0.0, low)
    step = _nice_step(high - low)
    top = math.ceil(high / step) * step if high > 0 else 0.0
    bottom = math.floor(low / step) * step
    ticks = [bottom + i * step for i in range(round((top - bottom) / step) + 1)]
    return bottom, top if top > bottom else bottom + step, ticks


def _frame(title: str, body: list[str]) -> str:
    head = (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11">'
    )
    return "\n".join([head, f"<title>{escape(title)}</title>", *body, "</svg>"])


def _grid(bottom: float, top: float, ticks: list[float], currency: str) -> tuple[list[str], float, float]:
    plot_h = HEIGHT - TOP - BOTTOM
    out = []
    for tick in ticks:
        y = TOP + plot_h * (1 - (tick - bottom) / (top - bottom))
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d9d9d9"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(_short(tick))}</text>')
    out.append(
        f'<text x="14" y="{TOP + plot_h / 2:.1f}" transform="rotate(-90 14 {TOP + plot_h / 2:.1f})" '
        f'text-anchor="middle">{escape(currency)}</text>'
    )
    return out, bottom, top


def _legend(names: Sequence[str]) -> list[str]:
    out = []
    x = LEFT
    y = HEIGHT - 14
    for i, name in enumerate(names):
        color = PALETTE[i % len(PALETTE)]
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{color}"/>')
        out.append(f'<text x="{x + 14}" y="{y}">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    return out


def grouped_bars(
    title: str, groups: Sequence[str], series: Sequence[tuple[str, Sequence[Decimal]]], currency: str
) -> str:
    """One cluster of bars per group (e.g. contract year), one bar per series (e.g. offer)."""
    values = [float(v) for _, vals in series for v in vals]
    bottom, top, ticks = _axis(min(values, default=0.0), max(values, default=0.0))
    body, bottom, top = _grid(bottom, top, ticks, currency)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(groups))
    bar = slot * 0.8 / max(1, len(series))

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - (value - bottom) / (top - bottom))

    zero = y_of(0.0)
    for g, group in enumerate(groups):
        x0 = LEFT + g * slot + slot * 0.1
        for s, (name, vals) in enumerate(series):
            if g >= len(vals):
                continue
            value = float(vals[g])
            y = y_of(value)
            color = PALETTE[s % len(PALETTE)]
            body.append(
                f'<rect x="{x0 + s * bar:.1f}" y="{min(y, zero):.1f}" width="{bar * 0.92:.1f}" '
                f'height="{abs(zero - y):.1f}" fill="{color}"><title>{escape(name)}, {escape(group)}: '
                f"{value:,.2f}</title></rect>"
            )
        body.append(
            f'<text x="{LEFT + g * slot + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">'
            f"{escape(group)}</text>"
        )
    body.extend(_legend([name for name, _ in series]))
    return _frame(title, body)


def lines(title: str, series: Sequence[tuple[str, Sequence[Decimal]]], currency: str, x_label: str) -> str:
    """One line per series over a shared x axis (e.g. contract months 1..N)."""
    values = [float(v) for _, vals in series for v in vals]
    bottom, top, ticks = _axis(min(values, default=0.0), max(values, default=0.0))
    body, bottom, top = _grid(bottom, top, ticks, currency)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    count = max((len(vals) for _, vals in series), default=1)

    def point(i: int, value: float) -> str:
        x = LEFT + plot_w * (i / max(1, count - 1))
        y = TOP + plot_h * (1 - (value - bottom) / (top - bottom))
        return f"{x:.1f},{y:.1f}"

    for s, (name, vals) in enumerate(series):
        color = PALETTE[s % len(PALETTE)]
        points = " ".join(point(i, float(v)) for i, v in enumerate(vals))
        dash = ' stroke-dasharray="5,4"' if s == len(series) - 1 and name.startswith("incumbent") else ""
        body.append(
            f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"{dash}>'
            f"<title>{escape(name)}</title></polyline>"
        )
    step = max(1, count // 12)
    for i in range(0, count, step):
        x = LEFT + plot_w * (i / max(1, count - 1))
        body.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{i + 1}</text>')
    body.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - BOTTOM + 32}" text-anchor="middle">{escape(x_label)}</text>'
    )
    body.extend(_legend([name for name, _ in series]))
    return _frame(title, body)
