"""The look back aligned by text (issue 17, fifth pass): a short or unsure piece decoded again
joined to the audio of the piece committed before it, and only the words the joined decode says
after the text already committed kept.

A piece of 1-3 s decoded alone has no acoustic context: a reader who pauses at every comma gave
clauses decoded one by one ("mi muy querido" -> "mimoy carisma"), a lone word after a pause was
misheard. Decoded after the previous piece's audio, Whisper hears it in its sentence. Which of
the joined decode's words are new is decided by aligning its words to the committed ones
(an edit-distance alignment of word sequences), not by a cut at the join's time: Whisper's word
times stretch across a join, and the time cut lost a word said twice across it ("Montreal
forced | forced aligner" came out with one "forced", fourth pass).

What this module must never do: keep more than one piece's audio (``keep_s`` at most), or
change the words of a piece it could not align.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sola_studio.asr.engine import WHISPER_WINDOW_S, Decoded
from sola_studio.asr.guards import normalise
from sola_studio.asr.vad import Utterance
from sola_studio.core.events import Word
from sola_studio.sources.audio import SAMPLE_RATE

if TYPE_CHECKING:
    from sola_studio.asr.options import StreamingOptions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LookBackOptions:
    """``short_s``: a piece with under this much speech is looked back (``None``: off), if its
    own decode's mean log probability is under ``short_logprob`` (``None``: whatever it is).
    ``unsure_logprob``: so is one whose own decode's mean log probability is under this
    (``None``: not on that ground). ``keep_s``: seconds of the previous piece's audio heard
    again; ``max_gap_s``: the silence between the two is at most this. ``max_cost``: the
    alignment of the committed words may cost at most this share of them (edits), else the
    piece keeps its own decode. ``time_check``: the joined decode is not used when a word it
    aligned to the committed text lies wholly after the join (it swallowed a new word).
    ``no_fewer``: nor when it has fewer new words than the piece's own decode (a joined decode
    that skips words lost "ask what you can do for" in JFK's last piece); a piece decoded alone
    as one phrase twice ("10 of clubs. 10 of clubs." for "ten of clubs") counts it once.
    ``surer``: nor when Whisper is less sure of its new words than of the piece's own (mean word
    probability), unless the piece's own decode said one phrase twice. ``min_s``: a piece with
    less speech is not looked back (it already waited ``hold_gap_s`` for a next one, and the
    extra pass would come on top).
    ``first_only``: only the stream's second piece is looked back (to its first).

    Chosen on ``bench streaming --sets dev,old --languages en,es,de`` (docs/captions.md, "Fifth
    pass"): pieces of 1-2 s of speech whose own decode is unsure (mean log probability under
    -0.4). Dev English 47 -> 45 errors (offline 42), Spanish 25 -> 22 (16), German and the old
    files unchanged, commit p50 / p95 (en) 1.18 / 1.99 -> 1.20 / 1.99 s. Looked back at every
    piece under 2 s, or on a log probability under -0.6 alone, English lost more than it gained
    and its p95 went to 2.32 s."""

    short_s: float | None = 2.0
    short_logprob: float | None = -0.4
    unsure_logprob: float | None = None
    keep_s: float = 5.0
    max_gap_s: float = 0.3
    max_pause_s: float = 2.0
    max_cost: float = 0.34
    time_check: bool = True
    no_fewer: bool = True
    surer: bool = True
    min_s: float = 1.0
    first_only: bool = False
    revise_words: int = 0
    """``revise_words`` (issue 17, ninth round; 0: off): after each piece is committed, its
    predecessor is decoded again joined to it (in the next pass, so the commit does not wait),
    and where that decode hears the predecessor's words differently in at most this many of its
    last words, the predecessor's committed update is revised (``AsrUpdate.revision``). Off: on
    the tuning sets it saved 9 of 232 errors but put a commit behind a revision pass (dev2 French
    p95 1.88 -> 2.67 s). The caption flow shows a revision in place (``CaptionTrack``)."""


@dataclass(frozen=True)
class _Piece:
    audio: np.ndarray  # the last ``keep_s`` of its commit pass's audio
    start: float  # stream seconds of audio[0]
    words: tuple[Word, ...]  # its committed words, stream seconds
    prompt: str | None  # the prompt its commit pass had
    speech_s: float
    seq: int = 0  # the committed update that said its words (AsrUpdate.seq)
    cut: bool = False  # its audio is the last ``keep_s`` of a longer pass's


@dataclass(frozen=True)
class _Owed:
    """A joined decode owed to a committed piece: the piece, and the audio that followed it."""

    piece: _Piece
    audio: np.ndarray
    start: float
    language: str | None
    speech_s: float


def align_after(committed: Sequence[str], joined: Sequence[str]) -> tuple[int, int]:
    """How many leading ``joined`` words say the ``committed`` words, and at what cost (edits).

    Edit distance of ``committed`` against every prefix of ``joined``; the prefix that costs
    least wins, the longer one on a tie (a committed word heard differently is a substitution,
    not a new word). A word said again after the committed text stays new: "montreal forced
    forced aligner" against "montreal forced" costs 0 at two words and 1 at three."""
    a = [normalise(x) for x in committed]
    b = [normalise(x) for x in joined]
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
        prev = cur
    best = min(prev)
    return max(j for j, cost in enumerate(prev) if cost == best), best


