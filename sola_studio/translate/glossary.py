"""The product glossary: brand and product names, model numbers, numbers, prices and sizes come
out of machine translation exactly as the seller said them, and terms come out in the seller's
preferred rendering per target language.

Technique (measured on the Bergamot en->pt model, see docs/translation.md):
- a span that must stay verbatim (brand, model number, price, number with its unit, size) is
  replaced by a placeholder ``ZQX<n>`` before translation and restored after; this form survived
  284 of 284 insertions into 150 random help sentences, ahead of ``QXV<n>`` (276), digit runs
  (279) and ``__n__`` (which the model mangles). Bergamot otherwise rewrites ``$49.99`` as
  ``US $ 49,99``, drops a trailing ``€`` and translates brand words (``Nuvem`` -> ``Cloud``);
- a plain integer ("12", "30") is *not* replaced: a placeholder there is read as a name and
  moved ("30 days" -> "os dias do 30", "3 colours" -> "nas cores 3"). Left to the engine it
  stays verbatim (40/40 numbers of the 30 seller sentences in ``translate/evaluate.py``, 31/31
  in the shared en->pt sentences with numbers) and in front of its noun (37/37 "number + noun"
  phrases, 24/37 as placeholders). It is still checked after translation and becomes a
  placeholder only in the retry of a translation that lost it;
- a term with a preferred rendering for the target (``table`` -> ``mesa`` in a furniture sheet)
  is written into the source text in its target form: the model then inflects around it
  (``This mesa is...`` -> ``Esta mesa é...``) where a placeholder would lose gender;
- emoji and other pictographic symbols never reach the engine: Bergamot pt->en turned
  "boa noite gente!! 💛" into "good night people!! The s" and "amei 😍😍 quanto custa?" into
  "I loved it as much?". A run of them that opens or closes a text is cut off before
  translation and put back after it, with the spacing it had; one inside the text becomes a
  placeholder like a verbatim span;
- after translation every protected span is checked. A request that lost one is translated
  again with every span as a placeholder; one that still lacks a span gets it appended in
  parentheses, so a fact is never silently dropped (the repair is reported).

This module never changes a number or a price, and never calls an engine per language when one
batched call will do. Numbers are kept in the seller's own notation (``1.2 kg`` stays ``1.2 kg``
in Portuguese): re-punctuating ``1.200`` could change its meaning.
"""

from __future__ import annotations

import enum
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from sola_studio.core import yamlio
from sola_studio.core.errors import ConfigError
from sola_studio.translate.base import TranslationRequest, Translator, translate_requests

log = logging.getLogger(__name__)

PLACEHOLDER = "ZQX{}"
_PLACEHOLDER_RE = re.compile(r"Z\s?Q\s?X\s?(\d+)", re.IGNORECASE)

# Symbol units only: word units ("hours", "euros") are translated by the engine. "in", "ft" and
# "A" are left out on purpose: "costs $49.99 in size M" must not read as inches.
_UNITS = (
    r"%|kg|mg|g|km|cm|mm|m|ml|mL|l|L|mAh|Wh|kWh|W|V|Hz|kHz|GHz|GB|TB|MB|MP|fps|lb|lbs|oz"
    r'|°C|°F|"'
)
_CURRENCY_BEFORE = r"(?:R\$|US\$|\$|€|£|¥|₹|₩)"
_CURRENCY_AFTER = r"(?:€|\$|£|¥|元|円)"
_NUM = r"\d+(?:[.,]\d+)*(?:K\b)?"
NUMBER_RE = re.compile(
    rf"(?<![\w.,]){_CURRENCY_BEFORE}?\s?{_NUM}"
    rf"(?:\s?[-–x×]\s?{_NUM})*"
    rf"(?:\s?(?:{_UNITS})(?![A-Za-z]))?"
    rf"(?:\s?{_CURRENCY_AFTER})?"
)


