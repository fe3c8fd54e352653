"""Plain text from the files people check: .txt, .docx, .odt and .pdf; and from HTML.

DOCX and ODT are zip files of XML: paragraphs are ``w:p`` in
``word/document.xml`` and ``text:p``/``text:h`` in ``content.xml``. Each
paragraph becomes one line and a blank line separates paragraphs, so the
checker sees each as its own sentence. XML is read with defusedxml (no entity
expansion), and zip members are size-checked before they are read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from django.conf import settings
from django.utils.translation import gettext as _

EXTENSIONS = (".txt", ".docx", ".odt", ".pdf")
# The XML inside an office file may be far larger than the file; past this it is refused.
MAX_XML_BYTES = 50 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class ExtractError(ValueError):
    """The file cannot be read; the message says why and what to do, in the user's language."""


def max_file_bytes() -> int:
    return int(settings.TORG_KLARSPRAK["MAX_FILE_BYTES"])


def check_upload(name: str, size: int) -> str:
    """The extension of an acceptable file ``name`` of ``size`` bytes; ExtractError if not."""
    suffix = Path(name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise ExtractError(
            _("Torg can read .txt, .docx, .odt and .pdf files, not “%(name)s”. Save the text as one of these.")
            % {"name": Path(name).name}
        )
    if size > max_file_bytes():
        raise ExtractError(
            _("The file is too large: at most %(mb)d MB. Split the text or paste it.")
            % {"mb": max_file_bytes() // (1024 * 1024)}
        )
    return suffix


def extract_text(name: str, data: bytes) -> str:
    """The text in a file called ``name`` holding ``data``."""
    suffix = check_upload(name, len(data))
    if suffix == ".txt":
        return _decode(data)
    if suffix == ".docx":
        return _office_text(data, "word/document.xml", paragraphs=(f"{_W}p",), note_tags=())
    if suffix == ".odt":
        return _office_text(data, "content.xml", paragraphs=(f"{_TEXT}p", f"{_TEXT}h"), note_tags=(f"{_TEXT}note",))
    return _pdf_text(data)


def extract_file(path: Path) -> str:
    check_upload(path.name, path.stat().st_size)
    return extract_text(path.name, path.read_bytes())


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise ExtractError(_("The text file is not UTF-8. Save it as UTF-8 and try again."))


def _unreadable() -> ExtractError:
    return ExtractError(_("Torg cannot read the file. Open it, save it again and try once more."))


def _office_text(data: bytes, member: str, *, paragraphs: tuple[str, ...], note_tags: tuple[str, ...]) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(member)
            if info.file_size > MAX_XML_BYTES:
                raise ExtractError(_("The document is too large to check. Split it into smaller parts."))
            root = ElementTree.fromstring(archive.read(member))
    except ExtractError:
        raise
    except Exception as error:  # not a zip, no such member, bad XML, entities refused, bad compression
        raise _unreadable() from error
    lines = ["".join(_run_text(p, paragraphs, note_tags)).strip() for p in _paragraphs(root, paragraphs)]
    return "\n\n".join(line for line in lines if line)


def _paragraphs(element: Element, tags: tuple[str, ...]) -> Iterator[Element]:
    """Paragraph elements in document order; one inside another (text boxes) comes after it."""
    for child in element:
        if child.tag in tags:
            yield child
        yield from _paragraphs(child, tags)


def _run_text(element: Element, paragraphs: tuple[str, ...], skipped: tuple[str, ...]) -> Iterator[str]:
    """The text of one paragraph, without paragraphs nested in it (text boxes) or footnotes.

    In ODT, text sits in elements and in the tails after them; in DOCX only in ``w:t``.
    """
    tag = element.tag
    odt = tag.startswith(_TEXT) or not tag.startswith(_W)
    if tag in (f"{_W}tab", f"{_TEXT}tab"):
        yield "\t"
    elif tag in (f"{_W}br", f"{_TEXT}line-break"):
        yield "\n"
    elif tag == f"{_TEXT}s":
        count = element.get(f"{_TEXT}c", "1")
        yield " " * (int(count) if count.isdigit() else 1)
    elif tag == f"{_W}t" or odt:
        yield element.text or ""
    for child in element:
        if child.tag not in paragraphs and child.tag not in skipped:
            yield from _run_text(child, paragraphs, skipped)
        if odt:
            yield child.tail or ""


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractError(_("The PDF file is locked with a password. Save a copy without the lock."))
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractError:
        raise
    except Exception as error:  # pypdf raises many kinds on broken files
        raise _unreadable() from error
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise ExtractError(_("The PDF file has no text Torg can read (a scanned page is a picture)."))
    return text


class _HtmlText(HTMLParser):
    BLOCKS = frozenset(
        ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "div", "blockquote", "tr", "table", "section")
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []

    def _break(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self._break()
        elif tag == "br":
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        self.current.append(data)


def html_to_text(html: str) -> str:
    """Rich text as plain text: one paragraph, heading or list item per block, blank lines between."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    parser._break()
    return "\n\n".join(parser.blocks)
