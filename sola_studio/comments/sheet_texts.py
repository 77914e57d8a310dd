"""Sheet texts in the reply's language: the seller's own wording when the sheet has it, else a
machine translation made once (glossary-protected) and kept on disk beside the sheet, else
nothing, and the drafter writes the whole reply in the seller's language (flagged) rather
than mixing two languages in one reply.

The translations are made with the engines installed here (Bergamot en<->pt today) when the
desk gets a sheet, for every audience language an engine reaches from the seller's language,
and stored in a JSON file (``<sheet>.translations.json``, or the desk's cache folder) that the
seller can read, correct and approve: an entry the seller edited is kept as written.

A product is named in the reply's language: its name in that language, else its translated
name, else the words every one of its names shares (the brand, "Nube"), else its type noun,
else its one name when the sheet gives only one (a brand name is the same in every language).
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sola_studio.catalog.sheet import LocalText, Product, ProductSheet
from sola_studio.comments.mixing import sheet_local_texts
from sola_studio.comments.script import reading_script, script_of_text
from sola_studio.core.errors import SolaError

log = logging.getLogger(__name__)


class MissingText(Exception):
    """A sheet text has no wording in the language asked for (and no engine makes one)."""


class SheetTexts:
    def __init__(
        self,
        sheet: ProductSheet,
        translator: Any | None = None,
        cache_file: Path | None = None,
        languages: Iterable[str] = (),
    ) -> None:
        self.sheet = sheet
        self._translator = translator
        self._cache_file = cache_file
        self._lock = threading.Lock()
        # (source language, target language, source text) -> translation
        self._mt: dict[tuple[str, str, str], str] = {}
        self._approved: set[tuple[str, str, str]] = set()  # the seller's: kept as written
        self._load()
        if translator is not None:
            self._translate_missing(tuple(languages))

    # --- the cache ----------------------------------------------------------------------------

    def _load(self) -> None:
        if self._cache_file is None:
            return
        try:
            for e in read_cache(self._cache_file):
                self._mt[e.key] = e.text
                if e.approved:
                    self._approved.add(e.key)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("translation cache %s unreadable (%s): made again", self._cache_file, exc)

    def _save(self) -> None:
        if self._cache_file is None:
            return
        entries = [
            CachedText(s, t, src, text, (s, t, src) in self._approved)
            for (s, t, src), text in sorted(self._mt.items())
        ]
        try:
            write_cache(self._cache_file, entries)
        except OSError as exc:
            log.warning("cannot write translation cache %s: %s", self._cache_file, exc)

    def _translate_missing(self, languages: tuple[str, ...]) -> None:
        tr: Any = self._translator
        jobs: dict[tuple[str, str], list[str]] = {}
        texts = list(sheet_local_texts(self.sheet))
        for p in self.sheet.products:
            texts.append(p.names or {self.sheet.seller_language: p.name})
        for local in texts:
            source = self._source(local)
            if source is None:
                continue
            src_lang, src_text = source
            for lang in languages:
                if lang in local or lang == src_lang or (src_lang, lang, src_text) in self._mt:
                    continue
                if not tr.supports(src_lang, lang):
                    continue
                jobs.setdefault((src_lang, lang), []).append(src_text)
        made = 0
        for (src_lang, lang), batch in jobs.items():
            batch = list(dict.fromkeys(batch))
            try:
                out = tr.translate(batch, src_lang, [lang])[lang]
            except SolaError as exc:
                log.warning("sheet texts %s->%s not translated: %s", src_lang, lang, exc)
                continue
            for src, text in zip(batch, out, strict=True):
                if text.strip():
                    self._mt[(src_lang, lang, src)] = text.strip()
                    made += 1
        if made:
            log.info("machine-translated %d sheet texts", made)
            self._save()

    def _source(self, local: LocalText) -> tuple[str, str] | None:
        seller = self.sheet.seller_language
        if seller in local:
            return seller, local[seller]
        if "en" in local:
            return "en", local["en"]
        for lang, text in local.items():
            return lang, text
        return None

    # --- texts --------------------------------------------------------------------------------

    def machine(self, local: LocalText, language: str) -> str | None:
        source = self._source(local)
        if source is None:
            return None
        return self._mt.get((source[0], language, source[1]))

    def text(self, local: LocalText, language: str, *, neutral: bool = False) -> str:
        """``local`` in ``language`` (the sheet's, else machine-translated); a ``neutral``
        text (``210 cm``) as written; else :class:`MissingText`."""
        if language in local:
            return local[language]
        if (neutral or _same_in_every_language(local)) and local:
            return next(iter(local.values()))
        made = self.machine(local, language)
        if made is not None:
            return made
        if not local:
            return ""
        raise MissingText(language)

    def is_machine(self, local: LocalText, language: str) -> bool:
        return language not in local and self.machine(local, language) is not None

    def name(self, p: Product, language: str) -> str:
        names = p.names or {self.sheet.seller_language: p.name}
        if language in names:
            return names[language]
        made = self.machine(names, language)
        if made is not None:
            return made
        if len(names) == 1:
            return next(iter(names.values()))  # one name for every language: a brand
        # the words the names in the reader's script share ("Svitanok 1500 UPS" of the English
        # and Polish names, to a Czech viewer: two words at least, "Provence" alone is no name),
        # else those all names share
        brand = _shared_words(readable(names, language))
        if len(brand.split()) < 2:
            brand = _shared_words(names.values())
        if brand:
            return brand
        if language in p.type_names:
            return p.type_names[language]
        # a name is quoted as a name: the international (English) one, else the seller's
        return (
            names.get("en") or names.get(self.sheet.seller_language) or next(iter(names.values()))
        )


_WORD = re.compile(r"[^\W\d_]{3,}")  # a word of three letters or more ("cm", "°C" are units)


def _same_in_every_language(local: LocalText) -> bool:
    """A text every language would write alike: the seller wrote it the same in each ("40 °C"
    under tr and en), or it has no word in it, only numbers and units ("50 x 90 cm")."""
    values = set(local.values())
    return len(values) == 1 and (len(local) > 1 or not _WORD.search(next(iter(values))))


_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w[\w'-]*")  # "4.0" of "4.0 Ah" is one word


def _shared_words(names: Iterable[str]) -> str:
    """The words every name holds, in the first name's order ("Nube" of "Nube 3-seat sofa" and
    "Sofá Nube de 3 lugares"), their model numbers too ("1500 UPS", not "UPS"); digits alone
    do not count."""
    listed = list(names)
    if len(listed) < 2:
        return ""
    sets = [{w.casefold() for w in _TOKEN.findall(n)} for n in listed[1:]]
    words = [
        w
        for w in _TOKEN.findall(listed[0])
        if (w[:1].isdigit() or len(w) >= 3) and all(w.casefold() in s for s in sets)
    ]
    return " ".join(words) if any(not w[:1].isdigit() for w in words) else ""


def readable(names: Mapping[str, str], language: str) -> list[str]:
    """The names written in the script ``language`` is read in (Latin letters for a Czech
    reader, Cyrillic for a Russian one)."""
    script = reading_script(language)
    return [n for n in names.values() if script_of_text(n) == script]


@dataclass(frozen=True)
class CachedText:
    """One machine translation of a sheet text as kept on disk. ``approved``: the seller read
    it in the sheet editor and kept or corrected it; the desk never translates it again while
    the source text stays the same (the key is the source text)."""

    source_language: str
    language: str
    source: str
    text: str
    approved: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source_language, self.language, self.source)


def read_cache(path: Path) -> list[CachedText]:
    """The entries of a translations file; none when it does not exist. Files written before
    the seller could approve (no ``approved``) read as not approved. A broken file raises
    ``ValueError``/``KeyError``/``TypeError``/``OSError``."""
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        CachedText(e["from"], e["to"], e["source"], e["text"], e.get("approved") is True)
        for e in data.get("texts", [])
    ]


def write_cache(path: Path, entries: Iterable[CachedText]) -> None:
    """Write the entries (atomically: a crash leaves the old file or the new one)."""
    texts = [
        {"from": e.source_language, "to": e.language, "source": e.source, "text": e.text}
        | {"approved": e.approved}
        for e in entries
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"texts": texts}, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def cache_file_for(sheet_path: Path | None, folder: Path | None = None) -> Path | None:
    """Where a sheet's translations are kept: ``folder/<name>.translations.json`` when a
    folder is given, else beside the sheet."""
    if sheet_path is None:
        return None
    base = folder if folder is not None else sheet_path.parent
    return base / f"{sheet_path.stem}.translations.json"
