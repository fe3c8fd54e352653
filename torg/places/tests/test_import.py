"""Importing areas from GeoJSON and addresses from CSV: upserts, all-or-nothing, reasons naming the feature."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

from torg.core.roles import Role
from torg.core.tests.factories import UserFactory
from torg.places import actions
from torg.places.models import AddressPoint, Place, PlaceKind
from torg.places.signals import places_changed

from .factories import collection, feature, polygon, square

pytestmark = pytest.mark.django_db

TWO = collection(
    feature("Nordvik", polygon(60.45, 5.35, 0.02), kind="bygd"),
    feature("Sørbygda", polygon(60.33, 5.40, 0.02)),
)


@pytest.fixture
def changes() -> Any:
    seen: list[list[int]] = []

    def receiver(sender: Any, place_ids: list[int], **kwargs: Any) -> None:
        seen.append(place_ids)

    places_changed.connect(receiver)
    yield seen
    places_changed.disconnect(receiver)


def test_a_valid_file_creates_every_area_with_its_bounding_box(django_capture_on_commit_callbacks, changes):
    with django_capture_on_commit_callbacks(execute=True):
        result = actions.import_places(source=TWO.encode(), kind=PlaceKind.VASSVERK)
    assert result.created == ["Nordvik", "Sørbygda"]
    nordvik, sorbygda = Place.objects.get(slug="nordvik"), Place.objects.get(slug="sorbygda")
    assert nordvik.kind == PlaceKind.BYGD  # the feature's own kind wins
    assert sorbygda.kind == PlaceKind.VASSVERK  # the kind given for the file
    assert (sorbygda.min_lat, sorbygda.min_lon, sorbygda.max_lat, sorbygda.max_lon) == pytest.approx(
        (60.33, 5.40, 60.35, 5.42)
    )
    assert changes == [[nordvik.pk, sorbygda.pk]]


def test_importing_again_updates_and_does_not_duplicate(django_capture_on_commit_callbacks, changes):
    actions.import_places(source=TWO, kind=None)
    moved = collection(
        feature("Nordvik", polygon(60.46, 5.35, 0.02), kind="bygd", description="Flytta"),
        feature("Sørbygda", polygon(60.33, 5.40, 0.02)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = actions.import_places(source=moved, kind=None)
    assert Place.objects.count() == 2
    assert result.updated == ["Nordvik"] and result.unchanged == ["Sørbygda"]
    nordvik = Place.objects.get(slug="nordvik")
    assert nordvik.description == "Flytta" and nordvik.min_lat == pytest.approx(60.46)
    assert changes == [[nordvik.pk]]  # only the area whose geometry changed


def test_slug_is_taken_from_the_file_when_given():
    actions.import_places(source=collection(feature("Fjordvik skule", polygon(), slug="skule-a")), kind=None)
    assert Place.objects.get().slug == "skule-a"


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{not json", "not valid JSON (line 1"),
        ('{"type": "Feature"}', "FeatureCollection"),
        (collection(), "no areas"),
        (b"\xff\xfe\x00", "UTF-8"),
    ],
)
def test_malformed_files_are_rejected_with_a_reason(source, words):
    with pytest.raises(actions.ImportRejected) as rejected:
        actions.import_places(source=source, kind=None)
    assert words in rejected.value.errors[0]


def test_a_wrong_geometry_is_rejected_naming_the_feature_and_nothing_is_imported():
    source = collection(
        feature("Nordvik", polygon()),
        feature("Punktet", {"type": "Point", "coordinates": [5.4, 60.4]}),
    )
    with pytest.raises(actions.ImportRejected) as rejected:
        actions.import_places(source=source, kind=None)
    assert rejected.value.errors == [
        "Feature 2 (Punktet): The geometry must be a Polygon or a MultiPolygon, not Point."
    ]
    assert not Place.objects.exists()


def test_an_unclosed_ring_is_rejected_naming_the_feature():
    ring = square(60.4, 5.4, 0.01)[:-1]
    source = collection(feature("Holmane", {"type": "Polygon", "coordinates": [ring]}))
    with pytest.raises(actions.ImportRejected) as rejected:
        actions.import_places(source=source, kind=None)
    (error,) = rejected.value.errors
    assert error.startswith("Feature 1 (Holmane):") and "not closed" in error


def test_features_without_a_name_or_with_a_repeated_slug_are_rejected():
    source = collection(
        {"type": "Feature", "properties": {}, "geometry": polygon()},
        feature("Dalen", polygon()),
        feature("Dalen", polygon()),
        feature("Øya", polygon(), kind="by"),
    )
    with pytest.raises(actions.ImportRejected) as rejected:
        actions.import_places(source=source, kind=None)
    errors = rejected.value.errors
    assert len(errors) == 3
    assert errors[0].startswith("Feature 1:") and "no name" in errors[0]
    assert errors[1].startswith("Feature 3 (Dalen):") and "already used by feature 2" in errors[1]
    assert errors[2].startswith("Feature 4 (Øya):") and "unknown kind" in errors[2]


def test_a_file_in_utm_is_rejected_with_advice():
    data = json.loads(collection(feature("Sentrum", polygon())))
    data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}
    with pytest.raises(actions.ImportRejected) as rejected:
        actions.import_places(source=json.dumps(data), kind=None)
    assert "WGS84" in rejected.value.errors[0]


def test_staff_imports_are_audited_and_others_may_not_import(site_tree, user_with_role):
    chief = user_with_role(Role.KOMMUNIKASJONSSJEF)
    actions.import_places(source=TWO, kind=None, actor=chief)
    entries = ModelLogEntry.objects.filter(action="torg.places.imported", user=chief)
    assert entries.count() == 2
    with pytest.raises(PermissionDenied):
        actions.import_places(source=TWO, kind=None, actor=UserFactory.create())


def test_import_places_command(tmp_path: Path):
    path = tmp_path / "omrade.geojson"
    path.write_text(TWO, encoding="utf-8")
    out = StringIO()
    call_command("import_places", str(path), "--kind", "skulekrins", stdout=out)
    assert "2 created" in out.getvalue()
    assert Place.objects.get(slug="sorbygda").kind == PlaceKind.SKULEKRINS
    path.write_text(collection(feature("Feil", {"type": "Polygon", "coordinates": [[[5, 60]]]})), encoding="utf-8")
    with pytest.raises(CommandError, match=r"Feature 1 \(Feil\)"):
        call_command("import_places", str(path))


ADDRESSES = "text;postcode;lat;lon\nStorgata 5;5380;60.40;5.40\nSkulevegen 2;5380;60,41;5,41\n"


def test_addresses_are_imported_from_semicolon_or_comma_csv_and_updated_in_place():
    result = actions.import_addresses(source=ADDRESSES.encode())
    assert (result.created, result.updated) == (2, 0)
    assert AddressPoint.objects.get(text="Skulevegen 2").lat == pytest.approx(60.41)
    comma = 'adresse,postnummer,poststed,lat,lon\n"Storgata 5",5380,Fjordvik,60.401,5.401\nÅsvegen 1,5380,Fjordvik,60.42,5.42\n'
    result = actions.import_addresses(source=comma)
    assert (result.created, result.updated) == (1, 1)
    assert AddressPoint.objects.count() == 3
    storgata = AddressPoint.objects.get(text="Storgata 5")
    assert storgata.label == "Storgata 5, 5380 Fjordvik" and storgata.lat == pytest.approx(60.401)


def test_address_files_with_bad_rows_change_nothing():
    with pytest.raises(actions.ImportRejected) as rejected:
        actions.import_addresses(source="text;postcode;lat;lon\nStorgata 5;5380;nord;5.40\n")
    assert "Row 2" in rejected.value.errors[0]
    with pytest.raises(actions.ImportRejected):
        actions.import_addresses(source="gate;nr\nStorgata;5\n")
    assert not AddressPoint.objects.exists()


def test_import_addresses_command(tmp_path: Path):
    path = tmp_path / "adresser.csv"
    path.write_text(ADDRESSES, encoding="utf-8")
    out = StringIO()
    call_command("import_addresses", str(path), stdout=out)
    assert "2 created" in out.getvalue()
