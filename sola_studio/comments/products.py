"""Which product a comment is about: the one it names, the one it refers back to, or the
pinned one; and when it cannot tell, the products it could mean (the draft asks which).

A product is named by its name or an alias in any language (schema 2 lists them per
language; v1's ``name`` and ``aliases``), or by its id. A type noun ("lamp", "luminária")
names every product of that type: the pinned one when it is one of them, else the one shown
most recently among them when the comment refers back ("the lamp from before"), else the only
one, else it is ambiguous. An alias two products share counts as a type noun. A colour only
one other product comes in ("and the blue one?" while a product without blue is pinned) names
that product. "The one from before" alone names the product shown before the pinned one.
A proper part of several products' names ("Arjuna" of "Arjuna Prada" and "Arjuna Sungging")
names those, as a type noun does. A word of one of the pinned product's own variants that
holds another product's name ("額なし", unframed, holds "額", the frame sold alone) is the
variant's, not that name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from sola_studio import lang as lang_data
from sola_studio.catalog.sheet import Product, ProductSheet
from sola_studio.comments.lexicon import (
    case_stem,
    cue_position,
    cue_regex,
    find_cues,
    fold,
    is_latin_cue,
    strip_cues,
    without_notes,
)
from sola_studio.comments.serbian import both_scripts
from sola_studio.comments.steering import MONEY_WORDS

# "the lamp you showed before", "o de antes", "la anterior", "vorhin", "之前那个"
REFER_BACK = (
    "before$",
    "earlier",
    "previous",
    "you showed",
    "u showed",
    "last one",
    "other one",
    "antes$",
    "anterior",
    "mostrou",
    "mostraste",
    "mostraron",
    "mostrado",
    "vorhin",
    "vorher",
    "davor",
    "eben gezeigt",
    "avant$",
    "precedent",
    "tout a l'heure",
    "prima$",
    "precedente",
    "di prima",
    "之前",
    "刚才",
    "前面",
    "前の",
    "さっき",
    "先ほど",
    "السابق",
    "اللي قبل",
    "पहले",
    "pehle",
    "tadi",
    "sebelumnya",
    "truoc$",
    "vua roi",
    "ก่อนหน้า",
    "เมื่อกี้",
    "아까",
    "이전",
    "전에",
    "до этого",
    "предыдущ",
    "раньше",
    "onceki",
    "daha once",
    "az once",
)


# a word of a product's name that may tell it from another: letters (three at least, any
# script) or a number ("26" of "26 cm")
_NAME_WORD = re.compile(r"[^\W\d_]{3,}|\d+")
# A product named as the measure of a comparison is not the one asked about: "can it go in the
# washing machine like the bunny?" asks about the pinned bear. The comparison words of the 16
# languages, folded: before the name (up to one article between) ...
_COMPARED_BEFORE = re.compile(
    r"(?:(?:same as|just like|similar to|as \w+ as|(?<!would )(?<!'d )(?<!i )(?<!we )like|than|"
    r"igual (?:a|ao|à|al|que)|igualzinho (?:a|ao)|parecid[oa] (?:a|al|com)|do que|pareil que|"
    r"comme|uguale a|simile a|so wie|genau wie|genauso wie|gleich wie|ahnlich wie|als|gibi|"
    r"kadar|как у|чем|похож на|مثل|زي|متل|jaise|jaisa|ki tarah|seperti|kayak|sama kayak|"
    r"sama seperti|giong|nhu|hon|niz|tak jak|tak\w jak|podobn\w+ do)\W+"
    r"|(?:เหมือน|像|比)\W*)(?:(?:the|o|a|os|as|el|la|los|las|le|les|l'|il|lo|der|die|das|dem|"
    r"den|bu|şu|su)\W+)?$"
)
# ... or after it: "うさぎみたいに", "토끼처럼", "兔子一样", "tavşan gibi", "खरगोश जैसा".
_COMPARED_AFTER = re.compile(
    r"^\W*(?:みたいに|みたいな|のように|のような|と同じ|처럼|같이|과 같이|와 같이|랑 같이|"
    r"一样|似的|gibi|kadar|जैसा|जैसे|जैसी|की तरह|ที่เหมือน)"
)
# A sentence: up to its end mark ("comprei o ursinho semana passada, minha filha ama!").
_SENTENCE = re.compile(r"[^.!?。！？؟\n]+[.!?。！？؟]*")
_ASKS = "?？؟"


@dataclass(frozen=True)
class ProductGuess:
    """``product_id`` None when the comment names none (the caller uses the pinned one);
    ``candidates`` (two or more) when it could mean several; ``how`` says why (for tests and
    the review card): name, type, colour, back, pinned."""

    product_id: str | None
    candidates: tuple[str, ...] = ()
    how: str = "pinned"
    at: int = -1  # where the name or type noun starts in the comment (-1: not named)


def _usable(name: str) -> bool:
    """Two letters at least; one is enough in Chinese or Japanese (鞋, 包)."""
    f = fold(name).strip()
    return len(f) >= 2 or (len(f) == 1 and not is_latin_cue(f))


def _cue(text: str) -> str:
    """A name as a cue: Latin names match at a word start ("runner" in "runners"), regex
    characters taken literally; a one-word name of three letters or fewer as a whole word or
    its plural ("was", Dutch for wax, is not the start of "washing"; "kit" names "kits", not
    "kitchen")."""
    f = fold(text).strip().rstrip("$")
    if not is_latin_cue(f):
        return f
    if len(f) <= 3 and f.isalpha():
        return re.escape(f) + _SHORT_END
    return re.escape(f).replace("\\ ", " ")


_SHORT_END = "(?:e?s)?$"


def _cue_length(cue: str) -> int:
    """How many characters of a comment a cue's literal text covers."""
    return len(re.sub(r"\\(.)", r"\1", cue.removesuffix(_SHORT_END)))