# A span that is only digits stays in the text the engine sees and is checked afterwards (see
# the module docstring); ASCII digits only, so "²" or "３" never count as plain.
_PLAIN_INTEGER = re.compile(r"[0-9]+")


class TermKind(enum.Enum):
    """What a glossary entry names; it decides what happens without a preferred rendering."""

    BRAND = "brand"  # kept verbatim
    PRODUCT = "product"  # kept verbatim (or the sheet's name in the target language)
    MODEL_NUMBER = "model_number"  # kept verbatim
    SIZE = "size"  # kept verbatim ("M", "EU 42")
    CODE = "code"  # a discount code: written as the sheet writes it ("live 10" -> "LIVE10")
    TERM = "term"  # translated by the engine unless a rendering is given
    MATERIAL = "material"  # translated unless a rendering is given
    COLOUR = "colour"  # translated unless a rendering is given

    @property
    def verbatim(self) -> bool:
        return self in (
            TermKind.BRAND,
            TermKind.PRODUCT,
            TermKind.MODEL_NUMBER,
            TermKind.SIZE,
            TermKind.CODE,
        )


@dataclass(frozen=True)
class GlossaryEntry:
    """One term as the seller says it, and how it must read in each target language.

    ``renderings`` maps a target language to the preferred rendering. Without one, a verbatim
    kind (brand, product, model number, size) is kept exactly as written, and other kinds are
    left to the engine.
    """

    term: str
    kind: TermKind = TermKind.TERM
    renderings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    aliases: tuple[str, ...] = ()
    case_sensitive: bool = False

    def __post_init__(self) -> None:
        if not self.term.strip():
            raise ConfigError("a glossary entry has an empty term", fix="remove or fill it")
        object.__setattr__(self, "renderings", MappingProxyType(dict(self.renderings)))
        object.__setattr__(self, "aliases", tuple(self.aliases))

    def rendering(self, target: str) -> str | None:
        """What this term must read as in ``target``; None when the engine decides."""
        if target in self.renderings:
            return self.renderings[target]
        return self.term if self.kind.verbatim else None

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class Glossary:
    """A seller's glossary for one source language. Later entries win on the same term."""

    entries: tuple[GlossaryEntry, ...] = ()
    protect_numbers: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", tuple(self.entries))

    def merged(self, other: Glossary) -> Glossary:
        """This glossary with ``other``'s entries on top (a term in both takes ``other``'s)."""
        mine = {e.term.casefold(): e for e in self.entries}
        mine.update({e.term.casefold(): e for e in other.entries})
        return Glossary(tuple(mine.values()), self.protect_numbers and other.protect_numbers)

    def find(self, term: str) -> GlossaryEntry | None:
        key = term.casefold()
        for e in reversed(self.entries):
            if any(f.casefold() == key for f in e.forms):
                return e
        return None

    @classmethod
    def from_yaml(cls, path: Path) -> Glossary:
        """Read a seller's glossary file::

        protect_numbers: true
        terms:
          - term: AeroLite X2
            kind: product
          - term: table
            renderings: {pt: mesa, es: mesa}
        """
        try:
            data = yamlio.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(
                f"cannot read glossary {path}: {exc}", fix=f"fix or remove {path}"
            ) from exc
        if not isinstance(data, dict) or not isinstance(data.get("terms", []), list):
            raise ConfigError(
                f"glossary {path} must be a mapping with a 'terms' list",
                fix="see docs/translation.md for the format",
            )
        entries = []
        for i, item in enumerate(data.get("terms", [])):
            try:
                entries.append(
                    GlossaryEntry(
                        term=str(item["term"]),
                        kind=TermKind(item.get("kind", "term")),
                        renderings={str(k): str(v) for k, v in item.get("renderings", {}).items()},
                        aliases=tuple(str(a) for a in item.get("aliases", [])),
                        case_sensitive=bool(item.get("case_sensitive", False)),
                    )
                )
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise ConfigError(
                    f"glossary {path}: term #{i + 1} is invalid ({exc!r})",
                    fix="each term needs 'term'; 'kind' is one of "
                    + ", ".join(k.value for k in TermKind),
                ) from exc
        return cls(tuple(entries), bool(data.get("protect_numbers", True)))


