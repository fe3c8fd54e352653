"""Places bench: which of Fjordvik's demo areas hold each of 100,000 points (subscribers' addresses).

Times ``torg.places.geometry.points_in_areas`` (the core of
``queries.places_containing_many``: a bounding-box mask and one vectorised
``shapely.contains_xy`` call per area) on random points in the demo map bounds.
References in the same run: building the list of 100,000 (lat, lon) tuples, and
the one-point-at-a-time test (``contains`` per point and area) on 2,000 points,
scaled up to 100,000.

    .venv/bin/python bench/places.py [--points 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    count = parser.parse_args().points

    from torg.places.geometry import bbox, contains, points_in_areas

    features = json.loads((ROOT / "torg/demo/data/places.geojson").read_text(encoding="utf-8"))["features"]
    areas = [(i, f["geometry"], bbox(f["geometry"])) for i, f in enumerate(features)]
    rnd = random.Random(1)

    started = time.perf_counter()
    points = [(rnd.uniform(60.30, 60.50), rnd.uniform(5.20, 5.60)) for _ in range(count)]
    build_s = time.perf_counter() - started

    points_in_areas(areas, points[:10])  # warm the prepared-geometry cache
    started = time.perf_counter()
    found = points_in_areas(areas, points)
    vector_s = time.perf_counter() - started

    sample = points[:2000]
    started = time.perf_counter()
    for lat, lon in sample:
        for _, geometry, _box in areas:
            contains(geometry, lat, lon)
    scalar_s = (time.perf_counter() - started) * count / len(sample)

    inside = sum(1 for ids in found.values() if ids)
    print(f"areas: {len(areas)}, points: {count:,}, in at least one area: {inside:,}")
    print(f"places_containing_many core:         {vector_s * 1000:8.1f} ms")
    print(f"reference, building the point list:  {build_s * 1000:8.1f} ms")
    print(f"reference, one point at a time (est): {scalar_s * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
