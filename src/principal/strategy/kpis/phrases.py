"""Read plain-language operations goals into structured goals, by fixed patterns (deterministic, no model).

    "answer 80% of calls within 20 s during business hours" -> service_level 80% in 20 s, voice, business hours
    "keep voice routing up"                                 -> uptime of voice_routing (target from the contract)
    "weekly reporting by Monday 9:00"                       -> report delivery, weekly, Monday 09:00

`read_goal` returns the fields of a `Goal`, or None when no pattern fits (the loader then reports the line).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

_NUM = r"(\d+(?:\.\d+)?)"
_PCT = _NUM + r"\s*(?:%|percent\b|per\s*cent\b)"
_DUR = _NUM + r"\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)\b"
_TIME = r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"

_CHANNELS = {
    "call": "voice",
    "calls": "voice",
    "phone": "voice",
    "voice": "voice",
    "chat": "chat",
    "chats": "chat",
    "email": "email",
    "emails": "email",
    "sms": "sms",
    "messages": "sms",
    "callback": "callback",
    "callbacks": "callback",
    "video": "video",
}

_COMPONENTS: tuple[tuple[str, str], ...] = (
    (r"voice\s*routing|call\s*routing|acd|routing", "voice_routing"),
    (r"agent\s*(?:desktop|login|log-in)|desktop", "agent_desktop"),
    (r"digital\s*channels?|chat|messaging", "digital_channels"),
    (r"crm\s*screen\s*pops?|screen\s*pops?|crm", "crm_screen_pop"),
    (r"ivr|self[- ]service", "ivr"),
    (r"call\s*recording|recording", "recording"),
    (r"workforce\s*management|wfm", "wfm"),
    (r"reporting|reports|dashboards?", "reporting"),
    (r"platform|service|system", "platform"),
)

_DAYS = {
    "mon": "mon",
    "monday": "mon",
    "tue": "tue",
    "tues": "tue",
    "tuesday": "tue",
    "wed": "wed",
    "wednesday": "wed",
    "thu": "thu",
    "thur": "thu",
    "thurs": "thu",
    "thursday": "thu",
    "fri": "fri",
    "friday": "fri",
    "sat": "sat",
    "saturday": "sat",
    "sun": "sun",
    "sunday": "sun",
}


def _seconds(amount: str, unit: str) -> Decimal:
    value = Decimal(amount)
    if unit.startswith("h"):
        return value * 3600
    if unit.startswith("m"):
        return value * 60
    return value


def _hours(text: str) -> str:
    if re.search(r"24\s*[x/]\s*7|around the clock|all hours|at all times|always", text):
        return "all"
    return "business"


def _channel(text: str) -> str | None:
    for word in re.findall(r"[a-z]+", text):
        if word in _CHANNELS:
            return _CHANNELS[word]
    return None


def _clock(hour: str, minute: str | None, half: str | None) -> str | None:
    h, m = int(hour), int(minute or 0)
    if half is not None:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if half.startswith("p") else 0)
    if h > 23 or m > 59:
        return None
    return f"{h:02d}:{m:02d}"


def _report(text: str) -> dict[str, Any] | None:
    cadence = re.search(r"\b(daily|weekly|monthly|quarterly)\b", text)
    if cadence is None or not re.search(r"report|pack|dashboard|scorecard|review", text):
        return None
    fields: dict[str, Any] = {"kpi": "report_delivery", "cadence": cadence.group(1)}
    name = re.search(r"\b(?:daily|weekly|monthly|quarterly)\s+(.*?)\s*(?:\bby\b|\bbefore\b|\bon\b|$)", text)
    fields["report"] = (cadence.group(1) + " " + (name.group(1) if name and name.group(1) else "report")).strip()
    day = re.search(r"\b(?:by|before|on)\s+(?:each\s+|every\s+)?([a-z]+)", text)
    if day is not None and day.group(1) in _DAYS:
        fields["due_day"] = _DAYS[day.group(1)]
    business_day = re.search(r"(\d{1,2})(?:st|nd|rd|th)?\s+business\s+day", text)
    if business_day is not None:
        fields["due_business_day"] = int(business_day.group(1))
    at = re.search(r"\b(?:by|before|at)\b[^0-9]*?\b" + _TIME + r"(?!\s*(?:st|nd|rd|th|business))", text)
    if at is not None and (at.group(2) is not None or at.group(3) is not None):
        clock = _clock(at.group(1), at.group(2), at.group(3))
        if clock is None:
            return None
        fields["due_time"] = clock
    return fields


def _service_level(text: str) -> dict[str, Any] | None:
    m = re.search(r"answer\w*\s+" + _PCT + r"\s+of\s+(.*?)\s*(?:within|in|under)\s+" + _DUR, text)
    if m is not None:
        target, what, amount, unit = m.groups()
    else:
        m = re.search(r"(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*(?:service level|sl)\b", text) or re.search(
            r"(?:service level|\bsl\b)\s*(?:of\s*)?(\d+(?:\.\d+)?)\s*(?:%|/)\s*(?:in|within)?\s*(\d+(?:\.\d+)?)", text
        )
        if m is None:
            return None
        target, amount = m.groups()
        what, unit = text, "s"
    return {
        "kpi": "service_level",
        "target": target,
        "threshold_seconds": str(_seconds(amount, unit)),
        "channel": _channel(what) or _channel(text),
        "hours": _hours(text),
    }


def _with_percent(kpi: str, text: str) -> dict[str, Any] | None:
    m = re.search(_PCT, text)
    if m is None:
        return None
    return {"kpi": kpi, "target": m.group(1), "channel": _channel(text), "hours": _hours(text)}


def _with_duration(kpi: str, text: str) -> dict[str, Any] | None:
    m = re.search(_DUR, text)
    if m is None:
        return None
    return {"kpi": kpi, "target": str(_seconds(*m.groups())), "channel": _channel(text), "hours": _hours(text)}


def _mos(text: str) -> dict[str, Any] | None:
    m = re.search(r"\b([1-4](?:\.\d+)?|5(?:\.0+)?)\b", text)
    if m is None:
        return None
    return {"kpi": "mos", "target": m.group(1)}


def _uptime(text: str) -> dict[str, Any] | None:
    if not re.search(r"\bup\b|uptime|availab|running|online|\bdown\b", text):
        return None
    for pattern, name in _COMPONENTS:
        if re.search(r"\b(?:" + pattern + r")\b", text):
            hours = "business" if "business hours" in text else "all"
            fields: dict[str, Any] = {"kpi": "uptime", "component": name, "hours": hours}
            m = re.search(_PCT, text)
            if m is not None:
                fields["target"] = m.group(1)
            return fields
    return None


def read_goal(text: str) -> dict[str, Any] | None:
    """Fields of a goal read from one plain-language sentence, or None when it matches no known pattern."""
    clean = " ".join(text.lower().replace("’", "'").split())
    fields: dict[str, Any] | None
    if re.search(r"average speed of answer|\basa\b|on average", clean) and re.search(_DUR, clean):
        fields = _with_duration("asa", clean)
    elif re.search(r"average handle time|\baht\b|handle time|handling time", clean):
        fields = _with_duration("aht", clean)
    elif re.search(r"answer\w*\s+\d|service level|\bsl\b", clean):
        fields = _service_level(clean)
    elif re.search(r"\b(daily|weekly|monthly|quarterly)\b", clean) and re.search(r"report|pack|dashboard", clean):
        fields = _report(clean)
    elif re.search(r"abandon", clean):
        fields = _with_percent("abandonment", clean)
    elif re.search(r"first[- ](?:contact|call|time)|\bfcr\b", clean):
        fields = _with_percent("fcr", clean)
    elif re.search(r"\bmos\b|mean opinion score|voice quality|call quality|audio quality", clean):
        fields = _mos(clean)
    elif re.search(r"csat|customer satisfaction|satisf", clean):
        fields = _with_percent("csat", clean)
    elif re.search(r"occupancy", clean):
        fields = _occupancy(clean)
    elif re.search(r"adherence|adhere", clean):
        fields = _with_percent("schedule_adherence", clean)
    else:
        fields = _uptime(clean)
    if fields is None:
        return None
    fields = {key: value for key, value in fields.items() if value is not None}
    fields["text"] = " ".join(text.split())
    return fields


def _occupancy(text: str) -> dict[str, Any] | None:
    between = re.search(r"between\s+" + _NUM + r"\s*%?\s*and\s+" + _PCT, text)
    if between is not None:
        return {"kpi": "occupancy", "target": between.group(2), "hours": _hours(text)}
    return _with_percent("occupancy", text)
