"""The demo municipality's areas and addresses: inside Fjordvik, importable twice, findable."""

from __future__ import annotations

import pytest
from django.conf import settings

from torg.demo.places import make_places
from torg.places import queries
from torg.places.geocoder import geocode
from torg.places.geometry import cap_polygons
from torg.places.models import AddressPoint, Place, PlaceKind

pytestmark = pytest.mark.django_db


def test_demo_places_are_imported_once_inside_the_map_bounds():
    assert make_places() == 11
    assert make_places() == 11
    assert Place.objects.count() == 11
    assert AddressPoint.objects.count() == 60
    counts = {kind: Place.objects.filter(kind=kind).count() for kind in PlaceKind.values}
    assert counts == {"bygd": 5, "skulekrins": 3, "vassverk": 3, "anna": 0}
    south, west, north, east = settings.TORG_MAP_BOUNDS
    for place in Place.objects.all():
        assert south <= place.min_lat and place.max_lat <= north and west <= place.min_lon and place.max_lon <= east
        assert cap_polygons(place.geometry)


def test_every_demo_address_lies_in_a_village_and_a_school_district():
    make_places()
    points = list(AddressPoint.objects.values_list("lat", "lon"))
    kinds = dict(Place.objects.values_list("pk", "kind"))
    for ids in queries.places_containing_many(points).values():
        found = {kinds[pk] for pk in ids}
        assert {"bygd", "skulekrins"} <= found


def test_demo_addresses_can_be_found_by_typing():
    make_places()
    (first, *_rest) = geocode("storgata")
    assert first.text.startswith("Storgata") and first.text.endswith("5380 Fjordvik")
    found = geocode("sorbygdvegen")[0]
    assert "Sørbygda" in {p.name for p in queries.places_containing(found.lat, found.lon)}
