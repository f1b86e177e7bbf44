"""Citations of deal-file fields: the file and line, and the reviewed document's passage when
`principal review --deal-out` wrote the value."""

from __future__ import annotations

from principal.loader.citations import DealCitations

TEXT = """# Partial deal file written by `principal review` from order.pdf.
offers:
  reviewed:
    term_months: 36  # §1.1 p.1 ¶5 [285:365] "The Subscription Term is thirty-six (36) months..."
    exit:
      renewal:
        auto_renews: true  # assumption: read as automatic
        notice_days: 90 # rounded; §1.1 p.1 ¶5 [365:576] "This Order Form will automatically renew..."
    usage:
      - name: voice
        rate_card: {kind: flat, rate: 0.01}
"""


def test_a_reviewed_value_cites_its_document_passage() -> None:
    cite = DealCitations(TEXT, "partial.yaml")
    notice = cite.cite("offers.reviewed.exit.renewal.notice_days")
    assert (notice.file, notice.line) == ("partial.yaml", 8)
    assert notice.document == 'order.pdf rounded; §1.1 p.1 ¶5 [365:576] "This Order Form will automatically renew..."'
    assert cite.cite_text("offers.reviewed.term_months").startswith(
        "partial.yaml:4 offers.reviewed.term_months; order.pdf §1.1"
    )


def test_an_assumption_or_a_plain_value_cites_the_line_only() -> None:
    cite = DealCitations(TEXT, "partial.yaml")
    assert cite.cite("offers.reviewed.exit.renewal.auto_renews").document is None
    assert cite.cite_text("offers.reviewed.usage[0].rate_card") == "partial.yaml:11 offers.reviewed.usage[0].rate_card"
    assert cite.cite("offers.reviewed.sla").line is None  # not in the file: no line, never a guessed one
