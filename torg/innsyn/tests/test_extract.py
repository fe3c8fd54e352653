import io
import zipfile

import pytest
from weasyprint import HTML

from torg.core.tests.factories import UserFactory
from torg.innsyn.actions import attach_document, clear_document_text, import_journal
from torg.innsyn.extract import extract_document, text_to_html
from torg.innsyn.models import Dokumentbeskrivelse, TextBlock

from .test_import import ARKADE, NOARK

FNR = "01019012480"  # valid control digits


def docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
        )
    return out.getvalue()


def odt(paragraphs: list[str]) -> bytes:
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
            f"{body}</office:text></office:body></office:document-content>",
        )
    return out.getvalue()


def pdf(paragraphs: list[str]) -> bytes:
    return HTML(string="".join(f"<p>{p}</p>" for p in paragraphs)).write_pdf()


@pytest.mark.parametrize(("name", "make"), [("vedtak.docx", docx), ("vedtak.odt", odt), ("vedtak.pdf", pdf)])
def test_text_is_extracted_from_office_files_and_pdf(name: str, make) -> None:
    extracted = extract_document(name, make(["Vedtak om byggjeløyve", "Tiltaket kan gjennomførast."]))
    assert extracted.error == ""
    assert "Vedtak om byggjeløyve" in extracted.text and "gjennomførast" in extracted.text


def test_broken_file_gives_a_reason_not_an_exception() -> None:
    extracted = extract_document("vedtak.pdf", b"%PDF-1.4 broken")
    assert extracted.text == "" and extracted.error


def test_text_as_accessible_html_paragraphs() -> None:
    assert (
        str(text_to_html("Første <avsnitt>\n\nAndre\nlinje")) == "<p>Første &lt;avsnitt&gt;</p>\n<p>Andre<br>linje</p>"
    )


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.TORG_PRIVATE_MEDIA_ROOT = tmp_path


@pytest.mark.django_db
def test_document_with_fodselsnummer_is_blocked_until_cleared() -> None:
    import_journal(source=ARKADE / "arkivstruktur.xml", actor=None)
    staff = UserFactory(is_superuser=True)
    document = Dokumentbeskrivelse.objects.filter(journalpost__system_id="dbf32e5e-f6a2-4366-8ffa-5adb9ea54328").get()
    attach_document(dokument=document, name="soknad.docx", data=docx(["Søkjar", f"Fødselsnummer {FNR}"]), actor=staff)
    document.refresh_from_db()
    assert document.text_blocked_reason == TextBlock.FODSELSNUMMER and not document.text_is_public
    assert document.file.read().startswith(b"PK")
    clear_document_text(dokument=document, actor=staff)
    document.refresh_from_db()
    assert document.text_is_public and document.cleared_by == staff


@pytest.mark.django_db
def test_document_of_exempted_entry_is_never_public() -> None:
    import_journal(source=NOARK / "arkade5-Small-arkivstruktur.xml", actor=None)
    staff = UserFactory(is_superuser=True)
    document = Dokumentbeskrivelse.objects.filter(journalpost__tilgangsrestriksjon="Klientsaker").first()
    assert document is not None
    attach_document(dokument=document, name="notat.odt", data=odt(["Ingen nummer"]), actor=staff)
    document.refresh_from_db()
    assert document.text_blocked_reason == TextBlock.EXEMPTED and not document.text_is_public
