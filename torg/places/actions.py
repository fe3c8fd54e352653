"""Every write to places: importing areas (GeoJSON) and addresses (CSV), saving and deleting an area.

Areas are upserted by slug. A file with any bad feature changes nothing and
says which feature (number and name) is wrong and why. ``places_changed`` is
sent after commit with the areas whose geometry is new, changed or gone.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from torg.core import audit
from torg.core.roles import Role

from .geocoder import fold
from .geometry import bbox, geometry_errors, normalise
from .models import AddressPoint, Place, PlaceKind
from .signals import places_changed

# Audit-log actions of this app (added to torg.core.audit.ACTIONS when the app is ready).
AUDIT_ACTIONS = {
    "torg.places.imported": gettext_lazy("Places imported"),
    "torg.places.saved": gettext_lazy("Place saved"),
    "torg.places.deleted": gettext_lazy("Place deleted"),
}

_NAME_KEYS = ("name", "navn", "namn")
_DESCRIPTION_KEYS = ("description", "beskrivelse", "skildring")


class ImportRejected(ValueError):
    """The file was not imported; ``errors`` says why (in the active language)."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)  # names
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    changed_ids: list[int] = field(default_factory=list)  # geometry new or changed

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


@dataclass(frozen=True)
class _Feature:
    name: str
    slug: str
    kind: str
    description: str
    geometry: dict[str, Any]
    sort_order: int | None


