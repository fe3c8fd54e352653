"""Geometry of named areas (stader): GeoJSON polygons in WGS84, tested with shapely 2.

Geometries are stored as GeoJSON (RFC 7946): ``Polygon`` or ``MultiPolygon``,
positions in ``[lon, lat]`` order. Everything facing the rest of Torg takes
and returns ``(lat, lon)``, as residents, maps and CAP write it.

A point exactly on an area's border is outside (``shapely.contains_xy``); the
scalar and the vectorised test agree on that.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

Geometry = dict[str, Any]
Bounds = tuple[float, float, float, float]  # min_lat, min_lon, max_lat, max_lon

GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
# CAP polygons: most receivers (and Common Alerting Protocol profiles) take at most 100 points.
CAP_MAX_POINTS = 100
CAP_DECIMALS = 5  # about 1 m


# --- Validation ------------------------------------------------------------------------


def _position_error(position: Any) -> str | None:
    if not isinstance(position, list | tuple) or len(position) < 2:
        return _("Every position must be a list [longitude, latitude].")
    lon, lat = position[0], position[1]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lon, lat)):
        return _("Every position must be a list [longitude, latitude] of numbers.")
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return _("Every position must be a list [longitude, latitude] of numbers.")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return _(
            "The position %(position)s is outside longitude -180 to 180 and latitude -90 to 90. "
            "The file must use WGS84 degrees (EPSG:4326); convert it from UTM (EPSG:25832/25833) first."
        ) % {"position": f"[{lon}, {lat}]"}
    return None


def _ring_errors(ring: Any) -> str | None:
    if not isinstance(ring, list) or not ring:
        return _("Every ring must be a list of positions.")
    for position in ring:
        if error := _position_error(position):
            return error
    if len(ring) < 4:
        return _("A ring needs at least four positions (three corners and the first one again).")
    if list(ring[0][:2]) != list(ring[-1][:2]):
        return _("A ring is not closed: its last position must be the same as its first.")
    return None


def geometry_errors(geometry: Any) -> list[str]:
    """What is wrong with ``geometry`` as an area, in words staff can act on (empty: nothing)."""
    if not isinstance(geometry, dict):
        return [_("The geometry must be a GeoJSON object with “type” and “coordinates”.")]
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        return [_("The geometry must be a Polygon or a MultiPolygon, not %(type)s.") % {"type": kind or "—"}]
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or not coordinates:
        return [_("The geometry has no coordinates.")]
    polygons = [coordinates] if kind == "Polygon" else coordinates
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return [_("Every polygon must be a list of rings: the outline first, then any holes.")]
        for ring in polygon:
            if error := _ring_errors(ring):
                return [error]
    try:
        geom = to_shape(geometry)
    except (ValueError, TypeError, shapely.errors.ShapelyError):
        return [_("The geometry could not be read as a polygon.")]
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        return [
            _("The polygon is not valid (%(reason)s). Check that its edges do not cross each other.")
            % {"reason": reason}
        ]
    if geom.is_empty or geom.area == 0:
        return [_("The area is empty: its corners lie on one line.")]
    return []


def validate_geometry(geometry: Any) -> None:
    """Model/form validator: raise ``ValidationError`` with the reasons from ``geometry_errors``."""
    errors = geometry_errors(geometry)
    if errors:
        raise ValidationError(errors, code="geometry")


def normalise(geometry: Geometry) -> Geometry:
    """``geometry`` with only what Torg keeps: type and 2-D coordinates as floats."""

    def ring(r: list[Any]) -> list[list[float]]:
        return [[float(p[0]), float(p[1])] for p in r]

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r) for r in geometry["coordinates"]]}
    return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in poly] for poly in geometry["coordinates"]]}


# --- Shapes ----------------------------------------------------------------------------


def to_shape(geometry: Geometry) -> BaseGeometry:
    """The shapely geometry of a GeoJSON geometry (x = lon, y = lat)."""
    return shape(geometry)


@lru_cache(maxsize=256)
def _prepared(key: str) -> BaseGeometry:
    geom = to_shape(json.loads(key))
    shapely.prepare(geom)
    return geom


def prepared(geometry: Geometry) -> BaseGeometry:
    """A prepared shapely geometry (cached by content: repeated tests of one area are cheap)."""
    return _prepared(json.dumps(geometry, sort_keys=True, separators=(",", ":")))


def contains(geometry: Geometry, lat: float, lon: float) -> bool:
    """Whether the point (``lat``, ``lon``) lies inside the area (not in a hole, not on the border)."""
    return bool(shapely.contains_xy(prepared(geometry), lon, lat))


def contains_xy(geometry: Geometry, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Vectorised ``contains`` on numpy arrays: a boolean array."""
    if len(lats) == 0:
        return np.zeros(0, dtype=bool)
    return np.asarray(shapely.contains_xy(prepared(geometry), lons, lats), dtype=bool)


