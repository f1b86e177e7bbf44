"""The alignment part of the brief: scorecards side by side, stress tests, fee timing and questions to ask.

Figures are written by the deal's formatter (`principal.present`), in its currency and locale.
"""

from __future__ import annotations

from principal.align.report import AlignmentReport
from principal.present import Formatter, formatter_for
from principal.reports.brief.content import BriefContent
from principal.reports.brief.document import Block, Bullets, Paragraph, Section, Table


def alignment_section(c: BriefContent) -> Section:
    fmt = formatter_for(c.currency, c.deal.locale)
    offers = [r.offer for r in c.alignment]
    rows = tuple(
        (area.area, *[f"{area.ratings[o]} ({fmt.money(area.exposure[o])})" for o in offers])
        for area in c.alignment_areas
    )
    blocks: list[Block] = [
        Paragraph(
            "Where the vendor's revenue and the buyer's outcome pull apart. Each area is rated from the checklist, "
            "the stress tests and the incentive tests; the amount beside the rating is the largest loss the buyer "
            "carries in that area's stress tests over the term."
        ),
        Table(("Area", *offers), rows, "Alignment scorecard (rating and buyer's exposure)"),
    ]
    focus = next(r for r in c.alignment if r.offer == c.focus)
    return Section("Alignment of incentives", "alignment", tuple(blocks), (_stress(focus, fmt), _timing(focus, fmt)))


def _stress(report: AlignmentReport, fmt: Formatter) -> Section:
    rows = tuple(
        (
            s.title,
            fmt.money(s.buyer_change),
            fmt.money(s.vendor_change),
            fmt.money(s.with_protection, blank="-"),
            s.verdict.value,
        )
        for s in report.scenarios
    )
    table = Table(
        ("Stress test", "Buyer pays more", "Vendor earns more", "With the protection", "Verdict"),
        rows,
        f"Stress tests of {report.offer} (over the term, in {fmt.currency})",
        numeric=(1, 2, 3),
        small=True,
    )
    blocks: list[Block] = [table]
    if report.questions:
        blocks.append(Paragraph(f"Questions the offer {report.offer} leaves open:", emphasis=True))
        blocks.append(Bullets(report.questions))
    return Section(f"Stress tests and open questions: {report.offer}", "stress", tuple(blocks))


def _timing(report: AlignmentReport, fmt: Formatter) -> Section:
    t = report.fee_timing
    rows = tuple(
        (
            str(s.month),
            s.name,
            fmt.money(s.paid),
            fmt.money(s.paid_so_far),
            fmt.money(s.still_withheld),
            "yes" if s.holdback else "",
        )
        for s in t.steps
    )
    blocks: list[Block] = [
        Paragraph(
            f"Go-live is planned for month {t.go_live_month}; recurring billing starts in month "
            f"{t.billing_start_month}. Of {fmt.money(t.one_time_total)} in one-time fees, "
            f"{fmt.money(t.one_time_before_go_live)} is paid before go-live and {fmt.money(t.holdback)} is held "
            f"back until acceptance; recurring charges before go-live come to "
            f"{fmt.money(t.recurring_before_go_live)}."
        )
    ]
    if rows:
        blocks.append(
            Table(
                ("Month", "Milestone", "Paid", "Paid so far", "Still withheld", "Holdback"),
                rows,
                f"When {report.offer} pays the vendor for the project",
                numeric=(0, 2, 3, 4),
            )
        )
    return Section(f"Fee timing: {report.offer}", "fee-timing", tuple(blocks))
