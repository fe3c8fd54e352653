"""Render CAP 1.2 documents (OASIS, urn:oasis:names:tc:emergency:cap:1.2) with the standard library.

Element order follows the CAP 1.2 schema. One ``info`` per language; Nynorsk
("nn-NO") always. Times are local time with an explicit offset and no
fractions, as the schema's dateTime pattern requires.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

# The info block's fields in schema order; ``area`` is built from the area_* keys.
_INFO_FIELDS = (
    "language",
    "category",
    "event",
    "urgency",
    "severity",
    "certainty",
    "senderName",
    "headline",
    "description",
    "instruction",
    "web",
    "contact",
)


def cap_datetime(value: datetime.datetime) -> str:
    """2026-03-01T14:05:00+01:00: local time, seconds, explicit offset."""
    local = timezone.localtime(value).replace(microsecond=0)
    text = local.isoformat()
    return text[:-6] + "+00:00" if text.endswith("Z") else text


def _add(parent: ET.Element, tag: str, text: str | None) -> None:
    if text:
        ET.SubElement(parent, tag).text = text


def area_polygons(info: dict[str, Any]) -> list[str]:
    """The CAP polygons of an info block: the typed ``polygon`` first, then one per outer ring of the places."""
    typed = " ".join((info.get("polygon") or "").split())
    return [polygon for polygon in [typed, *(info.get("polygons") or [])] if polygon]


def _serialise(root: ET.Element) -> str:
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def render_alert(
    *,
    identifier: str,
    sender: str,
    sent: datetime.datetime,
    status: str,
    msg_type: str,
    references: Iterable[str] = (),
    note: str = "",
    infos: Iterable[dict[str, Any]] = (),
) -> str:
    """One CAP 1.2 ``alert`` document as text."""
    root = ET.Element("alert", xmlns=CAP_NS)
    _add(root, "identifier", identifier)
    _add(root, "sender", sender)
    _add(root, "sent", cap_datetime(sent))
    _add(root, "status", status)
    _add(root, "msgType", msg_type)
    _add(root, "scope", "Public")
    _add(root, "note", note)
    _add(root, "references", " ".join(references))
    for info in infos:
        block = ET.SubElement(root, "info")
        for field in _INFO_FIELDS:
            _add(block, field, info.get(field))
        area = ET.SubElement(block, "area")
        _add(area, "areaDesc", info["areaDesc"])
        for polygon in area_polygons(info):
            _add(area, "polygon", polygon)
        if info.get("geocode"):
            geocode = ET.SubElement(area, "geocode")
            _add(geocode, "valueName", "MunicipalityId")
            _add(geocode, "value", info["geocode"])
    return _serialise(root)


def render_atom(
    *,
    feed_id: str,
    title: str,
    self_url: str,
    author: str,
    updated: datetime.datetime,
    entries: Iterable[dict[str, Any]],
) -> str:
    """An Atom feed; each entry: id, title, updated (datetime), summary, href (the CAP document)."""
    root = ET.Element("feed", xmlns=ATOM_NS)
    _add(root, "id", feed_id)
    _add(root, "title", title)
    _add(root, "updated", cap_datetime(updated))
    ET.SubElement(root, "link", rel="self", href=self_url, type="application/atom+xml")
    ET.SubElement(ET.SubElement(root, "author"), "name").text = author
    for item in entries:
        entry = ET.SubElement(root, "entry")
        _add(entry, "id", item["id"])
        _add(entry, "title", item["title"])
        _add(entry, "updated", cap_datetime(item["updated"]))
        ET.SubElement(entry, "link", rel="alternate", href=item["href"], type="application/cap+xml")
        _add(entry, "summary", item.get("summary"))
    return _serialise(root)