def contains_many(geometry: Geometry, points: Sequence[tuple[float, float]]) -> list[bool]:
    """For each ``(lat, lon)`` in ``points``: whether it lies inside the area (one vectorised test)."""
    if not points:
        return []
    array = np.asarray(points, dtype=float).reshape(-1, 2)
    return contains_xy(geometry, array[:, 0], array[:, 1]).tolist()


def points_in_areas(
    areas: Iterable[tuple[int, Geometry, Bounds]], points: Sequence[tuple[float, float]]
) -> dict[int, list[int]]:
    """For every index into ``points`` (``(lat, lon)``): the ids of the ``areas`` (id, geometry, bbox) holding it.

    Per area: a numpy bounding-box mask, then one ``shapely.contains_xy`` call on the
    points inside the box. Every index is a key (an empty list: in no area).
    """
    result: dict[int, list[int]] = {index: [] for index in range(len(points))}
    if not points:
        return result
    array = np.asarray(points, dtype=float).reshape(-1, 2)
    lats, lons = array[:, 0], array[:, 1]
    for area_id, geometry, (min_lat, min_lon, max_lat, max_lon) in areas:
        in_box = np.flatnonzero((lats >= min_lat) & (lats <= max_lat) & (lons >= min_lon) & (lons <= max_lon))
        if len(in_box):
            for index in in_box[contains_xy(geometry, lats[in_box], lons[in_box])].tolist():
                result[index].append(area_id)
    return result


def bbox(geometry: Geometry) -> Bounds:
    """``(min_lat, min_lon, max_lat, max_lon)`` of the area."""
    min_lon, min_lat, max_lon, max_lat = to_shape(geometry).bounds
    return (min_lat, min_lon, max_lat, max_lon)


def polygons_of(geometry: Geometry) -> list[Polygon]:
    geom = to_shape(geometry)
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    if isinstance(geom, Polygon):
        return [geom]
    raise ValueError("not a polygon")


# --- CAP -------------------------------------------------------------------------------


def _ring_points(polygon: Polygon) -> list[tuple[float, float]]:
    """The outline of ``polygon`` as rounded, closed (lat, lon) points without repeats."""
    points: list[tuple[float, float]] = []
    for lon, lat in polygon.exterior.coords:
        point = (round(lat, CAP_DECIMALS), round(lon, CAP_DECIMALS))
        if not points or points[-1] != point:
            points.append(point)
    if points[0] != points[-1]:
        points.append(points[0])
    return points


