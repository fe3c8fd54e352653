"""Logging in with ID-porten, against a local OIDC provider over real HTTP (tests/provider.py)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from .. import oidc
from ..actions import link_item
from ..models import ResidentLink
from ..session import SESSION_KEY, pid_hash
from .conftest import idporten_login
from .provider import PID, LocalProvider, new_key, pem

pytestmark = pytest.mark.django_db


def nn(message: str) -> str:
    with translation.override("nn"):
        return gettext(message)


def logged_in(client: Client) -> bool:
    return 'action="/mi-side/logg-ut/"' in client.get("/mi-side/").content.decode()


def test_the_login_page_shows_the_idporten_button_when_it_is_set_up(client: Client, idporten: LocalProvider) -> None:
    page = client.get("/mi-side/").content.decode()

    assert 'action="/mi-side/idporten/"' in page
    assert nn("Log in with ID-porten") in page


def test_a_resident_logs_in_with_idporten_and_sees_only_the_cases_linked_to_them(
    client: Client, idporten: LocalProvider, cases: dict[str, Any]
) -> None:
    from torg.inquiries.tests.factories import make_inquiry

    linked = make_inquiry(email="", phone="91234567", title="Søknad om parkeringsløyve")
    link_item(pid_hash=pid_hash(PID), source="servicetorget", object_id=linked.pk)
    link_item(pid_hash=pid_hash("31129912345"), source="servicetorget", object_id=cases["other_inquiry"].pk)

    response = idporten_login(client, idporten)

    assert response.status_code == 302 and response["Location"] == "/mi-side/"
    page = client.get("/mi-side/").content.decode()
    assert linked.reference in page
    assert cases["inquiry"].reference not in page, "no e-mail from userinfo: only the linked cases"
    assert cases["other_inquiry"].reference not in page
    assert "substantial" in page or nn("substantial") in page


def test_the_authorize_request_carries_pkce_s256_state_nonce_and_the_level(
    client: Client, idporten: LocalProvider
) -> None:
    idporten_login(client, idporten)

    asked = idporten.authorize_requests[-1]
    assert asked["response_type"] == "code"
    assert asked["code_challenge_method"] == "S256" and len(asked["code_challenge"]) == 43
    assert len(asked["state"]) >= 20 and len(asked["nonce"]) >= 20
    assert asked["acr_values"] == "idporten-loa-substantial"
    assert asked["ui_locales"] == "nn"
    assert asked["redirect_uri"].endswith("/mi-side/idporten/tilbake/")
    token = idporten.token_requests[-1]
    assert token["form"]["code_verifier"] and token["headers"]["Authorization"].startswith("Basic ")


def test_the_level_asked_for_is_a_setting(client: Client, idporten: LocalProvider, settings: Any) -> None:
    settings.TORG_IDPORTEN_ACR = "idporten-loa-high"
    idporten.acr = "idporten-loa-high"

    response = idporten_login(client, idporten)

    assert idporten.authorize_requests[-1]["acr_values"] == "idporten-loa-high"
    assert response.status_code == 302 and logged_in(client)


def test_a_login_below_the_level_asked_for_is_refused(client: Client, idporten: LocalProvider, settings: Any) -> None:
    settings.TORG_IDPORTEN_ACR = "idporten-loa-high"

    response = idporten_login(client, idporten)  # the provider answers substantial

    assert response.status_code == 403
    assert nn("You need a higher security level") in response.content.decode()
    assert not logged_in(client)


def test_a_low_level_login_is_refused_at_the_default_level(client: Client, idporten: LocalProvider) -> None:
    idporten.acr = "idporten-loa-low"

    assert idporten_login(client, idporten).status_code == 403
    assert not logged_in(client)


def test_an_unknown_level_is_refused(client: Client, idporten: LocalProvider) -> None:
    idporten.acr = "eidas-loa-high-or-whatever"

    assert idporten_login(client, idporten).status_code == 403


def test_a_higher_level_than_asked_for_is_accepted(client: Client, idporten: LocalProvider) -> None:
    idporten.acr = "idporten-loa-high"

    assert idporten_login(client, idporten).status_code == 302
    assert logged_in(client)


def _replace(back: str, name: str, value: str) -> str:
    url = urlsplit(back)
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    query[name] = value
    from urllib.parse import urlencode

    return url._replace(query=urlencode(query)).geturl()


def test_a_wrong_state_is_refused(client: Client, idporten: LocalProvider) -> None:
    response = idporten_login(client, idporten, tamper=lambda back: _replace(back, "state", "ikkje-var-state"))

    assert response.status_code == 400
    assert nn("The login did not succeed") in response.content.decode()
    assert not idporten.token_requests, "no code is exchanged for an unknown state"
    assert not logged_in(client)


def test_the_same_answer_cannot_be_used_twice(client: Client, idporten: LocalProvider) -> None:
    seen: list[str] = []

    def keep(back: str) -> str:
        seen.append(back)
        return back

    assert idporten_login(client, idporten, tamper=keep).status_code == 302
    other = Client()

    url = urlsplit(seen[0])
    replay = other.get(f"{url.path}?{url.query}")

    assert replay.status_code == 400
    assert not logged_in(other)


def test_a_wrong_nonce_is_refused(client: Client, idporten: LocalProvider) -> None:
    idporten.nonce = "another-nonce"

    response = idporten_login(client, idporten)

    assert response.status_code == 400 and not logged_in(client)


def test_an_expired_id_token_is_refused(client: Client, idporten: LocalProvider) -> None:
    idporten.expired = True

    assert idporten_login(client, idporten).status_code == 400
    assert not logged_in(client)


def test_an_id_token_with_a_bad_signature_is_refused(client: Client, idporten: LocalProvider) -> None:
    idporten.signing_key = new_key()  # same kid, another key

    assert idporten_login(client, idporten).status_code == 400
    assert not logged_in(client)


def test_an_id_token_for_another_client_or_from_another_issuer_is_refused(
    client: Client, idporten: LocalProvider
) -> None:
    idporten.audience = "another-client"
    assert idporten_login(client, idporten).status_code == 400

    idporten.audience = None
    idporten.issuer_claim = "https://evil.example"
    assert idporten_login(Client(), idporten).status_code == 400


def test_an_id_token_without_a_pid_is_refused(client: Client, idporten: LocalProvider) -> None:
    idporten.pid = None

    assert idporten_login(client, idporten).status_code == 400


def test_a_provider_that_does_not_answer_gives_a_clear_message(client: Client, idporten: LocalProvider) -> None:
    idporten.stop()

    response = client.post("/mi-side/idporten/")

    assert response.status_code == 503
    assert nn("ID-porten is not answering right now. Try again in a few minutes, or log in with a link by e-mail.") in (
        response.content.decode()
    )


def test_a_token_endpoint_that_fails_gives_the_same_clear_message(client: Client, idporten: LocalProvider) -> None:
    idporten.token_status = 500

    response = idporten_login(client, idporten)

    assert response.status_code == 503
    assert nn("ID-porten is not answering") in response.content.decode()


def test_a_discovery_document_naming_another_issuer_is_not_trusted(
    client: Client, idporten: LocalProvider, settings: Any
) -> None:
    settings.TORG_IDPORTEN_ISSUER = idporten.issuer.replace("127.0.0.1", "localhost")

    assert client.post("/mi-side/idporten/").status_code == 503


def test_a_resident_who_stops_at_idporten_is_told_so_on_the_login_page(client: Client, idporten: LocalProvider) -> None:
    idporten.deny = True

    response = idporten_login(client, idporten)

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert nn("You stopped the login at ID-porten. You can log in again when you like.") in page


def test_an_email_from_userinfo_also_shows_the_cases_sent_with_that_address(
    client: Client, idporten: LocalProvider, cases: dict[str, Any]
) -> None:
    idporten.email = "kari@example.org"

    idporten_login(client, idporten)

    page = client.get("/mi-side/").content.decode()
    assert cases["inquiry"].reference in page and "Vedlikehald av brua over elva" in page


def test_private_key_jwt_authenticates_the_client(
    client: Client, idporten: LocalProvider, settings: Any, tmp_path: Path
) -> None:
    key = new_key()
    key_file = tmp_path / "idporten.pem"
    key_file.write_text(pem(key))
    idporten.client_key = key.public_key()
    settings.TORG_IDPORTEN_CLIENT_AUTH = "private_key_jwt"
    settings.TORG_IDPORTEN_CLIENT_SECRET = ""
    settings.TORG_IDPORTEN_PRIVATE_KEY_FILE = str(key_file)

    response = idporten_login(client, idporten)

    assert response.status_code == 302 and logged_in(client)
    assert "client_assertion" in idporten.token_requests[-1]["form"]
    assert "Authorization" not in idporten.token_requests[-1]["headers"]


def test_the_national_identity_number_is_never_stored_or_logged(
    client: Client, idporten: LocalProvider, caplog: pytest.LogCaptureFixture
) -> None:
    from torg.inquiries.tests.factories import make_inquiry

    caplog.set_level(logging.DEBUG)
    inquiry = make_inquiry()

    idporten_login(client, idporten)
    link_item(pid_hash=pid_hash(PID), source="servicetorget", object_id=inquiry.pk)
    idporten.expired = True
    idporten_login(Client(), idporten)  # a failure is logged too

    stored = " ".join(str(s.get_decoded()) for s in Session.objects.all())
    assert pid_hash(PID) in stored and PID not in stored
    assert PID not in caplog.text
    assert PID not in str(list(ResidentLink.objects.values())) + str(list(ModelLogEntry.objects.values()))
    assert client.session[SESSION_KEY]["kind"] == "pid"


def test_the_levels_are_ranked_low_substantial_high() -> None:
    assert oidc.level_is_enough("idporten-loa-high", "idporten-loa-substantial")
    assert oidc.level_is_enough("idporten-loa-substantial", "idporten-loa-substantial")
    assert oidc.level_is_enough("Level4", "idporten-loa-high")
    assert not oidc.level_is_enough("idporten-loa-low", "idporten-loa-substantial")
    assert not oidc.level_is_enough("Level3", "idporten-loa-high")
    assert not oidc.level_is_enough("", "idporten-loa-low")


def test_without_settings_the_start_button_does_nothing(client: Client) -> None:
    assert oidc.config() is None
    assert client.post("/mi-side/idporten/")["Location"] == "/mi-side/"
    assert client.get("/mi-side/idporten/tilbake/?code=x&state=y")["Location"] == "/mi-side/"
