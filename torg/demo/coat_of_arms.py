"""A made-up coat of arms for the demo municipality, drawn with Pillow.

Two tinctures, as Norwegian heraldry wants: a blue field with three gold
waves (the fjord) under a rising gold sun.
"""

from __future__ import annotations

import math
from io import BytesIO

from PIL import Image, ImageDraw

BLUE = (30, 79, 138, 255)
GOLD = (240, 190, 40, 255)
SIZE = (240, 280)


def _shield(width: int, height: int, inset: int = 0) -> list[tuple[float, float]]:
    """The outline of a heater shield: straight top and sides, round bottom to a point."""
    left, right, top = inset, width - 1 - inset, inset
    straight = height * 0.45
    bottom = height - 1 - inset
    points: list[tuple[float, float]] = [(left, top), (right, top), (right, straight)]
    cx = width / 2
    steps = 24
    for i in range(1, steps + 1):  # right side curves to the point
        t = i / steps
        points.append((right - (right - cx) * (1 - math.cos(t * math.pi / 2)), straight + (bottom - straight) * t))
    for i in range(steps - 1, -1, -1):  # and back up on the left
        t = i / steps
        points.append((left + (cx - left) * (1 - math.cos(t * math.pi / 2)), straight + (bottom - straight) * t))
    return points


def coat_of_arms_png() -> bytes:
    width, height = SIZE
    image = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon(_shield(width, height), fill=GOLD)
    draw.polygon(_shield(width, height, inset=6), fill=BLUE)

    # A rising sun with rays.
    cx, cy, r = width / 2, 118, 34
    draw.pieslice((cx - r, cy - r, cx + r, cy + r), 180, 360, fill=GOLD)
    for angle in range(195, 360, 30):
        a = math.radians(angle)
        draw.line(
            (
                cx + (r + 8) * math.cos(a),
                cy + (r + 8) * math.sin(a),
                cx + (r + 26) * math.cos(a),
                cy + (r + 26) * math.sin(a),
            ),
            fill=GOLD,
            width=6,
        )

    # Three waves, clipped to the shield by drawing on a mask.
    waves = Image.new("L", SIZE, 0)
    wave_draw = ImageDraw.Draw(waves)
    for row in range(3):
        y0 = 140 + row * 30
        points = [(x, y0 + 9 * math.sin(x / 18)) for x in range(0, width + 1, 2)]
        wave_draw.line(points, fill=255, width=10)
    mask = Image.new("L", SIZE, 0)
    ImageDraw.Draw(mask).polygon(_shield(width, height, inset=6), fill=255)
    waves = Image.composite(waves, Image.new("L", SIZE, 0), mask)
    image.paste(GOLD, (0, 0), waves)

    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
