"""Build the review corpus: every Markdown document under corpus/review/ converted to HTML, DOCX and PDF.

Usage:  .venv/bin/python scripts/make_review_corpus.py [FOLDER ...]     (default: corpus/review)

- HTML: markdown-it (CommonMark + tables); runs of lettered clauses "(a) ..." become <ol type="a"> lists and a
  site navigation bar is added, as vendors publish terms on their web sites.
- DOCX: python-docx. Depending on the document's `build` options in its deal's truth.yaml: clause numbers become
  Word automatic numbering (`numbering: direct`: numPr on each paragraph; `style`: numbering linked to the
  Heading 2/3 styles; `literal`: numbers stay typed), running header and "Page N of M" footer fields, two text
  columns, tables with or without borders, a smaller font.
- PDF: LibreOffice (`soffice --headless --convert-to pdf`) from that DOCX, so headers, footers, columns and
  automatic numbers are laid out by a real word processor.

DOCX bytes are reproducible (fixed metadata and zip timestamps); PDFs carry LibreOffice's own creation date.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from markdown_it import MarkdownIt
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "review"
FIXED_TIME = dt.datetime(2027, 1, 1, 0, 0, 0)
NUM_ID = 90
_HEADING_NUMBER = re.compile(r"^(\d{1,2})\.?\s+(?=\S)|^(\d{1,2})\.(\d{1,2})\s+(?=\S)")
_PARAGRAPH_NUMBER = re.compile(r"^(\d{1,2})\.(\d{1,2})\s+(?=\S)")
_LETTER = re.compile(r"^\(([a-z])\)\s+")


@dataclass
class Block:
    kind: str  # heading, paragraph, table
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


def parse_markdown(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("paragraph", " ".join(para)))
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("#"):
            flush()
            level = len(line) - len(line.lstrip("#"))
            blocks.append(Block("heading", line.lstrip("#").strip(), level))
        elif line.lstrip().startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(set(c) <= {"-", ":"} and c for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(Block("table", rows=rows))
            continue
        else:
            para.append(line.strip())
        i += 1
    flush()
    return blocks


# ----------------------------------------------------------------------------------------------------------- HTML


def make_html(markdown: str, title: str, vendor: str, numbered: bool) -> str:
    body = MarkdownIt("commonmark").enable("table").render(markdown)
    if numbered:
        body = _lettered_lists(body)
    nav = (
        f'<nav><a href="/">{vendor}</a> | <a href="/legal">Legal</a> | <a href="/trust">Trust centre</a> | '
        '<a href="/contact">Contact sales</a></nav>\n'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>body{{font-family:sans-serif;max-width:50em}}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}</style>\n"
        f"</head>\n<body>\n{nav}<main>\n{body}</main>\n</body>\n</html>\n"
    )


def _lettered_lists(body: str) -> str:
    """<p>(a) x</p><p>(b) y</p> -> <ol type="a"><li>x</li><li>y</li></ol> (the browser draws the letters)."""
    item = re.compile(r"<p>\(([a-z])\) (.*?)</p>\n", re.S)
    out: list[str] = []
    position = 0
    for run in re.finditer(r"(?:<p>\([a-z]\) .*?</p>\n)+", body, re.S):
        out.append(body[position : run.start()])
        items = item.findall(run.group(0))
        start = ord(items[0][0]) - ord("a") + 1
        attr = f' start="{start}"' if start != 1 else ""
        out.append(f'<ol type="a"{attr}>\n' + "".join(f"<li>{t}</li>\n" for _, t in items) + "</ol>\n")
        position = run.end()
    out.append(body[position:])
    return "".join(out)


# ----------------------------------------------------------------------------------------------------------- DOCX


def _el(tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _add_numbering(document: Any, style_linked: bool) -> None:
    numbering = document.part.numbering_part.element
    abstract = _el("w:abstractNum", abstractNumId=str(NUM_ID))
    abstract.append(_el("w:multiLevelType", val="multilevel"))
    formats = (("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "(%3)"))
    for ilvl, (fmt, text) in enumerate(formats):
        lvl = _el("w:lvl", ilvl=str(ilvl))
        lvl.append(_el("w:start", val="1"))
        lvl.append(_el("w:numFmt", val=fmt))
        if style_linked and ilvl < 2:
            lvl.append(_el("w:pStyle", val=f"Heading{ilvl + 2}"))
        lvl.append(_el("w:lvlText", val=text))
        lvl.append(_el("w:lvlJc", val="left"))
        ppr = _el("w:pPr")
        ppr.append(_el("w:ind", left=str(567 * (ilvl + 1)), hanging="567"))
        lvl.append(ppr)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = _el("w:num", numId=str(NUM_ID))
    num.append(_el("w:abstractNumId", val=str(NUM_ID)))
    numbering.append(num)
    if style_linked:
        for ilvl, name in ((0, "Heading 2"), (1, "Heading 3")):
            ppr = document.styles[name].element.get_or_add_pPr()
            numpr = _el("w:numPr")
            if ilvl:
                numpr.append(_el("w:ilvl", val=str(ilvl)))
            numpr.append(_el("w:numId", val=str(NUM_ID)))
            ppr.insert(0, numpr)


def _number(paragraph: Any, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = _el("w:numPr")
    numpr.append(_el("w:ilvl", val=str(ilvl)))
    numpr.append(_el("w:numId", val=str(NUM_ID)))
    ppr.append(numpr)


class Counters:
    """The numbers Word will draw, so a typed number is replaced by automatic numbering only where they agree."""

    def __init__(self) -> None:
        self.levels = [0, 0, 0]

    def next(self, ilvl: int) -> str:
        levels = list(self.levels)
        levels[ilvl] += 1
        for deeper in range(ilvl + 1, 3):
            levels[deeper] = 0
        if ilvl == 0:
            return f"{levels[0]}"
        if ilvl == 1:
            return f"{levels[0]}.{levels[1]}"
        return chr(ord("a") + levels[2] - 1)

    def take(self, ilvl: int) -> None:
        self.levels[ilvl] += 1
        for deeper in range(ilvl + 1, 3):
            self.levels[deeper] = 0


def _numbered(block: Block, counters: Counters) -> tuple[int, str] | None:
    """(level, text without its number) when Word's automatic number would equal the typed one."""
    text = block.text
    if block.kind == "heading" and block.level in (2, 3):
        match = re.match(r"^(\d{1,2}(?:\.\d{1,2})?)\.?\s+(?=\S)", text)
        if match:
            typed = match.group(1)
            ilvl = typed.count(".")
            if ilvl == block.level - 2 and counters.next(ilvl) == typed:
                return ilvl, text[match.end() :]
        return None
    if block.kind == "paragraph":
        match = _PARAGRAPH_NUMBER.match(text)
        if match and counters.next(1) == f"{match.group(1)}.{match.group(2)}":
            return 1, text[match.end() :]
        letter = _LETTER.match(text)
        if letter and counters.next(2) == letter.group(1):
            return 2, text[letter.end() :]
    return None


