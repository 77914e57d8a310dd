"""Draws the Sola Studio app icon into ``assets/icons/``: one geometry, written as SVG and PNG.

The icon is a sun (Sola) over a caption strip with two lines of text in different lengths
(captions in two languages) on a warm rounded square. The PNGs are drawn by Pillow at 4x and
scaled down, so small sizes stay crisp; ``sola-studio.ico`` (Windows) and
``sola-studio.icns`` (macOS) are built from them by Pillow too. No downloads, no other tools.

Usage: ``.venv/bin/python packaging/make_icons.py``
"""

from __future__ import annotations

import logging
import math
from pathlib import Path

from PIL import Image, ImageDraw

log = logging.getLogger("make_icons")

ICONS = Path(__file__).resolve().parent.parent / "assets" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
VIEW = 256  # the design grid, in SVG units

BG_TOP, BG_BOTTOM = "#2b3a67", "#1b2440"
SUN = "#f5a623"
STRIP = "#ffffff"
TEXT = "#2b3a67"
ACCENT = "#f5a623"

# (x0, y0, x1, y1, radius) in design units
BACKGROUND = (8, 8, 248, 248, 52)
STRIP_BOX = (36, 150, 220, 222, 18)
LINE_1 = (56, 170, 200, 184, 7)
LINE_2 = (56, 192, 160, 206, 7)
SUN_CENTRE, SUN_RADIUS = (128, 92), 34
RAYS = 12
RAY_INNER, RAY_OUTER, RAY_WIDTH = 44, 60, 9


def _rays() -> list[tuple[float, float, float, float]]:
    cx, cy = SUN_CENTRE
    out = []
    for k in range(RAYS):
        a = 2 * math.pi * k / RAYS
        out.append(
            (
                cx + RAY_INNER * math.cos(a),
                cy + RAY_INNER * math.sin(a),
                cx + RAY_OUTER * math.cos(a),
                cy + RAY_OUTER * math.sin(a),
            )
        )
    return out


def svg() -> str:
    def rect(box: tuple[int, int, int, int, int], fill: str) -> str:
        x0, y0, x1, y1, r = box
        return (
            f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="{r}" fill="{fill}"/>'
        )

    rays = "".join(
        f'<line x1="{a:.1f}" y1="{b:.1f}" x2="{c:.1f}" y2="{d:.1f}"/>' for a, b, c, d in _rays()
    )
    cx, cy = SUN_CENTRE
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEW} {VIEW}" '
        f'width="{VIEW}" height="{VIEW}">'
        "<title>Sola Studio</title>"
        '<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="{BG_TOP}"/><stop offset="1" stop-color="{BG_BOTTOM}"/>'
        "</linearGradient></defs>"
        + rect(BACKGROUND, "url(#bg)")
        + f'<g stroke="{SUN}" stroke-width="{RAY_WIDTH}" stroke-linecap="round">{rays}</g>'
        + f'<circle cx="{cx}" cy="{cy}" r="{SUN_RADIUS}" fill="{SUN}"/>'
        + rect(STRIP_BOX, STRIP)
        + rect(LINE_1, TEXT)
        + rect(LINE_2, ACCENT)
        + "</svg>\n"
    )


def _hex(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def png(size: int) -> Image.Image:
    scale = 4 * size / VIEW
    big = 4 * size
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    # the gradient background: a vertical blend masked by the rounded square
    top, bottom = _hex(BG_TOP), _hex(BG_BOTTOM)
    grad = Image.new("RGBA", (1, big))
    for y in range(big):
        t = y / max(1, big - 1)
        grad.putpixel(
            (0, y), (*(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)), 255)
        )
    grad = grad.resize((big, big))
    mask = Image.new("L", (big, big), 0)
    x0, y0, x1, y1, r = BACKGROUND
    ImageDraw.Draw(mask).rounded_rectangle(
        [x0 * scale, y0 * scale, x1 * scale, y1 * scale], r * scale, fill=255
    )
    img.paste(grad, (0, 0), mask)
    d = ImageDraw.Draw(img)
    for a, b, c, e in _rays():
        width = round(RAY_WIDTH * scale)
        d.line([a * scale, b * scale, c * scale, e * scale], fill=SUN, width=width)
        rr = RAY_WIDTH * scale / 2
        for px, py in ((a * scale, b * scale), (c * scale, e * scale)):  # round caps, as in SVG
            d.ellipse([px - rr, py - rr, px + rr, py + rr], fill=SUN)
    cx, cy = SUN_CENTRE
    r_sun = SUN_RADIUS * scale
    d.ellipse(
        [cx * scale - r_sun, cy * scale - r_sun, cx * scale + r_sun, cy * scale + r_sun], fill=SUN
    )
    for box, fill in ((STRIP_BOX, STRIP), (LINE_1, TEXT), (LINE_2, ACCENT)):
        x0, y0, x1, y1, r = box
        d.rounded_rectangle([x0 * scale, y0 * scale, x1 * scale, y1 * scale], r * scale, fill=fill)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "sola-studio.svg").write_text(svg())
    images = {size: png(size) for size in SIZES}
    for size, image in images.items():
        image.save(ICONS / f"sola-studio-{size}.png", optimize=True)
    images[256].save(ICONS / "sola-studio.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    images[512].save(ICONS / "sola-studio.icns")
    log.info("icons written to %s", ICONS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
