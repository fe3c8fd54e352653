"""Files for the demo journal's documents: tagged PDF, DOCX, ODT or UTF-8 text, made from a few paragraphs."""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Document:
    name: str  # the file name; its extension says the format
    title: str
    lines: str  # one paragraph a line

    @property
    def paragraphs(self) -> list[str]:
        return self.lines.splitlines()


def _office(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content, zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def render(document: Document) -> bytes:
    """The document as a file in the format its name says: tagged PDF, DOCX, ODT or UTF-8 text."""
    suffix = Path(document.name).suffix
    paragraphs = [document.title, *document.paragraphs]
    if suffix == ".txt":
        return "\n\n".join(paragraphs).encode()
    if suffix == ".pdf":
        body = "".join(f"<p>{escape(p)}</p>" for p in document.paragraphs)
        html = (
            f'<!doctype html><html lang="nn"><head><meta charset="utf-8"><title>{escape(document.title)}</title>'
            f"</head><body><h1>{escape(document.title)}</h1>{body}</body></html>"
        )
        # WeasyPrint logs "Step 1 - Fetching …" at INFO for every PDF, and for its own style
        # sheets when it is first imported: quiet for the demo's load.
        steps = logging.getLogger("weasyprint.progress")
        level = steps.level
        steps.setLevel(logging.WARNING)
        try:
            import weasyprint  # slow to load; only the demo needs it

            return bytes(weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
        finally:
            steps.setLevel(level)
    if suffix == ".docx":
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
        return _office(
            {
                "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
                'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                "</Types>",
                "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
                "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{body}'
                "</w:body></w:document>",
            }
        )
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    body = f"<text:h text:outline-level='1'>{escape(document.title)}</text:h>" + "".join(
        f"<text:p>{escape(p)}</text:p>" for p in document.paragraphs
    )
    return _office(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "META-INF/manifest.xml": '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
            'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="'
            'content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
            "content.xml": f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
            f'opendocument:xmlns:office:1.0" xmlns:text="{text}" office:version="1.2"><office:body><office:text>{body}'
            "</office:text></office:body></office:document-content>",
        }
    )