def _page_field(paragraph: Any, instruction: str) -> None:
    simple = _el("w:fldSimple", instr=instruction)
    run = _el("w:r")
    text = _el("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def make_docx(blocks: list[Block], options: dict[str, Any]) -> bytes:
    document = docx.Document()
    size = Pt(float(options.get("font_size", 10)))
    document.styles["Normal"].font.size = size
    mode = options.get("numbering", "literal")
    if mode in ("direct", "style"):
        _add_numbering(document, style_linked=mode == "style")
    section = document.sections[0]
    if options.get("header"):
        section.header.paragraphs[0].text = str(options["header"])
    if options.get("footer") == "page":
        footer = section.footer.paragraphs[0]
        footer.add_run("Page ")
        _page_field(footer, "PAGE")
        footer.add_run(" of ")
        _page_field(footer, "NUMPAGES")
    if int(options.get("columns", 1)) > 1:
        sect = section._sectPr
        cols = sect.find(qn("w:cols"))
        if cols is None:
            cols = _el("w:cols")
            sect.append(cols)
        cols.set(qn("w:num"), str(options["columns"]))
        cols.set(qn("w:space"), "567")
    counters = Counters()
    for block in blocks:
        if block.kind == "table":
            rows = block.rows
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            if options.get("borders", True):
                table.style = "Table Grid"
            table.autofit = False
            usable = (section.page_width - section.left_margin - section.right_margin) // int(options.get("columns", 1))
            for column in table.columns:
                for cell in column.cells:
                    cell.width = usable // width
            for grid in table._tbl.tblGrid.findall(qn("w:gridCol")):
                grid.set(qn("w:w"), str(int(usable // width / 635)))  # EMU -> twentieths of a point
            for r, row in enumerate(rows):
                for c in range(width):
                    cell = table.cell(r, c)
                    cell.text = row[c] if c < len(row) else ""
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            continue
        numbered = _numbered(block, counters) if mode in ("direct", "style") else None
        text = block.text if numbered is None else numbered[1]
        if block.kind == "heading":
            paragraph = document.add_heading(text, level=min(block.level, 9) if block.level > 1 else 1)
            if numbered is not None and mode == "direct":
                _number(paragraph, numbered[0])
            elif numbered is None and mode == "style" and block.level in (2, 3):
                # An unnumbered heading in a style-numbered document: switch numbering off for it.
                ppr = paragraph._p.get_or_add_pPr()
                numpr = _el("w:numPr")
                numpr.append(_el("w:numId", val="0"))
                ppr.append(numpr)
        else:
            paragraph = document.add_paragraph(text)
            if numbered is not None:
                _number(paragraph, numbered[0])
        if numbered is not None:
            counters.take(numbered[0])
    props = document.core_properties
    props.author = "Principal review corpus"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_modified_by = "Principal review corpus"
    props.revision = 1
    raw = io.BytesIO()
    document.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ------------------------------------------------------------------------------------------------------------ PDF


def docx_to_pdf(paths: list[Path]) -> None:
    """One LibreOffice run per folder, with a private profile so parallel runs elsewhere do not interfere."""
    by_folder: dict[Path, list[Path]] = {}
    for path in paths:
        by_folder.setdefault(path.parent, []).append(path)
    with tempfile.TemporaryDirectory(prefix="principal-soffice-") as profile:
        for folder, files in by_folder.items():
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(folder),
                    *map(str, files),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )


def build_deal(folder: Path) -> list[Path]:
    yaml = YAML(typ="safe")
    truth = yaml.load((folder / "truth.yaml").read_text(encoding="utf-8"))
    builds: dict[str, dict[str, Any]] = truth.get("build") or {}
    written = []
    for source in sorted(folder.glob("*.md")):
        options = copy.deepcopy(builds.get(source.stem, {}))
        markdown = source.read_text(encoding="utf-8")
        blocks = parse_markdown(markdown)
        title = next((b.text for b in blocks if b.kind == "heading"), source.stem)
        numbered = options.get("numbering", "literal") != "literal"
        html = make_html(markdown, title, str(truth.get("vendor", "")), numbered)
        source.with_suffix(".html").write_text(html, encoding="utf-8")
        target = source.with_suffix(".docx")
        target.write_bytes(make_docx(blocks, options))
        written.append(target)
    return written


def main(argv: list[str]) -> None:
    roots = [Path(a) for a in argv] or [CORPUS]
    folders = sorted({p.parent for root in roots for p in root.rglob("truth.yaml")})
    docx_files: list[Path] = []
    for folder in folders:
        docx_files.extend(build_deal(folder))
    docx_to_pdf(docx_files)
    print(f"built {len(docx_files)} documents in {len(folders)} deals (Markdown, HTML, DOCX, PDF each)")


if __name__ == "__main__":
    main(sys.argv[1:])
