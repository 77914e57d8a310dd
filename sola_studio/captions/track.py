"""The caption track: recognised speech becomes :class:`~sola_studio.core.events.Caption` events,
with the original text and every target language, start/end times and per-stage timestamps.

For each committed utterance the track publishes twice on the bus, under one caption ``id``:
at once with the original only (``stages["asr"]``), so the renderer shows the seller's words
without waiting for translation; then, from the translation thread, with every translation
filled in (``stages["translate"]``). Partial text is published with ``committed=False`` and the
id the next committed caption will have. Subscribers that need the finished caption (subtitles,
the store) wait for ``translations`` to cover every target.

Translation runs on its own thread behind a bounded channel: one batched
``translator.translate([text], source, targets)`` call per caption, never one per language, and
the ASR thread never waits on it. If the channel is full (translation 64 captions behind) the
caption is published with the original only and the error is reported; nothing is lost.

What this module must never do: replace the original by a translation, or block the ASR thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from sola_studio.asr.streaming import AsrUpdate
from sola_studio.core.bus import Bus
from sola_studio.core.channels import Channel, Overflow, _End
from sola_studio.core.clock import monotonic
from sola_studio.core.errors import SolaError, TranslationUnavailable
from sola_studio.core.events import Caption, ErrorEvent
from sola_studio.translate.base import Translator

log = logging.getLogger(__name__)


class CaptionTrack:
    """Turns :class:`AsrUpdate` events into captions on ``bus``, translated into ``targets``.

    ``translator`` may be ``None`` when there are no targets. Call :meth:`on_update` from the ASR
    thread; :meth:`close` waits for the translations still queued.
    """

    def __init__(
        self,
        bus: Bus,
        targets: Sequence[str] = (),
        translator: Translator | None = None,
        *,
        queue_size: int = 64,
    ) -> None:
        self.bus = bus
        self.targets = tuple(targets)
        self.translator = translator
        if self.targets and translator is None:
            raise TranslationUnavailable(
                f"captions in {', '.join(self.targets)} need a translator",
                fix="install a translation model (`sola-studio models list`) or drop --languages",
            )
        self._next_id = 1
        self._jobs: Channel[Caption] = Channel(queue_size, Overflow.DROP_NEWEST, name="mt-jobs")
        self._thread: threading.Thread | None = None
        self.committed: list[Caption] = []  # finished captions, in order (for reports and tests)
        self._lock = threading.Lock()
        if self.targets:
            self._thread = threading.Thread(target=self._translate_loop, name="mt", daemon=True)
            self._thread.start()

    def on_update(self, update: AsrUpdate) -> None:
        now = monotonic()
        targets = [t for t in self.targets if t != update.language]
        caption = Caption(
            id=self._next_id,
            language=update.language,
            text=update.text,
            start=update.start,
            end=update.end,
            committed=update.committed,
            t_capture=update.t_capture,
            t_emit=now,
            audio_end_t=update.audio_end_t,
            words=update.words,
            stages={"asr": update.t_emit},
        )
        if not update.committed:
            self.bus.publish(caption)
            return
        self._next_id += 1
        self.bus.publish(caption)
        if not targets:
            self._finished(caption)
        elif not self._jobs.put(caption):
            err = TranslationUnavailable(
                f"translation is {len(self._jobs)} captions behind; caption {caption.id} "
                "is shown untranslated",
                fix="choose fewer target languages or a faster translation model",
            )
            self.bus.publish(ErrorEvent("translate", err, now))
            self._finished(caption)

    def _finished(self, caption: Caption) -> None:
        with self._lock:
            self.committed.append(caption)

    def _translate_loop(self) -> None:
        assert self.translator is not None
        while True:
            item = self._jobs.get()
            if item is None:
                continue
            if isinstance(item, _End):
                return
            targets = [t for t in self.targets if t != item.language]
            try:
                result = self.translator.translate([item.text], item.language, targets)
                translations = {t: result[t][0] for t in targets if result.get(t)}
            except SolaError as exc:
                log.warning("caption %d not translated: %s", item.id, exc)
                self.bus.publish(ErrorEvent("translate", exc, monotonic()))
                translations = {}
            except Exception as exc:
                log.exception("translator %s failed", getattr(self.translator, "name", "?"))
                err = TranslationUnavailable(f"translation failed: {exc}", fix="see the log")
                self.bus.publish(ErrorEvent("translate", err, monotonic()))
                translations = {}
            now = monotonic()
            done = Caption(
                id=item.id,
                language=item.language,
                text=item.text,
                start=item.start,
                end=item.end,
                committed=True,
                t_capture=item.t_capture,
                t_emit=now,
                audio_end_t=item.audio_end_t,
                words=item.words,
                translations=translations,
                stages={**item.stages, "translate": now},
            )
            self.bus.publish(done)
            self._finished(done)

    def close(self, timeout: float = 30.0) -> None:
        """Finish the queued translations, then stop the translation thread."""
        self._jobs.close()
        if self._thread is not None:
            self._thread.join(timeout)
