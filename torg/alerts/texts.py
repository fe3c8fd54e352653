"""What a crisis message says: the CAP ``info`` block, and the SMS and e-mail texts made from it.

``info_for`` is what is published (and kept on each ``CapAlert``); the SMS
and e-mail texts are made from a published alert's ``info`` so that what the
crisis team previews is what residents get. The subscriptions app may use
``sms_text``/``email_subject``/``email_text`` for ``announce_crisis``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext

from . import queries
from .models import CapAlert, CrisisMessage, MsgType, Status, Urgency

SMS_LIMIT = 160
_ELLIPSIS = "…"


def whole_municipality() -> str:
    return gettext("The whole municipality")


def area_for(message: CrisisMessage) -> tuple[str, list[str]]:
    """CAP ``areaDesc`` and polygons: from the affected places, or the whole municipality."""
    from torg.places.geometry import cap_polygons

    places = list(message.places.all()) if message.pk else []
    polygons = [polygon for place in places for polygon in cap_polygons(place.geometry)]
    names = ", ".join(place.name for place in places)
    area_desc = message.area_desc or names or whole_municipality()
    if len(area_desc) > 200:
        area_desc = area_desc[:199] + _ELLIPSIS
    return area_desc, polygons


def info_for(message: CrisisMessage, msg_type: str, language: str = "nn-NO") -> dict[str, Any]:
    """The CAP ``info`` block for ``message`` as it stands (in the active language)."""
    area_desc, polygons = area_for(message)
    info: dict[str, Any] = {
        "language": language,
        "category": message.category,
        "event": message.event,
        "urgency": message.urgency,
        "severity": message.severity,
        "certainty": message.certainty,
        "senderName": queries.sender_name(),
        "headline": message.headline,
        "description": message.description,
        "instruction": message.instruction,
        "web": message.web,
        "contact": message.contact,
        "areaDesc": area_desc,
        "polygon": " ".join(message.polygon.split()),
        "polygons": polygons,
        "geocode": message.geocode or queries.municipality_number(),
    }
    if msg_type == MsgType.CANCEL:
        info.update(
            urgency=Urgency.PAST.value,
            headline=gettext("All clear: %(headline)s") % {"headline": message.headline},
            description=gettext("The danger is over. You do not need to do anything more."),
            instruction="",
        )
    return info


def public_url(message_pk: int) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/varsel/{message_pk}/"


def _drill_prefix(drill: bool) -> str:
    return gettext("DRILL: ") if drill else ""


def _clip(text: str, room: int) -> str:
    text = " ".join(text.split())
    if len(text) <= room:
        return text
    if room <= 1:
        return ""
    cut = text[: room - 1].rsplit(" ", 1)[0] if " " in text[: room - 1] else text[: room - 1]
    return cut.rstrip(" ,.;:") + _ELLIPSIS


def sms_text(info: dict[str, Any], *, url: str, drill: bool = False) -> str:
    """At most 160 characters: (ØVING:) the headline, what to do (shortened), the link."""
    prefix = _drill_prefix(drill)
    tail = f" {url}"
    headline = _clip(info.get("headline", ""), SMS_LIMIT - len(prefix) - len(tail) - 1)
    if headline and not headline.endswith((".", "!", "?", _ELLIPSIS)):
        headline += "."
    text = prefix + headline
    instruction = info.get("instruction") or ""
    room = SMS_LIMIT - len(text) - len(tail) - 1
    if instruction.strip() and room >= 20:
        text += " " + _clip(instruction, room)
    return (text + tail)[:SMS_LIMIT]


def email_subject(info: dict[str, Any], *, drill: bool = False) -> str:
    return _drill_prefix(drill) + " ".join(info.get("headline", "").split())


def email_text(info: dict[str, Any], *, url: str, drill: bool = False) -> str:
    """The full message as plain text: what has happened, where, what to do, where to get help."""
    parts = []
    if drill:
        parts.append(gettext("This is a drill. Nothing has happened."))
    parts.append(" ".join(info.get("headline", "").split()))
    parts.append(gettext("Area: %(area)s") % {"area": info.get("areaDesc", "")})
    parts.append(info.get("description", "").strip())
    if info.get("instruction"):
        parts.append(gettext("What you should do:") + "\n" + info["instruction"].strip())
    if info.get("contact"):
        parts.append(gettext("Contact: %(contact)s") % {"contact": info["contact"]})
    if info.get("web"):
        parts.append(gettext("More information: %(url)s") % {"url": info["web"]})
    parts.append(gettext("Read the crisis message and every update: %(url)s") % {"url": url})
    return "\n\n".join(part for part in parts if part) + "\n"


def texts_for_alert(alert: CapAlert) -> dict[str, str]:
    """SMS, e-mail subject and e-mail text of a published alert, as residents get them."""
    drill = alert.status == Status.EXERCISE
    url = public_url(alert.message_id)
    return {
        "sms": sms_text(alert.info, url=url, drill=drill),
        "subject": email_subject(alert.info, drill=drill),
        "text": email_text(alert.info, url=url, drill=drill),
        "url": url,
    }