def _simplified_cover(outline: Polygon, max_points: int) -> Polygon:
    """A polygon of at most ``max_points`` points (closing point included) that covers ``outline``.

    Grows the outline by a margin and simplifies it by a little less (Douglas–Peucker
    moves no edge further than its tolerance), so the result still covers the area and
    adds as little as it can; the margin grows until the outline is short enough. The
    last resort is the rotated bounding rectangle, which always covers.
    """
    min_x, min_y, max_x, max_y = outline.bounds
    diagonal = math.hypot(max_x - min_x, max_y - min_y) or 1e-6

    def attempt(tolerance: float) -> Polygon | None:
        grown = outline.buffer(tolerance, join_style="mitre", mitre_limit=2.0)
        candidate = grown.simplify(tolerance * 0.9, preserve_topology=True)
        if not isinstance(candidate, Polygon):
            return None
        candidate = Polygon(candidate.exterior)
        if len(_ring_points(candidate)) <= max_points and candidate.covers(outline):
            return candidate
        return None

    # Grow the tolerance until the outline is short enough, then narrow it down between
    # the last that failed and the first that worked: the least margin that fits.
    low, tolerance, found = 0.0, diagonal / 5000, None
    while tolerance < diagonal and found is None:
        found = attempt(tolerance)
        if found is None:
            low, tolerance = tolerance, tolerance * 1.5
    if found is not None:
        high = tolerance
        for _step in range(10):
            middle = (low + high) / 2
            better = attempt(middle)
            if better is None:
                low = middle
            else:
                found, high = better, middle
        return found
    rectangle = outline.minimum_rotated_rectangle
    return rectangle if isinstance(rectangle, Polygon) else outline.envelope


def cap_polygons(geometry: Geometry, max_points: int = CAP_MAX_POINTS) -> list[str]:
    """Each outer ring as a CAP ``<polygon>``: "lat,lon lat,lon …", closed, at most ``max_points`` points.

    Holes are left out (CAP has none): a notice for the area then also reaches the
    hole, which is the safe side for a warning. Outlines longer than ``max_points``
    are simplified so that the simplified polygon still covers the whole area.
    """
    result = []
    for polygon in polygons_of(geometry):
        outline = Polygon(polygon.exterior)
        points = _ring_points(outline)
        if len(points) > max_points:
            points = _ring_points(_simplified_cover(outline, max_points))
        result.append(" ".join(f"{lat:.{CAP_DECIMALS}f},{lon:.{CAP_DECIMALS}f}" for lat, lon in points))
    return result


# --- SVG preview -------------------------------------------------------------------------


def svg_size(bounds: Bounds, size: float = 400.0) -> tuple[float, float]:
    """Width and height of a preview of ``bounds`` whose longer side is ``size`` (true proportions)."""
    min_lat, min_lon, max_lat, max_lon = bounds
    scale_x = math.cos(math.radians((min_lat + max_lat) / 2))
    width = max((max_lon - min_lon) * scale_x, 1e-9)
    height = max(max_lat - min_lat, 1e-9)
    factor = size / max(width, height)
    return (round(width * factor, 1), round(height * factor, 1))


def svg_path(geometry: Geometry, bounds: Bounds, size: float = 400.0) -> str:
    """An SVG path ``d`` drawing the area inside a ``svg_size(bounds, size)`` box (north up).

    Draw it with ``fill-rule="evenodd"`` so that holes show as holes.
    """
    min_lat, min_lon, max_lat, max_lon = bounds
    scale_x = math.cos(math.radians((min_lat + max_lat) / 2))
    width = max((max_lon - min_lon) * scale_x, 1e-9)
    height = max(max_lat - min_lat, 1e-9)
    factor = size / max(width, height)
    parts = []
    for polygon in polygons_of(geometry):
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = [
                f"{(lon - min_lon) * scale_x * factor:.1f} {(max_lat - lat) * factor:.1f}" for lon, lat in ring.coords
            ]
            parts.append("M" + " L".join(coords) + " Z")
    return " ".join(parts)


def bounds_of_all(geometries: Sequence[Geometry], margin: float = 0.05) -> Bounds:
    """The bounds around all ``geometries`` with a margin (a share of the extent) on each side."""
    boxes = [bbox(g) for g in geometries]
    min_lat = min(b[0] for b in boxes)
    min_lon = min(b[1] for b in boxes)
    max_lat = max(b[2] for b in boxes)
    max_lon = max(b[3] for b in boxes)
    d_lat = (max_lat - min_lat) * margin or 0.001
    d_lon = (max_lon - min_lon) * margin or 0.001
    return (min_lat - d_lat, min_lon - d_lon, max_lat + d_lat, max_lon + d_lon)
