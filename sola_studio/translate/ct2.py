"""CTranslate2 translation models: Opus-MT (one model per language pair) and the multilingual
NLLB-200 and M2M-100 (one model for every pair, steered by a target-language prefix token).

A model folder is what ``ct2-transformers-converter`` writes (``model.bin`` and the
vocabulary) plus the sentencepiece model(s) copied from the original: ``source.spm`` and
``target.spm`` for Opus-MT, ``sentencepiece.bpe.model`` for NLLB and M2M-100. Tokenization is
sentencepiece; every request of one call goes to ``translate_batch`` together (mixed targets
included, each with its own ``target_prefix``).

This module never downloads anything and never picks a model by itself: the factory
(:mod:`sola_studio.translate.factory`) hands it the folders the model registry resolved.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sola_studio.core.errors import ModelCorrupt, ModelMissing, TranslationUnavailable
from sola_studio.translate.base import TranslationRequest, translate_via_requests

log = logging.getLogger(__name__)


class CT2Family(enum.Enum):
    OPUS_MT = "opus-mt"  # one pair per model, no language tokens
    NLLB = "nllb"  # "eng_Latn" source token, "por_Latn" target prefix
    M2M100 = "m2m100"  # "__en__" source token, "__pt__" target prefix


# ISO 639-1 -> NLLB-200 (FLORES-200) codes for the languages a live seller meets most.
NLLB_CODES: Mapping[str, str] = {
    "ar": "arb_Arab",
    "bn": "ben_Beng",
    "de": "deu_Latn",
    "en": "eng_Latn",
    "es": "spa_Latn",
    "fa": "pes_Arab",
    "fil": "tgl_Latn",
    "fr": "fra_Latn",
    "hi": "hin_Deva",
    "id": "ind_Latn",
    "it": "ita_Latn",
    "ja": "jpn_Jpan",
    "ko": "kor_Hang",
    "ms": "zsm_Latn",
    "nl": "nld_Latn",
    "pl": "pol_Latn",
    "pt": "por_Latn",
    "ru": "rus_Cyrl",
    "th": "tha_Thai",
    "tl": "tgl_Latn",
    "tr": "tur_Latn",
    "uk": "ukr_Cyrl",
    "ur": "urd_Arab",
    "vi": "vie_Latn",
    "zh": "zho_Hans",
}


@dataclass(frozen=True)
class CT2Model:
    """A converted CTranslate2 translation model on disk.

    For Opus-MT, ``pairs`` is the single (source, target) it translates; for NLLB and M2M-100
    it is empty and :attr:`languages` lists what the vocabulary holds a token for.
    """

    path: Path
    family: CT2Family
    pairs: tuple[tuple[str, str], ...] = ()
    languages: tuple[str, ...] = ()

    def language_token(self, language: str) -> str | None:
        if self.family is CT2Family.NLLB:
            return NLLB_CODES.get(language)
        if self.family is CT2Family.M2M100:
            return f"__{language}__"
        return None

    def supports(self, source: str, target: str) -> bool:
        if source == target:
            return False
        if self.family is CT2Family.OPUS_MT:
            return (source, target) in self.pairs
        return source in self.languages and target in self.languages


def _vocabulary(path: Path) -> list[str]:
    import json

    for name in ("shared_vocabulary.json", "target_vocabulary.json"):
        f = path / name
        if f.exists():
            return list(json.loads(f.read_text(encoding="utf-8")))
    for name in ("shared_vocabulary.txt", "target_vocabulary.txt"):
        f = path / name
        if f.exists():
            return f.read_text(encoding="utf-8").splitlines()
    return []


def describe_model(path: Path, family: CT2Family | None = None) -> CT2Model:
    """Inspect a converted model folder. The family comes from the folder name
    (``opus-mt-en-de``, ``nllb-200-distilled-600M``, ``m2m100_418M``) unless given."""
    if not (path / "model.bin").exists():
        raise ModelMissing(
            f"no CTranslate2 model in {path} (model.bin missing)",
            fix="sola-studio models install <name> (e.g. opus-mt-en-de, nllb-200-distilled-600M)",
        )
    name = path.name.lower()
    if family is None:
        if name.startswith("opus-mt-"):
            family = CT2Family.OPUS_MT
        elif "nllb" in name:
            family = CT2Family.NLLB
        elif "m2m" in name:
            family = CT2Family.M2M100
        else:
            raise ModelCorrupt(
                f"cannot tell which model family {path} is",
                fix="name the folder opus-mt-<src>-<tgt>, nllb-... or m2m100-...",
            )
    if family is CT2Family.OPUS_MT:
        parts = name.removeprefix("opus-mt-").split("-")
        if len(parts) < 2:
            raise ModelCorrupt(
                f"cannot read the language pair from {path.name}",
                fix="name the folder opus-mt-<src>-<tgt>",
            )
        for f in ("source.spm", "target.spm"):
            if not (path / f).exists():
                raise ModelCorrupt(
                    f"Opus-MT model {path} lacks {f}",
                    fix=f"copy {f} from the original model next to model.bin",
                )
        return CT2Model(path, family, pairs=((parts[0], parts[1]),))
    if not (path / "sentencepiece.bpe.model").exists():
        raise ModelCorrupt(
            f"{family.value} model {path} lacks sentencepiece.bpe.model",
            fix="copy sentencepiece.bpe.model from the original model next to model.bin",
        )
    vocab = set(_vocabulary(path))
    probe = CT2Model(path, family)
    candidates = NLLB_CODES if family is CT2Family.NLLB else _m2m_languages(vocab)
    languages = tuple(sorted(c for c in candidates if probe.language_token(c) in vocab))
    return CT2Model(path, family, languages=languages)


def _m2m_languages(vocab: set[str]) -> list[str]:
    return [t[2:-2] for t in vocab if t.startswith("__") and t.endswith("__") and len(t) <= 8]


class CTranslate2Translator:
    """Translates with one or more CTranslate2 models (Opus-MT pairs and/or one multilingual).

    ``device`` is ``cpu`` or ``cuda``; ``compute_type`` ``int8`` on CPU (the default),
    ``int8_float16`` or ``float16`` on CUDA. Models load lazily on first use;
    ``translate_batch`` is thread-safe, so no worker thread is needed here (unlike Bergamot).
    """

    name = "ctranslate2"

    def __init__(
        self,
        models: Sequence[CT2Model],
        device: str = "cpu",
        compute_type: str = "int8",
        inter_threads: int = 1,
        intra_threads: int = 0,
        beam_size: int = 2,
        max_decoding_length: int = 256,
    ) -> None:
        self.models = tuple(models)
        self.device = device
        self.compute_type = compute_type
        self.inter_threads = inter_threads
        self.intra_threads = intra_threads
        self.beam_size = beam_size
        self.max_decoding_length = max_decoding_length
        self._loaded: dict[Path, tuple[Any, Any, Any]] = {}
        self._lock = threading.Lock()

    def supports(self, source: str, target: str) -> bool:
        return self._model_for(source, target) is not None

    def _model_for(self, source: str, target: str) -> CT2Model | None:
        # A dedicated pair model beats a multilingual one (better and smaller).
        ranked = sorted(self.models, key=lambda m: m.family is not CT2Family.OPUS_MT)
        return next((m for m in ranked if m.supports(source, target)), None)

    def _load(self, model: CT2Model) -> tuple[Any, Any, Any]:
        with self._lock:
            if model.path in self._loaded:
                return self._loaded[model.path]
            import ctranslate2
            import sentencepiece as spm

            try:
                translator = ctranslate2.Translator(
                    str(model.path),
                    device=self.device,
                    compute_type=self.compute_type,
                    inter_threads=self.inter_threads,
                    intra_threads=self.intra_threads,
                )
            except (RuntimeError, ValueError) as exc:
                raise ModelCorrupt(
                    f"cannot load CTranslate2 model {model.path}: {exc}",
                    fix=f"reinstall it: sola-studio models install {model.path.name}",
                ) from exc
            if model.family is CT2Family.OPUS_MT:
                src_sp = spm.SentencePieceProcessor(model_file=str(model.path / "source.spm"))
                tgt_sp = spm.SentencePieceProcessor(model_file=str(model.path / "target.spm"))
            else:
                src_sp = spm.SentencePieceProcessor(
                    model_file=str(model.path / "sentencepiece.bpe.model")
                )
                tgt_sp = src_sp
            log.info(
                "loaded CTranslate2 %s model %s on %s", model.family.value, model.path, self.device
            )
            self._loaded[model.path] = (translator, src_sp, tgt_sp)
            return self._loaded[model.path]

    def translate(
        self, texts: Sequence[str], source: str, targets: Sequence[str]
    ) -> Mapping[str, list[str]]:
        return translate_via_requests(self, texts, source, targets)

    def translate_requests(self, requests: Sequence[TranslationRequest]) -> list[str]:
        """One ``translate_batch`` call per model, every request for that model in it."""
        by_model: dict[Path, list[int]] = {}
        models: dict[Path, CT2Model] = {}
        for i, req in enumerate(requests):
            model = self._model_for(req.source, req.target)
            if model is None:
                raise TranslationUnavailable(
                    f"no CTranslate2 model translates {req.source}->{req.target}",
                    fix=f"sola-studio models install opus-mt-{req.source}-{req.target}",
                )
            models[model.path] = model
            by_model.setdefault(model.path, []).append(i)
        out = [""] * len(requests)
        for path, idxs in by_model.items():
            model = models[path]
            idxs = [i for i in idxs if requests[i].text.strip()]  # empty text stays empty
            if not idxs:
                continue
            translator, src_sp, tgt_sp = self._load(model)
            batch: list[list[str]] = []
            prefixes: list[list[str]] | None = [] if model.family is not CT2Family.OPUS_MT else None
            for i in idxs:
                req = requests[i]
                tokens = list(src_sp.encode(req.text.strip(), out_type=str))
                if prefixes is not None:
                    src_tok = model.language_token(req.source)
                    tgt_tok = model.language_token(req.target)
                    assert src_tok is not None and tgt_tok is not None
                    tokens = [src_tok, *tokens, "</s>"]
                    prefixes.append([tgt_tok])
                batch.append(tokens)
            lang_tokens = {model.language_token(lang) for lang in model.languages}
            results = translator.translate_batch(
                batch,
                target_prefix=prefixes,
                beam_size=self.beam_size,
                max_decoding_length=self.max_decoding_length,
            )
            for i, result in zip(idxs, results, strict=True):
                # The forced target token (and any language token the model emits) is not text.
                hyp = [t for t in result.hypotheses[0] if t not in lang_tokens]
                out[i] = str(tgt_sp.decode(hyp)).strip()
        return out
