"""The voice flow of a show: AudioSource -> :class:`AudioTap` -> VAD/StreamingASR
(:class:`~sola_studio.asr.streaming.AsrWorker`) -> :class:`~sola_studio.captions.track.CaptionTrack`
(translation into ``ShowLanguages.targets``) -> Caption events on the bus -> subtitles; and the
followers of the product sheet on this flow: the captions' glossary and the spec cards, both
subscribed to :class:`~sola_studio.catalog.events.SheetChanged` /
:class:`~sola_studio.catalog.events.PinChanged`.

:func:`build_voice` composes it into a :class:`~sola_studio.live.stages.Session` and returns a
:class:`VoiceHandle`; nothing is patched onto the track.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sola_studio.asr.engine import AsrEngine
from sola_studio.asr.streaming import AsrWorker, StreamingOptions, UtteranceStreamer
from sola_studio.captions.speccards import SpecCard, SpecCardDetector
from sola_studio.captions.subtitles import SubtitleWriter
from sola_studio.captions.track import CaptionScript, CaptionTrack
from sola_studio.catalog.events import PinChanged, SheetChanged, SheetEvent
from sola_studio.catalog.sheet import Product, ProductSheet
from sola_studio.catalog.vocabulary import recognition_vocabulary
from sola_studio.core.bus import Bus
from sola_studio.core.channels import _End
from sola_studio.core.clock import StreamClock
from sola_studio.core.events import Caption
from sola_studio.live.options import ShowLanguages
from sola_studio.live.stages import CallbackStage, Session
from sola_studio.sources.audio import AudioChunk, AudioSource
from sola_studio.translate.factory import StudioTranslator
from sola_studio.translate.glossary import Glossary
from sola_studio.translate.product_terms import glossary_from_sheet

log = logging.getLogger(__name__)


class AudioTap:
    """The audio source as the ASR thread reads it: every chunk is also handed to the recording,
    and in a fast replay the stream clock follows the audio the recogniser has finished."""

    def __init__(
        self,
        source: AudioSource,
        on_chunk: Callable[[AudioChunk], None] | None = None,
        clock: StreamClock | None = None,
    ) -> None:
        self.source = source
        self.name = source.name
        self.on_chunk = on_chunk
        self._clock = clock
        self._read_end = 0.0
        self.stream_zero: float | None = None  # monotonic time of stream second 0

    def start(self) -> None:
        self.source.start()

    def stop(self) -> None:
        self.source.stop()

    def read(self, timeout: float | None = None) -> AudioChunk | _End | None:
        if self._clock is not None and timeout != 0:
            # The ASR thread waits for more audio only after it processed all it read
            # (it drains with timeout=0, then runs its pass): that audio is done.
            self._clock.reach(self._read_end)
        item = self.source.read(timeout)
        if isinstance(item, AudioChunk):
            self._read_end = item.end
            if self.stream_zero is None:
                self.stream_zero = item.t_capture - item.end
            if self.on_chunk is not None:
                if self._clock is not None:  # on the show's timeline, like the video frames
                    item = dataclasses.replace(item, t_capture=self._clock.origin + item.end)
                self.on_chunk(item)
        return item


@dataclass(frozen=True)
class VoiceHandle:
    """What :func:`build_voice` built: the caption track, the streaming policy (its decoding
    time makes the real-time factor) and the ASR thread (``worker.done``: the audio ended)."""

    track: CaptionTrack
    policy: UtteranceStreamer
    worker: AsrWorker


def build_voice(
    session: Session,
    source: AudioSource,
    engine: AsrEngine,
    languages: ShowLanguages,
    translator: StudioTranslator | None,
    *,
    out: Path | None = None,
    max_drain_s: float = 10.0,
    script: CaptionScript | None = None,
    sheet: ProductSheet | None = None,
) -> VoiceHandle:
    """Compose the voice flow into ``session``: captions in ``languages.targets`` (through
    ``translator``), subtitles in ``out`` when given. ``max_drain_s``: how much queued audio the
    ASR thread takes before a pass (a fast replay keeps it small so captions follow the audio).
    ``script``: the show plan, whose approved lines captions show when they are said.
    ``sheet``: its codes, names and terms prime the recogniser (:class:`SheetVocabulary`).
    """
    track = CaptionTrack(session.bus, languages.targets, translator, script=script)
    policy = UtteranceStreamer(engine, StreamingOptions(languages=languages.spoken))
    if sheet is not None:
        vocabulary = SheetVocabulary(policy, languages.source)
        vocabulary.apply(sheet)
        vocabulary.subscribe(session.bus)
    worker = AsrWorker(
        source, policy, track.on_update, session.bus.publish, max_drain_s=max_drain_s
    )
    if out is not None:
        writer = SubtitleWriter(out)
        unsubscribe = session.bus.subscribe(Caption, writer.on_caption)

        def close_writer() -> None:
            unsubscribe()
            writer.close()

        session.add_stage(CallbackStage(lambda: None, close_writer, "subtitles"))
    # Stopped in reverse: the source first (no more audio), then the ASR thread finishes what
    # it holds, then the track's translations drain, then the writer closes.
    session.add_stage(CallbackStage(lambda: None, track.close, "caption-track"))
    session.add_stage(CallbackStage(worker.start, lambda: stop_worker(worker), "asr"), worker.done)
    session.add_stage(source)
    return VoiceHandle(track, policy, worker)


def stop_worker(worker: AsrWorker) -> None:
    """The ASR thread finishes the audio it was given (its source has stopped); when that takes
    over a minute it is told to stop after its pass. Either way this returns only once the
    thread is out of the model: a thread still inside CTranslate2 when the interpreter exits
    takes the process down."""
    if not worker.join(timeout=60):
        log.warning("speech recognition still busy after 60 s; stopping after this pass")
        worker.stop()
        worker.join()


class SheetVocabulary:
    """Keeps the recogniser primed with the sheet's words in the speech language (codes such
    as LIVE10, the pinned product's name first, odd spec terms; ``catalog.vocabulary``), swapped
    on every sheet event. Measured on the sample talk streamed through the policy (whisper base
    int8, fast replay): WER 12.9 -> 11.6 % (13.8 -> 10.7 % against the sheet's spelling "LIVE10");
    "live 10" -> "LIVE10", "solar classic" -> "Sola Classic", "pretty shrunk" -> "pre-shrunk".
    faster-whisper's ``hotwords`` with the same words, each line decoded alone: 11.6 % against
    11.1 % without; over the whole file 8.0 -> 22.7 %; so only the prompt is used."""

    def __init__(self, policy: UtteranceStreamer, language: str) -> None:
        self.policy = policy
        self.language = language

    def apply(self, sheet: ProductSheet) -> None:
        self.policy.set_vocabulary(recognition_vocabulary(sheet, self.language).prompt)

    def on_sheet(self, event: SheetEvent) -> None:
        self.apply(event.sheet)

    def subscribe(self, bus: Bus) -> None:
        bus.subscribe((SheetChanged, PinChanged), self.on_sheet)


class ProductGlossary:
    """Keeps the caption translator's glossary on the sheet: the seller's own glossary, then
    what the whole sheet protects (codes, brand, every product's name and model numbers), then
    the pinned product's terms on top (``translate.product_terms.glossary_from_sheet``), swapped
    whole on every sheet event, so a code added while live is protected at once (a caption being
    translated keeps the glossary it started with)."""

    def __init__(
        self,
        translator: StudioTranslator,
        languages: ShowLanguages,
        seller_glossary: Glossary | None,
    ) -> None:
        self.translator = translator
        self.languages = languages
        self.seller_glossary = seller_glossary

    def glossary_for(self, sheet: ProductSheet) -> Glossary:
        return glossary_from_sheet(
            sheet, self.languages.targets, self.languages.source, base=self.seller_glossary
        )

    def on_sheet(self, event: SheetEvent) -> None:
        self.translator.set_glossary(self.glossary_for(event.sheet))

    def subscribe(self, bus: Bus) -> None:
        bus.subscribe((SheetChanged, PinChanged), self.on_sheet)


class SpecCards:
    """Spec cards from the seller's committed captions, for the pinned product: each card is
    published on the bus (the picture, the overlay, the store and the console subscribe; this
    class draws nothing). A sheet event swaps in a detector for the product now pinned, whole
    (one assignment), so a caption being checked never sees one product's keywords with the
    other's facts."""

    def __init__(
        self,
        bus: Bus,
        detector: SpecCardDetector,
        clock: Callable[[], float],
    ) -> None:
        self.bus = bus
        self.detector = detector
        self._clock = clock

    def subscribe(self) -> None:
        self.bus.subscribe(Caption, self.on_caption)
        self.bus.subscribe((SheetChanged, PinChanged), self.on_sheet)

    def on_caption(self, caption: Caption) -> None:
        if not caption.committed or "translate" in caption.stages or caption.revised:
            return  # once per caption, on its first original
        for card in self.detector.detect(caption):
            self.bus.publish(card)

    def on_sheet(self, event: SheetEvent) -> None:
        old = self.detector
        self.detector = SpecCardDetector(
            event.sheet.pinned,
            event.sheet.seller_language,
            old.viewer_languages,
            settings=old.settings,
            clock=self._clock,
        )

    @property
    def product(self) -> Product:
        product: Product = self.detector.product
        return product

    def detect(self, caption: Caption) -> list[SpecCard]:
        """The cards ``caption`` would show now (tests; the bus path is :meth:`on_caption`)."""
        return self.detector.detect(caption)
