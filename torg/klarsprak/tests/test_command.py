"""manage.py klarsprak FILE [--json] [--form nn|nb]: the report on a file, readable or as JSON."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from torg.klarsprak.tests import documents
from torg.klarsprak.tests.conftest import in_nynorsk

pytestmark = pytest.mark.django_db

LETTER = ["Vedtak om parkeringsløyve", "Vi har motteke søknaden din, samt vedlegga.", "Du får svar innan tre veker."]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("klarsprak", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def files(tmp_path):
    paths = {
        "txt": tmp_path / "brev.txt",
        "docx": tmp_path / "brev.docx",
        "odt": tmp_path / "brev.odt",
    }
    paths["txt"].write_text("\n\n".join(LETTER), encoding="utf-8")
    paths["docx"].write_bytes(documents.docx(*LETTER))
    paths["odt"].write_bytes(documents.odt("".join(f"<text:p>{p}</text:p>" for p in LETTER)))
    return paths


@pytest.mark.parametrize("kind", ["txt", "docx", "odt"])
def test_report_shows_lix_and_each_finding_at_its_line_and_column(files, kind):
    output = run(str(files[kind]))

    assert re.search(r"LIX \d+(\.\d)?: \w", output)
    # "samt" (officialese) on line 3, column 30 (the paragraphs are separated by blank lines).
    assert re.search(r"^3:30  .*«samt»", output, re.MULTILINE), output


def test_json_output_is_the_api_report_with_offsets_into_the_text(files):
    report = json.loads(run(str(files["docx"]), "--json"))

    text = "\n\n".join(LETTER)
    assert report["lix"]["sentences"] == 3
    assert report["findings"]
    for finding in report["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["excerpt"]


def test_bokmal_form_is_chosen_with_form(files):
    report = json.loads(run(str(files["txt"]), "--json", "--form", "nb"))

    assert "bokmal-form" not in report["rules_run"]


def test_pdf_is_checked(tmp_path):
    path = tmp_path / "vedtak.pdf"
    path.write_bytes(documents.pdf("Du får svar innan tre veker."))

    report = json.loads(run(str(path), "--json"))

    assert report["lix"]["words"] == 6


def test_other_file_types_are_refused_with_a_message(tmp_path):
    path = tmp_path / "program.exe"
    path.write_bytes(b"MZ")

    with pytest.raises(CommandError, match=r"\.txt-, \.docx-, \.odt- og \.pdf-filer"):
        run(str(path))


def test_large_files_are_refused(tmp_path, settings):
    settings.TORG_KLARSPRAK = {**settings.TORG_KLARSPRAK, "MAX_FILE_BYTES": 10}
    path = tmp_path / "lang.txt"
    path.write_text("Ein tekst som er lengre enn ti byte.")

    with pytest.raises(CommandError, match="for stor"):
        run(str(path))


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError) as error:
        run(str(tmp_path / "finst-ikkje.txt"))

    assert str(error.value) == in_nynorsk("There is no file at %(path)s.") % {"path": tmp_path / "finst-ikkje.txt"}
