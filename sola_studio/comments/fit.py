"""The size a measurement fits: "my head is 54cm, which size?", "main 19,5 cm quelle taille ?"
against a size chart a field holds ("S = 53-55 cm, M = 56-58 cm, L = 59-61 cm"). The chart is
said only at its rows whose range holds the measurement, or at the two rows around it where it
falls between them; a chart the measurement is not in the unit of, or lies outside of, is said
whole. Only the sheet's own wording is said, cut at its rows: no number is made up."""

from __future__ import annotations

import re
from decimal import Decimal

from sola_studio.comments.retrieval import _MEASUREMENT

# one row of a chart: a size's label, "=" or ":", up to four words, a range and its unit
# ("T8 = 19-20 cm", "S: vòng eo bố mẹ 60-85 cm")
_ROW = re.compile(
    r"(?P<label>[^\W_][\w'.-]*)\s*[=:]\s*(?:[^\W\d_][\w'.-]*\s+){0,4}"
    r"(?P<lo>\d+(?:[.,]\d+)?)\s*[-–]\s*"
    r"(?P<hi>\d+(?:[.,]\d+)?)\s*(?P<unit>cm|mm|kg|g|m|in)(?![^\W\d_])"
)
Measurement = tuple[Decimal, str]


def measurement(folded: str) -> Measurement | None:
    """The one measurement ``folded`` gives ("54cm", "19,5 cm"; retrieval's pattern), else None
    (none, or two: which one is meant?)."""
    found = _MEASUREMENT.findall(folded)
    if len(found) != 1:
        return None
    number, unit = found[0]
    return Decimal(number.replace(",", ".")), unit


def fitting(value: str, given: Measurement | None) -> str:
    """``value`` cut to the chart rows ``given`` fits (see the module docstring)."""
    if given is None:
        return value
    rows = list(_ROW.finditer(value))
    number, unit = given
    if len(rows) < 2 or any(r["unit"] != unit for r in rows):
        return value
    bounds = [
        (Decimal(r["lo"].replace(",", ".")), Decimal(r["hi"].replace(",", "."))) for r in rows
    ]
    keep = [i for i, (lo, hi) in enumerate(bounds) if lo <= number <= hi]
    if not keep:
        between = [i for i in range(len(rows) - 1) if bounds[i][1] < number < bounds[i + 1][0]]
        keep = [between[0], between[0] + 1] if between else []
    if not keep:
        return value
    tail = value[rows[-1].end() :]
    # a note after the chart ("(measured below the knuckles)") says how to read it: kept
    tail = tail if tail.lstrip().startswith("(") else ""
    sep = value[rows[0].end() : rows[1].start()]  # the chart's own ", " or "; "
    return value[: rows[0].start()] + sep.join(rows[i].group(0) for i in keep) + tail
