"""Input checks for the Open311 API: the filters of GET requests and the fields of POST requests.

Each check returns cleaned values and a list of error texts (what to send
instead); the views turn the texts into Open311 errors. Nothing here writes.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from torg.inquiries.models import Kind

from . import catalogue

MAX_SPAN = datetime.timedelta(days=90)
MAX_REQUESTS = 1000
MAX_DESCRIPTION = 4000
MAX_ADDRESS = 200
MAX_NAME = 120
MAX_TITLE = 200
MAX_PHONE = 20
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]*$")
# Control characters other than tab and line breaks never belong in text (PostgreSQL refuses NUL).
_CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]")
_TRUE = {"yes", "true", "1", "ja"}
_FALSE = {"no", "false", "0", "nei", ""}
SIX_PLACES = Decimal("0.000001")


def clean_text(value: Any) -> str:
    return _CONTROL.sub("", str(value or "")).strip()


def param(data: QueryDict, name: str) -> str:
    """A parameter's last value, cleaned ("" when absent: Open311 treats empty and absent alike)."""
    return clean_text(data.get(name, ""))


def comma_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_moment(value: str) -> datetime.datetime | None:
    """A w3 date-time (with an offset; without one, local time) or a date (its start). None if not one."""
    value = value.strip().replace(" ", "+") if "T" in value else value.strip()
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.datetime.combine(day, datetime.time()) if day is not None else None
    except (ValueError, OverflowError):
        return None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        try:
            moment = timezone.make_aware(moment)
        except (ValueError, OverflowError):
            return None
    return moment


@dataclass
class RequestFilters:
    references: list[str] | None = None  # set: only these, whatever the other filters say
    service_codes: list[str] = field(default_factory=list)
    statuses: set[str] = field(default_factory=set)
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None


def _normal_reference(value: str) -> str:
    value = value.strip().upper()
    return value if value.startswith("ST-") else "ST-" + value


def parse_filters(data: QueryDict, now: datetime.datetime) -> tuple[RequestFilters, list[str]]:
    """The filters of GET requests. ``service_request_id`` overrides the others (as the spec says)."""
    found = RequestFilters()
    problems: list[str] = []
    ids = comma_list(param(data, "service_request_id"))
    if ids:
        if len(ids) > MAX_REQUESTS:
            problems.append(_("Ask for at most %(count)s service_request_id values at once.") % {"count": MAX_REQUESTS})
        found.references = [_normal_reference(ref) for ref in ids[:MAX_REQUESTS] if len(ref) <= 12]
        return found, problems
    found.service_codes = comma_list(param(data, "service_code"))[:MAX_REQUESTS]
    statuses = {s.lower() for s in comma_list(param(data, "status"))}
    if statuses - {"open", "closed"}:
        problems.append(_("status must be open, closed or both (open,closed)."))
    found.statuses = statuses & {"open", "closed"}
    start_text, end_text = param(data, "start_date"), param(data, "end_date")
    start = parse_moment(start_text) if start_text else None
    end = parse_moment(end_text) if end_text else None
    for name, text, moment in (("start_date", start_text, start), ("end_date", end_text, end)):
        if text and moment is None:
            problems.append(_("%(name)s is not a date and time. Write it like 2026-01-31T00:00:00Z.") % {"name": name})
    if problems:
        return found, problems
    if start is None and end is None:
        end = now
    try:
        if start is None and end is not None:
            start = end - MAX_SPAN
        elif end is None and start is not None:
            end = start + MAX_SPAN
    except OverflowError:
        return found, [_("The dates are out of range. Give dates between the years 1 and 9999.")]
    assert start is not None and end is not None
    if start > end:
        problems.append(_("start_date must be before end_date."))
    elif end - start > MAX_SPAN:
        problems.append(_("start_date and end_date may be at most 90 days apart."))
    found.start, found.end = start, end
    return found, problems


@dataclass
class NewRequest:
    service_code: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address: str = ""
    description: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    kind: str = ""
    title: str = ""
    wants_public: bool = False


