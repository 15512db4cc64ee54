"""PDF (pypdf) and Word .docx (python-docx): the scraper's fallback when a letter has no XML publication."""

from __future__ import annotations

import io
import logging
import re
import statistics
import zipfile
from typing import Any

from tracker.formats.common import TextBuilder, find_letter_date, looks_like_letter, repair_mojibake
from tracker.formats.plain import paragraphs
from tracker.source import SourceText, UnreadableDocument

log = logging.getLogger(__name__)

# A .docx is a zip; refuse archives that would unpack to more than this (zip bombs).
MAX_UNPACKED = 200 * 1024 * 1024


_SPACES = re.compile(r"[ \t\xa0]{2,}")


def _page_text(page: Any) -> str:
    """A page's text with a blank line between paragraphs.

    pypdf's layout mode shows vertical gaps as blank lines. Where the line spacing alone already gives a blank
    line between most lines, only gaps larger than the usual one count as a paragraph break.
    """
    try:
        raw = page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode is stricter about fonts; the plain mode still gives the words
        log.debug("pypdf layout extraction failed; using plain extraction", exc_info=True)
        raw = page.extract_text()
    lines = [_SPACES.sub(" ", line.strip()) for line in (raw or "").splitlines()]
    blocks: list[tuple[int, list[str]]] = []  # (blank lines before, lines)
    blank = 0
    for line in lines:
        if not line:
            blank += 1
        elif blocks and blank == 0:
            blocks[-1][1].append(line)
        else:
            blocks.append((blank, [line]))
            blank = 0
    gaps = [b for b, _ in blocks[1:]]
    joins = sum(len(block) - 1 for _, block in blocks)  # line transitions without a blank line
    usual = statistics.median_low(gaps) if len(gaps) > 2 and len(gaps) > joins else 0
    out: list[str] = []
    for before, block in blocks:
        if out:
            out.append("\n\n" if before > usual else "\n")
        out.append("\n".join(block))
    return "".join(out)


def read_pdf(data: bytes) -> SourceText:
    from pypdf import PdfReader  # imported here: reading plain text and XML should not pay for it

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument("encrypted PDF")
        pages = [_page_text(page) for page in reader.pages]
        info = reader.metadata
        title = str(info.title).strip() if info is not None and info.title else None
    except UnreadableDocument:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise UnreadableDocument(f"broken PDF: {type(exc).__name__}: {str(exc)[:120]}") from exc
    # pages apart by a blank line, so a paragraph never runs across a page break unnoticed
    text = repair_mojibake("\n\n".join(p for p in pages if p))
    found = find_letter_date(text)
    kind = "letter" if found or looks_like_letter(text) else "plain"
    meta = {"format": "pdf", "pages": str(len(pages))}
    if not text.strip():
        meta["note"] = "no text layer (a scanned PDF?)"
    return SourceText(text, kind, found, title or None, paragraphs(text), meta=meta)


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableDocument(f"broken zip archive: {exc}") from exc
    if unpacked > MAX_UNPACKED:
        raise UnreadableDocument(f"Word document unpacks to {unpacked // 1_000_000} MB; refused")


def read_docx(data: bytes) -> SourceText:
    import docx  # imported here, like pypdf
    from docx.table import Table

    _check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
        out = TextBuilder()
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    out.add(" | ".join(cell.text for cell in row.cells))
                continue
            style = (block.style.name if block.style is not None else "") or ""
            is_list = style.startswith("List") or (
                block._p.pPr is not None and block._p.pPr.numPr is not None
            )
            kind = (
                "heading"
                if style.startswith(("Heading", "Title", "Kop"))
                else "list_item"
                if is_list
                else "paragraph"
            )
            out.add(repair_mojibake(block.text), kind)
        title = document.core_properties.title or None
    except UnreadableDocument:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds of errors on damaged files
        raise UnreadableDocument(f"broken Word document: {type(exc).__name__}: {str(exc)[:120]}") from exc
    text = out.text()
    found = find_letter_date(text)
    kind = "letter" if found or looks_like_letter(text) else "plain"
    return SourceText(text, kind, found, title, tuple(out.segments), meta={"format": "docx"})
