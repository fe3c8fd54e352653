"""The residents' subscription pages: subscribe, confirm by link or code, change, unsubscribe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape

from torg.core.queries import municipality
from torg.notifications import sms
from torg.subscriptions.models import Frequency, Subscriber, SubscriberPoint, Topic

pytestmark = pytest.mark.django_db

FORM = "/abonnement/"
WRONG_CODE = "The code is wrong or too old. Check the code in the SMS and try again. Tries left: %(left)d."
CODE = "/abonnement/kode/"


def nn(message: str, **values: Any) -> str:
    """``message`` as the resident reads it (the site speaks Nynorsk), escaped as in the page."""
    with translation.override("nn"):
        text = translation.gettext(message)
    return escape(text % values if values else text)


def html(response: Any) -> str:
    return str(response.content.decode())


def good(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "email": "kari@example.org",
        "wants_email": "on",
        "everything": "utval",
        "topics": ["vatn"],
        "frequency": "straks",
        "consent": "on",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def subscriber(**fields: Any) -> Subscriber:
    """A confirmed e-mail subscriber of the water topic."""
    values: dict[str, Any] = {
        "email": "ola@example.org",
        "wants_email": True,
        "email_confirmed_at": timezone.now(),
        "consent_text": "Eg samtykkjer.",
        "consent_at": timezone.now(),
    }
    values.update(fields)
    made = Subscriber.objects.create(**values)
    made.topics.set(Topic.objects.filter(slug="vatn"))
    return made


def confirm_link(to: str) -> str:
    found = [m for m in mail.outbox if to in m.to]
    assert found, f"no e-mail to {to}"
    link = re.search(r"https?://[^\s]+/abonnement/stadfest/[\w-]+/", str(found[-1].body))
    assert link, found[-1].body
    return "/" + link.group(0).split("/", 3)[3]


def sms_code(to: str) -> str:
    texts = [m["text"] for m in sms.outbox if to in m["to"]]
    assert texts, f"no SMS to {to}"
    code = re.search(r"\b\d{6}\b", texts[-1])
    assert code, texts[-1]
    return code.group(0)


# --- The form ---------------------------------------------------------------------------


def test_form_shows_channels_topics_places_by_kind_consent_and_feeds(client: Client, world: Any) -> None:
    response = client.get(FORM)

    assert response.status_code == 200
    page = html(response)
    assert "Vatn og avløp" in page and "Vegar" in page
    assert nn("Village") in page and nn("School district") in page
    assert 'value="sentrum"' in page and 'value="sentrum-skulekrins"' in page
    assert nn("Crisis messages always come at once, whatever you choose here.") in page
    assert "samtykk" in page.lower() or "agree" in page.lower()
    assert 'href="/abonnement/feed.atom?emne=vatn"' in page
    assert 'href="/abonnement/feed.atom?stad=nordbygd"' in page
    assert 'name="website"' in page  # the honeypot
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


def test_form_without_javascript_hides_the_web_push_choice(client: Client, world: Any) -> None:
    page = html(client.get(FORM))
    push = page.find('name="wants_push"')
    if push != -1:  # offered only when web push is set up, and then inside a hidden block the script shows
        hidden_block = page.rfind("data-push-option hidden", 0, push)
        assert hidden_block != -1 and page.find("</div>", hidden_block) > push


def test_a_link_from_a_topic_page_ticks_that_topic(client: Client, world: Any) -> None:
    page = html(client.get(FORM, {"emne": "vatn", "stad": "nordbygd"}))

    assert re.search(r'value="vatn" id="sub-topics-vatn" checked', page)
    assert re.search(r'value="nordbygd" id="sub-places-nordbygd" checked', page)
    assert not re.search(r'value="vegar" id="sub-topics-vegar" checked', page)


def test_subscribing_by_email_sends_a_link_and_shows_where(
    client: Client, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, good(places=["sentrum"]))

    assert response.status_code == 302 and response["Location"] == CODE
    made = Subscriber.objects.get(email="kari@example.org")
    assert made.email_confirmed_at is None and made.wants_email and not made.everything
    assert list(made.topics.values_list("slug", flat=True)) == ["vatn"]
    assert list(made.places.values_list("slug", flat=True)) == ["sentrum"]
    assert municipality().name in made.consent_text and made.consent_at is not None
    assert confirm_link("kari@example.org")
    page = html(client.get(CODE))
    assert "k***@example.org" in page
    assert 'name="code"' not in page  # no SMS, no code form


def test_the_link_confirms_only_when_the_button_is_pressed(
    client: Client, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM, good())
    link = confirm_link("kari@example.org")

    shown = Client().get(link)  # a mail scanner, or the resident opening the link
    assert shown.status_code == 200
    assert nn("Confirm the subscription") in html(shown)
    assert Subscriber.objects.get(email="kari@example.org").email_confirmed_at is None

    confirmed = client.post(link)
    made = Subscriber.objects.get(email="kari@example.org")
    assert made.email_confirmed_at is not None
    assert confirmed.status_code == 302 and confirmed["Location"] == f"/abonnement/endre/{made.token}/"
    manage = client.get(confirmed["Location"])
    assert nn("Your e-mail address is confirmed. The subscription has started.") in html(manage)
    assert manage["Referrer-Policy"] == "same-origin"  # the token in the address never leaves the site


def test_a_wrong_or_old_link_says_so(client: Client, world: Any) -> None:
    response = client.post("/abonnement/stadfest/not-a-real-token/")

    assert response.status_code == 404
    assert nn("The link does not work") in html(response)


def test_subscribing_by_sms_asks_for_the_code_and_the_right_code_confirms(
    client: Client, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, good(email="", wants_email="", phone="912 34 567", wants_sms="on"))
    assert response.status_code == 302
    page = html(client.get(CODE))
    assert "+47 *** ** 567" in page and 'name="code"' in page

    wrong = client.post(CODE, {"code": "000000" if sms_code("+4791234567") != "000000" else "111111"})
    assert wrong.status_code == 400
    assert nn(WRONG_CODE, left=4) in html(wrong)

    right = client.post(CODE, {"code": sms_code("+4791234567")})
    made = Subscriber.objects.get(phone="+4791234567")
    assert made.phone_confirmed_at is not None
    assert right.status_code == 302 and right["Location"] == f"/abonnement/endre/{made.token}/"


def test_wrong_codes_are_bounded(client: Client, world: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM, good(email="", wants_email="", phone="91234567", wants_sms="on"))
    right = sms_code("+4791234567")
    wrong = "123456" if right != "123456" else "654321"

    statuses = [client.post(CODE, {"code": wrong}).status_code for _ in range(5)]
    after = client.post(CODE, {"code": right})

    assert statuses == [400, 400, 400, 400, 429]
    assert after.status_code == 429
    assert nn("Too many wrong codes") in html(after)
    assert Subscriber.objects.get(phone="+4791234567").phone_confirmed_at is None


def test_the_code_page_in_another_browser_asks_for_the_number_too(
    client: Client, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM, good(email="", wants_email="", phone="91234567", wants_sms="on"))
    other = Client()

    page = html(other.get(CODE))
    assert 'name="phone"' in page and 'name="code"' in page
    missing = other.post(CODE, {"code": sms_code("+4791234567")})
    assert missing.status_code == 400 and nn("Write the mobile number you gave.") in html(missing)
    bad = other.post(CODE, {"phone": "91234567", "code": "12"})
    assert bad.status_code == 400 and nn("The code has six digits. Check it.") in html(bad)

    done = other.post(CODE, {"phone": "+47 912 34 567", "code": sms_code("+4791234567")})
    assert done.status_code == 302
    assert Subscriber.objects.get(phone="+4791234567").phone_confirmed_at is not None


def test_a_code_for_a_number_without_subscription_is_just_wrong(client: Client, world: Any) -> None:
    response = client.post(CODE, {"phone": "99999999", "code": "123456"})

    assert response.status_code == 400
    assert nn(WRONG_CODE, left=4) in html(response)


def test_an_address_that_already_subscribes_gets_the_same_page_and_a_manage_link(
    client: Client, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    existing = subscriber(email="kari@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, good(topics=["vegar"]))

    assert response.status_code == 302 and response["Location"] == CODE
    assert Subscriber.objects.filter(email="kari@example.org").count() == 1
    assert list(existing.topics.values_list("slug", flat=True)) == ["vatn"]  # nothing changed
    assert any(existing.token in m.body for m in mail.outbox if "kari@example.org" in m.to)


# --- Every error message -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"wants_email": "", "email": ""},
            "wants_email",
            "Choose at least one way to get the messages: e-mail, SMS or notifications in the browser.",
        ),
        (
            {"wants_email": "", "email": "", "wants_push": "on"},
            "wants_email",
            "Choose e-mail or SMS as well. We send the confirmation there, "
            "and tell you there if the notifications stop working.",
        ),
        ({"email": ""}, "email", "Write your e-mail address, or untick e-mail."),
        (
            {"wants_email": "", "wants_sms": "on", "phone": "91234567"},
            "email",
            "You wrote an e-mail address, but did not choose e-mail. Tick e-mail, or remove the address.",
        ),
        ({"wants_sms": "on"}, "phone", "Write your mobile number, or untick SMS."),
        (
            {"phone": "91234567"},
            "phone",
            "You wrote a mobile number, but did not choose SMS. Tick SMS, or remove the number.",
        ),
        ({"email": "kari@"}, "email", "Write the e-mail address like this: name@example.no"),
        ({"email": "k" * 250 + "@example.org"}, "email", "The e-mail address is too long. Check it."),
        ({"wants_sms": "on", "phone": "12"}, "phone", None),
        ({"wants_sms": "on", "phone": "9" * 41}, "phone", "The phone number is too long. Check it."),
        (
            {"topics": []},
            "everything",
            "Choose at least one topic, service area, place or your address, or choose everything from the municipality.",
        ),
        ({"everything": ""}, "everything", "Choose everything from the municipality, or only what you choose below."),
        (
            {"everything": "kanskje"},
            "everything",
            "Choose everything from the municipality, or only what you choose below.",
        ),
        ({"topics": ["finst-ikkje"]}, "topics", "Choose topics from the list."),
        ({"places": ["finst-ikkje"]}, "places", "Choose places from the list."),
        ({"service_areas": ["finst-ikkje"]}, "service_areas", "Choose service areas from the list."),
        ({"frequency": ""}, "frequency", "Choose how often you want messages."),
        ({"frequency": "kvar-time"}, "frequency", "Choose how often you want messages."),
        ({"consent": ""}, "consent", "Tick the box to agree. Without it we cannot send you anything."),
        ({"website": "http://spam.example"}, "website", "Leave this field empty. It is there to stop robots."),
        ({"address": "x" * 201}, "address", "Keep the address under %(limit_value)d characters."),
    ],
)
def test_each_mistake_gets_a_message_in_the_summary_and_keeps_the_input(
    client: Client, world: Any, fields: dict[str, Any], field: str, message: str | None
) -> None:
    response = client.post(FORM, good(**fields))

    assert response.status_code == 400
    page = html(response)
    assert nn("Correct the following and send again") in page
    if message is not None:
        expected = nn(message, limit_value=200) if "%(limit_value)d" in message else nn(message)
        assert expected in page
    assert 'aria-invalid="true"' in page or field in ("wants_email", "everything", "topics", "places", "service_areas")
    assert Subscriber.objects.count() == 0
    # What the resident chose is still there.
    if fields.get("email", "kari@example.org") == "kari@example.org":
        assert 'value="kari@example.org"' in page
    if "topics" not in fields:
        assert re.search(r'value="vatn" id="sub-topics-vatn" checked', page)


def test_an_unknown_address_says_what_to_do(client: Client, world: Any) -> None:
    response = client.post(FORM, good(topics=[], address="Finstikkjevegen 99"))

    assert response.status_code == 400
    message = nn(
        "We found no address like “%(address)s”. Check the spelling and write the street and number, "
        "or choose places from the list instead.",
        address="Finstikkjevegen 99",
    )
    assert message in html(response)


def test_an_address_with_several_hits_lets_the_resident_choose(
    client: Client, world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first = client.post(FORM, good(topics=[], address="storgata 1"))
    # "storgata 1" is exactly one address, so it is taken as it is.
    assert first.status_code == 302
    made = Subscriber.objects.get()
    assert [(p.label, p.lat) for p in SubscriberPoint.objects.filter(subscriber=made)] == [
        ("Storgata 1, 5300 Fjordvik", 60.41)
    ]
    made.delete()

    several = client.post(FORM, good(topics=[], address="storgata"))
    assert several.status_code == 400
    page = html(several)
    assert nn("We found more than one address like this. Choose yours in the list.") in page
    assert 'name="address_choice" value="Storgata 10, 5300 Fjordvik"' in page
    assert 'value="storgata"' in page

    with django_capture_on_commit_callbacks(execute=True):
        chosen = client.post(FORM, good(topics=[], address="storgata", address_choice="Storgata 12, 5300 Fjordvik"))
    assert chosen.status_code == 302
    point = SubscriberPoint.objects.get(subscriber__email="kari@example.org")
    assert (point.label, point.lat, point.lon) == ("Storgata 12, 5300 Fjordvik", 60.412, 5.412)


def test_everything_needs_no_topics(client: Client, world: Any) -> None:
    response = client.post(FORM, good(everything="alt", topics=[], frequency=Frequency.VEKELEG))

    assert response.status_code == 302
    made = Subscriber.objects.get()
    assert made.everything and made.frequency == Frequency.VEKELEG


def test_too_many_sign_ups_from_one_client_are_refused_with_the_input_kept(
    client: Client, world: Any, settings: Any
) -> None:
    settings.TORG_SUBSCRIPTION_RATE_LIMIT_PER_HOUR = 1
    assert client.post(FORM, good()).status_code == 302

    refused = client.post(FORM, good(email="per@example.org", topics=["vegar"]))

    assert refused.status_code == 429
    page = html(refused)
    assert nn("Many sign-ups have been sent from your network in the last hour. Wait a while and send again.") in page
    assert 'value="per@example.org"' in page
    assert re.search(r'value="vegar" id="sub-topics-vegar" checked', page)
    assert not Subscriber.objects.filter(email="per@example.org").exists()


# --- Changing and ending ---------------------------------------------------------------------------


def test_the_manage_page_is_the_form_filled_in_and_saves_changes(client: Client, world: Any) -> None:
    person = subscriber()
    SubscriberPoint.objects.create(subscriber=person, label="Storgata 1, 5300 Fjordvik", lat=60.41, lon=5.41)
    url = f"/abonnement/endre/{person.token}/"

    page = html(client.get(url))
    assert 'value="ola@example.org"' in page
    assert re.search(r'value="vatn" id="sub-topics-vatn" checked', page)
    assert 'value="Storgata 1, 5300 Fjordvik"' in page
    assert nn("End the subscription") in page and f'action="/abonnement/avmeld/{person.token}/"' in page

    saved = client.post(
        url,
        {
            "email": "ola@example.org",
            "wants_email": "on",
            "everything": "utval",
            "topics": ["vegar"],
            "places": ["nordbygd"],
            "address": "Storgata 1, 5300 Fjordvik",
            "frequency": "dagleg",
        },
    )
    assert saved.status_code == 302 and saved["Location"] == url
    person.refresh_from_db()
    assert list(person.topics.values_list("slug", flat=True)) == ["vegar"]
    assert person.frequency == Frequency.DAGLEG
    assert person.email_confirmed_at is not None  # the same address stays confirmed
    assert SubscriberPoint.objects.filter(subscriber=person).count() == 1
    assert nn("Your choices are saved.") in html(client.get(url))


def test_the_manage_page_shows_mistakes_and_keeps_the_subscription(client: Client, world: Any) -> None:
    person = subscriber()
    response = client.post(f"/abonnement/endre/{person.token}/", {"everything": "utval", "frequency": "straks"})

    assert response.status_code == 400
    assert nn("Choose at least one way to get the messages: e-mail, SMS or notifications in the browser.") in html(
        response
    )
    assert Subscriber.objects.filter(pk=person.pk).exists()


def test_an_unknown_manage_link_is_a_neutral_not_found(client: Client, world: Any) -> None:
    for token in ("finst-ikkje", "x" * 300, "%%%"):
        response = client.get(f"/abonnement/endre/{token}/")
        assert response.status_code == 404
        assert nn("We cannot find the subscription") in html(response)


def test_unsubscribe_asks_on_get_and_ends_everything_on_post(client: Client, world: Any) -> None:
    person = subscriber()
    url = f"/abonnement/avmeld/{person.token}/"

    asked = client.get(url)
    assert asked.status_code == 200 and 'method="post"' in html(asked)
    assert Subscriber.objects.filter(pk=person.pk).exists()

    done = client.post(url)
    assert done.status_code == 200
    assert nn("You are unsubscribed") in html(done)
    assert not Subscriber.objects.filter(pk=person.pk).exists()


def test_one_click_unsubscribe_from_a_mail_provider_needs_no_csrf_token_and_can_be_repeated(world: Any) -> None:
    person = subscriber()
    provider = Client(enforce_csrf_checks=True)
    url = f"/abonnement/avmeld/{person.token}/"

    first = provider.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    again = provider.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    assert first.status_code == 200 and again.status_code == 200
    assert not Subscriber.objects.filter(pk=person.pk).exists()
    assert provider.get(url).status_code == 404


def test_unsubscribing_one_channel_keeps_the_rest(client: Client, world: Any) -> None:
    person = subscriber(phone="+4791234567", wants_sms=True, phone_confirmed_at=timezone.now())

    response = client.post(f"/abonnement/avmeld/{person.token}/?kanal=epost")

    assert response.status_code == 200
    person.refresh_from_db()
    assert not person.wants_email and person.email == "" and person.wants_sms
    assert f"/abonnement/endre/{person.token}/" in html(response)


def test_other_forms_on_the_site_still_need_the_csrf_token(world: Any) -> None:
    person = subscriber()
    strict = Client(enforce_csrf_checks=True)

    assert strict.post(FORM, good()).status_code == 403
    assert strict.post(f"/abonnement/endre/{person.token}/", {"frequency": "straks"}).status_code == 403
    assert strict.post("/abonnement/stadfest/abc/").status_code == 403
