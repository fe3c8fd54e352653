"""Geocoding: from what a resident types ("storgata 5") to addresses with positions.

Pluggable by the setting ``TORG_GEOCODER`` (a dotted path to a class with
``geocode(query, limit) -> list[Address]``):

- ``LocalGeocoder`` (default): the ``AddressPoint`` table, imported from CSV
  by ``manage.py import_addresses`` (the demo ships Fjordvik's addresses).
- ``KartverketGeocoder``: the Norwegian Mapping Authority's address API
  (Geonorge "adresser/v1/sok"), limited to the municipality number.

A geocoder never raises for a failing service: it logs and finds nothing.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import requests
from django.conf import settings
from django.utils.module_loading import import_string

from .models import AddressPoint

logger = logging.getLogger(__name__)

MAX_LIMIT = 20


@dataclass(frozen=True)
class Address:
    text: str
    lat: float
    lon: float


class Geocoder(Protocol):
    def geocode(self, query: str, limit: int) -> list[Address]: ...


_FOLD = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """``text`` as it is matched: lower case, accents and æ/ø/å folded (å→a, also typed "aa"), words by single spaces.

    "Sørbygdvegen 12B" and "sorbygdvegen 12 b" do not fold the same (the house
    letter), but prefixes such as "sorbygd" or "sørbygdvegen 1" match.
    """
    lowered = text.lower().translate(_FOLD)
    stripped = "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))
    stripped = stripped.replace("aa", "a")
    return " ".join(_NOT_WORD.sub(" ", stripped).split())


class LocalGeocoder:
    """Addresses from the ``AddressPoint`` table: those starting with the query first, then those containing it."""

    def geocode(self, query: str, limit: int) -> list[Address]:
        folded = fold(query)
        if not folded:
            return []
        found: list[AddressPoint] = list(AddressPoint.objects.filter(search_text__startswith=folded)[:limit])
        if len(found) < limit:
            rest = AddressPoint.objects.exclude(pk__in=[a.pk for a in found])
            for word in folded.split():
                rest = rest.filter(search_text__contains=word)
            found += list(rest[: limit - len(found)])
        return [Address(text=a.label, lat=a.lat, lon=a.lon) for a in found]


class KartverketGeocoder:
    """Kartverket's address search (https://ws.geonorge.no/adresser/v1/), positions in EUREF89 (EPSG:4258 ≈ WGS84).

    Settings: ``TORG_GEOCODER_URL``, ``TORG_GEOCODER_MUNICIPALITY`` (kommunenummer,
    e.g. "4601"; empty: the municipality settings' number, then the whole country),
    ``TORG_GEOCODER_TIMEOUT`` (seconds).
    """

    def __init__(self, url: str | None = None, municipality: str | None = None, timeout: float | None = None):
        self.url: str = url or str(getattr(settings, "TORG_GEOCODER_URL", "https://ws.geonorge.no/adresser/v1/sok"))
        self.municipality = municipality if municipality is not None else _municipality_number()
        self.timeout = timeout or getattr(settings, "TORG_GEOCODER_TIMEOUT", 3.0)

    def geocode(self, query: str, limit: int) -> list[Address]:
        params: dict[str, Any] = {"sok": query, "treffPerSide": limit, "utkoordsys": 4258, "side": 0}
        if self.municipality:
            params["kommunenummer"] = self.municipality
        try:
            response = requests.get(self.url, params=params, timeout=self.timeout)
            response.raise_for_status()
            data = response.json()
        except (requests.RequestException, ValueError) as error:
            logger.warning("Geocoder %s failed for a query: %s", self.url, error)
            return []
        return _parse_kartverket(data)[:limit]


def _parse_kartverket(data: Any) -> list[Address]:
    found = []
    rows = data.get("adresser") if isinstance(data, dict) else None
    for row in rows if isinstance(rows, list) else []:
        try:
            point = row["representasjonspunkt"]
            lat, lon = float(point["lat"]), float(point["lon"])
            text = str(row["adressetekst"]).strip()
        except (KeyError, TypeError, ValueError):
            logger.warning("Geocoder answer without address text or position skipped")
            continue
        tail = " ".join(str(row.get(key) or "").strip() for key in ("postnummer", "poststed")).strip()
        found.append(Address(text=f"{text}, {tail}" if tail else text, lat=lat, lon=lon))
    return found


def _municipality_number() -> str:
    number = str(getattr(settings, "TORG_GEOCODER_MUNICIPALITY", "") or "")
    if number:
        return number
    try:
        from torg.core.queries import municipality

        return municipality().municipality_number or ""
    except Exception:  # noqa: BLE001 - no settings row yet (fresh database): search the whole country
        return ""


@lru_cache(maxsize=4)
def _geocoder_class(path: str) -> type[Geocoder]:
    cls: type[Geocoder] = import_string(path)
    return cls


def get_geocoder() -> Geocoder:
    """The geocoder named by ``TORG_GEOCODER``."""
    path = getattr(settings, "TORG_GEOCODER", "torg.places.geocoder.LocalGeocoder")
    return _geocoder_class(path)()


def geocode(query: str, limit: int = 5) -> list[Address]:
    """Up to ``limit`` addresses matching ``query`` (empty for a query shorter than two letters)."""
    query = " ".join(str(query).split())[:200]
    if len(query) < 2:
        return []
    return get_geocoder().geocode(query, limit=max(1, min(limit, MAX_LIMIT)))
