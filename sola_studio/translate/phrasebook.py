"""The selling-talk phrasebook: live-selling expressions in the seller's language (绝了, 上链接,
"absolute steal") and how each must read in every target language.

Applied before translation, so the engine sees plain meaning: where the phrasebook gives a
rendering for the target, that rendering is written into the text (and checked after
translation like a glossary term); where it gives none, the expression is replaced by its plain
meaning in the seller's language and the engine translates that.

Phrasebooks are YAML files the seller can edit: a starter set per language ships in
``assets/phrasebook/<lang>.yaml``; the seller's own file in the config folder overrides
entries with the same expression. This module never invents a rendering: an expression comes
out either as configured or as the engine's translation of its configured plain meaning.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from sola_studio import paths
from sola_studio.core import yamlio
from sola_studio.core.errors import ConfigError
from sola_studio.translate.glossary import SpanSource, term_pattern

log = logging.getLogger(__name__)

STARTER_DIR = paths.ASSETS / "phrasebook"


@dataclass(frozen=True)
class Phrase:
    """One expression and its variants as the seller says it, its plain meaning in the same
    language, and the rendering per target language."""

    expression: str
    meaning: str
    renderings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    variants: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "renderings", MappingProxyType(dict(self.renderings)))
        object.__setattr__(self, "variants", tuple(self.variants))

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.expression, *self.variants)


@dataclass(frozen=True)
class Phrasebook:
    """The expressions of one spoken language."""

    language: str
    phrases: tuple[Phrase, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "phrases", tuple(self.phrases))

    def merged(self, other: Phrasebook) -> Phrasebook:
        """This phrasebook with ``other``'s phrases on top (same expression: ``other`` wins)."""
        if other.language != self.language:
            raise ConfigError(
                f"cannot merge a {other.language} phrasebook into a {self.language} one",
                fix="set 'language' in the phrasebook file to the seller's spoken language",
            )
        mine = {p.expression.casefold(): p for p in self.phrases}
        mine.update({p.expression.casefold(): p for p in other.phrases})
        return Phrasebook(self.language, tuple(mine.values()))

    def find(self, expression: str) -> Phrase | None:
        key = expression.casefold()
        for p in self.phrases:
            if any(f.casefold() == key for f in p.forms):
                return p
        return None

    @classmethod
    def from_yaml(cls, path: Path) -> Phrasebook:
        """Read a phrasebook file::

        language: en
        phrases:
          - expression: absolute steal
            variants: [a total steal]
            meaning: a very good price
            renderings: {pt: uma pechincha, es: una ganga}
        """
        try:
            data = yamlio.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(
                f"cannot read phrasebook {path}: {exc}", fix=f"fix or remove {path}"
            ) from exc
        if not isinstance(data, dict) or "language" not in data:
            raise ConfigError(
                f"phrasebook {path} must be a mapping with 'language' and 'phrases'",
                fix="see assets/phrasebook/en.yaml for the format",
            )
        phrases = []
        for i, item in enumerate(data.get("phrases") or []):
            try:
                phrases.append(
                    Phrase(
                        expression=str(item["expression"]),
                        meaning=str(item["meaning"]),
                        renderings={str(k): str(v) for k, v in item.get("renderings", {}).items()},
                        variants=tuple(str(v) for v in item.get("variants", [])),
                    )
                )
            except (KeyError, TypeError, AttributeError) as exc:
                raise ConfigError(
                    f"phrasebook {path}: phrase #{i + 1} is invalid ({exc!r})",
                    fix="each phrase needs 'expression' and 'meaning'",
                ) from exc
        return cls(str(data["language"]), tuple(phrases))


def starter_phrasebook(language: str) -> Phrasebook:
    """The hand-written starter set for ``language`` (zh, en, es, pt); empty for others."""
    path = STARTER_DIR / f"{language}.yaml"
    if not path.exists():
        return Phrasebook(language)
    return Phrasebook.from_yaml(path)


def load_phrasebook(language: str, seller_file: Path | None = None) -> Phrasebook:
    """The starter set with the seller's own file (when given and present) on top."""
    book = starter_phrasebook(language)
    if seller_file is not None and seller_file.exists():
        book = book.merged(Phrasebook.from_yaml(seller_file))
    return book


class PhrasebookSpans(SpanSource):
    """The phrasebook as a span source for :class:`GlossaryTranslator`."""

    def __init__(self, phrasebooks: Sequence[Phrasebook]) -> None:
        self._by_language: dict[str, list[tuple[Phrase, re.Pattern[str]]]] = {}
        for book in phrasebooks:
            compiled = self._by_language.setdefault(book.language, [])
            for phrase in book.phrases:
                # Longest form first so "a total steal" wins over "steal" within one phrase.
                for form in sorted(phrase.forms, key=len, reverse=True):
                    compiled.append((phrase, term_pattern(form)))

    def plain_text(self, text: str, source: str, target: str) -> str:
        for phrase, pattern in self._by_language.get(source, []):
            if target not in phrase.renderings:
                text = pattern.sub(phrase.meaning, text)
        return text

    def matchers(self, source: str, target: str) -> list[tuple[re.Pattern[str], str | None, bool]]:
        return [
            (pattern, phrase.renderings[target], True)
            for phrase, pattern in self._by_language.get(source, [])
            if target in phrase.renderings
        ]
