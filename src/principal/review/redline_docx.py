"""Redlines as Word tracked changes: each accepted redline becomes a tracked deletion of the clause it replaces
(`w:del`) and a tracked insertion of the buyer's wording (`w:ins`), both with author and date, and a comment
giving the reason. Word and LibreOffice show them as changes to accept or reject.

The vendor's own DOCX is marked up when the review was of one DOCX; otherwise a DOCX is made from the text of the
documents reviewed (one heading per document, one paragraph per paragraph read) and marked up the same way.
A redline whose clause cannot be found, or that adds a protection the documents lack, is inserted as a new
tracked paragraph after the clause it belongs next to, or at the end under "Buyer additions".
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import Any

from principal.review.document import Document
from principal.review.rules.base import Action, Finding

AUTHOR = "Principal (buyer redline)"
INITIALS = "PR"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML = "http://www.w3.org/XML/1998/namespace"
_LABEL = re.compile(r"^\s*(?:\(?[a-z]{1,4}\)|[A-Z]?\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-Z]\d{0,2}\.)\s+")


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


class _Marker:
    """Numbers the w:ins / w:del elements and stamps them with the author and the date."""

    def __init__(self, when: dt.datetime) -> None:
        self.next_id = 9000
        self.date = when.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")

    def element(self, tag: str) -> Any:
        from docx.oxml import OxmlElement

        element = OxmlElement(f"w:{tag}")
        element.set(_q("id"), str(self.next_id))
        element.set(_q("author"), AUTHOR)
        element.set(_q("date"), self.date)
        self.next_id += 1
        return element


def _run(text: str) -> Any:
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    node = OxmlElement("w:t")
    node.set(f"{{{_XML}}}space", "preserve")
    node.text = text
    run.append(node)
    return run


def _runs(paragraph: Any) -> list[tuple[Any, str]]:
    out = []
    for run in paragraph.findall(_q("r")):
        out.append((run, "".join(t.text or "" for t in run.findall(_q("t")))))
    return out


def _split(run: Any, at: int) -> Any:
    """Split a run's text at `at`, returning the new second run (inserted right after the first)."""
    texts = run.findall(_q("t"))
    whole = "".join(t.text or "" for t in texts)
    second = copy.deepcopy(run)
    for node in texts[1:]:
        run.remove(node)
    for node in second.findall(_q("t"))[1:]:
        second.remove(node)
    first_t = run.find(_q("t"))
    second_t = second.find(_q("t"))
    first_t.text, second_t.text = whole[:at], whole[at:]
    for node in (first_t, second_t):
        node.set(f"{{{_XML}}}space", "preserve")
    run.addnext(second)
    return second


def _span_runs(paragraph: Any, start: int, end: int) -> list[Any]:
    """The runs covering [start, end) of the paragraph's text, split so they cover it exactly."""
    position = 0
    for run, text in _runs(paragraph):
        length = len(text)
        if position < start < position + length:
            _split(run, start - position)
            return _span_runs(paragraph, start, end)
        if position < end < position + length:
            _split(run, end - position)
            return _span_runs(paragraph, start, end)
        position += length
    position = 0
    covered = []
    for run, text in _runs(paragraph):
        if start <= position and position + len(text) <= end and text:
            covered.append(run)
        position += len(text)
    return covered


def _delete(runs: list[Any], marker: _Marker) -> Any:
    deletion = marker.element("del")
    runs[0].addprevious(deletion)
    for run in runs:
        for node in run.findall(_q("t")):
            node.tag = _q("delText")
        deletion.append(run)
    return deletion


def _insert_after(anchor: Any, text: str, marker: _Marker) -> Any:
    insertion = marker.element("ins")
    run = _run(text)
    insertion.append(run)
    anchor.addnext(insertion)
    return run


