"""The shipped library of contact-center KPIs a contract can cite, each defined once in the product's words.

Operational KPIs (service level, ASA, abandonment, AHT, FCR, CSAT, occupancy, adherence) are results of the buyer's
operation measured on the vendor's platform; platform KPIs (uptime, MOS, report delivery) are the vendor's own
performance. The `remedy` of each says what a miss triggers, so every measure a contract names has a consequence.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class KpiKind(StrEnum):
    service_level = "service_level"
    asa = "asa"
    abandonment = "abandonment"
    aht = "aht"
    fcr = "fcr"
    csat = "csat"
    occupancy = "occupancy"
    schedule_adherence = "schedule_adherence"
    mos = "mos"
    uptime = "uptime"
    report_delivery = "report_delivery"


class Direction(StrEnum):
    at_least = "at_least"
    at_most = "at_most"


class Unit(StrEnum):
    percent = "percent"
    seconds = "seconds"
    score = "score"
    on_time = "on_time"


@dataclass(frozen=True)
class KpiDefinition:
    """One library entry: what is measured, how, from which data, by whom, and what a miss leads to."""

    kind: KpiKind
    name: str
    definition: str
    formula: str
    data_source: str
    measured_by: str
    window: str
    exclusions: tuple[str, ...]
    cadence: str
    remedy: str
    unit: Unit
    direction: Direction
    platform_owned: bool


_GOVERNANCE = (
    "A miss for two reporting periods in a row opens a joint root-cause review; where the cause is a platform "
    "fault (routing, desktop, telephony) the affected time also counts against that component's availability SLA."
)

LIBRARY: dict[KpiKind, KpiDefinition] = {
    KpiKind.service_level: KpiDefinition(
        kind=KpiKind.service_level,
        name="Service level",
        definition="Share of offered contacts that an agent answers within the threshold.",
        formula="answered within threshold / (offered - short abandons), per interval; "
        "short abandons are contacts abandoned within 5 s and are left out of both counts",
        data_source="ACD interval report of the platform (offered, answered, abandoned, wait time per contact)",
        measured_by="the buyer's workforce management team, from the platform's raw interval data",
        window="each 30-minute interval inside the stated hours, aggregated per day and per month",
        exclusions=("contacts abandoned within 5 s", "intervals when a declared platform outage was running"),
        cadence="daily dashboard, monthly report",
        remedy=_GOVERNANCE,
        unit=Unit.percent,
        direction=Direction.at_least,
        platform_owned=False,
    ),
    KpiKind.asa: KpiDefinition(
        kind=KpiKind.asa,
        name="Average speed of answer (ASA)",
        definition="Mean time answered contacts spent queuing before an agent picked them up.",
        formula="total queue time of answered contacts / answered contacts",
        data_source="ACD contact detail records of the platform",
        measured_by="the buyer's workforce management team",
        window="per interval inside the stated hours, aggregated per day and per month",
        exclusions=("time in the IVR before the contact is queued",),
        cadence="daily dashboard, monthly report",
        remedy=_GOVERNANCE,
        unit=Unit.seconds,
        direction=Direction.at_most,
        platform_owned=False,
    ),
    KpiKind.abandonment: KpiDefinition(
        kind=KpiKind.abandonment,
        name="Abandonment rate",
        definition="Share of queued contacts whose customer hung up or left before reaching an agent.",
        formula="abandoned after the short-abandon limit / (offered - short abandons)",
        data_source="ACD interval report of the platform",
        measured_by="the buyer's workforce management team",
        window="per day inside the stated hours, aggregated per month",
        exclusions=("contacts abandoned within 5 s", "contacts that chose a callback"),
        cadence="daily dashboard, monthly report",
        remedy=_GOVERNANCE,
        unit=Unit.percent,
        direction=Direction.at_most,
        platform_owned=False,
    ),
    KpiKind.aht: KpiDefinition(
        kind=KpiKind.aht,
        name="Average handle time (AHT)",
        definition="Mean agent time a contact takes: talking, holding and the after-contact work that follows.",
        formula="(talk time + hold time + after-contact work) / handled contacts",
        data_source="agent state and contact detail records of the platform (after-contact work is not telephony "
        "time, so it comes from agent states)",
        measured_by="the buyer's operations analysts",
        window="per calendar week and per month",
        exclusions=("contacts transferred to another queue are counted once, in the queue that closed them",),
        cadence="weekly report",
        remedy="Trend reviewed in the monthly service review; a rise after a platform release is raised with the "
        "vendor as a defect.",
        unit=Unit.seconds,
        direction=Direction.at_most,
        platform_owned=False,
    ),
    KpiKind.fcr: KpiDefinition(
        kind=KpiKind.fcr,
        name="First contact resolution (FCR)",
        definition="Share of customer issues settled in the first contact, with no repeat contact on the same "
        "issue within the repeat window.",
        formula="contacts with no repeat from the same customer on the same issue within 7 days / contacts handled",
        data_source="CRM case records joined with the platform's contact records",
        measured_by="the buyer's quality team",
        window="per calendar month (a contact is scored once its 7-day repeat window has closed)",
        exclusions=("contacts the customer opens on a different issue",),
        cadence="monthly report",
        remedy="Repeat contacts caused by platform faults are reported to the vendor and are not billable usage.",
        unit=Unit.percent,
        direction=Direction.at_least,
        platform_owned=False,
    ),
    KpiKind.csat: KpiDefinition(
        kind=KpiKind.csat,
        name="Customer satisfaction (CSAT)",
        definition="Share of post-contact survey answers scoring 4 or 5 on a 1-5 scale.",
        formula="responses scoring 4 or 5 / all responses (74 of 107 is 69%)",
        data_source="post-contact survey results",
        measured_by="the buyer's quality team",
        window="per calendar month, at least 100 responses (else the month is pooled with the next)",
        exclusions=("surveys answered more than 7 days after the contact",),
        cadence="monthly report",
        remedy="Reviewed in the monthly service review; no financial remedy unless a platform fault is the cause.",
        unit=Unit.percent,
        direction=Direction.at_least,
        platform_owned=False,
    ),
    KpiKind.occupancy: KpiDefinition(
        kind=KpiKind.occupancy,
        name="Agent occupancy",
        definition="Share of logged-in available time agents spend handling contacts.",
        formula="handle time / (handle time + idle available time); in the Erlang C model, offered load / agents",
        data_source="agent state records of the platform",
        measured_by="the buyer's workforce management team",
        window="per interval, aggregated per day",
        exclusions=("time in training, coaching and meeting states",),
        cadence="daily dashboard",
        remedy="Used for staffing decisions; sustained occupancy above target triggers a staffing review.",
        unit=Unit.percent,
        direction=Direction.at_most,
        platform_owned=False,
    ),
    KpiKind.schedule_adherence: KpiDefinition(
        kind=KpiKind.schedule_adherence,
        name="Schedule adherence",
        definition="Share of scheduled time agents spent in the activity their schedule planned for it.",
        formula="minutes in the scheduled state / scheduled minutes",
        data_source="workforce management schedules compared with the platform's agent states",
        measured_by="the buyer's workforce management team",
        window="per agent per day, aggregated per week",
        exclusions=("schedule exceptions approved by a supervisor",),
        cadence="weekly report",
        remedy="Internal measure; the vendor's duty is that agent-state data reaches the WFM tool complete and "
        "on time.",
        unit=Unit.percent,
        direction=Direction.at_least,
        platform_owned=False,
    ),
    KpiKind.mos: KpiDefinition(
        kind=KpiKind.mos,
        name="Voice quality (MOS)",
        definition="Mean opinion score of voice calls on the 1-5 scale of ITU-T P.800, estimated from network "
        "measurements.",
        formula="E-model: MOS = 1 + 0.035 R + 0.000007 R (R - 60)(100 - R), R from latency, jitter and loss "
        "(R = 93.2 gives 4.41); reported as the share of calls at or above the target",
        data_source="the platform's per-call quality metrics (latency, jitter, packet loss)",
        measured_by="the vendor, with raw per-call data available to the buyer",
        window="per calendar month",
        exclusions=("calls whose impairment is on the buyer's own network, shown by the vendor's edge measurements",),
        cadence="monthly report",
        remedy="A month below target counts as a miss of the voice component under the SLA; the vendor delivers a "
        "remediation plan within 10 business days.",
        unit=Unit.score,
        direction=Direction.at_least,
        platform_owned=True,
    ),
    KpiKind.uptime: KpiDefinition(
        kind=KpiKind.uptime,
        name="Component availability",
        definition="Share of the measurement window during which the component worked for the buyer's users.",
        formula="(minutes in window - counted downtime minutes) / minutes in window, as `principal sla` computes "
        "it: excluded outages are left out of the downtime, never out of the window; 99.9% of a 30-day month "
        "allows 43.2 minutes down",
        data_source="the vendor's monitoring, checked against the buyer's own synthetic tests and incident log",
        measured_by="the vendor, reported to and verifiable by the buyer",
        window="calendar month, per component (never averaged across components)",
        exclusions=(
            "planned maintenance announced at least 7 days ahead and outside business hours",
            "outages the buyer caused",
        ),
        cadence="monthly SLA report",
        remedy="Service credits on the offer's ladder; repeated misses give the chronic-failure exit right.",
        unit=Unit.percent,
        direction=Direction.at_least,
        platform_owned=True,
    ),
    KpiKind.report_delivery: KpiDefinition(
        kind=KpiKind.report_delivery,
        name="Report delivery",
        definition="A listed report arrives complete and correct by its due time.",
        formula="reports delivered complete by the due time / reports due",
        data_source="delivery timestamps of the reports (mail or portal log)",
        measured_by="the buyer's vendor manager",
        window="per calendar quarter",
        exclusions=("delays the buyer caused by withholding source data",),
        cadence="quarterly scorecard",
        remedy="Reports are contractual deliverables; a late or missing report counts against the "
        "stable-operations acceptance and is raised in the monthly service review.",
        unit=Unit.on_time,
        direction=Direction.at_least,
        platform_owned=True,
    ),
}
