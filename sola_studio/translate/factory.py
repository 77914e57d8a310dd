"""Picks a translation engine per target language from what is installed, and says which
targets cannot be served and what installs them.

Order per (source, target): a Bergamot model, an Opus-MT pair model, a multilingual
CTranslate2 model (NLLB-200, M2M-100), then a pivot through English built from any two of
those. The result is wrapped in the glossary and phrasebook layer, so the captions engine only
ever calls one object::

    translator = build_translator("en", ["pt", "de"], glossary=seller_glossary, strict=False)
    translator.unavailable       # {"de": TranslationUnavailable(...)} when nothing reaches de
    translator.translate(["The AeroLite X2 costs $49.99."], "en", ["pt"])
    translator.set_glossary(glossary_from_product(product, ["pt"], base=seller_glossary))

This module never downloads a model; it only names the command that would.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from sola_studio import paths
from sola_studio.core.errors import ModelCorrupt, ModelMissing, TranslationUnavailable
from sola_studio.translate.base import (
    TranslationRequest,
    Translator,
    translate_requests,
    translate_via_requests,
)
from sola_studio.translate.bergamot import BergamotTranslator
from sola_studio.translate.ct2 import CT2Family, CT2Model, CTranslate2Translator, describe_model
from sola_studio.translate.glossary import Glossary, GlossaryTranslator
from sola_studio.translate.phrasebook import Phrasebook, PhrasebookSpans, starter_phrasebook
from sola_studio.translate.pivot import PivotTranslator

log = logging.getLogger(__name__)

PIVOT = "en"


def install_hint(source: str, target: str) -> str:
    """The command that makes ``source -> target`` available."""
    return (
        f"sola-studio models install bergamot:{source}-{target}  "
        f"(or opus-mt-{source}-{target}, or nllb-200-distilled-600M for every pair: "
        "CC-BY-NC 4.0, non-commercial use only, and selling on a stream is commercial use)"
    )


def find_ct2_models(folders: Sequence[Path] | None = None) -> list[CT2Model]:
    """Converted CTranslate2 translation models (``opus-mt-*``, ``nllb*``, ``m2m100*``) in
    ``folders``; by default the repository's ``models/`` and the user's model cache."""
    roots = (
        list(folders) if folders is not None else [paths.repo_models_dir(), paths.model_cache_dir()]
    )
    found: list[CT2Model] = []
    for root in roots:
        if not root.is_dir():
            continue
        candidates = [root] if (root / "model.bin").exists() else sorted(root.iterdir())
        for folder in candidates:
            name = folder.name.lower()
            known = name.startswith("opus-mt-") or "nllb" in name or "m2m" in name
            if not folder.is_dir() or not known:
                continue
            try:
                found.append(describe_model(folder))
            except (ModelMissing, ModelCorrupt) as exc:
                log.warning("skipping translation model %s: %s", folder, exc)
    return found


class RoutedTranslator:
    """Sends each target to the engine chosen for it; one engine call per engine per batch."""

    name = "routed"

    def __init__(
        self,
        source: str,
        routes: Mapping[str, Translator],
        unavailable: Mapping[str, TranslationUnavailable],
    ) -> None:
        self.source = source
        self.routes = MappingProxyType(dict(routes))
        self.unavailable = MappingProxyType(dict(unavailable))

    def supports(self, source: str, target: str) -> bool:
        return source == self.source and target in self.routes

    def translate(
        self, texts: Sequence[str], source: str, targets: Sequence[str]
    ) -> Mapping[str, list[str]]:
        return translate_via_requests(self, texts, source, targets)

    def translate_requests(self, requests: Sequence[TranslationRequest]) -> list[str]:
        by_engine: dict[int, list[int]] = {}
        engines: dict[int, Translator] = {}
        for i, r in enumerate(requests):
            if not self.supports(r.source, r.target):
                raise self.unavailable.get(r.target) or TranslationUnavailable(
                    f"no engine translates {r.source}->{r.target}",
                    fix=install_hint(r.source, r.target),
                )
            engine = self.routes[r.target]
            engines[id(engine)] = engine
            by_engine.setdefault(id(engine), []).append(i)
        out = [""] * len(requests)
        for key, idxs in by_engine.items():
            results = translate_requests(engines[key], [requests[i] for i in idxs])
            for i, text in zip(idxs, results, strict=True):
                out[i] = text
        return out


class StudioTranslator(GlossaryTranslator):
    """What :func:`build_translator` returns: the glossary/phrasebook layer over the routed
    engines, plus which targets are served by what and which are unavailable."""

    def __init__(
        self,
        routed: RoutedTranslator,
        glossary: Glossary | None,
        phrasebooks: Sequence[Phrasebook],
        owned: Sequence[Translator] = (),
    ) -> None:
        super().__init__(routed, glossary, extra=[PhrasebookSpans(phrasebooks)])
        self.routed = routed
        self._owned = tuple(owned)

    def close(self) -> None:
        """Stop the engines this translator discovered itself (their worker threads); engines
        passed in through ``engines`` belong to the caller and are left running."""
        for engine in self._owned:
            close = getattr(engine, "close", None)
            if close is not None:
                close()

    @property
    def unavailable(self) -> Mapping[str, TranslationUnavailable]:
        return self.routed.unavailable

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(self.routed.routes)

    def engine_for(self, target: str) -> str | None:
        engine = self.routed.routes.get(target)
        return engine.name if engine is not None else None


def build_translator(
    source: str,
    targets: Sequence[str],
    *,
    glossary: Glossary | None = None,
    phrasebook: Phrasebook | None = None,
    engines: Sequence[Translator] | None = None,
    ct2_folders: Sequence[Path] | None = None,
    device: str = "cpu",
    compute_type: str = "int8",
    strict: bool = True,
) -> StudioTranslator:
    """A translator from ``source`` into every reachable target.

    ``engines`` overrides discovery (tests, or an app that already holds engines); otherwise
    installed Bergamot pairs and CTranslate2 models in ``ct2_folders`` are used. ``phrasebook``
    defaults to the starter phrasebook of ``source``. With ``strict`` (the default) any
    unreachable target raises one :class:`TranslationUnavailable` naming every missing pair and
    its fix; with ``strict=False`` those targets are listed in ``.unavailable`` and left out.
    """
    targets = [t for t in dict.fromkeys(targets) if t != source]
    owned: list[Translator] = []
    if engines is None:
        engines = owned = discover_engines(ct2_folders, device=device, compute_type=compute_type)

    routes: dict[str, Translator] = {}
    unavailable: dict[str, TranslationUnavailable] = {}
    for target in targets:
        direct = next((e for e in engines if e.supports(source, target)), None)
        if direct is not None:
            routes[target] = direct
            continue
        first = next((e for e in engines if e.supports(source, PIVOT)), None)
        second = next((e for e in engines if e.supports(PIVOT, target)), None)
        if first is not None and second is not None and PIVOT not in (source, target):
            routes[target] = PivotTranslator(first, second, PIVOT)
            continue
        unavailable[target] = TranslationUnavailable(
            f"no installed model translates {source}->{target}", fix=install_hint(source, target)
        )
    for target, engine in routes.items():
        log.info("translation %s->%s: %s", source, target, engine.name)
    if unavailable and strict:
        missing = ", ".join(f"{source}->{t}" for t in unavailable)
        fixes = "; ".join(str(e.fix) for e in unavailable.values())
        raise TranslationUnavailable(f"no installed model translates {missing}", fix=fixes)
    book = phrasebook if phrasebook is not None else starter_phrasebook(source)
    return StudioTranslator(RoutedTranslator(source, routes, unavailable), glossary, [book], owned)


def discover_engines(
    ct2_folders: Sequence[Path] | None = None, *, device: str = "cpu", compute_type: str = "int8"
) -> list[Translator]:
    """The installed engines, once: Bergamot (every installed pair, one worker thread) and the
    CTranslate2 models in ``ct2_folders``. Pass them as ``engines=`` to several
    :func:`build_translator` calls (captions, and comments from each audience language) so they
    share one loaded copy; the caller closes them."""
    found: list[Translator] = []
    bergamot = BergamotTranslator.default()
    if bergamot.pairs:
        found.append(bergamot)
    else:
        bergamot.close()
    ct2 = find_ct2_models(ct2_folders)
    opus = [m for m in ct2 if m.family is CT2Family.OPUS_MT]
    multi = [m for m in ct2 if m.family is not CT2Family.OPUS_MT]
    if opus:
        found.append(CTranslate2Translator(opus, device=device, compute_type=compute_type))
    if multi:
        found.append(CTranslate2Translator(multi, device=device, compute_type=compute_type))
    return found


class BySourceTranslator:
    """Comment translation: one single-source translator per audience language, as one
    Translator (comments arrive in many languages, all going to the seller's)."""

    name = "comments"

    def __init__(self, translators: Mapping[str, Translator]) -> None:
        self._by = dict(translators)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(self._by)

    def supports(self, source: str, target: str) -> bool:
        translator = self._by.get(source)
        return translator is not None and bool(translator.supports(source, target))

    def translate(
        self, texts: Sequence[str], source: str, targets: Sequence[str]
    ) -> Mapping[str, list[str]]:
        return self._by[source].translate(texts, source, targets)


def comment_translator(
    seller: str, audience: Sequence[str], engines: Sequence[Translator]
) -> BySourceTranslator:
    """What translates viewers' comments into the seller's language: every audience language
    an installed engine reaches (the others are left untranslated, never an error). No
    phrasebook: selling-talk renderings are for the seller's speech, not comments."""
    by_source: dict[str, Translator] = {}
    for lang in audience:
        if lang == seller:
            continue
        t = build_translator(
            lang, [seller], phrasebook=Phrasebook(lang), engines=engines, strict=False
        )
        if t.targets:
            by_source[lang] = t
    return BySourceTranslator(by_source)


def sheet_text_translator(
    seller: str, audience: Sequence[str], engines: Sequence[Translator]
) -> BySourceTranslator:
    """What translates the sheet's own texts (written in the seller's language) into the
    audience languages an installed engine reaches, glossary-protected, for replies that hold
    one language only. The others are left out: the desk then answers in the seller's language
    or English and flags it."""
    t = build_translator(
        seller, list(audience), phrasebook=Phrasebook(seller), engines=engines, strict=False
    )
    return BySourceTranslator({seller: t} if t.targets else {})
