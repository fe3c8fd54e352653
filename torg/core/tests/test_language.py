"""The public site speaks the municipality's language form; gaps in other catalogues show Bokmål."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Site

from torg.core.models import MunicipalitySettings


def test_a_string_with_no_nynorsk_in_a_third_party_catalogue_shows_bokmal_not_english():
    with translation.override("nn"):
        # Wagtail's admin has no Nynorsk catalogue, only Bokmål.
        shown = gettext("Awaiting your review")
    with translation.override("nb"):
        bokmal = gettext("Awaiting your review")
    assert shown == bokmal
    assert shown != "Awaiting your review"


def test_torgs_own_strings_are_nynorsk():
    with translation.override("nn"):
        assert gettext("Skip to main content") == "Hopp til hovudinnhaldet"


def test_the_public_site_speaks_the_language_form_the_municipality_chose(site_tree, client):
    settings_row = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.language_form = "nb"
    settings_row.save()

    response = client.get("/")

    assert response["Content-Language"] == "nb"
    assert '<html lang="nb"' in response.content.decode()
