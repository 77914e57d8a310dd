"""Static inline SVG charts for the HTML report: stacked bars over time and horizontal bars.

Written by hand because the report must be one self-contained file that makes no request and
runs no script: the SVG is plain markup with ``<title>`` tooltips. Every piece of text that goes
in (labels, legends, titles) is escaped here; callers pass plain strings, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

# Colour-blind-friendly palette (Okabe-Ito, then Tol's muted), assigned to labels in order.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#332288",
    "#88CCEE",
    "#882255",
    "#44AA99",
    "#999933",
)
GREY = "#9aa0a6"


def colours(labels: Sequence[str]) -> dict[str, str]:
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(labels)}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    for step in (2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if value <= step * 5:
            return ((value + step - 1) // step) * step
    return value


def legend(
    keys: Sequence[str], palette: Mapping[str, str], names: Mapping[str, str] | None = None
) -> str:
    """The colour key; ``names`` shows a key in the report's language (``join`` -> 进入直播间)."""
    shown = names or {}
    items = "".join(
        f'<span class="key"><i style="background:{palette[k]}"></i>{_e(shown.get(k, k))}</span>'
        for k in keys
    )
    return f'<div class="legend">{items}</div>'


def stacked_bars(
    buckets: Sequence[Mapping[str, int]],
    x_labels: Sequence[str],
    keys: Sequence[str],
    palette: Mapping[str, str],
    *,
    title: str,
    names: Mapping[str, str] | None = None,
    width: int = 640,
    height: int = 220,
) -> str:
    """One bar per bucket, stacked by key (e.g. comments per minute by language); ``names``
    shows a key in the report's language in the tooltips."""
    shown = names or {}
    left, right, top, bottom = 34, 8, 10, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(b.values()) for b in buckets]
    ymax = _nice_max(max(totals, default=0))
    n = max(len(buckets), 1)
    slot = plot_w / n
    bar_w = max(2.0, slot * 0.72)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{_e(title)}</title>'
    ]
    for frac in (0.0, 0.5, 1.0):
        y = top + plot_h * (1 - frac)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" class="axis" text-anchor="end">'
            f"{round(ymax * frac)}</text>"
        )
    label_every = max(1, round(n / 8))
    for i, bucket in enumerate(buckets):
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h
        for key in keys:
            v = bucket.get(key, 0)
            if not v:
                continue
            h = plot_h * v / ymax
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{palette.get(key, GREY)}"><title>{_e(x_labels[i])} · '
                f"{_e(shown.get(key, key))}: {v}"
                f"</title></rect>"
            )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - 8}" class="axis" '
                f'text-anchor="middle">{_e(x_labels[i])}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def hbars(
    items: Sequence[tuple[str, int]],
    *,
    title: str,
    colour: str = PALETTE[0],
    palette: Mapping[str, str] | None = None,
    empty: str = "nothing recorded",
    width: int = 480,
    row_h: int = 24,
) -> str:
    """Horizontal bars, one per (label, value), largest first as given; ``empty`` is said when
    there is none."""
    label_w, value_w, pad = 230, 34, 6
    height = max(1, len(items)) * row_h + pad * 2
    vmax = max((v for _, v in items), default=0) or 1
    bar_space = width - label_w - value_w
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{_e(title)}</title>'
    ]
    if not items:
        parts.append(f'<text x="{pad}" y="{pad + 14}" class="axis">{_e(empty)}</text>')
    for i, (label, value) in enumerate(items):
        y = pad + i * row_h
        w = bar_space * value / vmax
        shown = label if len(label) <= 34 else label[:33] + "…"
        fill = palette.get(label, colour) if palette else colour
        parts.append(
            f'<text x="{label_w - 8}" y="{y + row_h * 0.66:.1f}" class="label" '
            f'text-anchor="end">{_e(shown)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{max(w, 1.5):.1f}" height="{row_h - 8}" '
            f'rx="3" fill="{fill}"><title>{_e(label)}: {value}</title></rect>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + row_h * 0.66:.1f}" class="value">'
            f"{value}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
