"""The demo municipality's named areas (villages, school districts, water supply zones) and addresses.

Data in ``torg/demo/data/``: ``places.geojson`` (WGS84, inside Fjordvik's map
bounds) and ``addresses.csv`` (for the local geocoder). Imported through the
places actions, so running it again changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from torg.places.actions import import_addresses, import_places

DATA = Path(__file__).resolve().parent / "data"


def make_places() -> int:
    """Import the demo areas and addresses (idempotent); the number of areas in the file."""
    result = import_places(source=(DATA / "places.geojson").read_bytes(), kind=None, actor=None)
    import_addresses(source=(DATA / "addresses.csv").read_bytes(), actor=None)
    return result.total
