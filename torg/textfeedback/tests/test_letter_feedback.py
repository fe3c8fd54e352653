"""Every letter from an approved template links to "Forstod du brevet?"; answers are counted per template."""

from __future__ import annotations

from torg.brevmalar.render import render_letter
from torg.brevmalar.tests.factories import LetterTemplateFactory
from torg.core.roles import Role
from torg.textfeedback.models import TextFeedback


def test_a_letter_from_an_approved_template_links_to_its_question(site_tree):
    approved = LetterTemplateFactory.create(live=True, title="Svar på søknad")
    draft = LetterTemplateFactory.create(live=False)

    assert f"/forstod/brev/{approved.pk}/" in render_letter(approved, {"namn": "Kari"})
    assert "/forstod/brev/" not in render_letter(draft, {"namn": "Kari"})


def test_a_resident_answers_about_a_letter_without_a_name(site_tree, client):
    template = LetterTemplateFactory.create(live=True, title="Svar på søknad")
    url = f"/forstod/brev/{template.pk}/"

    question = client.get(url)
    answered = client.post(url, {"understood": "nei", "comment": "Eg forstod ikkje fristen."})

    assert question.status_code == 200
    assert "Forstod du brevet?" in question.content.decode()
    assert "Set-Cookie" not in question.headers
    assert answered.status_code == 200
    assert "Takk" in answered.content.decode()
    answer = TextFeedback.objects.get()
    assert (answer.letter_template_id, answer.page_id, answer.understood) == (template.pk, None, False)


def test_a_draft_template_has_no_question_and_bad_answers_are_explained(site_tree, client):
    draft = LetterTemplateFactory.create(live=False)
    approved = LetterTemplateFactory.create(live=True)

    assert client.get(f"/forstod/brev/{draft.pk}/").status_code == 404
    refused = client.post(f"/forstod/brev/{approved.pk}/", {"comment": "Uklart."})
    assert refused.status_code == 400
    assert "Vel ja eller nei." in refused.content.decode()
    assert not TextFeedback.objects.exists()


def test_the_report_counts_answers_per_letter_template(site_tree, client, user_with_role, admin_client_for):
    template = LetterTemplateFactory.create(live=True, title="Førebels svar")
    for answer in ("ja", "ja", "nei", "ja"):
        client.post(f"/forstod/brev/{template.pk}/", {"understood": answer})

    html = admin_client_for(user_with_role(Role.KOMMUNIKASJONSSJEF)).get("/admin/forstod/").content.decode()

    assert "Førebels svar" in html
    assert "75 %" in html
