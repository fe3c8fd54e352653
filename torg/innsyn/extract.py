"""Text from journal documents (PDF, DOCX, ODT, TXT) for full-text search, and the same text
as simple accessible HTML (headings-free paragraphs) for documents that are published.

The reading itself is klarspråk's (:func:`torg.klarsprak.extract.extract_text`): one
paragraph per block, blank lines between; XML through defusedxml; PDF through pypdf.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from torg.klarsprak.extract import ExtractError, extract_text

EXTENSIONS = (".pdf", ".docx", ".odt", ".txt")
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".txt": "text/plain",
}


@dataclass(frozen=True)
class Extracted:
    text: str
    error: str  # empty when the text was read; else why not (in the active language)


def extract_document(name: str, data: bytes) -> Extracted:
    """The text of a document named ``name``; never raises on a bad file."""
    try:
        return Extracted(text=extract_text(name, data).strip(), error="")
    except ExtractError as error:
        return Extracted(text="", error=str(error))


def text_to_html(text: str) -> SafeString:
    """Extracted text as HTML paragraphs: blank lines part paragraphs, single line breaks stay."""
    paragraphs = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n")]
    html = "\n".join(
        "<p>" + "<br>".join(escape(line.strip()) for line in p.split("\n") if line.strip()) + "</p>"
        for p in paragraphs
        if p
    )
    return mark_safe(html)  # noqa: S308  (every piece of text is escaped above)