class LookBack:
    """Remembers the last committed piece and decodes a short one again joined to it.

    ``decode(audio, language, beam, words, prompt, window)`` and ``clean(decoded, offset,
    speech_s)`` are the streamer's own (so a joined pass counts and is guarded as any other);
    ``prompt()`` is the prompt the next pass would get."""

    def __init__(
        self,
        options: StreamingOptions,
        decode: Callable[[np.ndarray, str | None, int, bool, str | None, int], Decoded],
        clean: Callable[[Decoded, float, float], tuple[Word, ...]],
        prompt: Callable[[], str | None],
    ) -> None:
        self.streaming = options
        self.options = options.lookback
        self._decode = decode
        self._clean = clean
        self._prompt = prompt
        self._piece: _Piece | None = None
        self._pieces = 0
        self.used = 0  # pieces whose words came from the joined decode
        self.revised = 0  # committed pieces a joined decode revised
        #: the previous piece's committed update (``seq``) and its words as the last joined
        #: decode heard them (``None``: no revision); the streamer takes it after each review.
        self.revision: tuple[int, tuple[Word, ...]] | None = None
        self._owed: _Owed | None = None

    def review(
        self,
        audio: np.ndarray,
        start: float,
        decoded: Decoded,
        words: tuple[Word, ...],
        utt: Utterance,
    ) -> tuple[Word, ...]:
        """The words to commit for a piece decoded alone (``decoded``, cleaned: ``words``): the
        joined decode's new words where the piece is looked back and they align, else
        ``words``. Remembers the piece for the next one."""
        prompt = self._prompt()
        self.revision = None
        piece = None if utt.rescued else self._follows(start, utt.speech_s)
        if piece is not None and self._wants(start, utt.speech_s, decoded):
            redone = self._redecode(piece, audio, start, decoded.language, utt.speech_s)
            if redone is not None:
                heard, joined = redone
                if self._better(joined, words):
                    self.used += 1
                    words = joined
                revised = self._revised(piece, heard)
                if revised is not None and piece.seq:
                    self.revised += 1
                    self.revision = piece.seq, revised
        elif piece is not None and self.options.revise_words:
            self._owed = _Owed(piece, audio.copy(), start, decoded.language, utt.speech_s)
        self._remember(audio, start, words, prompt, utt.speech_s)
        return words

    def settle(self, words: Sequence[Word], seq: int) -> None:
        """The words the streamer committed for the piece :meth:`review` saw last, as update
        ``seq`` (none: ``seq`` 0, and the piece is forgotten)."""
        if self._piece is not None:
            self._piece = dataclasses.replace(self._piece, words=tuple(words), seq=seq)
            if not words:
                self._piece = None

    @property
    def owed(self) -> bool:
        """Whether a committed piece waits for its revision pass (:meth:`revise_owed`)."""
        return self._owed is not None

    def revise_owed(self) -> tuple[int, tuple[Word, ...], str] | None:
        """The owed joined decode: the committed update it revises (``seq``) and that update's
        words as heard with the speech after them, or ``None`` where they stay as they are."""
        owed, self._owed = self._owed, None
        if owed is None or not owed.piece.seq:
            return None
        redone = self._redecode(owed.piece, owed.audio, owed.start, owed.language, owed.speech_s)
        if redone is None:
            return None
        revised = self._revised(owed.piece, redone[0])
        if revised is None:
            return None
        self.revised += 1
        return owed.piece.seq, revised, owed.language or ""

    def _follows(self, start: float, speech_s: float) -> _Piece | None:
        """The remembered piece, where a piece starting at ``start`` with ``speech_s`` of speech
        may be decoded joined to it (close enough after it, long enough to pay a pass)."""
        o, piece = self.options, self._piece
        if piece is None or (o.first_only and self._pieces > 1):
            return None
        if start - (piece.start + _dur(piece.audio)) > o.max_pause_s or speech_s < o.min_s:
            return None
        return piece

    def _revised(self, piece: _Piece, heard: tuple[Word, ...]) -> tuple[Word, ...] | None:
        """The piece's words with their last few as the joined decode heard them, or ``None``
        where it heard them the same, or differs earlier than ``revise_words``."""
        o = self.options
        if not o.revise_words:
            return None
        told = [w for w in piece.words if (w.start + w.end) / 2 >= piece.start + 0.05]
        if not told:
            return None
        # The joined audio starts where the piece's kept audio does: inside a word the committed
        # text has before ``told`` where the piece was longer than ``keep_s`` (``cut``), in the
        # pause before it otherwise. What the joined decode hears before told's first word is
        # not new ("talking really slow" for "really slow"): it is skipped up to that word; a
        # cut piece whose first word the joined decode does not say is left as it is ("Striper
        # should" for "riper should": the cut word is heard anew, not better).
        said = [normalise(w.text) for w in told]
        again = [normalise(w.text) for w in heard]
        if said[0] in again[:3]:
            skip = again.index(said[0])
        elif piece.cut:
            return None
        else:
            skip = 0
            while skip < len(heard) and (heard[skip].start + heard[skip].end) / 2 <= told[0].start:
                skip += 1
        heard, again = heard[skip:], again[skip:]
        if said == again:
            return None
        p = 0
        while p < min(len(said), len(again)) and said[p] == again[p]:
            p += 1
        if len(told) - p > o.revise_words or len(heard) - p > o.revise_words + 1:
            return None
        end = piece.words[-1].end
        kept = piece.words[: len(piece.words) - len(told) + p]
        new = tuple(
            Word(w.text, min(w.start, end), min(w.end, end), w.probability) for w in heard[p:]
        )
        if new and normalise(new[-1].text) == said[-1]:
            # The joined decode runs on into the next piece: "Valdemoro," for "Valdemoro.". The
            # committed sentence end stays.
            new = (*new[:-1], dataclasses.replace(new[-1], text=told[-1].text))
        return (*kept, *new)

    def _better(self, joined: tuple[Word, ...], alone: tuple[Word, ...]) -> bool:
        """Whether the joined decode's new words replace the piece's own."""
        o = self.options
        if o.no_fewer and len(joined) < _said(alone):
            log.debug("look back lost words: %r for %r", _text(joined), _text(alone))
            return False
        doubled = _said(alone) < len(alone)  # a known failure: its confidence means nothing
        if o.surer and not doubled and _sure(joined) < _sure(alone):
            log.debug("look back less sure: %r for %r", _text(joined), _text(alone))
            return False
        return True

    def _wants(self, start: float, speech_s: float, decoded: Decoded) -> bool:
        """Whether a piece is decoded joined to the remembered one before it is committed: it
        follows it (:meth:`_follows`), and is short and unsure, or unsure."""
        o = self.options
        if self._follows(start, speech_s) is None:
            return False
        short = o.short_s is not None and speech_s < o.short_s
        if short and o.short_logprob is not None:
            short = decoded.avg_logprob < o.short_logprob
        unsure = o.unsure_logprob is not None and decoded.avg_logprob < o.unsure_logprob
        return short or unsure

    def _remember(
        self,
        audio: np.ndarray,
        start: float,
        words: Sequence[Word],
        prompt: str | None,
        speech_s: float,
    ) -> None:
        self._pieces += 1
        o = self.options
        if not words or (o.short_s is None and o.unsure_logprob is None and not o.revise_words):
            self._piece = None
            return
        keep = round(self.options.keep_s * SAMPLE_RATE)
        cut = max(0, len(audio) - keep)
        self._piece = _Piece(
            audio[cut:].copy(),
            start + cut / SAMPLE_RATE,
            tuple(words),
            prompt,
            speech_s,
            cut=cut > 0,
        )

    def _redecode(
        self, piece: _Piece, audio: np.ndarray, start: float, language: str | None, speech_s: float
    ) -> tuple[tuple[Word, ...], tuple[Word, ...]] | None:
        """The previous piece's words as the joined decode heard them, and the piece's words
        (stream seconds) from a decode joined to the previous piece, or ``None`` where that
        decode loops or its words do not align to the committed ones."""
        o = self.streaming
        gap_s = min(self.options.max_gap_s, max(0.0, start - (piece.start + _dur(piece.audio))))
        gap = np.zeros(round(gap_s * SAMPLE_RATE), np.float32)
        join = _dur(piece.audio) + len(gap) / SAMPLE_RATE  # where the piece starts in it
        joined = np.concatenate([piece.audio, gap, audio])
        pad = o.window_pad_s
        window = (
            WHISPER_WINDOW_S if pad is None else math.ceil(max(o.window_min_s, _dur(joined) + pad))
        )
        decoded = self._decode(joined, language, o.final_beam, True, piece.prompt, window)
        if decoded.compression_ratio > o.guards.max_compression_ratio:
            return None
        words = self._clean(decoded, 0.0, piece.speech_s + speech_s)
        told = [w.text for w in piece.words if (w.start + w.end) / 2 >= piece.start + 0.05]
        if not told:
            return None
        n, cost = align_after(told, [w.text for w in words])
        if cost > max(1, math.floor(self.options.max_cost * len(told))):
            log.debug("look back not aligned (%d edits): %r", cost, decoded.text)
            return None
        if self.options.time_check and any(w.start >= join for w in words[:n]):
            log.debug("look back swallowed a new word: %r", decoded.text)
            return None
        heard = tuple(
            Word(w.text, piece.start + w.start, piece.start + w.end, w.probability)
            for w in words[:n]
        )
        return heard, tuple(
            Word(
                w.text,
                start + max(0.0, w.start - join),
                start + max(0.0, w.end - join),
                w.probability,
            )
            for w in words[n:]
        )


def _said(words: Sequence[Word]) -> int:
    """How many words a decode says, a decode that is one phrase twice counted once."""
    said = [normalise(w.text) for w in words]
    n = len(said) // 2
    return n if n and said == said[:n] * 2 else len(said)


def _sure(words: Sequence[Word]) -> float:
    return sum(w.probability for w in words) / len(words) if words else 0.0


def _text(words: Sequence[Word]) -> str:
    return "".join(w.text for w in words)


def _dur(audio: np.ndarray) -> float:
    return len(audio) / SAMPLE_RATE