def _new_paragraph_after(anchor: Any, text: str, marker: _Marker) -> Any:
    """A whole tracked paragraph (its paragraph mark inserted too) after `anchor`; returns its run."""
    from docx.oxml import OxmlElement

    paragraph = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    rpr = OxmlElement("w:rPr")
    rpr.append(marker.element("ins"))
    ppr.append(rpr)
    paragraph.append(ppr)
    insertion = marker.element("ins")
    run = _run(text)
    insertion.append(run)
    paragraph.append(insertion)
    anchor.addnext(paragraph)
    return run


def _find_paragraph(paragraphs: list[tuple[Any, str]], quote: str) -> tuple[Any, int, int] | None:
    """The w:p holding the quoted clause and the clause's span in its text (numbering labels are not text)."""
    wanted = _norm(_LABEL.sub("", quote.rstrip("…")))
    if len(wanted) < 8:
        return None
    for element, text in paragraphs:
        plain = _norm(text)
        if not plain:
            continue
        at = plain.find(wanted)
        if at >= 0:
            return element, at, at + len(wanted)
        if " | " in quote and all(_norm(c) in plain for c in quote.split(" | ")[:2] if c.strip()):
            return element, 0, len(plain)
        head = wanted[:60]
        at = plain.find(head)
        if at >= 0:
            return element, at, min(len(plain), at + len(wanted))
    return None


def _text_document(documents: Sequence[Document]) -> Any:
    import docx

    out = docx.Document()
    for document in documents:
        if len(documents) > 1:
            out.add_heading(document.label or document.name, level=1)
        for paragraph in document.text.split("\n"):
            if paragraph.strip():
                out.add_paragraph(paragraph)
    return out


def redline_docx(
    documents: Sequence[Document],
    findings: Sequence[Finding],
    *,
    source: bytes | None = None,
    when: dt.datetime | None = None,
) -> bytes:
    """The DOCX with each finding's redline as tracked changes and a comment with its reason.

    `source` is the vendor's DOCX when exactly that file was reviewed; without it a DOCX is made from the texts.
    """
    import docx
    from docx.text.run import Run

    word = docx.Document(io.BytesIO(source)) if source is not None else _text_document(documents)
    marker = _Marker(when or dt.datetime.now(dt.UTC))
    body = word.element.body
    paragraphs = [(p, "".join(t.text or "" for t in p.iter(_q("t")))) for p in body.iter(_q("p"))]
    additions_anchor: Any = None
    for finding in findings:
        if not finding.new_text:
            continue
        comment = f"{finding.title}. {finding.reason}"
        found = _find_paragraph(paragraphs, finding.quote) if finding.quote else None
        if found is not None and finding.action is Action.substitute and not finding.missing:
            element, start, end = found
            raw = "".join(t.text or "" for t in element.findall(f"{_q('r')}/{_q('t')}"))
            start, end = _raw_span(raw, start, end)
            covered = _span_runs(element, start, end)
            if covered:
                deletion = _delete(covered, marker)
                run = _insert_after(deletion, " " + finding.new_text + " ", marker)
                word.add_comment([Run(run, word)], text=comment, author=AUTHOR, initials=INITIALS)
                continue
        if found is not None:
            run = _new_paragraph_after(found[0], finding.new_text, marker)
        else:
            if additions_anchor is None:
                heading = word.add_paragraph("Buyer additions")
                additions_anchor = heading._p
            run = _new_paragraph_after(additions_anchor, finding.new_text, marker)
            additions_anchor = run.getparent().getparent()
        word.add_comment([Run(run, word)], text=comment, author=AUTHOR, initials=INITIALS)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _raw_span(raw: str, start: int, end: int) -> tuple[int, int]:
    """Map a span in the whitespace-normalised text back to the raw run text."""
    mapping = []
    previous_space = True
    for index, char in enumerate(raw.replace("’", "'")):
        if char.isspace():
            if not previous_space:
                mapping.append(index)
            previous_space = True
        else:
            mapping.append(index)
            previous_space = False
    if not mapping:
        return 0, len(raw)
    begin = mapping[min(start, len(mapping) - 1)]
    finish = mapping[min(end, len(mapping)) - 1] + 1 if end > 0 else begin
    return begin, finish
