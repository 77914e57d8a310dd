"""Builds tiny CTranslate2 translation models for tests: a sentencepiece model trained on the
shared human translations, and a one-layer transformer with random weights written through
ctranslate2's spec API. Output quality is not the point; loading, tokenization, language
prefixes and batching are the real code paths."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

SHARED_MT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "mt"
NLLB_TOKENS = ["eng_Latn", "por_Latn", "deu_Latn", "spa_Latn"]


def train_sentencepiece(out_prefix: Path, user_symbols: list[str], vocab_size: int = 400) -> Path:
    import sentencepiece as spm

    lines: list[str] = []
    for name in ("gettext-django-oscar-4.2.1.en-pt.tsv", "gettext-django-oscar-4.2.1.en-de.tsv"):
        with (SHARED_MT / name).open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                lines.extend([row["en"], row[name.split(".")[-2].split("-")[-1]]])
    corpus = out_prefix.with_suffix(".txt")
    corpus.write_text("\n".join(lines[:3000]), encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(out_prefix),
        vocab_size=vocab_size,
        user_defined_symbols=user_symbols,
        character_coverage=1.0,
        minloglevel=2,
    )
    return out_prefix.with_suffix(".model")


def _vocab(sp_model: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def build_transformer(out_dir: Path, vocab: list[str], seed: int = 0, d: int = 32) -> None:
    from ctranslate2.specs import common_spec, transformer_spec

    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config(1, 2, pre_norm=True)

    def fill(layer: object) -> None:
        """Give every required weight of ``layer`` (recursively) a random value of its shape."""
        if isinstance(layer, common_spec.LayerNormSpec):
            layer.gamma = np.ones(d, np.float32)
            layer.beta = np.zeros(d, np.float32)
            return
        for name, value in list(vars(layer).items()):
            if name.startswith("_"):
                continue
            if isinstance(value, list):
                for v in value:
                    fill(v)
            elif hasattr(value, "__dict__") and not isinstance(value, (str, np.ndarray)):
                fill(value)

    fill(spec)
    v = len(vocab)
    for side in (spec.encoder, spec.decoder):
        embs = side.embeddings if isinstance(side.embeddings, list) else [side.embeddings]
        for e in embs:
            e.weight = rng.normal(0, 1, (v, d)).astype(np.float32)
        side.scale_embeddings = True
        side.position_encodings.encodings = rng.normal(0, 0.1, (512, d)).astype(np.float32)
        for layer in side.layer:
            attns = [layer.self_attention] + (
                [layer.attention] if hasattr(layer, "attention") else []
            )
            for a in attns:
                if len(a.linear) == 2:  # self-attention: fused qkv
                    shapes = [(3 * d, d), (d, d)]
                else:  # cross-attention: q, fused kv, out
                    shapes = [(d, d), (2 * d, d), (d, d)]
                for lin, shape in zip(a.linear, shapes, strict=True):
                    lin.weight = rng.normal(0, 0.2, shape).astype(np.float32)
                    lin.bias = np.zeros(shape[0], np.float32)
            layer.ffn.linear_0.weight = rng.normal(0, 0.2, (2 * d, d)).astype(np.float32)
            layer.ffn.linear_0.bias = np.zeros(2 * d, np.float32)
            layer.ffn.linear_1.weight = rng.normal(0, 0.2, (d, 2 * d)).astype(np.float32)
            layer.ffn.linear_1.bias = np.zeros(d, np.float32)
    spec.decoder.projection.weight = rng.normal(0, 1, (v, d)).astype(np.float32)
    spec.decoder.projection.bias = np.zeros(v, np.float32)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))


def build_nllb_tiny(root: Path) -> Path:
    """A multilingual model laid out like a converted NLLB-200 (language tokens in the vocab)."""
    out = root / "nllb-tiny"
    sp_model = train_sentencepiece(root / "spm-nllb", NLLB_TOKENS)
    build_transformer(out, _vocab(sp_model))
    (out / "sentencepiece.bpe.model").write_bytes(sp_model.read_bytes())
    return out


def build_opus_tiny(root: Path, source: str = "en", target: str = "de") -> Path:
    """A pair model laid out like a converted Opus-MT model (source.spm / target.spm)."""
    out = root / f"opus-mt-{source}-{target}"
    sp_model = train_sentencepiece(root / "spm-opus", [])
    build_transformer(out, _vocab(sp_model), seed=1)
    (out / "source.spm").write_bytes(sp_model.read_bytes())
    (out / "target.spm").write_bytes(sp_model.read_bytes())
    return out