def may_edit_places(user: Any) -> bool:
    """Superusers, the head of communication, and anyone given the model permissions."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("places.change_place"):
        return True
    return bool(user.groups.filter(torg_role__role=Role.KOMMUNIKASJONSSJEF).exists())


def _check(actor: Any) -> None:
    if actor is not None and not may_edit_places(actor):
        raise PermissionDenied


def _first(properties: dict[str, Any], keys: Iterable[str]) -> str:
    for key in keys:
        value = properties.get(key)
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value).strip()
    return ""


_SLUG_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "Æ": "Ae", "Ø": "O"})


def slug_for(name: str) -> str:
    """A short name for addresses: "Sørbygda skulekrins" → "sorbygda-skulekrins"."""
    return slugify(name.translate(_SLUG_LETTERS))[:120]


def _label(index: int, name: str) -> str:
    if name:
        return _("Feature %(number)s (%(name)s)") % {"number": index + 1, "name": name}
    return _("Feature %(number)s") % {"number": index + 1}


def parse_feature_collection(source: bytes | str, kind: str | None = None) -> list[_Feature]:
    """Read and check a GeoJSON FeatureCollection; raise ``ImportRejected`` with every problem found."""
    if kind is not None and kind not in PlaceKind.values:
        raise ImportRejected([_("Unknown kind of area: %(kind)s.") % {"kind": kind}])
    try:
        text = source.decode("utf-8-sig") if isinstance(source, bytes) else source
        data = json.loads(text)
    except UnicodeDecodeError:
        raise ImportRejected([_("The file is not UTF-8 text. Save it as GeoJSON (UTF-8) and try again.")]) from None
    except json.JSONDecodeError as error:
        raise ImportRejected(
            [
                _("The file is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": error.lineno, "column": error.colno}
            ]
        ) from None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise ImportRejected([_("The file must be a GeoJSON FeatureCollection.")])
    crs = data.get("crs")
    if isinstance(crs, dict):
        crs_name = str((crs.get("properties") or {}).get("name", ""))
        if crs_name and not any(code in crs_name for code in ("CRS84", "4326", "4258")):
            raise ImportRejected(
                [
                    _("The file uses the coordinate system %(crs)s. Convert it to WGS84 (EPSG:4326) first.")
                    % {"crs": crs_name}
                ]
            )
    if not data["features"]:
        raise ImportRejected([_("The file has no areas.")])

    errors: list[str] = []
    features: list[_Feature] = []
    seen: dict[str, int] = {}
    for index, feature in enumerate(data["features"]):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            errors.append(_("%(feature)s: not a GeoJSON Feature.") % {"feature": _label(index, "")})
            continue
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            properties = {}
        name = _first(properties, _NAME_KEYS)[:120]
        label = _label(index, name)
        if not name:
            errors.append(_("%(feature)s: has no name (the property “name” or “navn”).") % {"feature": label})
            continue
        slug = slug_for(_first(properties, ("slug",)) or name)
        if not slug:
            errors.append(_("%(feature)s: the name gives no short name; add a “slug” property.") % {"feature": label})
            continue
        if slug in seen:
            errors.append(
                _("%(feature)s: the short name “%(slug)s” is already used by feature %(other)s.")
                % {"feature": label, "slug": slug, "other": seen[slug] + 1}
            )
            continue
        seen[slug] = index
        feature_kind = _first(properties, ("kind", "type", "kategori")) or kind or PlaceKind.ANNA
        if feature_kind not in PlaceKind.values:
            errors.append(
                _("%(feature)s: unknown kind “%(kind)s” (use one of %(kinds)s).")
                % {"feature": label, "kind": feature_kind, "kinds": ", ".join(PlaceKind.values)}
            )
            continue
        geometry = feature.get("geometry")
        problems = geometry_errors(geometry)
        if problems:
            errors.extend(f"{label}: {problem}" for problem in problems)
            continue
        order = properties.get("sort_order")
        features.append(
            _Feature(
                name=name,
                slug=slug,
                kind=feature_kind,
                description=_first(properties, _DESCRIPTION_KEYS),
                geometry=normalise(geometry),  # type: ignore[arg-type]
                sort_order=order if isinstance(order, int) and not isinstance(order, bool) else None,
            )
        )
    if errors:
        raise ImportRejected(errors)
    return features


def _set_geometry(place: Place, geometry: dict[str, Any]) -> None:
    place.geometry = geometry
    place.min_lat, place.min_lon, place.max_lat, place.max_lon = bbox(geometry)


def _announce(place_ids: list[int]) -> None:
    if place_ids:
        ids = list(place_ids)
        transaction.on_commit(lambda: places_changed.send(sender=Place, place_ids=ids))


@transaction.atomic
def import_places(*, source: bytes | str, kind: str | None = None, actor: Any = None) -> ImportResult:
    """Create or update the areas in a GeoJSON FeatureCollection (by slug); all or nothing.

    ``kind`` is used for features without a ``kind`` property. ``actor`` None: the system
    (a management command); otherwise the user must be allowed to edit places.
    """
    _check(actor)
    features = parse_feature_collection(source, kind)
    result = ImportResult()
    existing = {p.slug: p for p in Place.objects.filter(slug__in=[f.slug for f in features])}
    touched: list[tuple[Place, bool]] = []  # (place, created)
    for index, feature in enumerate(features):
        place = existing.get(feature.slug)
        if place is None:
            place = Place(slug=feature.slug, sort_order=feature.sort_order if feature.sort_order is not None else index)
            place.name, place.kind, place.description = feature.name, feature.kind, feature.description
            _set_geometry(place, feature.geometry)
            place.save()
            touched.append((place, True))
            result.created.append(place.name)
            result.changed_ids.append(place.pk)
            continue
        geometry_changed = place.geometry != feature.geometry
        fields_changed = (place.name, place.kind, place.description) != (
            feature.name,
            feature.kind,
            feature.description,
        ) or (feature.sort_order is not None and feature.sort_order != place.sort_order)
        if not (geometry_changed or fields_changed):
            result.unchanged.append(place.name)
            continue
        place.name, place.kind, place.description = feature.name, feature.kind, feature.description
        if feature.sort_order is not None:
            place.sort_order = feature.sort_order
        if geometry_changed:
            _set_geometry(place, feature.geometry)
            result.changed_ids.append(place.pk)
        place.save()
        touched.append((place, False))
        result.updated.append(place.name)
    if actor is not None:
        for place, created in touched:
            audit.record(actor=actor, action="torg.places.imported", target=place, data={"created": created})
    _announce(result.changed_ids)
    return result


@transaction.atomic
def save_place(*, place: Place, actor: Any = None) -> Place:
    """Save an area edited in the back office: bounding box from the geometry, audit, ``places_changed``."""
    _check(actor)
    errors = geometry_errors(place.geometry)
    if errors:
        raise ImportRejected(errors)
    before = Place.objects.filter(pk=place.pk).values_list("geometry", flat=True).first() if place.pk else None
    _set_geometry(place, normalise(place.geometry))
    place.save()
    if actor is not None:
        audit.record(actor=actor, action="torg.places.saved", target=place)
    if before != place.geometry:
        _announce([place.pk])
    return place


@transaction.atomic
def delete_place(*, place: Place, actor: Any = None) -> None:
    """Delete an area (subscribers' choices of it go with it); ``places_changed`` names it."""
    _check(actor)
    pk = place.pk
    if actor is not None:
        audit.record(actor=actor, action="torg.places.deleted", target=place, data={"name": place.name})
    place.delete()
    _announce([pk])


# --- Addresses ---------------------------------------------------------------------------

_ADDRESS_COLUMNS = {
    "text": ("text", "adresse", "adressetekst", "address"),
    "postcode": ("postcode", "postnummer", "postnr"),
    "post_town": ("post_town", "poststad", "poststed"),
    "lat": ("lat", "latitude", "breddegrad"),
    "lon": ("lon", "lng", "longitude", "lengdegrad"),
}


@dataclass
class AddressImportResult:
    created: int = 0
    updated: int = 0


def _parse_addresses(source: bytes | str) -> list[dict[str, Any]]:
    try:
        text = source.decode("utf-8-sig") if isinstance(source, bytes) else source.lstrip("\ufeff")
    except UnicodeDecodeError:
        raise ImportRejected([_("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again.")]) from None
    lines = text.splitlines()
    if not lines:
        raise ImportRejected([_("The file is empty.")])
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    columns: dict[str, int] = {}
    for key, names in _ADDRESS_COLUMNS.items():
        for i, column in enumerate(header):
            if column in names:
                columns[key] = i
                break
    missing = [key for key in ("text", "lat", "lon") if key not in columns]
    if missing:
        raise ImportRejected(
            [
                _("The first row must name the columns text;postcode;lat;lon (missing: %(missing)s).")
                % {"missing": ", ".join(missing)}
            ]
        )
    rows, errors = [], []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(key: str, row: list[str] = row) -> str:
            i = columns.get(key)
            return row[i].strip() if i is not None and i < len(row) else ""

        try:
            lat, lon = float(cell("lat").replace(",", ".")), float(cell("lon").replace(",", "."))
        except ValueError:
            errors.append(_("Row %(row)s: latitude and longitude must be numbers.") % {"row": number})
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not cell("text"):
            errors.append(_("Row %(row)s: needs an address and a position in WGS84 degrees.") % {"row": number})
            continue
        rows.append(
            {
                "text": cell("text")[:200],
                "postcode": cell("postcode")[:4],
                "post_town": cell("post_town")[:100],
                "lat": lat,
                "lon": lon,
            }
        )
    if errors:
        raise ImportRejected(errors[:20])
    return rows


@transaction.atomic
def import_addresses(*, source: bytes | str, actor: Any = None) -> AddressImportResult:
    """Create or update address points from CSV (header row text;postcode;lat;lon, optional poststad)."""
    _check(actor)
    result = AddressImportResult()
    existing = {(a.text, a.postcode): a for a in AddressPoint.objects.all()}
    new: list[AddressPoint] = []
    changed: list[AddressPoint] = []
    for row in _parse_addresses(source):
        search_text = fold(" ".join(part for part in (row["text"], row["postcode"], row["post_town"]) if part))
        point = existing.get((row["text"], row["postcode"]))
        if point is not None and point.pk is None:  # the same address twice in the file: the last row wins
            point.lat, point.lon, point.post_town, point.search_text = (
                row["lat"],
                row["lon"],
                row["post_town"],
                search_text,
            )
            continue
        if point is None:
            point = AddressPoint(search_text=search_text, **row)
            existing[(row["text"], row["postcode"])] = point
            new.append(point)
            continue
        if (point.lat, point.lon, point.post_town) != (row["lat"], row["lon"], row["post_town"]):
            point.lat, point.lon, point.post_town, point.search_text = (
                row["lat"],
                row["lon"],
                row["post_town"],
                search_text,
            )
            changed.append(point)
    AddressPoint.objects.bulk_create(new, batch_size=1000)
    AddressPoint.objects.bulk_update(changed, ["lat", "lon", "post_town", "search_text"], batch_size=1000)
    result.created, result.updated = len(new), len(changed)
    return result
