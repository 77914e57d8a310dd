"""The studio's language data: word tables read from ``lang/data/``, one file per language.

Each ``<code>.yaml`` (``en.yaml``, ``pt.yaml``...) holds what the studio knows of one language:
the comment desk's intent cues, language markers, size and colour words, steering and follow-up
words and spec cues, its reply templates, colour and payment-method names, and the spec cards'
keywords, labels and units. ``common.yaml`` holds the tables that are not one language's: the
order languages are listed in, spec names that say what a product is, size letters, place names,
and the embedding fallback's example questions (multilingual on purpose). Adding a
language is adding its file; :func:`load` checks it against ``en.yaml`` and names the file and
the key of anything missing or misspelt.

Data only, read once and cached: the matching and the decisions stay with the comment desk
(:mod:`sola_studio.comments`) and the spec cards (:mod:`sola_studio.captions.speccards`), which
both read from here and never from each other. It never imports either of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from sola_studio.core.errors import ConfigError
from sola_studio.core.yamlio import safe_load

DATA_DIR = Path(__file__).resolve().parent / "data"
REFERENCE = "en"  # every language file is checked against this one
COMMON = "common"

_FIELD = re.compile(r"\{(\w+)\}")

CueTable = Literal["intent_cues", "spec_cues", "size_words", "colour_words", "card_keywords"]
WordList = Literal[
    "steering_cues",
    "follow_up_connectors",
    "interest_cues",
    "warranty_cues",
    "damage_cues",
    "total_cues",
    "wholesale_cues",
]


@dataclass(frozen=True)
class CardWords:
    """A language's words for spec cards: titles per attribute, the keywords that trigger an
    attribute in a caption spoken in the language, and the unit words for months and days."""

    labels: Mapping[str, str]
    keywords: Mapping[str, tuple[str, ...]]
    units: Mapping[str, str]


@dataclass(frozen=True)
class LanguageData:
    """One language file. Cues are folded (lower case, no Latin accents); a Latin cue may be a
    short regex and ends a word when it ends in ``$`` (see :mod:`sola_studio.comments.lexicon`)."""

    code: str
    name: str
    path: Path
    babel_locale: str
    list_separator: str
    intent_cues: Mapping[str, tuple[str, ...]]  # intent value ("price") -> cues
    language_markers: tuple[str, ...]
    size_words: Mapping[str, tuple[str, ...]]  # size label ("S") -> words for it
    colour_words: Mapping[str, tuple[str, ...]]  # sheet colour key ("black") -> words for it
    steering_cues: tuple[str, ...]  # orders to say something ("say it's free")
    follow_up_connectors: tuple[str, ...]  # "and ...?", "what about ...?"
    interest_cues: tuple[str, ...]  # "and the interest?" (instalments)
    warranty_cues: tuple[str, ...]  # "warranty?" (before returns)
    damage_cues: tuple[str, ...]  # "arrived broken": a return or a warranty case, both said
    goodbye_cues: tuple[str, ...]  # "see you tomorrow": a greeting answered with a goodbye
    hello_cues: tuple[str, ...]  # "hi": a greeting answered with a welcome
    # a bare "how much" ("combo ile?", "pashmina brp kak"): the price, where no other cue is hit
    price_alone_cues: tuple[str, ...]
    total_cues: tuple[str, ...]  # "total", "insgesamt", "合計": a sum of several products asked
    # "wholesale?", "cena hurtowa", "por mayoreo": a quantity discount, where the sheet has one
    wholesale_cues: tuple[str, ...]
    # everyday words of the language's chat, in its own script: what a comment written in
    # Latin letters is read against where chat romanises it (Greek "poso kanei", greeklish.py)
    chat_words: tuple[str, ...]
    spec_cues: Mapping[str, tuple[str, ...]]  # spec name ("origin") -> cues in comments
    templates: Mapping[str, str]
    # "to <country>" in the shipping templates' {country}, by ISO code ("*": every other;
    # {name}: CLDR's name): "au Canada", "para o Brasil", "in die Schweiz". Empty: the name
    # alone, the preposition being in the template
    country_to: Mapping[str, str]
    colour_names: Mapping[str, str]
    payment_methods: Mapping[str, str]
    cards: CardWords


@dataclass(frozen=True)
class CommonData:
    """``common.yaml``: tables that belong to no single language."""

    order: tuple[str, ...]
    identity_specs: frozenset[str]
    size_letters: Mapping[str, str]
    weak_size_letters: frozenset[str]
    size_lead_ins: tuple[str, ...]
    size_number_words: tuple[str, ...]
    country_cues: Mapping[str, tuple[str, ...]]
    more_countries: tuple[str, ...]
    intent_examples: Mapping[str, tuple[str, ...]]
    clause_joins: Mapping[str, tuple[str, ...]]
    difference_cues: Mapping[str, tuple[str, ...]]
    stacking_cues: Mapping[str, tuple[str, ...]]
    stacking_weak_cues: Mapping[str, tuple[str, ...]]
    payment_brands: tuple[str, ...]  # payment services by name ("gcash", "pix", "apple pay")


@dataclass(frozen=True)
class LanguageTables:
    """Every language file, in :attr:`languages` order, and ``common.yaml``."""

    languages: tuple[str, ...]
    by_code: Mapping[str, LanguageData]
    common: CommonData

    def get(self, code: str) -> LanguageData | None:
        return self.by_code.get(code)

    def __getitem__(self, code: str) -> LanguageData:
        return self.by_code[code]

    def each(self) -> tuple[LanguageData, ...]:
        return tuple(self.by_code[c] for c in self.languages)


# -- reading and checking ----------------------------------------------------------------------


class _File:
    """One YAML file being checked: every error names the file and the key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            data = safe_load(path.read_text(encoding="utf-8"))
        except Exception as exc:  # a YAML syntax error or an unreadable file
            raise ConfigError(
                f"language data {path} cannot be read: {exc}",
                fix=f"fix the YAML syntax of {path.name}",
            ) from exc
        self.data = self.mapping(data, "")

    def fail(self, key: str, problem: str) -> ConfigError:
        where = f"key '{key}'" if key else "the top level"
        return ConfigError(
            f"language data {self.path}: {where} {problem}",
            fix=f"edit {self.path.name} to match the structure of {REFERENCE}.yaml",
        )

    def mapping(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise self.fail(key, "must be a mapping of names to values")
        return value

    def text(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value:
            raise self.fail(key, "must be a non-empty text (quote it in YAML)")
        return value

    def words(self, value: Any, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(key, "must be a non-empty list of words")
        return tuple(self.text(v, f"{key}[{i}]") for i, v in enumerate(value))

    def texts(self, value: Any, key: str) -> dict[str, str]:
        return {k: self.text(v, f"{key}.{k}") for k, v in self.mapping(value, key).items()}

    def word_lists(self, value: Any, key: str) -> dict[str, tuple[str, ...]]:
        return {k: self.words(v, f"{key}.{k}") for k, v in self.mapping(value, key).items()}

    def keys(self, got: Mapping[str, Any], key: str, allowed: set[str], required: set[str]) -> None:
        for k in got:
            if k not in allowed:
                raise self.fail(f"{key}.{k}" if key else k, "is not a known key")
        for k in sorted(required - set(got)):
            raise self.fail(f"{key}.{k}" if key else k, "is missing")


# the tables matched against folded comments: a cue written with an accent never matches
_FOLDED_LISTS = (
    "language_markers",
    "steering_cues",
    "follow_up_connectors",
    "interest_cues",
    "warranty_cues",
    "damage_cues",
    "goodbye_cues",
    "hello_cues",
    "price_alone_cues",
    "total_cues",
    "wholesale_cues",
    "chat_words",
)
_FOLDED_TABLES = ("intent_cues", "size_words", "colour_words", "spec_cues")


_LANGUAGE_KEYS = {
    "name",
    "all_languages",
    "all_words",
    "babel_locale",
    "list_separator",
    *_FOLDED_LISTS,
    *_FOLDED_TABLES,
    "templates",
    "country_to",
    "colour_names",
    "payment_methods",
    "spec_cards",
}
_LANGUAGE_REQUIRED = {"name", "templates", "colour_names", "payment_methods", "spec_cards"}
_CARD_KEYS = {"labels", "keywords", "units"}
_UNITS = {"months", "days"}


def _language(path: Path, common: CommonData, reference: LanguageData | None) -> LanguageData:
    f = _File(path)
    d = f.data
    f.keys(d, "", _LANGUAGE_KEYS, _LANGUAGE_REQUIRED)
    code = path.stem
    cards = f.mapping(d["spec_cards"], "spec_cards")
    f.keys(cards, "spec_cards", _CARD_KEYS, {"labels"})
    units = f.texts(cards.get("units", {}), "spec_cards.units")
    if units:
        f.keys(units, "spec_cards.units", _UNITS, _UNITS)
    data = LanguageData(
        code=code,
        name=f.text(d["name"], "name"),
        path=path,
        babel_locale=f.text(d.get("babel_locale", code), "babel_locale"),
        list_separator=f.text(d.get("list_separator", ", "), "list_separator"),
        intent_cues=_frozen(f.word_lists(d.get("intent_cues", {}), "intent_cues")),
        language_markers=_optional_words(f, d, "language_markers"),
        size_words=_frozen(f.word_lists(d.get("size_words", {}), "size_words")),
        colour_words=_frozen(f.word_lists(d.get("colour_words", {}), "colour_words")),
        steering_cues=_optional_words(f, d, "steering_cues"),
        follow_up_connectors=_optional_words(f, d, "follow_up_connectors"),
        interest_cues=_optional_words(f, d, "interest_cues"),
        warranty_cues=_optional_words(f, d, "warranty_cues"),
        damage_cues=_optional_words(f, d, "damage_cues"),
        goodbye_cues=_optional_words(f, d, "goodbye_cues"),
        hello_cues=_optional_words(f, d, "hello_cues"),
        price_alone_cues=_optional_words(f, d, "price_alone_cues"),
        total_cues=_optional_words(f, d, "total_cues"),
        wholesale_cues=_optional_words(f, d, "wholesale_cues"),
        chat_words=_optional_words(f, d, "chat_words"),
        spec_cues=_frozen(f.word_lists(d.get("spec_cues", {}), "spec_cues")),
        templates=_frozen(f.texts(d["templates"], "templates")),
        country_to=_frozen(_country_to(f, d)),
        colour_names=_frozen(f.texts(d["colour_names"], "colour_names")),
        payment_methods=_frozen(f.texts(d["payment_methods"], "payment_methods")),
        cards=CardWords(
            labels=_frozen(f.texts(cards["labels"], "spec_cards.labels")),
            keywords=_frozen(f.word_lists(cards.get("keywords", {}), "spec_cards.keywords")),
            units=_frozen(units),
        ),
    )
    _check_folded(f, data)
    sizes = set(common.size_letters.values())
    f.keys(data.size_words, "size_words", sizes, set())
    if reference is not None:
        _check_against(f, data, reference)
    return data


def fold(text: str) -> str:
    """Lower case without accents (``Preço`` -> ``preco``, ``cześć`` -> ``czesc``, ``її`` ->
    ``іі``): the form every cue is matched against, and written in."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not ("\u0300" <= ch <= "\u036f"))
    return unicodedata.normalize("NFC", stripped).replace("ß", "ss").replace("’", "'")


def _check_folded(f: _File, data: LanguageData) -> None:
    """Every cue is written folded: "cześć" would never match a comment, which is folded to
    "czesc" before it is matched (Polish and Russian had 43 such cues, dead since written)."""
    lists: list[tuple[str, tuple[str, ...]]] = [(k, getattr(data, k)) for k in _FOLDED_LISTS]
    for table in _FOLDED_TABLES:
        lists += [(f"{table}.{k}", v) for k, v in getattr(data, table).items()]
    for key, cues in lists:
        for i, cue in enumerate(cues):
            if fold(cue) != cue:
                raise ConfigError(
                    f"language data {f.path}: key '{key}[{i}]' is written '{cue}', but comments "
                    f"are matched folded (lower case, no accents), so it never matches",
                    fix=f"write it '{fold(cue)}' in {f.path.name}",
                )


def _country_to(f: _File, d: Mapping[str, Any]) -> dict[str, str]:
    """``country_to`` as written (phrase -> the ISO codes it is said of, ``"*"`` for every
    other country) read as ISO code -> phrase; each phrase holds {name} or is whole ("in die
    USA"), and one phrase is the ``"*"`` one."""
    out: dict[str, str] = {}
    for phrase, codes in f.mapping(d.get("country_to", {}), "country_to").items():
        for code in f.words(codes, f"country_to.{phrase}"):
            if code != "*" and not (len(code) == 2 and code.isupper()):
                raise f.fail(f"country_to.{phrase}", f"'{code}' is no ISO country code")
            if code in out:
                raise f.fail(f"country_to.{phrase}", f"'{code}' is listed twice")
            out[code] = phrase
    if out and "*" not in out:
        raise f.fail("country_to", "names no phrase for every other country ('*')")
    return out


def _optional_words(f: _File, d: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return f.words(d[key], key) if key in d else ()


def _check_against(f: _File, data: LanguageData, ref: LanguageData) -> None:
    """What a language must share with English: every template (with the same ``{fields}``),
    colour name, payment method and card label; and only intents, spec names and card
    attributes English knows (a misspelt key would silently never match)."""
    for key, table, ref_table in (
        ("templates", data.templates, ref.templates),
        ("colour_names", data.colour_names, ref.colour_names),
        ("payment_methods", data.payment_methods, ref.payment_methods),
        ("spec_cards.labels", data.cards.labels, ref.cards.labels),
    ):
        f.keys(table, key, set(ref_table), set(ref_table))
    for name, text in data.templates.items():
        want = sorted(set(_FIELD.findall(ref.templates[name])))
        got = sorted(set(_FIELD.findall(text)))
        if got != want:
            raise f.fail(f"templates.{name}", f"has the fields {got}; {REFERENCE}.yaml has {want}")
    f.keys(data.intent_cues, "intent_cues", set(ref.intent_cues), set())
    f.keys(data.colour_words, "colour_words", set(ref.colour_names), set())
    f.keys(data.spec_cues, "spec_cues", set(ref.spec_cues), set())
    f.keys(data.cards.keywords, "spec_cards.keywords", set(ref.cards.keywords), set())


_COMMON_LISTS = (
    "order",
    "identity_specs",
    "weak_size_letters",
    "size_lead_ins",
    "size_number_words",
    "more_countries",
    "payment_brands",
)
_COMMON_TABLES = (
    "country_cues",
    "intent_examples",
    "clause_joins",
    "difference_cues",
    "stacking_cues",
    "stacking_weak_cues",
)


def _common(path: Path) -> CommonData:
    f = _File(path)
    d = f.data
    keys = {*_COMMON_LISTS, *_COMMON_TABLES, "size_letters"}
    f.keys(d, "", keys, keys)
    lists = {k: f.words(d[k], k) for k in _COMMON_LISTS}
    tables = {k: _frozen(f.word_lists(d[k], k)) for k in _COMMON_TABLES}
    return CommonData(
        order=lists["order"],
        identity_specs=frozenset(lists["identity_specs"]),
        size_letters=_frozen(f.texts(d["size_letters"], "size_letters")),
        weak_size_letters=frozenset(lists["weak_size_letters"]),
        size_lead_ins=lists["size_lead_ins"],
        size_number_words=lists["size_number_words"],
        country_cues=tables["country_cues"],
        more_countries=lists["more_countries"],
        intent_examples=tables["intent_examples"],
        clause_joins=tables["clause_joins"],
        difference_cues=tables["difference_cues"],
        stacking_cues=tables["stacking_cues"],
        stacking_weak_cues=tables["stacking_weak_cues"],
        payment_brands=lists["payment_brands"],
    )


def _frozen(d: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(d))


def load(directory: Path = DATA_DIR) -> LanguageTables:
    """Read and check every file of ``directory`` (``ConfigError`` naming the file and the key).

    Languages are listed in ``common.yaml``'s ``order``, then any other file alphabetically;
    where a table spans languages, the earlier one is tried first."""
    common_path = directory / f"{COMMON}.yaml"
    ref_path = directory / f"{REFERENCE}.yaml"
    for needed in (common_path, ref_path):
        if not needed.is_file():
            raise ConfigError(
                f"language data {needed} not found", fix="reinstall sola-studio (package data)"
            )
    common = _common(common_path)
    reference = _language(ref_path, common, None)
    found = {p.stem: p for p in directory.glob("*.yaml") if p.stem != COMMON}
    codes = [c for c in common.order if c in found]
    codes += sorted(c for c in found if c not in codes)
    by_code = {
        c: reference if c == REFERENCE else _language(found[c], common, reference) for c in codes
    }
    return LanguageTables(tuple(codes), MappingProxyType(by_code), common)


@cache
def tables() -> LanguageTables:
    """The packaged language data, read once (a few milliseconds with libyaml)."""
    return load()


def languages() -> tuple[str, ...]:
    """Every language with a data file, in listing order."""
    return tables().languages


def common() -> CommonData:
    return tables().common


def language(code: str) -> LanguageData | None:
    """The data of language ``code``, or None when it has no file."""
    return tables().get(code)


def per_language(
    pick: CueTable, tables_: LanguageTables | None = None
) -> dict[str, dict[str, tuple[str, ...]]]:
    """A cue table of every language, turned around: name -> language -> cues, names in the
    order they first appear, languages in listing order (``pick``: a table of
    :class:`LanguageData` such as ``"intent_cues"``, or ``"card_keywords"``)."""
    t = tables_ or tables()
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for data in t.each():
        table = data.cards.keywords if pick == "card_keywords" else getattr(data, pick)
        for name, cues in table.items():
            out.setdefault(name, {})[data.code] = cues
    return out


def all_languages(
    pick: CueTable, tables_: LanguageTables | None = None
) -> Mapping[str, tuple[str, ...]]:
    """A cue table of every language merged: name -> the cues of every language, in listing
    order (``pick``: ``"size_words"`` or ``"colour_words"``); entities are found whatever
    language the rest of the comment is in."""
    merged = {
        name: tuple(c for cues in by_lang.values() for c in cues)
        for name, by_lang in per_language(pick, tables_).items()
    }
    return _frozen(merged)


def all_words(pick: WordList, tables_: LanguageTables | None = None) -> tuple[str, ...]:
    """A word list of every language joined, in listing order (``pick``: ``"steering_cues"``,
    ``"follow_up_connectors"``, ``"interest_cues"``, ``"warranty_cues"`` or ``"damage_cues"``)."""
    t = tables_ or tables()
    return tuple(w for data in t.each() for w in getattr(data, pick))


def babel_locale(code: str) -> str:
    """The babel locale for ``code`` (``pt`` -> ``pt_BR``); the code itself when unknown."""
    data = language(code)
    return data.babel_locale if data is not None else code


def colour_name(key: str, code: str) -> str:
    """A sheet colour key (``black``) in language ``code``; the key itself when unknown."""
    data = language(code)
    return data.colour_names.get(key, key) if data is not None else key


def join(items: Sequence[str], code: str) -> str:
    """``items`` listed the way language ``code`` lists them (``、`` in Chinese)."""
    data = language(code)
    return (data.list_separator if data is not None else ", ").join(items)


__all__ = [
    "DATA_DIR",
    "REFERENCE",
    "CardWords",
    "CommonData",
    "LanguageData",
    "LanguageTables",
    "all_languages",
    "all_words",
    "babel_locale",
    "colour_name",
    "common",
    "join",
    "language",
    "languages",
    "load",
    "per_language",
    "tables",
]