def _by_length(cue: str) -> int:
    """A cue's length for ordering (the longest first), its whole-word ending not counted."""
    return len(cue.removesuffix(_SHORT_END))


# languages whose noun phrases put the noun first ("peruca lisa", "dây PE", "سجادة حرير");
# in the others it comes last ("synthetic wig", "yün halı", "шерстяной ковёр")
_HEAD_FIRST = frozenset(("pt", "es", "fr", "it", "ro", "id", "ms", "vi", "th", "ar", "tl", "he"))
_UNSPACED = frozenset(("th", "lo", "km", "my"))  # no spaces between words: no head to take
_NOT_HEADS = frozenset(("one", "ones", "set", "kit", "pack", "piece", "edition", "model"))
_AMOUNT = re.compile(r"\d+(?:[.,]\d+)?[a-z]{0,3}")
# "1:8", "s864m", "8-tage-werk" (and its "8-tage")
_CODE_WORD = re.compile(r"(?<![\w:/.])[a-z]*\d+(?:[-:/.]?[a-z0-9]+)*")
_HEAD_WORD = re.compile(r"[^\W\d_]{3,}")


def _heads(p: Product) -> set[str]:
    """The head nouns of a product's names and type names (as cues), by the word order of
    each one's language; names in no language (v1 sheets, the id) give none."""
    out: set[str] = set()
    texts = [*p.names.items(), *p.type_names.items()]  # aliases often lead with a brand
    for lang, text in texts:
        if lang in _UNSPACED:
            continue
        words = _HEAD_WORD.findall(fold(without_notes(text)))
        if len(words) < 2:
            continue  # a one-word name is a name or a type noun already
        head = words[0] if lang in _HEAD_FIRST else words[-1]
        if head not in _NOT_HEADS:
            out.add(_cue(head))
    return out


_BEFORE_MODEL = r"(?<![\w.,$€£¥#+-])"
_AFTER_MODEL = r"(?:[a-z]{1,3})?(?![\w%:/]|[.,]\d)"  # "40", "40er", "40-ka"; not "40,5"
# a number said as an amount or a count is no model number ("40 zł", "40 of them", "40 szt")
_NOT_A_MODEL = (
    rf"(?!\s*(?:{MONEY_WORDS}|of|pcs|pieces|units|items|szt|sztuk|stk|stuck|pz|pzs|unid|"
    r"unidades|pecas|buah|cai|chiec|ชิ้น|個|개)(?![a-z]))"
)


