"""Crisis messages with places: CAP areas from the places, drafts, and what happens after commit."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache, caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from wagtail.models import ModelLogEntry

from torg.alerts import queries
from torg.alerts.actions import cancel_alert, change_draft, create_draft, publish_alert, update_alert
from torg.alerts.models import CapAlert, Category, CrisisMessage, Status
from torg.core.roles import Role
from torg.pagecache.cache import GENERATION_KEY, generation

from .factories import CrisisMessageFactory

CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
XSD = Path("/work/shared/reference/cap/CAP-v1.2.xsd")


def nn(text: str) -> str:
    with translation.override("nn"):
        return translation.gettext(text)


def draft(actor: Any, places: Any = (), **fields: Any) -> CrisisMessage:
    values = {
        "event": "Flaum",
        "category": Category.MET,
        "headline": "Flaum i Storelva",
        "description": "Storelva går over breiddene.",
        "instruction": "Hald deg unna elva.",
        **fields,
    }
    return create_draft(actor=actor, places=places, **values)


def polygons_of(alert: CapAlert) -> list[str]:
    return [element.text or "" for element in ET.fromstring(alert.xml).iterfind(f"{CAP}info/{CAP}area/{CAP}polygon")]


def test_alert_update_and_cancel_with_places_are_valid_cap_with_a_polygon_per_outer_ring(mayor, villages):
    xmlschema = pytest.importorskip("xmlschema")
    if not XSD.exists():
        pytest.skip(f"The CAP 1.2 schema is not here ({XSD})")
    schema = xmlschema.XMLSchema(str(XSD))
    message = draft(mayor, villages)

    alerts = [
        publish_alert(message=message, actor=mayor),
        update_alert(message=message, actor=mayor, instruction="Ikkje køyr langs elva."),
        cancel_alert(message=message, actor=mayor),
    ]

    for alert in alerts:
        schema.validate(alert.xml)
        root = ET.fromstring(alert.xml)
        assert root.findtext(f"{CAP}info/{CAP}area/{CAP}areaDesc") == "Nordbygda, Sørbygda"
        polygons = polygons_of(alert)
        assert len(polygons) == 3  # Nordbygda's one ring and Sørbygda's two islands
        for polygon in polygons:
            points = polygon.split(" ")
            assert points[0] == points[-1] and len(points) >= 4
            lat, lon = (float(part) for part in points[0].split(","))
            assert 60.3 <= lat <= 60.5 and 5.2 <= lon <= 5.6  # latitude first, as CAP wants
    assert [alert.msg_type for alert in alerts] == ["Alert", "Update", "Cancel"]


def test_a_message_for_the_whole_municipality_has_no_polygon_and_says_so(mayor):
    message = draft(mayor)

    alert = publish_alert(message=message, actor=mayor)

    root = ET.fromstring(alert.xml)
    assert root.findtext(f"{CAP}info/{CAP}area/{CAP}areaDesc") == nn("The whole municipality")
    assert polygons_of(alert) == []


def test_a_typed_polygon_still_goes_with_the_places_polygons(mayor, villages):
    message = draft(mayor, villages[:1], polygon="60.40,5.40 60.40,5.42 60.42,5.42 60.42,5.40 60.40,5.40")

    alert = publish_alert(message=message, actor=mayor)

    assert polygons_of(alert)[0] == "60.40,5.40 60.40,5.42 60.42,5.42 60.42,5.40 60.40,5.40"
    assert len(polygons_of(alert)) == 2


def test_an_update_may_change_the_places(mayor, villages):
    message = draft(mayor, villages[:1])
    publish_alert(message=message, actor=mayor)

    update = update_alert(message=message, actor=mayor, places=villages)

    assert ET.fromstring(update.xml).findtext(f"{CAP}info/{CAP}area/{CAP}areaDesc") == "Nordbygda, Sørbygda"
    assert set(message.places.all()) == set(villages)
    entry = ModelLogEntry.objects.filter(object_id=str(message.pk), action="torg.alert.updated").get()
    assert entry.data["changed"] == ["places"]


def test_a_draft_can_be_changed_until_it_is_published(mayor, villages):
    message = draft(mayor)
    change_draft(message=message, actor=mayor, places=villages[:1], headline="Flaum i Nordbygda")
    publish_alert(message=message, actor=mayor)

    with pytest.raises(ValidationError):
        change_draft(message=message, actor=mayor, headline="Noko anna")

    message.refresh_from_db()
    assert message.headline == "Flaum i Nordbygda"
    assert list(message.places.all()) == villages[:1]
    actions = set(ModelLogEntry.objects.filter(object_id=str(message.pk)).values_list("action", flat=True))
    assert {"torg.alert.drafted", "torg.alert.draft_changed", "torg.alert.published"} <= actions


def test_only_the_crisis_team_may_write_a_draft(user_with_role):
    officer = user_with_role(Role.KOMMUNIKASJONSMEDARBEIDAR)

    with pytest.raises(PermissionDenied):
        draft(officer)

    assert not CrisisMessage.objects.exists()


@pytest.mark.parametrize("step", ["publish", "update", "cancel"])
def test_every_publish_clears_the_banner_and_the_page_cache_after_commit(
    mayor, step, django_capture_on_commit_callbacks
):
    message = CrisisMessageFactory.create()
    if step != "publish":
        publish_alert(message=message, actor=mayor)
    queries.current_banners()  # fills the banner cache
    assert cache.get(queries.BANNER_CACHE_KEY) is not None
    before = generation()

    with django_capture_on_commit_callbacks(execute=True):
        if step == "publish":
            publish_alert(message=message, actor=mayor)
        elif step == "update":
            update_alert(message=message, actor=mayor, headline="Flaumen veks")
        else:
            cancel_alert(message=message, actor=mayor)

    assert cache.get(queries.BANNER_CACHE_KEY) is None
    assert caches["pagecache"].get(GENERATION_KEY) != before
    banners = queries.current_banners()
    if step == "cancel":
        assert banners == []
    else:
        assert [banner.headline for banner in banners] == ["Flaumen veks" if step == "update" else message.headline]


def test_nothing_is_cleared_or_sent_when_the_publish_fails(mayor, user_with_role, django_capture_on_commit_callbacks):
    message = CrisisMessageFactory.create()
    before = generation()
    outsider = user_with_role(Role.TILSETT)

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(PermissionDenied):
        publish_alert(message=message, actor=outsider)

    assert callbacks == []
    assert generation() == before


def test_a_published_crisis_message_is_handed_to_the_subscriptions_app(
    mayor, villages, django_capture_on_commit_callbacks
):
    announcements = pytest.importorskip("torg.subscriptions.models").Announcement
    message = draft(mayor, villages)

    with django_capture_on_commit_callbacks(execute=True):
        alert = publish_alert(message=message, actor=mayor)

    assert announcements.objects.filter(alert_identifier=alert.identifier).exists()


def test_a_drill_never_shows_in_the_banner(mayor):
    drill = CrisisMessageFactory.create(status=Status.EXERCISE)
    publish_alert(message=drill, actor=mayor)

    assert queries.current_banners() == []


def test_the_banner_shows_the_latest_published_text_with_a_short_instruction(mayor):
    message = CrisisMessageFactory.create(instruction=" ".join(["Hald deg unna elva."] * 20))
    publish_alert(message=message, actor=mayor)

    (banner,) = queries.current_banners()

    assert banner.url == f"/varsel/{message.pk}/"
    assert banner.colour == "danger"
    assert banner.instruction.endswith("…")
    assert len(banner.instruction.split()) <= 31