# Emoji and pictographic symbols (category So/Sk from the arrows block up: dingbats, misc
# symbols, emoji, regional-indicator flags, skin tones) with what joins them into one glyph
# (ZWJ, variation selectors, keycap, tag characters). Below U+2190 the symbols are units and
# marks a seller writes inside words ("°C", "©"); they stay with the text.
_JOINERS = "\u200d\ufe0e\ufe0f\u20e3"
_KEYCAP = r"[0-9#*]\ufe0f?\u20e3"


def _is_symbol(ch: str) -> bool:
    if ch in _JOINERS or 0xE0020 <= ord(ch) <= 0xE007F:
        return True
    cp = ord(ch)
    in_blocks = 0x2190 <= cp < 0x3400 or 0x1F000 <= cp < 0x1FC00
    return in_blocks and unicodedata.category(ch) in ("So", "Sk")


def _symbol_class() -> str:
    """A regex character class of every symbol :func:`_is_symbol` accepts (built once)."""
    ranges: list[tuple[int, int]] = []
    # the blocks that hold them: arrows to CJK symbols (㊗), and the emoji planes' blocks
    for cp in (*range(0x2190, 0x3400), *range(0x1F000, 0x1FC00)):
        if _is_symbol(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    parts = [
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    ]
    return "[" + re.escape(_JOINERS) + "".join(parts) + "\U000e0020-\U000e007f]"


_SYMBOL = f"(?:{_KEYCAP}|{_symbol_class()})"
SYMBOL_RUN_RE = re.compile(f"{_SYMBOL}+(?:\\s*{_SYMBOL}+)*")
_EDGES_RE = re.compile(f"^(\\s*(?:{_SYMBOL}+\\s*)*)(.*?)((?:\\s*{_SYMBOL}+)*\\s*)$", re.DOTALL)


@dataclass(frozen=True)
class SymbolEdges:
    """A text split into the emoji run that opens it, what the engine translates, and the emoji
    run that closes it (each edge with its own spacing, so it is put back as it was)."""

    lead: str
    core: str
    trail: str

    def around(self, translated: str) -> str:
        if not self.core.strip():
            return self.lead + self.core + self.trail
        return self.lead + translated + self.trail


def split_symbol_edges(text: str) -> SymbolEdges:
    """``"boa noite gente!! 💛"`` -> lead ``""``, core ``"boa noite gente!!"``, trail ``" 💛"``."""
    m = _EDGES_RE.match(text)
    if m is None:  # pragma: no cover - the pattern matches every string
        return SymbolEdges("", text, "")
    # whitespace alone is no edge: the text keeps it, as before
    lead = m.group(1) if m.group(1).strip() else ""
    trail = m.group(3) if m.group(3).strip() else ""
    return SymbolEdges(lead, text[len(lead) : len(text) - len(trail)], trail)


# -- span finding --------------------------------------------------------------------------


def _needs_boundary(ch: str) -> bool:
    """Latin, Cyrillic... words need word boundaries; CJK and kana are written without spaces."""
    if not ch.isalnum():
        return False
    name = unicodedata.name(ch, "")
    return not any(s in name for s in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))


