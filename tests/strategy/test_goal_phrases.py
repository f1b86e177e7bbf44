"""Plain-language goals are read into the same fields as structured goals, by fixed patterns."""

from __future__ import annotations

import pytest

from principal.strategy.kpis.phrases import read_goal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "answer 80% of calls within 20 s during business hours",
            {
                "kpi": "service_level",
                "target": "80",
                "threshold_seconds": "20",
                "channel": "voice",
                "hours": "business",
            },
        ),
        (
            "Answer 90% of chats in 1 minute 24x7",
            {"kpi": "service_level", "target": "90", "threshold_seconds": "60", "channel": "chat", "hours": "all"},
        ),
        ("80/20 service level", {"kpi": "service_level", "target": "80", "threshold_seconds": "20"}),
        ("keep voice routing up", {"kpi": "uptime", "component": "voice_routing", "hours": "all"}),
        (
            "agent desktop available 99.95% of the month",
            {"kpi": "uptime", "component": "agent_desktop", "target": "99.95"},
        ),
        ("keep the CRM screen pops running 24x7", {"kpi": "uptime", "component": "crm_screen_pop"}),
        (
            "weekly reporting by Monday 9:00",
            {"kpi": "report_delivery", "cadence": "weekly", "due_day": "mon", "due_time": "09:00"},
        ),
        ("daily queue report by 8pm", {"kpi": "report_delivery", "cadence": "daily", "due_time": "20:00"}),
        (
            "monthly service review pack by the 5th business day",
            {"kpi": "report_delivery", "cadence": "monthly", "due_business_day": 5},
        ),
        ("ASA under 30 seconds", {"kpi": "asa", "target": "30"}),
        ("keep average handle time of calls under 6 min", {"kpi": "aht", "target": "360", "channel": "voice"}),
        ("keep abandonment below 5%", {"kpi": "abandonment", "target": "5"}),
        ("resolve 75% of issues on first contact", {"kpi": "fcr", "target": "75"}),
        ("CSAT of at least 85%", {"kpi": "csat", "target": "85"}),
        ("voice quality MOS 4.0 or better", {"kpi": "mos", "target": "4.0"}),
        ("occupancy between 75 and 85%", {"kpi": "occupancy", "target": "85"}),
        ("schedule adherence of 90%", {"kpi": "schedule_adherence", "target": "90"}),
    ],
)
def test_reads_goal(text: str, expected: dict[str, object]) -> None:
    fields = read_goal(text)
    assert fields is not None
    assert fields["text"] == text
    for key, value in expected.items():
        assert fields[key] == value, key


@pytest.mark.parametrize("text", ["make customers happy", "be excellent", "weekly", "keep it up"])
def test_unreadable_goals_return_none(text: str) -> None:
    assert read_goal(text) is None
