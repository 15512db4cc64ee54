"""Reading documents into text: plain text, officiële bekendmakingen XML/HTML, VLOS XML, PDF, Word.

Pure: bytes in, `SourceText` out. Offsets in `Segment`s point into `SourceText.text`.
The readers live in `tracker.formats`; the types they share live in the leaf module `tracker.source`
(re-exported here); this module picks the reader.
"""

from __future__ import annotations

import logging

from tracker.formats import common, html, office, officiele, plain, vlos
from tracker.source import MAX_BYTES, Segment, SourceText, UnreadableDocument

log = logging.getLogger(__name__)

__all__ = ["MAX_BYTES", "Segment", "SourceText", "UnreadableDocument", "detect_format", "read_document"]


def detect_format(data: bytes, name: str = "") -> str:
    """Which reader to use: "pdf", "docx", "vlos", "officiele", "html", "xml" or "plain".

    Content decides; the name only breaks ties. "zip" and "ole" (old .doc) have no reader.
    """
    head = data[:4096].lstrip(b"\xef\xbb\xbf\xc3\xaf\xc2\xbb\xc2\xbf \t\r\n")
    suffix = name.lower().rpartition(".")[2] if "." in name else ""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or suffix == "docx" else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if suffix == "txt" or not head.startswith(b"<"):
        return "plain"
    lowered = head.lower()
    if b"vlosCoreDocument" in head:
        return "vlos"
    if b"<officiele-publicatie" in lowered:
        return "officiele"
    if b"<html" in lowered or b"<!doctype html" in lowered or suffix in ("html", "htm", "xhtml"):
        return "html"
    return "xml"


def read_document(data: bytes, name: str = "") -> SourceText:
    """Read a document of any supported format; `name` (a file name) hints at the format.

    Raises `UnreadableDocument` with a one-line reason for what cannot be read.
    """
    if not data or not data.strip():
        raise UnreadableDocument("empty document")
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(
            f"document too large ({len(data) // 1_000_000} MB; limit {MAX_BYTES // 1_000_000} MB)"
        )
    try:
        return _read(data, detect_format(data, name))
    except UnreadableDocument:
        raise
    except RecursionError as exc:
        raise UnreadableDocument("document nested too deeply") from exc
    except Exception as exc:  # a reader bug must not take the caller down; say what happened in one line
        log.exception("reading %s failed", name or "a document")
        raise UnreadableDocument(f"could not read document: {type(exc).__name__}: {str(exc)[:120]}") from exc


def _read(data: bytes, fmt: str) -> SourceText:
    if fmt == "plain":
        return plain.read_plain(data)
    if fmt == "pdf":
        return office.read_pdf(data)
    if fmt == "docx":
        return office.read_docx(data)
    if fmt == "zip":
        raise UnreadableDocument("zip archive that is not a Word document")
    if fmt == "ole":
        raise UnreadableDocument("old binary Word/Office format (.doc); only .docx is supported")
    if fmt == "html":
        return html.read_html(data)
    root, recovered = common.parse_xml(data)
    root_name = common.local(root.tag)
    if root_name == "vlosCoreDocument":
        source = vlos.read_vlos(root)
    elif root_name == "html":
        return html.read_html(data)
    else:
        source = officiele.read_officiele(root)
    if recovered and not source.text:
        raise UnreadableDocument("broken XML: nothing readable in it")
    if recovered:
        source.meta["recovered"] = "broken XML read in lxml's recover mode; text may be incomplete"
    return source
