"""Crisis messages published as CAP 1.2: valid, immutable, referenced, and only by the crisis team."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from torg.alerts.actions import cancel_alert, publish_alert, update_alert
from torg.alerts.models import CapAlert, Status
from torg.core.roles import Role

from .factories import CrisisMessageFactory

CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
XSD = Path("/work/shared/reference/cap/CAP-v1.2.xsd")


@pytest.fixture
def crisis_team(user_with_role):
    return user_with_role(Role.KOMMUNIKASJONSSJEF)


def _thread(actor, **fields):
    """A crisis message published, corrected once and cancelled: Alert, Update, Cancel."""
    message = CrisisMessageFactory.create(**fields)
    with time_machine.travel("2026-03-01 14:05:30.123456+01:00", tick=False):
        first = publish_alert(message=message, actor=actor)
    with time_machine.travel("2026-03-01 15:00:00+01:00", tick=False):
        second = update_alert(message=message, actor=actor, instruction="Ikkje køyr på vegen langs elva.")
    with time_machine.travel("2026-03-02 09:00:00+01:00", tick=False):
        third = cancel_alert(message=message, actor=actor)
    return message, first, second, third


def test_every_alert_update_and_cancel_is_valid_cap_1_2(crisis_team):
    if not XSD.exists():
        pytest.skip(f"The CAP 1.2 schema is not here ({XSD}): /work/shared is absent")
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema is not installed (pip install xmlschema)")
    schema = xmlschema.XMLSchema(str(XSD))
    _message, *alerts = _thread(crisis_team)
    _drill, *drill_alerts = _thread(crisis_team, status=Status.EXERCISE, polygon="", web="", contact="")

    for alert in [*alerts, *drill_alerts]:
        schema.validate(alert.xml)  # raises with the reason if invalid

    assert [alert.msg_type for alert in alerts] == ["Alert", "Update", "Cancel"]


def test_the_alert_carries_the_message_in_nynorsk_with_area_polygon_and_municipality_number(crisis_team):
    message, first, _second, _third = _thread(crisis_team)

    root = ET.fromstring(first.xml)
    info = root.find(f"{CAP}info")
    assert info is not None
    assert root.findtext(f"{CAP}sent") == "2026-03-01T14:05:30+01:00"
    assert root.findtext(f"{CAP}identifier") == f"localhost-{message.pk}-1"
    assert info.findtext(f"{CAP}language") == "nn-NO"
    assert info.findtext(f"{CAP}headline") == message.headline
    assert info.findtext(f"{CAP}area/{CAP}areaDesc") == "Sentrum og Nedre bru"
    assert info.findtext(f"{CAP}area/{CAP}polygon") == message.polygon
    assert info.findtext(f"{CAP}area/{CAP}geocode/{CAP}valueName") == "MunicipalityId"
    assert info.findtext(f"{CAP}area/{CAP}geocode/{CAP}value") == "4640"


def test_a_published_alert_never_changes_when_the_message_is_updated(crisis_team):
    message = CrisisMessageFactory.create()
    first = publish_alert(message=message, actor=crisis_team)
    published = first.xml

    second = update_alert(message=message, actor=crisis_team, headline="Flaumen veks: bruk omkøyring")

    first.refresh_from_db()
    assert first.xml == published
    assert "Flaumen veks" not in first.xml
    assert "Flaumen veks" in second.xml
    with pytest.raises(ValueError, match="never changes"):
        first.save()


def test_the_all_clear_references_every_earlier_alert(crisis_team):
    _message, first, second, cancel = _thread(crisis_team)

    root = ET.fromstring(cancel.xml)
    references = (root.findtext(f"{CAP}references") or "").split(" ")
    assert root.findtext(f"{CAP}msgType") == "Cancel"
    assert references == [
        f"{first.sender},{first.identifier},2026-03-01T14:05:30+01:00",
        f"{second.sender},{second.identifier},2026-03-01T15:00:00+01:00",
    ]
    assert root.findtext(f"{CAP}info/{CAP}urgency") == "Past"


def test_an_update_references_the_first_alert_and_the_first_alert_references_nothing(crisis_team):
    _message, first, second, _cancel = _thread(crisis_team)

    assert ET.fromstring(first.xml).find(f"{CAP}references") is None
    assert ET.fromstring(second.xml).findtext(f"{CAP}references") == first.reference


def test_a_drill_is_published_with_status_exercise(user_with_role):
    mayor = user_with_role(Role.ORDFORAR)
    message = CrisisMessageFactory.create(status=Status.EXERCISE)

    alert = publish_alert(message=message, actor=mayor)

    root = ET.fromstring(alert.xml)
    assert root.findtext(f"{CAP}status") == "Exercise"
    assert root.findtext(f"{CAP}note")


def test_a_web_contact_may_not_publish_a_crisis_message(user_with_role, site_tree):
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    message = CrisisMessageFactory.create()

    with pytest.raises(PermissionDenied):
        publish_alert(message=message, actor=web_contact)

    assert not CapAlert.objects.exists()


def test_publishing_updating_and_cancelling_are_in_the_audit_log(crisis_team):
    message, *_alerts = _thread(crisis_team)

    actions = set(ModelLogEntry.objects.filter(object_id=str(message.pk)).values_list("action", flat=True))
    assert {"torg.alert.published", "torg.alert.updated", "torg.alert.cancelled"} <= actions


def test_a_polygon_that_does_not_close_is_refused_and_nothing_is_published(crisis_team):
    message = CrisisMessageFactory.create(polygon="61.1,7.1 61.1,7.2 61.2,7.2 61.2,7.1")

    with pytest.raises(ValidationError) as refused:
        publish_alert(message=message, actor=crisis_team)

    assert "polygon" in refused.value.message_dict
    assert not CapAlert.objects.exists()


def test_a_cancelled_message_cannot_be_updated_or_cancelled_again(crisis_team):
    message, *_alerts = _thread(crisis_team)

    with pytest.raises(ValidationError):
        update_alert(message=message, actor=crisis_team, headline="Ny overskrift")
    with pytest.raises(ValidationError):
        cancel_alert(message=message, actor=crisis_team)
    assert message.alerts.count() == 3


def test_a_message_is_published_only_once_as_an_alert(crisis_team):
    message = CrisisMessageFactory.create()
    publish_alert(message=message, actor=crisis_team)

    with pytest.raises(ValidationError):
        publish_alert(message=message, actor=crisis_team)
    assert message.alerts.count() == 1
