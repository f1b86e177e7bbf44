"""The Review tab in process: upload a vendor document, see findings with their clauses highlighted, list stored
reviews; hostile or wrong files give a clear error and save nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest

from principal.store import reviews
from tests.conftest import ROOT
from tests.web.conftest import WebClient
from tests.web.html_probe import element, text

FIXTURES = ROOT / "tests" / "fixtures" / "review"


def upload(web: WebClient, name: str, content: bytes, **fields: str) -> Any:
    data = {"csrf_token": web.csrf, "author": "ana", **fields}
    return web.client.post("/deals/1/review", data=data, files={"file": (name, content)}, follow_redirects=False)


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_an_uploaded_document_shows_findings_linked_to_highlighted_clauses(seeded: WebClient, suffix: str) -> None:
    response = upload(seeded, f"ccaas-order-form.{suffix}", (FIXTURES / f"ccaas-order-form.{suffix}").read_bytes())
    assert (response.status_code, response.headers["location"]) == (303, "/deals/1/review/1")
    page = seeded.client.get("/deals/1/review/1").text
    findings = re.findall(r'<article class="finding[^"]*" id="finding-(\d+)" data-rule="([a-z_]+)">', page)
    assert len(findings) == 21  # the review rules of issue 14 (billing before go-live, annual billing in advance...)
    links = re.findall(r'<a href="#clause-(\d+)">', page)
    assert len(links) == 20  # every finding but the missing transition assistance cites a passage
    doc = element(page, '<div class="doc-text"', "div")
    for index in links:
        assert re.search(rf'<(mark|span) id="clause-{index}"', doc), index
    renewal_rule = next(i for i, rule in findings if rule == "auto_renewal_long_notice")
    mark = element(doc, f'<mark id="clause-{renewal_rule}"', "mark")
    assert text(mark).startswith("This Order Form will automatically renew for successive twelve (12) month")
    renewal = element(page, f'<article class="finding sev-border-high" id="finding-{renewal_rule}"', "article")
    assert "High Auto-renewal with 90 days' notice" in text(renewal)  # the severity in words (labels)
    assert f'<a href="#clause-{renewal_rule}">' in renewal
    missing = text(element(page, '<h2 id="missing">', "h2") + element(page.split('<h2 id="missing">')[1], "<ul>", "ul"))
    assert "No transition assistance" in missing and "No chronic-failure exit" in missing
    if suffix == "pdf":
        assert [text(p) for p in re.findall(r'<span class="page-break">(.*?)</span>', doc)] == [
            "Page 2",
            "Page 3",
            "Page 4",
        ]
    listing = seeded.client.get("/deals/1/review").text
    assert f"ccaas-order-form.{suffix}" in text(element(listing, '<table class="list reviews">', "table"))


def test_stored_reviews_keep_only_the_text_and_its_layout(seeded: WebClient) -> None:
    content = (FIXTURES / "ccaas-order-form.pdf").read_bytes()
    upload(seeded, "ccaas-order-form.pdf", content, title="Vendor order form v1")
    store = seeded.client.app.state.store  # type: ignore[attr-defined]
    [review] = reviews.list_reviews(store, 1)
    assert (review.title, review.author, review.documents[0].media_type) == (
        "Vendor order form v1",
        "ana",
        "application/pdf",
    )
    stored = reviews.get_document(store, review.documents[0].id)
    assert stored.info.size_bytes == len(content)
    assert "automatically renew" in stored.extracted_text
    assert stored.layout_json is not None and '"page_starts":[0,1887,2419,3158]' in stored.layout_json


@pytest.mark.parametrize(
    ("name", "content", "status", "message"),
    [
        ("order.pdf", b"%PDF-1.7\n1 0 obj garbage", 422, "order.pdf is damaged or not a valid PDF"),
        ("order.docx", b"PK\x03\x04not a zip at all", 422, "order.docx is a damaged zip package"),
        ("order.pdf", b"GIF89a", 415, "order.pdf does not look like a .pdf file"),
        ("order.exe", b"MZ", 415, "order.exe is not a vendor document"),
        ("empty.txt", b"   \n", 422, "empty.txt holds no text to review"),
    ],
)
def test_bad_documents_get_a_clear_error_page_and_nothing_is_saved(
    seeded: WebClient, name: str, content: bytes, status: int, message: str
) -> None:
    response = upload(seeded, name, content)
    assert response.status_code == status
    assert f'data-status="{status}"' in response.text
    assert message in text(element(response.text, '<div class="error-box"', "div"))
    assert "Traceback" not in response.text
    assert reviews.list_reviews(seeded.client.app.state.store, 1) == []  # type: ignore[attr-defined]


def test_an_upload_needs_a_file_and_an_author(seeded: WebClient) -> None:
    no_file: Any = seeded.post_form("/deals/1/review", {"author": "ana"})
    assert no_file.status_code == 422 and "choose a document to review" in no_file.text
    no_author = upload(seeded, "a.md", b"# Terms\nThe fee is USD 10 per user per month.\n", author=" ")
    assert no_author.status_code == 422 and "give your name" in no_author.text


def test_reviews_belong_to_their_deal(seeded: WebClient, seed_text: str) -> None:
    upload(seeded, "ccaas-order-form.md", (FIXTURES / "ccaas-order-form.md").read_bytes())
    seeded.post_form("/deals", {"yaml_text": seed_text.replace("450 agents", "451 agents"), "author": "bo"})
    assert seeded.client.get("/deals/2/review/1").status_code == 404
    assert seeded.client.get("/deals/1/review/2").status_code == 404
    assert "No document has been reviewed for this deal yet." in seeded.client.get("/deals/2/review").text


def test_a_review_stored_without_a_layout_is_shown_as_one_page(seeded: WebClient) -> None:
    store = seeded.client.app.state.store  # type: ignore[attr-defined]
    review = reviews.create_review(store, 1, title="Old import", author="ana")
    text_body = "1.4 Price increases\nProvider may increase the Subscription Fees by 7% each year on renewal."
    reviews.add_document(
        store, review.id, filename="old.txt", media_type="text/plain", content=b"x", extracted_text=text_body
    )
    page = seeded.client.get(f"/deals/1/review/{review.id}").text
    assert "old.txt · text · 1 page" in page
    assert '<span class="page-break">' not in page
