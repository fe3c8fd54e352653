"""What the residents' page tests share: posting the form, reading pages as a resident reads them."""

from __future__ import annotations

import io
from typing import Any

from django.test import Client
from django.utils import formats, timezone, translation
from django.utils.html import escape
from PIL import Image

from torg.inquiries.models import Inquiry, Kind

FORM = "/servicetorget/"
QUESTION = "Når blir vegen ved skulen brøyta?"


def html(response: Any) -> str:
    return str(response.content.decode())


def nn(message: str, **values: Any) -> str:
    """``message`` as the resident reads it (the site speaks Nynorsk), escaped as in the page."""
    with translation.override("nn"):
        text = translation.gettext(message)
    return escape(text % values if values else text)


def nn_plural(singular: str, plural: str, count: int, **values: Any) -> str:
    with translation.override("nn"):
        return escape(translation.ngettext(singular, plural, count) % values)


def nn_date(value: Any) -> str:
    with translation.override("nn"):
        return str(formats.date_format(timezone.localtime(value), "l j. F Y"))


NOT_FOUND = "We cannot find the inquiry"


def send(client: Client, **fields: Any) -> Any:
    data = {"kind": Kind.QUESTION, "text": QUESTION, "contact_name": "Kari Nordmann", "email": "kari@example.org"}
    data.update(fields)
    return client.post(FORM, {k: v for k, v in data.items() if v is not None})


def jpeg(*, gps: bool = False, size: int = 24) -> bytes:
    image = Image.new("RGB", (size, size), "red")
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[0x8825] = {1: "N", 2: (60.0, 23.0, 30.0), 3: "E", 4: (5.0, 19.0, 12.0)}  # GPSInfo
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def follow_with_key(client: Client, inquiry: Inquiry) -> Any:
    """Open the private link as from the e-mail, and the page it leads to."""
    response = client.get(f"{FORM}{inquiry.reference}/", {"k": inquiry.access_key()})
    assert response.status_code == 302
    return client.get(response["Location"])