def term_pattern(form: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """A regex matching ``form`` as a whole word where the script has words."""
    body = r"\s+".join(re.escape(part) for part in form.split())
    left = r"(?<!\w)" if _needs_boundary(form[0]) else ""
    right = r"(?!\w)" if _needs_boundary(form[-1]) else ""
    return re.compile(left + body + right, 0 if case_sensitive else re.IGNORECASE)


@dataclass(frozen=True)
class ProtectedSpan:
    """A span of the source text and what it must read as in the target text."""

    start: int
    end: int
    source: str
    rendering: str
    inline: bool  # write the rendering into the source (True) or use a placeholder (False)


def find_spans(
    text: str,
    matchers: Iterable[tuple[re.Pattern[str], str | None, bool]],
) -> list[ProtectedSpan]:
    """Non-overlapping spans, earliest first; among overlapping ones the longest wins.

    ``matchers`` yields (pattern, rendering or None for "keep the matched text", inline)."""
    candidates: list[ProtectedSpan] = []
    for pattern, rendering, inline in matchers:
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            matched = m.group(0).strip()
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            candidates.append(
                ProtectedSpan(start, start + len(matched), matched, rendering or matched, inline)
            )
    candidates.sort(key=lambda s: (-(s.end - s.start), s.start))
    chosen: list[ProtectedSpan] = []
    for c in candidates:
        if all(c.end <= s.start or c.start >= s.end for s in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda s: s.start)


@dataclass(frozen=True)
class PreparedText:
    """A source text made ready for one target: what the engine sees and what must come back."""

    text: str
    spans: tuple[ProtectedSpan, ...]
    placeholders: Mapping[str, str]  # placeholder -> final rendering

    @property
    def only_placeholders(self) -> bool:
        rest = _PLACEHOLDER_RE.sub("", self.text)
        return not any(ch.isalnum() for ch in rest)


def prepare(
    text: str, spans: Sequence[ProtectedSpan], as_placeholder: frozenset[int] = frozenset()
) -> PreparedText:
    """Replace spans by placeholders (or inline renderings) in ``text``; the spans whose index
    is in ``as_placeholder`` become placeholders even when inline."""
    out: list[str] = []
    placeholders: dict[str, str] = {}
    pos = 0
    for i, span in enumerate(spans):
        out.append(text[pos : span.start])
        rendering = span.rendering
        # a rendering that opens a sentence ("... R$ 1.299,90. An absolute steal!") opens it
        # in the translation too ("Uma pechincha!", not "uma pechincha!")
        opens = not text[: span.start].strip() or text[: span.start].rstrip()[-1] in ".!?。！？"
        if opens and not span.source[:1].islower() and rendering[:1].islower():
            rendering = rendering[0].upper() + rendering[1:]
        if span.inline and i not in as_placeholder:
            out.append(rendering)
        else:
            ph = PLACEHOLDER.format(len(placeholders))
            placeholders[ph] = rendering
            out.append(ph)
        pos = span.end
    out.append(text[pos:])
    return PreparedText("".join(out), tuple(spans), MappingProxyType(placeholders))


def restore(translated: str, prepared: PreparedText) -> tuple[str, tuple[str, ...]]:
    """Put renderings back in place of placeholders; returns (text, renderings missing)."""

    seen = [PLACEHOLDER.format(int(m.group(1))) for m in _PLACEHOLDER_RE.finditer(translated)]
    # The engine sometimes renumbers one (measured: "(ZQX1 levels)" came back as "ZQX2"): an
    # unknown placeholder takes the next placeholder that did not come back, in order.
    unused = [ph for ph in prepared.placeholders if ph not in seen]

    def sub(m: re.Match[str]) -> str:
        ph = PLACEHOLDER.format(int(m.group(1)))
        if ph in prepared.placeholders:
            return prepared.placeholders[ph]
        return prepared.placeholders[unused.pop(0)] if unused else ""

    text = _PLACEHOLDER_RE.sub(sub, translated)
    text = re.sub(r"\s{2,}", " ", text).strip()
    missing = tuple(s.rendering for s in prepared.spans if not _contains(text, s.rendering))
    return text, missing


def _contains(text: str, rendering: str) -> bool:
    """``rendering`` is in ``text``, and a number in it is not part of a longer number there
    ("12" is not found in "120" or "1.200")."""
    left = r"(?<![\d.,])" if rendering[:1].isdigit() else ""
    right = r"(?![\d]|[.,]\d)" if rendering[-1:].isdigit() else ""
    return re.search(left + re.escape(rendering) + right, text, re.IGNORECASE) is not None


def keep_plain_numbers(spans: Sequence[ProtectedSpan]) -> list[ProtectedSpan]:
    """Plain integers stay in the text the engine sees (checked afterwards, a placeholder only
    on retry): a placeholder there is read as a name and moved away from its noun."""
    return [
        ProtectedSpan(s.start, s.end, s.source, s.rendering, True)
        if not s.inline and s.rendering == s.source and _PLAIN_INTEGER.fullmatch(s.source)
        else s
        for s in spans
    ]


# -- the translator wrapper ------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedTranslation:
    """A translation with what the glossary check had to do to it."""

    text: str
    retried: bool = False
    appended: tuple[str, ...] = ()  # renderings the engine lost, appended in parentheses


def _match_capital(source: str, checked: CheckedTranslation) -> CheckedTranslation:
    """An inline rendering at the start of a sentence arrives in lower case ("o link de
    compra..."): give the translation the source's initial capital."""
    text = checked.text
    if source[:1].isupper() and text[:1].islower():
        return CheckedTranslation(text[0].upper() + text[1:], checked.retried, checked.appended)
    return checked


class SpanSource:
    """Something that finds protected spans for a (text, source, target) — the glossary and
    the phrasebook both are. ``plain_text`` may rewrite the source first (the phrasebook
    replaces selling slang by its plain meaning for targets without a configured rendering)."""

    def matchers(self, source: str, target: str) -> list[tuple[re.Pattern[str], str | None, bool]]:
        raise NotImplementedError

    def plain_text(self, text: str, source: str, target: str) -> str:
        return text


class GlossarySpans(SpanSource):
    """The glossary as span matchers (compiled once per glossary)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._compiled = [
            (e, term_pattern(form, e.case_sensitive)) for e in glossary.entries for form in e.forms
        ]

    def matchers(self, source: str, target: str) -> list[tuple[re.Pattern[str], str | None, bool]]:
        found: list[tuple[re.Pattern[str], str | None, bool]] = []
        for entry, pattern in self._compiled:
            rendering = entry.rendering(target)
            if rendering is None:
                continue
            if entry.kind.verbatim:
                # A name, code, model number or size is a placeholder the engine cannot
                # touch, restored as the matched text (its case as spoken), a code as the
                # sheet spells it, or a name in the target's own form when one is given.
                given = entry.renderings.get(target)
                if given is None and entry.kind is TermKind.CODE:
                    given = entry.term
                found.append((pattern, given, False))
                continue
            # A preferred rendering of a term goes inline so the engine can inflect around it.
            found.append((pattern, rendering, True))
        if self.glossary.protect_numbers:
            found.append((NUMBER_RE, None, False))
        return found


@dataclass(frozen=True)
class _Job:
    """One text for one target: what the engine translates (``text``, with ``spans`` to
    protect) and the emoji set aside around it (``edges``)."""

    target: str
    text: str
    spans: list[ProtectedSpan]
    edges: SymbolEdges


class GlossaryTranslator:
    """Wraps any :class:`Translator` so glossary terms, numbers and phrasebook expressions come
    out as configured. ``set_glossary`` swaps the glossary atomically (the pinned product
    changed); calls in flight finish with the glossary they started with."""

    def __init__(
        self,
        engine: Translator,
        glossary: Glossary | None = None,
        extra: Sequence[SpanSource] = (),
        *,
        plain_numbers_inline: bool = True,
    ) -> None:
        self.engine = engine
        # False only to measure the technique it replaced (translate/evaluate.py --numbers)
        self.plain_numbers_inline = plain_numbers_inline
        self.name = f"glossary+{engine.name}"
        self._extra = tuple(extra)
        self._spans = GlossarySpans(glossary or Glossary())

    @property
    def glossary(self) -> Glossary:
        return self._spans.glossary

    def set_glossary(self, glossary: Glossary) -> None:
        self._spans = GlossarySpans(glossary)

    def supports(self, source: str, target: str) -> bool:
        return self.engine.supports(source, target)

    def translate(
        self, texts: Sequence[str], source: str, targets: Sequence[str]
    ) -> Mapping[str, list[str]]:
        checked = self.translate_checked(texts, source, targets)
        return {t: [c.text for c in checked[t]] for t in targets}

    def _jobs(self, texts: Sequence[str], source: str, targets: Sequence[str]) -> list[_Job]:
        """One job per target and text, with the glossary of this call: the emoji that open
        or close the text are set aside, the ones inside it are placeholder spans."""
        sources = (*self._extra, self._spans)
        jobs: list[_Job] = []
        for target in targets:
            matchers = [m for s in sources for m in s.matchers(source, target)]
            matchers.append((SYMBOL_RUN_RE, None, False))
            for text in texts:
                edges = split_symbol_edges(text)
                plain = edges.core
                for s in sources:
                    plain = s.plain_text(plain, source, target)
                spans = find_spans(plain, matchers)
                if self.plain_numbers_inline:
                    spans = keep_plain_numbers(spans)
                jobs.append(_Job(target, plain, spans, edges))
        return jobs

    def prepared(
        self, texts: Sequence[str], source: str, targets: Sequence[str]
    ) -> Mapping[str, list[PreparedText]]:
        """What the engine is given per target (phrasebook and glossary applied, placeholders
        in), without calling it: for the seller's preview of a pair no installed model
        serves, and for tests."""
        out: dict[str, list[PreparedText]] = {}
        for job in self._jobs(texts, source, targets):
            out.setdefault(job.target, []).append(prepare(job.text, job.spans))
        return out

    def translate_checked(
        self, texts: Sequence[str], source: str, targets: Sequence[str]
    ) -> Mapping[str, list[CheckedTranslation]]:
        jobs = self._jobs(texts, source, targets)
        results = self._run(jobs, [frozenset()] * len(jobs), source)
        retry = [i for i, (_, missing) in enumerate(results) if missing]
        final: list[CheckedTranslation] = [CheckedTranslation(text) for text, _ in results]
        if retry:
            log.info("glossary: %d of %d translations lost a span; retrying", len(retry), len(jobs))
            # Only the spans the engine lost become placeholders; the others stay inline.
            lost = [
                frozenset(k for k, s in enumerate(jobs[i].spans) if s.rendering in results[i][1])
                for i in retry
            ]
            again = self._run([jobs[i] for i in retry], lost, source)
            for i, (text, missing) in zip(retry, again, strict=True):
                if missing:
                    log.warning("glossary: engine dropped %s; appended", missing)
                    text = f"{text} ({', '.join(missing)})"
                final[i] = CheckedTranslation(text, retried=True, appended=missing)
        out: dict[str, list[CheckedTranslation]] = {}
        for job, checked in zip(jobs, final, strict=True):
            checked = _match_capital(job.text, checked)
            text = job.edges.around(checked.text)
            out.setdefault(job.target, []).append(
                CheckedTranslation(text, checked.retried, checked.appended)
            )
        return out

    def _run(
        self,
        jobs: Sequence[_Job],
        as_placeholder: Sequence[frozenset[int]],
        source: str,
    ) -> list[tuple[str, tuple[str, ...]]]:
        prepared = [
            prepare(job.text, job.spans, ph) for job, ph in zip(jobs, as_placeholder, strict=True)
        ]
        to_engine = [
            i for i, p in enumerate(prepared) if p.text.strip() and not p.only_placeholders
        ]
        requests = [TranslationRequest(prepared[i].text, source, jobs[i].target) for i in to_engine]
        translated = {i: "" for i in range(len(jobs))}
        for i, p in enumerate(prepared):
            if i not in to_engine:
                translated[i] = p.text  # nothing for the engine to do: restore directly
        if requests:
            for i, text in zip(to_engine, translate_requests(self.engine, requests), strict=True):
                translated[i] = text
        return [restore(translated[i], prepared[i]) for i in range(len(jobs))]
