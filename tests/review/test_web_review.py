"""The Review tab with several documents of one deal: one upload, one package review, each document's text
shown with its own highlights, and the accepted redlines downloaded as a tracked-changes DOCX."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from principal.store import reviews
from tests.web.conftest import WebClient, client, seed_text, seeded, sqlite_store, web  # noqa: F401
from tests.web.html_probe import element, text

CORPUS = Path(__file__).resolve().parent.parent.parent / "corpus" / "review" / "tuning" / "halcyon"


def _upload(web_client: WebClient, files: list[tuple[str, bytes]]) -> object:
    data = {"csrf_token": web_client.csrf, "author": "ana"}
    parts = [("file", (name, content)) for name, content in files]
    return web_client.client.post("/deals/1/review", data=data, files=parts, follow_redirects=False)


def test_several_uploads_are_reviewed_as_one_deal(seeded: WebClient) -> None:  # noqa: F811
    files = [(n, (CORPUS / n).read_bytes()) for n in ("order-form.docx", "msa.pdf", "sla-exhibit-b.html")]
    response = _upload(seeded, files)
    assert response.status_code == 303  # type: ignore[attr-defined]
    store = seeded.client.app.state.store  # type: ignore[attr-defined]
    [stored] = reviews.list_reviews(store, 1)
    assert [d.filename for d in stored.documents] == ["order-form.docx", "msa.pdf", "sla-exhibit-b.html"]
    page = seeded.client.get(f"/deals/1/review/{stored.id}").text
    rules = re.findall(r'data-rule="([a-z_]+)"', page)
    assert "referenced_document_missing" not in rules and "no_uptime_commitment" not in rules
    assert {"efforts_only_uptime", "paid_data_export", "renewal_at_list_price"} <= set(rules)
    assert len(re.findall(r'<div class="doc-text"', page)) == 3
    sla_text = element(page.split('<h2 id="text-3">')[1], '<div class="doc-text"', "div")
    assert "<mark" in sla_text and "Emergency Maintenance" in text(sla_text)
    index = rules.index("annual_billing_in_advance")
    download = seeded.client.get(f"/deals/1/review/{stored.id}/redlines.docx", params={"accept": [index]})
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        comments = archive.read("word/comments.xml").decode("utf-8")
    assert "Subscription Fees are invoiced annually in advance." in "".join(
        re.findall(r"<w:delText[^>]*>([^<]*)<", xml)
    )
    assert xml.count("<w:del ") == 1 and comments.count("<w:comment ") == 1
    none = seeded.client.get(f"/deals/1/review/{stored.id}/redlines.docx")
    assert none.status_code == 422 and "tick at least one redline" in none.text


def test_a_file_that_is_not_a_contract_saves_nothing(seeded: WebClient) -> None:  # noqa: F811
    response = _upload(seeded, [("order-form.md", (CORPUS / "order-form.md").read_bytes()), ("note.txt", b"hello")])
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "note.txt is too short to be a contract" in response.text  # type: ignore[attr-defined]
    assert reviews.list_reviews(seeded.client.app.state.store, 1) == []  # type: ignore[attr-defined]
