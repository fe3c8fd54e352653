"""Text from the files people check: each paragraph once, in order; a clear message when it cannot be read."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfWriter

from torg.klarsprak.extract import ExtractError, extract_text, html_to_text
from torg.klarsprak.tests import documents


def test_docx_gives_one_paragraph_per_block_with_tabs():
    data = documents.docx("Søknad om barnehageplass", "Fristen er 1. mars.\tSøk i god tid.")

    assert extract_text("brev.docx", data) == "Søknad om barnehageplass\n\nFristen er 1. mars.\tSøk i god tid."


def test_docx_text_box_is_read_once_and_deleted_text_not_at_all():
    text_box = (
        f'<w:p><w:r><w:t>Før boksen.</w:t></w:r><w:r><w:pict><w:txbxContent xmlns:w="{documents.W}">'
        "<w:p><w:r><w:t>I boksen.</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>"
        "<w:del><w:r><w:delText>Sletta.</w:delText></w:r></w:del></w:p>"
    )

    text = extract_text("brev.docx", documents.docx(extra_body=text_box))

    assert text == "Før boksen.\n\nI boksen."


def test_odt_reads_headings_spans_spaces_and_line_breaks():
    content = (
        "<text:h>Parkering</text:h>"
        '<text:p>Du <text:span>må</text:span> ha løyve.<text:s text:c="2"/>Det kostar<text:line-break/>200 kr.</text:p>'
        "<text:list><text:list-item><text:p>Søk på nett.</text:p></text:list-item></text:list>"
    )

    text = extract_text("side.odt", documents.odt(content))

    assert text == "Parkering\n\nDu må ha løyve.  Det kostar\n200 kr.\n\nSøk på nett."


def test_pdf_text_keeps_norwegian_letters():
    assert extract_text("vedtak.pdf", documents.pdf("Vedtak om støtte.", "Du får svar på søknaden.")) == (
        "Vedtak om støtte.\nDu får svar på søknaden."
    )


def test_locked_pdf_is_refused_with_what_to_do():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("hemmeleg")
    buffer = io.BytesIO()
    writer.write(buffer)

    with pytest.raises(ExtractError, match="passord"):
        extract_text("låst.pdf", buffer.getvalue())


def test_pdf_without_text_says_so():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)

    with pytest.raises(ExtractError, match="ingen tekst"):
        extract_text("skanna.pdf", buffer.getvalue())


@pytest.mark.parametrize("name", ["brev.docx", "brev.odt", "brev.pdf"])
def test_a_broken_file_cannot_be_read(name):
    with pytest.raises(ExtractError, match="kan ikkje lesa"):
        extract_text(name, b"PK\x03\x04 ikkje ei fil")


def test_an_xml_bomb_is_refused():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        f'<w:document xmlns:w="{documents.W}"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", bomb)

    with pytest.raises(ExtractError):
        extract_text("bombe.docx", buffer.getvalue())


def test_other_file_types_are_refused():
    with pytest.raises(ExtractError, match=r"\.txt-, \.docx-, \.odt- og \.pdf-filer"):
        extract_text("program.exe", b"MZ")


def test_files_over_the_size_limit_are_refused(settings):
    settings.TORG_KLARSPRAK = {**settings.TORG_KLARSPRAK, "MAX_FILE_BYTES": 1024 * 1024}

    with pytest.raises(ExtractError, match="for stor"):
        extract_text("stor.txt", b"a" * (1024 * 1024 + 1))


def test_text_files_in_windows_encoding_are_read():
    assert extract_text("gamal.txt", "Søknad\r\nom støtte".encode("cp1252")) == "Søknad\nom støtte"


def test_rich_text_becomes_one_block_per_paragraph_and_item():
    html = '<h2>Slik søkjer du</h2><p>Fyll ut <a href="/skjema/">skjemaet</a> &amp; send det.</p><ul><li>Ein</li><li>To</li></ul>'

    assert html_to_text(html) == "Slik søkjer du\n\nFyll ut skjemaet & send det.\n\nEin\n\nTo"
