"""Residents answer "Forstod du teksten?"; writers and the editor see the answers per text."""

from __future__ import annotations

import datetime

import time_machine
from django.utils import timezone

from torg.core.roles import Role
from torg.textfeedback.actions import delete_old_comments, submit_text_feedback
from torg.textfeedback.models import TextFeedback
from torg.web.tests.factories import ServicePageFactory


def _service(site_tree, area="a", **kwargs):
    parent = site_tree.area_page_a if area == "a" else site_tree.area_page_b
    return ServicePageFactory.create(parent=parent, **kwargs)


def test_a_service_page_asks_whether_the_text_was_understood_without_setting_a_cookie(site_tree, client):
    page = _service(site_tree, title="Heimehjelp")

    response = client.get(page.url)

    html = response.content.decode()
    assert "Forstod du teksten?" in html
    assert f'action="/forstod/{page.pk}/"' in html
    assert "Set-Cookie" not in response.headers  # the page stays in the page cache


def test_an_answer_is_kept_and_the_resident_is_thanked(site_tree, client):
    page = _service(site_tree)

    response = client.post(f"/forstod/{page.pk}/", {"understood": "nei", "comment": "Kva betyr vedtak?"})

    assert response.status_code == 302
    assert response["Location"] == f"{page.url}?forstod=takk#forstod"
    answer = TextFeedback.objects.get()
    assert (answer.page_id, answer.understood, answer.comment) == (page.pk, False, "Kva betyr vedtak?")
    thanks = client.get(response["Location"]).content.decode()
    assert "Takk" in thanks


def test_an_answer_without_yes_or_no_is_refused_in_nynorsk_and_the_comment_is_kept(site_tree, client):
    page = _service(site_tree)

    response = client.post(f"/forstod/{page.pk}/", {"comment": "Teksten var lang."})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Vel ja eller nei." in html
    assert "Teksten var lang." in html
    assert not TextFeedback.objects.exists()


def test_a_robot_filling_the_hidden_field_is_thanked_but_nothing_is_kept(site_tree, client):
    page = _service(site_tree)

    response = client.post(f"/forstod/{page.pk}/", {"understood": "ja", "website": "http://spam.example"})

    assert response.status_code == 302
    assert not TextFeedback.objects.exists()


def test_many_answers_from_one_client_about_one_page_are_limited(site_tree, client):
    page = _service(site_tree)
    statuses = [client.post(f"/forstod/{page.pk}/", {"understood": "ja"}).status_code for _ in range(7)]

    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429, 429]
    assert TextFeedback.objects.count() == 5


def test_a_draft_page_takes_no_answers(site_tree, client):
    draft = _service(site_tree, live=False)

    assert client.post(f"/forstod/{draft.pk}/", {"understood": "ja"}).status_code == 404
    assert client.get(f"/forstod/{draft.pk}/").status_code == 405


def test_comments_are_blanked_after_the_keeping_period_but_the_count_stays(site_tree, settings):
    settings.TORG_TEXT_FEEDBACK_KEEP_DAYS = 30
    page = _service(site_tree)
    with time_machine.travel(timezone.now() - datetime.timedelta(days=40)):
        submit_text_feedback(page=page, understood=False, comment="Gammal kommentar")
    submit_text_feedback(page=page, understood=True, comment="Ny kommentar")

    assert delete_old_comments() == 1

    assert sorted(TextFeedback.objects.values_list("comment", flat=True)) == ["", "Ny kommentar"]


def test_writers_see_answers_for_their_own_area_and_the_editor_sees_all(site_tree, user_with_role, admin_client_for):
    ours = _service(site_tree, "a", title="Heimesjukepleie")
    theirs = _service(site_tree, "b", title="Skuleskyss")
    for page, understood in ((ours, False), (ours, True), (theirs, True)):
        submit_text_feedback(page=page, understood=understood, comment="")
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)

    own = admin_client_for(web_contact).get("/admin/forstod/").content.decode()
    everything = admin_client_for(editor).get("/admin/forstod/").content.decode()

    assert "Heimesjukepleie" in own and "50 %" in own
    assert "Skuleskyss" not in own
    assert "Heimesjukepleie" in everything and "Skuleskyss" in everything
    assert admin_client_for(web_contact).get(f"/admin/forstod/{theirs.pk}/").status_code == 404