@cache
def _colour_words() -> frozenset[str]:
    """Every word of every language's colour cues and names of the sheet colours, folded
    ("xanh", "dương", "đỏ"); worked out once, not on every pin."""
    out = {
        w
        for cues in lang_data.all_languages("colour_words").values()
        for c in cues
        for w in c.rstrip("$").split()
    }
    for code in lang_data.languages():
        data = lang_data.language(code)
        if data is not None:
            out.update(w for n in data.colour_names.values() for w in fold(n).split())
    return frozenset(out)


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """``start``-``end`` lies inside one of ``spans`` that is longer."""
    return any(a <= start and end <= b and b - a > end - start for a, b in spans)


class ProductFinder:
    def __init__(self, sheet: ProductSheet) -> None:
        self.sheet = sheet
        owners: dict[str, set[str]] = {}
        typed: dict[str, set[str]] = {}
        # a Serbian show's names in both scripts: "опанак" is "opanak" (serbian.py)
        serbian = "sr" in (sheet.seller_language, *sheet.audience_languages)
        for p in sheet.products:
            names = [p.id.replace("_", " "), p.name, *p.names.values(), *p.aliases]
            for group in p.alias_names.values():
                names.extend(group)
            for n in both_scripts(names) if serbian else names:
                if _usable(n):
                    owners.setdefault(_cue(n), set()).add(p.id)
            types = list(p.type_names.values())
            for t in both_scripts(types) if serbian else types:
                if _usable(t):
                    typed.setdefault(_cue(t), set()).add(p.id)
        # a name that is also a type noun ("lamp" as the id of one of two lamps) is a type noun
        self._names = sorted(
            ((c, next(iter(ids))) for c, ids in owners.items() if len(ids) == 1 and c not in typed),
            key=lambda x: _by_length(x[0]),
            reverse=True,
        )
        for c, ids in owners.items():
            if len(ids) > 1:
                typed.setdefault(c, set()).update(ids)
        # a type noun that is also one product's specific name stays a type noun
        self._types = sorted(typed.items(), key=lambda x: _by_length(x[0]), reverse=True)
        # model codes in a product's names ("1:8" of "XB8 Buggy 1:8 Bausatz", "S864M"): letters
        # and digits or a scale, one product's only; a number alone or with a unit or an amount
        # suffix ("1967", "150m", "20k") is none
        codes: dict[str, set[str]] = {}
        for p in sheet.products:
            for text in {p.name, *p.names.values()}:
                for code in _CODE_WORD.findall(fold(text)):
                    pieces = code.split("-")
                    for k in range(2 if len(pieces) > 1 else 1, len(pieces) + 1):
                        short = "-".join(pieces[:k])
                        if not _AMOUNT.fullmatch(short) and not short.endswith("-"):
                            codes.setdefault(short, set()).add(p.id)
        self._codes = [
            (re.compile(rf"(?<![\w:/.]){re.escape(c)}(?![\w:/])"), next(iter(ids)))
            for c, ids in codes.items()
            if len(ids) == 1
        ]
        # a model number that tells one product of a line from another ("Bałtyk 38
        # Automatic", "Bałtyk 40 Automatic Sapphire": "a w tym 40 czarna jest?", "die 40er")
        first_words: dict[str, set[str]] = {}
        numbers: dict[str, set[str]] = {}
        for p in sheet.products:
            for text in {p.name, *p.names.values()}:
                name_words = fold(text).split()
                if len(name_words) >= 2:
                    first_words.setdefault(name_words[0], set()).add(p.id)
                    for w in name_words[1:]:
                        if re.fullmatch(r"\d{2,4}", w):
                            numbers.setdefault(w, set()).add(p.id)
        lined = {pid for ids in first_words.values() if len(ids) > 1 for pid in ids}
        numbered = {pid for ids in numbers.values() for pid in ids}
        self._numbers = [
            (re.compile(rf"{_BEFORE_MODEL}{n}{_AFTER_MODEL}{_NOT_A_MODEL}"), next(iter(ids)))
            for n, ids in numbers.items()
            if len(ids) == 1 and ids <= lined and len(numbered & lined) > 1
        ]
        # a one-word name with a case ending ("na tatrach" of "Tatry", "w bałtyku"): its stem
        # (final vowels off, four letters at least) and up to four more letters
        stems: dict[str, set[str]] = {}
        for c, ids in owners.items():
            stem = case_stem(c, 4, 2) if len(c) >= 5 and c.isalpha() else None
            if len(ids) == 1 and stem is not None and c not in typed:
                stems.setdefault(stem, set()).update(ids)
        self._inflected = [
            (re.compile(rf"\b{re.escape(stem)}[^\W\d_]{{1,4}}\b"), next(iter(ids)))
            for stem, ids in stems.items()
            if len(ids) == 1
        ]
        # head nouns ("wig" of "Rio straight synthetic wig", "creme" of "Creme de Pentear"):
        # products named by what they are, without a full name: the draft asks which. A name
        # or an alias stays the seller's word for its one product ("crossbody" of "Ephesus Crossbody
        # Bag", beside "Ephesus Mini Crossbody": the spent eighth set)
        heads: dict[str, set[str]] = {}
        for p in sheet.products:
            for head in _heads(p):
                heads.setdefault(head, set()).add(p.id)
        for c, ids in self._types:
            # a type noun ("wig") another product's type or name ends in ("synthetic wig")
            # is a noun of both
            ids |= heads.get(c, set())
        known = {c for c, _ in self._names} | {c for c, _ in self._types}
        heads = {c: ids for c, ids in heads.items() if c not in known}
        # only a head two products share: one product's head is often a brand or an adjective
        # ("kawa ziarnista", "Song Xanh"), and its full name or alias names it anyway
        shared = [(c, ids) for c, ids in heads.items() if len(ids) > 1]
        self._heads = sorted(shared, key=lambda x: _by_length(x[0]), reverse=True)
        # a proper part of several products' names ("Arjuna" of "Arjuna Prada" and "Arjuna
        # Sungging", "Schonacher Hof" of two chalet clocks): a word each one's name says in two
        # languages at least (a connective like "with" or "mit" is said in one), capitalised
        # once inside a name (not "para", nor "Set" that starts one), four letters at least in
        # Latin ("Mây", a stroller line, folds to "may"); the draft asks which one
        named_parts: dict[str, set[str]] = {}
        for p in sheet.products:
            seen: dict[str, int] = {}
            proper: set[str] = set()
            for text in p.names.values():
                spoken = _HEAD_WORD.findall(without_notes(text))
                proper.update(fold(w) for w in spoken[1:] if not w[0].islower())
                for w in {fold(w) for w in spoken}:
                    seen[w] = seen.get(w, 0) + 1
            for w, times in seen.items():
                latin_short = len(w) <= 3 and w[0] <= "z"
                if times >= 2 and w in proper and w not in _NOT_HEADS and not latin_short:
                    named_parts.setdefault(_cue(w), set()).add(p.id)
        everyone = {p.id for p in sheet.products}
        # not a word of a colour ("Sóng Xanh", a shoe line: "xanh rêu" is moss green)
        colours = _colour_words()
        parts = {c: ids for c, ids in named_parts.items() if c.rstrip("$") not in colours}
        self._parts = sorted(
            (
                (c, ids)
                for c, ids in parts.items()
                if 1 < len(ids) < len(everyone) and c not in known
            ),
            key=lambda x: _by_length(x[0]),
            reverse=True,
        )
        self._variant_cues = {
            p.id: sorted({_cue(w) for v in p.variants for w in fold(v.label).split() if _usable(w)})
            for p in sheet.products
        }
        self._colours: dict[str, set[str]] = {}
        words = lang_data.all_languages("colour_words")
        for p in sheet.products:
            for colour in p.colours:
                own = _cue(colour)
                if is_latin_cue(own) and len(own) < 4 and not own.endswith("$"):
                    own += "$"  # "be" (vi: beige) names no colour in "bébé"
                cues = {own, *(words.get(colour, ()))}
                for c in cues:
                    self._colours.setdefault(c, set()).add(p.id)
            # a colour the seller names under a key of their own ("dial: czarna", "glaze:
            # celadon"): the product comes in it as much as one with a colour key
            for value in {value for v in p.variants for _key, value in v.options}:
                for said in words.values():
                    if find_cues(fold(value), said):
                        for c in said:
                            self._colours.setdefault(c, set()).add(p.id)

    def among(self, folded: str, candidates: Sequence[str]) -> str | None:
        """The one of ``candidates`` the comment names by a word of its names, aliases or
        colours that no other candidate has ("ferro" of "Frigideira de ferro fundido 26 cm"
        beside "Frigideira antiaderente Leve"; "26" too); None when it names none or several."""
        words: dict[str, set[str]] = {}
        for pid in candidates:
            p = self.sheet.product(pid)
            if p is None:
                continue
            texts = [p.name, *p.names.values(), *p.aliases, *p.colours]
            texts += [a for group in p.alias_names.values() for a in group]
            for t in texts:
                for w in _NAME_WORD.findall(fold(t)):
                    words.setdefault(w, set()).add(pid)
        said = set(_NAME_WORD.findall(folded))
        picked = {next(iter(ids)) for w, ids in words.items() if len(ids) == 1 and w in said}
        return next(iter(picked)) if len(picked) == 1 else None

    def names(self, folded: str, product_id: str) -> bool:
        """The comment names ``product_id`` by a name, an alias or a type noun of its own."""
        cues = [c for c, pid in self._names if pid == product_id]
        cues += [c for c, ids in self._types if product_id in ids]
        return bool(find_cues(folded, cues))

    def strip(self, folded: str) -> str:
        """``folded`` without the products' names, model codes and type nouns (what is left is
        asked: "and the 1:8 one?" asks nothing of a field whose value says "1:8")."""
        for pattern, _pid in self._codes:
            folded = pattern.sub(" ", folded)
        return strip_cues(folded, [c for c, _ in self._names] + [c for c, _ in self._types])

    def mentions(self, folded: str) -> list[tuple[int, int, frozenset[str]]]:
        """Every place the comment names a product, in order: start, end and the products that
        name can mean (one for a name or a model code, those of its kind for a type noun). A
        longer name wins over one inside it ("hand towel" over "towel")."""
        found: list[tuple[int, int, frozenset[str]]] = []
        for cue, ids in (*((c, {pid}) for c, pid in self._names), *self._types):
            for m in cue_regex(cue).finditer(folded):
                found.append((m.start(), m.end(), frozenset(ids)))
        for pattern, pid in self._codes:
            found.extend((m.start(), m.end(), frozenset((pid,))) for m in pattern.finditer(folded))
        kept: list[tuple[int, int, frozenset[str]]] = []
        for hit in sorted(found, key=lambda h: h[0] - h[1]):  # the longest first
            if all(hit[1] <= a or hit[0] >= b for a, b, _ids in kept):
                kept.append(hit)
        return sorted(kept)

    def find(self, folded: str, pinned: str, shown: Sequence[str] = ()) -> ProductGuess:
        asked = self._asked_sentence(folded)
        if asked is not None:
            # "comprei o ursinho semana passada, minha filha ama! a coelha vem em caixa?": the
            # products of the question, not of the story before it
            start, sentence = asked
            guess = self._find(sentence, pinned, shown)
            return replace(guess, at=guess.at + start if guess.at >= 0 else -1)
        return self._find(folded, pinned, shown)

    def _asked_sentence(self, folded: str) -> tuple[int, str] | None:
        """The one sentence that asks (ends in a question mark), where the comment has others
        and the products it names are not all in that one: its start and text; else None."""
        sentences = [
            (m.start(), m.group()) for m in _SENTENCE.finditer(folded) if m.group().strip()
        ]
        if len(sentences) < 2:
            return None
        asking = [(at, x) for at, x in sentences if x.rstrip()[-1:] in _ASKS]
        if len(asking) != 1:
            return None
        cues = [c for c, _ in self._names] + [c for c, _ in self._types]
        if not find_cues(asking[0][1], cues):
            return None  # the question names no product: the story's may be the one meant
        if not any(find_cues(x, cues) for at, x in sentences if at != asking[0][0]):
            return None
        return asking[0]

    def _compared(self, folded: str, cue: str, at: int) -> bool:
        """The product named at ``at`` is the measure of a comparison ("like the bunny")."""
        return bool(
            _COMPARED_BEFORE.search(folded[max(0, at - 24) : at])
            or _COMPARED_AFTER.match(folded[at + _cue_length(cue) :])
        )

    def _variant_spans(self, folded: str, pinned: str) -> list[tuple[int, int]]:
        """Where the comment says a word of one of the pinned product's variants ("額なし",
        unframed, of a print sold "額なし" or "額装" beside a frame sold alone, "額")."""
        cues = self._variant_cues.get(pinned, ())
        return [m.span() for c in cues for m in cue_regex(c).finditer(folded)]

    def _find(self, folded: str, pinned: str, shown: Sequence[str]) -> ProductGuess:
        back = bool(find_cues(folded, REFER_BACK))
        named: list[tuple[int, str]] = []
        name_spans: list[tuple[int, int]] = []
        # a longer word of a pinned variant holding a name is that variant's, not the name's
        covered = self._variant_spans(folded, pinned)
        for cue, pid in self._names:  # the longest first
            hit = find_cues(folded, (cue,))
            if hit:
                at = cue_position(folded, hit[0])
                if any(a <= at < b for a, b in name_spans) or _inside(
                    covered, at, at + _cue_length(hit[0])
                ):
                    continue  # "set retro": the Retro set, not the set "set" names
                name_spans.append((at, at + _cue_length(hit[0])))
                if not self._compared(folded, hit[0], at):
                    named.append((at, pid))
        for pattern, pid in self._codes:
            m = pattern.search(folded)
            if m is not None and all(pid != other for _at, other in named):
                named.append((m.start(), pid))  # "and the 1:8 one?"
        if not named:
            for pattern, pid in (*self._numbers, *self._inflected):
                m = pattern.search(folded)
                if (
                    m is not None
                    and all(pid != other for _at, other in named)
                    and not self._compared(folded, m.group(), m.start())
                ):
                    named.append((m.start(), pid))  # not "like the aviators"
        typed: set[str] = set()
        typed_at = len(folded)
        spans: list[tuple[int, int]] = []
        for cue, ids in self._types:  # the longest first
            at = cue_position(folded, cue)
            if (
                at < 0
                or any(a <= at < b for a, b in spans)
                or _inside(covered, at, at + _cue_length(cue))
            ):
                continue  # "tea" inside "teapot": the longer type noun was meant
            spans.append((at, at + _cue_length(cue)))
            if not self._compared(folded, cue, at):
                typed |= ids
                typed_at = min(typed_at, at)
        coloured: set[str] = set()
        for cue, ids in self._colours.items():
            if find_cues(folded, (cue,)):
                coloured |= ids
        if named:
            at, first = sorted(named)[0]
            mentioned = {pid for _, pid in named} | typed
            held = mentioned & coloured
            if len(mentioned) > 1 and len(held) == 1 and first not in held:
                # "a panela azul ainda tem? quero levar junto com a faca": of the products
                # named, the one that comes in the colour asked is asked about
                return ProductGuess(next(iter(held)), how="colour", at=at)
            return ProductGuess(first, how="name", at=at)
        if typed:
            held = typed & coloured
            if len(held) == 1:
                # "is the bike also in red?": of the bikes, the one that comes in red
                return ProductGuess(next(iter(held)), how="type+colour", at=typed_at)
            return replace(self._among(typed, pinned, shown, back, "type"), at=typed_at)
        for how, table in (("head", self._heads), ("part", self._parts)):
            said: set[str] = set()
            for cue, ids in table:
                at = cue_position(folded, cue)
                if at >= 0 and not self._compared(folded, cue, at):
                    said |= ids
                    typed_at = min(typed_at, at)
            if said:
                held = said & coloured
                if len(held) == 1:
                    return ProductGuess(next(iter(held)), how=f"{how}+colour", at=typed_at)
                return replace(self._among(said, pinned, shown, back, how), at=typed_at)
        if back:
            earlier = [pid for pid in shown if pid != pinned]
            if earlier:
                return ProductGuess(earlier[0], how="back")
        if coloured and pinned not in coloured:
            return self._among(coloured, pinned, shown, back, "colour")
        return ProductGuess(None)

    def _among(
        self, ids: set[str], pinned: str, shown: Sequence[str], back: bool, how: str
    ) -> ProductGuess:
        if len(ids) == 1:
            return ProductGuess(next(iter(ids)), how=how)
        if pinned in ids and not back:
            return ProductGuess(pinned, how=how)
        recent = [pid for pid in shown if pid in ids and pid != pinned]
        if back and recent:
            return ProductGuess(recent[0], how=f"{how}+back")
        order = [p.id for p in self.sheet.products if p.id in ids]
        return ProductGuess(None, candidates=tuple(order), how=f"{how}?")
