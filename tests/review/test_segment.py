from principal.review.ingest import read_document
from principal.review.segment import segment

FLAT = (
    'SERVICES AGREEMENT This Agreement (the "Agreement") is made by Acme Inc. ("Provider"). '
    "1. Services. 1.1 Provision of Services. (a) Provider shall provide the Services. "
    '2. Fees. "Fees" means the amounts in Exhibit A. ARTICLE V Term and Termination\nSection 4.2 Notice. Text.'
)


def test_headings_in_one_long_line_and_at_line_starts() -> None:
    document = read_document(FLAT.encode(), "flat.txt")
    found = [(s.number, s.title, s.level) for s in segment(document).sections]
    assert found == [
        ("1", "Services", 1),
        ("1.1", "Provision of Services", 2),
        ("(a)", "Provider shall provide the Services", 3),
        ("2", "Fees", 1),
        ("V", "Term and Termination", 0),  # an article holds the numbered paragraphs after it
        ("4.2", "Notice", 2),
    ]


def test_section_spans_nest_and_definitions_are_found() -> None:
    document = read_document(FLAT.encode(), "flat.txt")
    segments = segment(document)
    one, one_one = segments.sections[0], segments.sections[1]
    assert one.start < one_one.start < one_one.end <= one.end
    offset = FLAT.index("Provider shall")
    inner = segments.section_at(offset)
    assert inner is not None and inner.number == "(a)"
    assert [d.term for d in segments.definitions] == ["Agreement", "Provider", "Fees"]


def test_table_rows_grouped(fixture_reviews) -> None:  # type: ignore[no-untyped-def]
    from principal.review.ingest import load_document
    from tests.review.conftest import FIXTURES

    document = load_document(FIXTURES / "ccaas-order-form.html")
    tables = segment(document).tables
    assert [t.rows for t in tables] == [4, 7, 3]
    assert document.text[tables[2].start : tables[2].end].startswith("Monthly Uptime Percentage | Service Credit")
