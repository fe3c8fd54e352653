"""The municipality's own word lists: written one a line, checked with a clear message, merged over the settings."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from torg.core.models import MunicipalitySettings
from torg.core.queries import forget_municipality
from torg.core.roles import Role
from torg.klarsprak.models import KlarsprakSettings
from torg.klarsprak.queries import checker_config
from torg.klarsprak.tests.conftest import in_nynorsk
from torg.klarsprak.wordlists import parse_word_list


def test_word_list_lines_become_word_and_alternative():
    text = "# Frå kommunikasjonsplanen\nsamt = og\n\n  i henhold til   =  etter \nbevirke=føre til\n"

    assert parse_word_list(text) == {"samt": "og", "i henhold til": "etter", "bevirke": "føre til"}


def test_every_bad_line_is_named():
    with pytest.raises(ValidationError) as error:
        parse_word_list("samt = og\nherunder\n= likevel\ndog =\nSamt = òg")

    assert error.value.messages == [
        in_nynorsk("Line %(line)d has no “=”. Write the word, “=” and the alternative.") % {"line": 2},
        in_nynorsk("Line %(line)d has no word before “=”.") % {"line": 3},
        in_nynorsk("Line %(line)d has no alternative after “=”.") % {"line": 4},
        in_nynorsk("Line %(line)d repeats “%(word)s” from line %(first)d. Keep one of them.")
        % {"line": 5, "word": "Samt", "first": 1},
    ]


def test_a_lenient_read_keeps_the_good_lines():
    assert parse_word_list("samt = og\nherunder", lenient=True) == {"samt": "og"}


@pytest.mark.django_db
def test_back_office_lists_are_added_to_the_settings_and_win(site_tree, settings):
    settings.TORG_KLARSPRAK = {
        **settings.TORG_KLARSPRAK,
        "OFFICIALESE": {"samt": "og", "dog": "likevel"},
        "JARGON": {"KOSTRA": "statistikk om kommunen"},
        "LONG_SENTENCE_WORDS": 20,
    }
    KlarsprakSettings.objects.create(
        site=site_tree.home.get_site(),
        officialese="dog = men\nherunder = mellom anna",
        jargon="NAV = Arbeids- og velferdsetaten",
    )

    config = checker_config()

    assert config.form == "nn"
    assert config.long_sentence_words == 20
    assert dict(config.extra_officialese) == {"samt": "og", "dog": "men", "herunder": "mellom anna"}
    assert dict(config.jargon) == {"KOSTRA": "statistikk om kommunen", "NAV": "Arbeids- og velferdsetaten"}


@pytest.mark.django_db
def test_language_form_follows_the_municipality_unless_asked(site_tree):
    municipality = MunicipalitySettings.for_site(site_tree.home.get_site())
    municipality.language_form = "nb"
    municipality.save()
    forget_municipality()

    assert checker_config().form == "nb"
    assert checker_config("nn").form == "nn"


@pytest.mark.django_db
def test_kommunikasjonssjef_gets_a_clear_error_for_a_bad_line(site_tree, user_with_role, admin_client_for):
    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)
    editor.user_permissions.add(Permission.objects.get(codename="change_klarspraksettings"))
    url = f"/admin/settings/klarsprak/klarspraksettings/{site_tree.home.get_site().pk}/"

    response = admin_client_for(editor).post(url, {"officialese": "samt = og\nherunder", "jargon": ""})

    assert response.status_code == 200
    assert in_nynorsk("Line %(line)d has no “=”. Write the word, “=” and the alternative.") % {"line": 2} in (
        response.content.decode()
    )
    assert not KlarsprakSettings.objects.filter(officialese__contains="herunder").exists()


@pytest.mark.django_db
def test_kommunikasjonssjef_saves_the_lists(site_tree, user_with_role, admin_client_for):
    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)
    editor.user_permissions.add(Permission.objects.get(codename="change_klarspraksettings"))
    url = f"/admin/settings/klarsprak/klarspraksettings/{site_tree.home.get_site().pk}/"

    response = admin_client_for(editor).post(url, {"officialese": "herunder = mellom anna", "jargon": ""})

    assert response.status_code == 302
    assert dict(checker_config().extra_officialese)["herunder"] == "mellom anna"
