"""A replayed demonstration show: real event types on a real bus into a real store.

The captions are the seller's talk of ``assets/sample/seller_talk.tsv`` (with their timings),
translated by the real Bergamot engine when one is passed in. The comments, and what the
comment desk understood, drafted and sent for them, are a recorded script of a busy show in ten
languages against the sample product sheet (``assets/sample_sheet.yaml``). Everything goes
through :class:`~sola_studio.core.bus.Bus` into
:meth:`~sola_studio.store.repository.SessionStore.subscribe`, exactly as in a live session.

Used by the report's tests, the crash-safety test and ``docs/report.md``'s sample. It advances
a :class:`~sola_studio.core.clock.ManualClock` instead of waiting, and never touches the network.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from sola_studio import paths
from sola_studio.catalog.loader import load_sheet
from sola_studio.catalog.sheet import ProductSheet, StockLevel
from sola_studio.comments import events as ce
from sola_studio.core.bus import Bus
from sola_studio.core.clock import ManualClock
from sola_studio.core.errors import TranslationUnavailable
from sola_studio.core.events import Caption, Comment, ErrorEvent, Word
from sola_studio.store.repository import SessionStore
from sola_studio.store.routing import EventRouter, products_from_sheet

TALK = paths.ASSETS / "sample" / "seller_talk.tsv"
SHEET = paths.ASSETS / "sample_sheet.yaml"
SELLER_LANGUAGE = "en"
RESTOCK_THRESHOLD = 3
# Caption latency of the replayed captions: the fixed-chunk baseline's median measured on this
# machine (DESIGN "Measuring"), plus the per-language translation time Bergamot measured here.
CAPTION_LATENCY_S = 1.40
TRANSLATION_ADDED_S = 0.02

Translate = Callable[[Sequence[str], str, Sequence[str]], Mapping[str, list[str]]]


@dataclass(frozen=True)
class ScriptedComment:
    """One comment of the script and what the desk did with it."""

    at_s: float
    viewer: str
    language: str
    text: str
    translation: str
    intent: ce.Intent
    product: str | None = None
    size: str | None = None
    colour: str | None = None
    country: str | None = None
    reply: str | None = None  # sent reply, in the viewer's language
    reply_after_s: float = 0.0  # seconds from arrival to sending
    seller_edit: str | None = None  # the seller rewrote the draft before sending


I = ce.Intent  # noqa: E741 - short alias keeps the script readable

SCRIPT: tuple[ScriptedComment, ...] = (
    ScriptedComment(
        3,
        "mari.fashion",
        "pt",
        "Oi! Boa noite, amei a live",
        "Hi! Good evening, loving the live",
        I.GREETING,
    ),
    ScriptedComment(
        8,
        "jun_tokyo",
        "ja",
        "このシャツのサイズは何がありますか？",
        "What sizes does this shirt come in?",
        I.SIZE_STOCK,
        "tee",
        reply="S、M、L、XLがあります。",
        reply_after_s=14,
    ),
    ScriptedComment(
        11,
        "lucia.mx",
        "es",
        "¿Cuánto cuesta el envío a México?",
        "How much is shipping to Mexico?",
        I.SHIPPING,
        "tee",
        country="MX",
        reply="El envío a México cuesta R$ 60,00 (12 a 25 días).",
        reply_after_s=21,
    ),
    ScriptedComment(
        14,
        "anna_b",
        "de",
        "Gibt es M in Schwarz?",
        "Is there M in black?",
        I.SIZE_STOCK,
        "tee",
        "M",
        "black",
        reply="Ja, M in Schwarz ist noch da – nur noch 2 Stück!",
        reply_after_s=9,
    ),
    ScriptedComment(
        16,
        "carlos_rj",
        "pt",
        "Tem M preta?",
        "Do you have black M?",
        I.SIZE_STOCK,
        "tee",
        "M",
        "black",
        reply="Tem sim! Restam só 2 da M preta.",
        reply_after_s=8,
    ),
    ScriptedComment(
        19,
        "sophie.l",
        "fr",
        "C'est quelle matière ?",
        "What material is it?",
        I.MATERIAL,
        "tee",
        reply="100% coton biologique, jersey de 180 g/m².",
        reply_after_s=12,
    ),
    ScriptedComment(
        21,
        "wei_88",
        "zh",
        "有M号黑色的吗？",
        "Is there a black M?",
        I.SIZE_STOCK,
        "tee",
        "M",
        "black",
        reply="有的，黑色M号还剩2件。",
        reply_after_s=10,
    ),
    ScriptedComment(
        24,
        "priya.k",
        "hi",
        "क्या भारत में शिपिंग होती है?",
        "Do you ship to India?",
        I.SHIPPING,
        "tee",
        country="IN",
        reply="हाँ, भारत में शिपिंग R$ 70,00 है (14 से 30 दिन)।",
        reply_after_s=30,
    ),
    ScriptedComment(
        26,
        "marco_it",
        "it",
        "Quanto costa la maglietta?",
        "How much is the t-shirt?",
        I.PRICE,
        "tee",
        reply="La maglietta costa R$ 89,90.",
        reply_after_s=6,
    ),
    ScriptedComment(
        29,
        "ahmed.dxb",
        "ar",
        "هل يوجد مقاس XL أسود؟",
        "Is there XL in black?",
        I.SIZE_STOCK,
        "tee",
        "XL",
        "black",
        country="AE",
        reply="للأسف مقاس XL الأسود نفد حاليًا.",
        reply_after_s=17,
    ),
    ScriptedComment(
        31,
        "julia_sp",
        "pt",
        "Parcela em quantas vezes?",
        "How many instalments?",
        I.PAYMENT,
        reply="Em até 18x, sendo 12x sem juros.",
        reply_after_s=11,
        seller_edit="Em até 18x, sendo 12x sem juros, no cartão!",
    ),
    ScriptedComment(33, "tom_nyc", "en", "love this colour!!", "love this colour!!", I.GREETING),
    ScriptedComment(
        35,
        "anna_b",
        "de",
        "Und wie lange dauert der Versand nach Deutschland?",
        "And how long does shipping to Germany take?",
        I.SHIPPING,
        "tee",
        country="DE",
        reply="Nach Deutschland 10 bis 18 Tage, Versand R$ 52,00.",
        reply_after_s=15,
    ),
    ScriptedComment(
        37,
        "lena_w",
        "de",
        "M schwarz bitte!",
        "M black please!",
        I.SIZE_STOCK,
        "tee",
        "M",
        "black",
        reply="M in Schwarz: nur noch 2 Stück!",
        reply_after_s=7,
    ),
    ScriptedComment(
        39,
        "rafa_pt",
        "pt",
        "Tem desconto na live?",
        "Is there a live discount?",
        I.DISCOUNT,
        reply="Sim! Cupom LIVE10: 10% só durante a live.",
        reply_after_s=5,
    ),
    ScriptedComment(
        41,
        "kenji",
        "ja",
        "黒のMはまだありますか",
        "Is black M still available?",
        I.SIZE_STOCK,
        "tee",
        "M",
        "black",
    ),
    ScriptedComment(
        43,
        "emma.uk",
        "en",
        "Can I return it if it doesn't fit?",
        "Can I return it if it doesn't fit?",
        I.RETURNS,
        reply="Yes, returns are free within 30 days.",
        reply_after_s=13,
    ),
    ScriptedComment(
        45,
        "lucia.mx",
        "es",
        "¿Y los tenis en talla 41?",
        "And the sneakers in size 41?",
        I.SIZE_STOCK,
        "runner",
        "41",
        "white",
        reply="La talla 41 está agotada por ahora, lo siento.",
        reply_after_s=19,
    ),
    ScriptedComment(
        47,
        "bea",
        "es",
        "Talla 41 de los tenis porfa",
        "Size 41 of the sneakers please",
        I.SIZE_STOCK,
        "runner",
        "41",
        "white",
    ),
    ScriptedComment(
        50,
        "ola",
        "pt",
        "XL preta acabou?",
        "Is black XL sold out?",
        I.SIZE_STOCK,
        "tee",
        "XL",
        "black",
        reply="Acabou, mas a XL branca ainda tem.",
        reply_after_s=9,
    ),
    ScriptedComment(
        52,
        "mei",
        "zh",
        "可以用PayPal付款吗？",
        "Can I pay with PayPal?",
        I.PAYMENT,
        reply="可以，支持PayPal付款。",
        reply_after_s=8,
    ),
    ScriptedComment(
        54,
        "noah",
        "en",
        "does it shrink in the wash?",
        "does it shrink in the wash?",
        I.OTHER,
        "tee",
        reply="The cotton is pre-shrunk, so the tee keeps its size.",
        reply_after_s=16,
    ),
    ScriptedComment(
        57,
        "giulia",
        "it",
        "Spedite in Italia?",
        "Do you ship to Italy?",
        I.SHIPPING,
        country="IT",
        reply="Sì, in Italia in 10-18 giorni, R$ 52,00.",
        reply_after_s=22,
    ),
    ScriptedComment(60, "carlos_rj", "pt", "Vou levar duas!", "I'll take two!", I.GREETING),
    ScriptedComment(
        62,
        "hana",
        "ja",
        "バッグの色は？",
        "What colour is the bag?",
        I.SIZE_STOCK,
        "tote",
        reply="ナチュラルカラーです。",
        reply_after_s=10,
    ),
    ScriptedComment(
        64,
        "pierre",
        "fr",
        "Le M noir est encore dispo ?",
        "Is the black M still available?",
        I.SIZE_STOCK,
        "tee",
        "M",
        "black",
    ),
    ScriptedComment(
        66,
        "sam",
        "en",
        "how much for the sneakers?",
        "how much for the sneakers?",
        I.PRICE,
        "runner",
        reply="The Sola Runner is R$ 249,90.",
        reply_after_s=4,
    ),
    ScriptedComment(
        67,
        "dani_ar",
        "es",
        "¿Vuelven los tenis 41 blancos?",
        "Are the white size 41 sneakers coming back?",
        I.SIZE_STOCK,
        "runner",
        "41",
        "white",
        country="AR",
    ),
    ScriptedComment(68, "zara", "ar", "شكرا!", "Thanks!", I.GREETING),
)


@dataclass(frozen=True)
class _Step:
    at_s: float
    event: object


def _talk() -> list[tuple[float, float, str]]:
    with TALK.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [(float(r["start_s"]), float(r["end_s"]), r["text"]) for r in rows]


def _words(text: str, start: float, end: float) -> tuple[Word, ...]:
    parts = text.split()
    step = (end - start) / max(len(parts), 1)
    return tuple(
        Word(w, round(start + i * step, 3), round(start + (i + 1) * step, 3))
        for i, w in enumerate(parts)
    )


def _caption_steps(t0: float, translate: Translate | None, targets: Sequence[str]) -> list[_Step]:
    talk = _talk()
    translations: Mapping[str, list[str]] = {}
    if translate is not None and targets:
        translations = translate([t for _, _, t in talk], SELLER_LANGUAGE, targets)
    steps = []
    for i, (start, end, text) in enumerate(talk):
        audio_end = t0 + end
        t_emit = audio_end + CAPTION_LATENCY_S
        stages = {"asr": t_emit}
        tr = {}
        for k, lang in enumerate(sorted(translations)):
            tr[lang] = translations[lang][i]
            stages[f"translate:{lang}"] = t_emit + TRANSLATION_ADDED_S * (k + 1)
        steps.append(
            _Step(
                end + CAPTION_LATENCY_S,
                Caption(
                    id=i + 1,
                    language=SELLER_LANGUAGE,
                    text=text,
                    start=start,
                    end=end,
                    committed=True,
                    t_capture=t0 + start,
                    t_emit=t_emit,
                    audio_end_t=audio_end,
                    words=_words(text, start, end),
                    translations=tr,
                    stages=stages,
                ),
            )
        )
    return steps


def _comment_steps(
    t0: float, wall0: float, sheet: ProductSheet, script: Iterable[ScriptedComment]
) -> list[_Step]:
    steps: list[_Step] = []
    asks: Counter[str] = Counter()
    alerted: set[str] = set()
    by_lang: dict[str, Counter[str]] = {}
    by_country: dict[str, Counter[str]] = {}
    for n, sc in enumerate(script):
        cid = f"c{n + 1:03d}"
        vid = f"replay-{sc.viewer}"
        t = t0 + sc.at_s
        comment = Comment(cid, "replay", vid, sc.viewer, sc.text, t, wall0 + sc.at_s)
        product = sheet.product(sc.product) if sc.product else None
        variants = product.variants_matching(sc.size, sc.colour) if product else ()
        sku = variants[0].sku if product and (sc.size or sc.colour) and len(variants) == 1 else None
        entities = ce.Entities(
            product_id=sc.product,
            variant_sku=sku,
            size=sc.size,
            colour=sc.colour,
            country=sc.country,
        )
        understood = ce.UnderstoodComment(
            comment=comment,
            clean_text=sc.text,
            language=sc.language,
            language_confidence=0.97,
            translation=sc.translation,
            translation_note=None,
            intent=sc.intent,
            intent_confidence=0.9,
            entities=entities,
            t_emit=t + 0.05,
        )
        steps.append(_Step(sc.at_s, comment))
        steps.append(_Step(sc.at_s + 0.05, understood))
        if sc.product and sc.intent.is_question:
            key = ce.DemandKey(sc.product, sku, sc.language, sc.country)
            demand_key = sku or sc.product
            asks[demand_key] += 1
            steps.append(
                _Step(sc.at_s + 0.06, ce.DemandCounted(key, sc.intent, cid, asks[demand_key], t))
            )
            if sku is not None:
                by_lang.setdefault(sku, Counter())[sc.language] += 1
                by_country.setdefault(sku, Counter())[sc.country or ""] += 1
                variant = variants[0]
                level = sheet.stock_level(variant)
                if (
                    level is not StockLevel.IN_STOCK
                    and asks[sku] >= RESTOCK_THRESHOLD
                    and sku not in alerted
                ):
                    alerted.add(sku)
                    steps.append(
                        _Step(
                            sc.at_s + 0.07,
                            ce.RestockAlert(
                                product_id=sc.product,
                                variant_sku=sku,
                                variant_label=variant.label,
                                stock=variant.stock,
                                level=level,
                                asks=asks[sku],
                                threshold=RESTOCK_THRESHOLD,
                                by_language=dict(by_lang[sku]),
                                by_country=dict(by_country[sku]),
                                t_emit=t + 0.07,
                            ),
                        )
                    )
        if sc.reply is None:
            continue
        draft = ce.Draft(
            comment_id=cid,
            viewer_id=vid,
            language=sc.language,
            intent=sc.intent,
            text=sc.reply,
            seller_text=sc.translation,
            facts=(),
            confidence=0.85,
            flags=(),
            t_capture=t,
            t_emit=t + 0.3,
            platform="replay",
        )
        steps.append(_Step(sc.at_s + 0.3, draft))
        sent_at = sc.at_s + sc.reply_after_s
        text = sc.reply
        if sc.seller_edit:
            text = sc.seller_edit
            steps.append(
                _Step(
                    sent_at - 2,
                    ce.ReviewChanged(
                        cid,
                        ce.ReviewState.EDITED,
                        ce.ReviewState.DRAFTED,
                        text,
                        t,
                        t0 + sent_at - 2,
                    ),
                )
            )
        steps.append(
            _Step(
                sent_at - 0.5,
                ce.ReviewChanged(cid, ce.ReviewState.APPROVED, None, text, t, t0 + sent_at - 0.5),
            )
        )
        steps.append(
            _Step(
                sent_at,
                ce.ReplySent(cid, vid, "replay", "dry-run", sc.language, text, t, t0 + sent_at),
            )
        )
        steps.append(
            _Step(
                sent_at + 0.01,
                ce.ReviewChanged(
                    cid, ce.ReviewState.SENT, ce.ReviewState.APPROVED, text, t, t0 + sent_at + 0.01
                ),
            )
        )
    return steps


def replay_steps(
    store: SessionStore,
    clock: ManualClock,
    *,
    translate: Translate | None = None,
    targets: Sequence[str] = ("pt",),
    extra_comments: Sequence[ScriptedComment] = (),
) -> tuple[Bus, list[_Step]]:
    """Start a session in ``store`` and return the bus it listens on and the timed events.

    The caller publishes each step's event after advancing ``clock`` to ``step.at_s`` (see
    :func:`replay_sample`), which lets a test stop anywhere in the show.
    """
    sheet = load_sheet(SHEET)
    store.start_session(
        title="Sample live: Camiseta Sola Classic",
        platform="replay",
        seller_language=SELLER_LANGUAGE,
        caption_languages=list(targets) if translate else [],
    )
    store.record_products(products_from_sheet(sheet))
    bus = Bus()
    EventRouter(store).subscribe(bus)
    t0, wall0 = clock.monotonic(), clock.wall()
    script = sorted((*SCRIPT, *extra_comments), key=lambda s: s.at_s)
    steps = _caption_steps(t0, translate, targets if translate else ())
    steps += _comment_steps(t0, wall0, sheet, script)
    steps.append(
        _Step(
            24.5,
            ErrorEvent(
                "comments.translate",
                TranslationUnavailable(
                    "no translation model for hi->en; the comment is shown untranslated",
                    fix="sola-studio models install bergamot:hi-en",
                ),
                t0 + 24.5,
            ),
        )
    )
    steps.sort(key=lambda s: s.at_s)
    return bus, steps


def replay_sample(
    store: SessionStore,
    clock: ManualClock,
    *,
    translate: Translate | None = None,
    targets: Sequence[str] = ("pt",),
    extra_comments: Sequence[ScriptedComment] = (),
    finish: bool = True,
) -> int:
    """Replay the whole sample show into ``store``; returns the session id."""
    bus, steps = replay_steps(
        store, clock, translate=translate, targets=targets, extra_comments=extra_comments
    )
    sid = store.session_id
    assert sid is not None
    t0 = clock.monotonic()
    spec_shown = False
    for step in steps:
        clock.advance(max(0.0, t0 + step.at_s - clock.monotonic()))
        if not spec_shown and step.at_s >= 10.0:
            store.record_spec_card(
                product_id="tee",
                title="Camiseta Sola Classic",
                language="pt",
                fields={"material": "100% organic cotton, 180 g/m²", "price": "R$ 89,90"},
            )
            spec_shown = True
        bus.publish(step.event)
    clock.advance(2.0)
    if finish:
        store.finish_session()
    return sid


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m sola_studio.report.sample OUT.html``: replay the sample show into a scratch
    profile (with real en->pt Bergamot captions when installed) and write its HTML report."""
    import argparse
    import os
    import tempfile
    import time
    from pathlib import Path

    from sola_studio.report.build import build_report
    from sola_studio.report.export import write

    parser = argparse.ArgumentParser(prog="python -m sola_studio.report.sample")
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        os.environ["SOLA_STUDIO_HOME"] = home
        clock = ManualClock(now_wall=time.time())
        store = SessionStore.open_profile("sample", clock=clock)
        try:
            from sola_studio.translate.bergamot import BergamotTranslator

            with BergamotTranslator.default() as tr:
                sid = replay_sample(store, clock, translate=tr.translate)
        except ImportError:
            sid = replay_sample(store, clock)
        write(build_report(store.db, sid), "html", args.out)
        store.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