def _coordinate(value: str, limit: int) -> Decimal | None:
    try:
        number = float(value)
    except ValueError:
        return None
    if not math.isfinite(number) or abs(number) > limit:
        return None
    return Decimal(repr(number)).quantize(SIX_PLACES, rounding=ROUND_HALF_UP)


def _attribute(data: QueryDict, code: str) -> str:
    """``attribute[code]=value`` (or the first of ``attribute[code][]``)."""
    for key in (f"attribute[{code}]", f"attribute[{code}][]"):
        values = data.getlist(key)
        if values:
            return clean_text(values[0])
    return ""


def _check_location(data: QueryDict, found: NewRequest, problems: list[str]) -> None:
    lat_text, long_text = param(data, "lat"), param(data, "long")
    found.address = param(data, "address_string")
    if len(found.address) > MAX_ADDRESS:
        problems.append(_("address_string may have at most %(count)s characters.") % {"count": MAX_ADDRESS})
    if lat_text or long_text:
        found.latitude = _coordinate(lat_text, 90)
        found.longitude = _coordinate(long_text, 180)
        if found.latitude is None or found.longitude is None:
            problems.append(_("Send both lat and long as decimal degrees (WGS84), for example lat=60.39 long=5.32."))
    elif not found.address:
        problems.append(_("Say where: send lat and long, or address_string."))


def _check_contact(data: QueryDict, found: NewRequest, problems: list[str]) -> None:
    found.name = " ".join(part for part in (param(data, "first_name"), param(data, "last_name")) if part)
    if len(found.name) > MAX_NAME:
        problems.append(_("first_name and last_name may have at most %(count)s characters.") % {"count": MAX_NAME})
    found.email = param(data, "email")
    if found.email:
        try:
            validate_email(found.email)
        except ValidationError:
            problems.append(_("email is not an e-mail address. Check it or leave it out."))
    found.phone = param(data, "phone")
    if found.phone and (len(found.phone) > MAX_PHONE or not _PHONE.match(found.phone)):
        problems.append(_("phone is not a phone number. Send digits, for example +4791234567."))


def _check_attributes(data: QueryDict, found: NewRequest, problems: list[str]) -> None:
    kind = _attribute(data, catalogue.KIND_ATTRIBUTE)
    if kind and kind not in Kind.values:
        problems.append(
            _("attribute[kind] must be one of: %(values)s.") % {"values": ", ".join(Kind.values)},
        )
    found.kind = kind if kind in Kind.values else ""
    found.title = _attribute(data, catalogue.TITLE_ATTRIBUTE)
    if len(found.title) > MAX_TITLE:
        problems.append(_("attribute[title] may have at most %(count)s characters.") % {"count": MAX_TITLE})
    publish = _attribute(data, catalogue.PUBLISH_ATTRIBUTE).lower()
    if publish not in _TRUE | _FALSE:
        problems.append(_("attribute[publish] must be yes or no."))
    found.wants_public = publish in _TRUE


def parse_new_request(data: QueryDict) -> tuple[NewRequest, list[str]]:
    """The fields of POST requests (form-encoded, as the spec says)."""
    found = NewRequest(service_code=param(data, "service_code"))
    problems: list[str] = []
    if not found.service_code:
        problems.append(_("Send service_code: one of the codes from services.json."))
    _check_location(data, found, problems)
    found.description = clean_text(data.get("description", ""))
    if not found.description:
        problems.append(_("Send description: what is wrong, in the reporter's own words."))
    elif len(found.description) > MAX_DESCRIPTION:
        problems.append(_("description may have at most %(count)s characters.") % {"count": MAX_DESCRIPTION})
    media_url = param(data, "media_url")
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            problems.append(_("media_url must be a web address (https://…). Check it or leave it out."))
        else:
            found.description = f"{found.description}\n\n{_('Picture or file')}: {media_url}"
    _check_contact(data, found, problems)
    _check_attributes(data, found, problems)
    return found, problems
