"""GeoReport v2 responses in JSON and XML, and errors in Open311 form.

XML follows the spec's examples: a declaration with UTF-8, no namespace,
lists wrapped in a plural element (``<services><service>…``), null as an
empty element, booleans as ``true``/``false``. JSON is the same data
(the "Spark convention").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse

JSON = "json"
XML = "xml"
FORMATS = (JSON, XML)
CONTENT_TYPES = {JSON: "application/json; charset=utf-8", XML: "text/xml; charset=utf-8"}
# The element name of one item in a list, by the list's element name.
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
# Characters XML 1.0 cannot carry at all (a resident's text may hold them).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, Mapping):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list | tuple):
        item_name = ITEM_NAMES.get(element.tag, "item")
        for item in value:
            _fill(ET.SubElement(element, item_name), item)
    else:
        element.text = _text(value)


def to_xml(root: str, data: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, data)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="utf-8", xml_declaration=False)


def respond(fmt: str, root: str, data: Any, *, status: int = 200, cors: bool = True) -> HttpResponse:
    """``data`` as JSON, or as XML under the element ``root``."""
    body = to_xml(root, data) if fmt == XML else json.dumps(data, ensure_ascii=False).encode("utf-8")
    response = HttpResponse(body, status=status, content_type=CONTENT_TYPES.get(fmt, CONTENT_TYPES[JSON]))
    if cors:
        response["Access-Control-Allow-Origin"] = "*"
    return response


def errors(fmt: str, status: int, descriptions: Iterable[Any], *, code: int | None = None) -> HttpResponse:
    """An Open311 error list: ``[{"code": 400, "description": "…"}]`` or ``<errors><error>…``."""
    body = [{"code": code or status, "description": str(text)} for text in descriptions]
    return respond(fmt, "errors", body, status=status)


def error(fmt: str, status: int, description: Any) -> HttpResponse:
    return errors(fmt, status, [description])
