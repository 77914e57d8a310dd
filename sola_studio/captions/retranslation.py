"""Re-translation of the growing partial caption, and the flicker policy that decides what of it a
viewer sees.

Live translated captions are done by translating the partial source text again each time it
grows and showing the result with controlled revisions (Arivazhagan et al. 2020, "Re-translation
versus Streaming for Simultaneous Translation"; they measure revisions as normalized erasure, NE:
target words taken back across all updates over the words of the final translations). This
module is the pure part: which source text to translate, and which target words to show.

- What is translated: the whole newest partial (``FlickerOptions.agree`` False, the default),
  or with ``agree`` only the prefix the previous partial also said (:func:`stable_source`,
  LocalAgreement-2 on the source side). Agreement waits a whole partial interval (~1.5 s on 2
  cores) for every word; on the replayed English loop it measured translated-word latency p50
  2.28 s against 1.55 s for the whole partial with two words held back, at lower NE (0.09 vs
  0.13): both under the 0.2 target, so latency decides. Leaving the partial's last source word
  out instead of holding target words back was no better (mean over five replayed machine
  speeds, hold back 1: p50 1.69 s, p95 3.33 s, NE 0.20, against 1.61 / 3.34 / 0.19).
- :class:`FlickerPolicy` (one per caption and language): the last ``hold_back`` target words of
  each translation are not shown (a partial's last word is often cut, "formu-", and a clause's
  end is reordered as more source arrives); what is shown only grows (append-only) unless a
  revision is large: shown words are taken back only when the new translation would show at
  least ``revise_gain`` more words than are on screen. Anything else that disagrees with the
  screen waits for the next translation or the commit. Replayed English loop (hold back, gain):
  (1, 2) p50 1.38 s, NE 0.23; (2, 2) 1.55 s, 0.13; (3, 2) 1.72 s, 0.07; strictly append-only
  (2, never) p95 5.9 s instead of 3.1 s: a partial that went wrong froze until its commit;
  also requiring the gain to cover the words taken back: p95 3.75 s, NE unchanged.

- Second round (``docs/captions.md``, pooled over three simulated machine speeds, with the
  recogniser's partials up to 0.45 of its time, :mod:`sola_studio.asr.cadence`): an
  utterance's first partial is not translated until the next agrees with its first word
  (``start_agree``), a cut-off last source word is left out (``drop_cut``), a revision is also
  made once two translations agree on the new reading (``confirm``), and a word taken back
  never comes back to its place in the same caption. English loop p50 / p95 / NE 1.70 / 3.40 s
  / 0.17 -> 1.65 / 2.88 s / 0.15 on the same partials; ``start_agree`` is most of the NE.

Words are compared in lower case without the punctuation at their edges (``mundo``, ``Mundo``
and ``mundo,`` are one word): a tokenizer that splits punctuation off, as the paper's does,
counts a comma added after a word as an append, not an erasure. Text is split at spaces (the
targets measured here are Latin-script; Chinese or Japanese targets would need characters).

What this module must never do: call a translator, read a clock, or hold more than one caption.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sola_studio.asr.guards import normalise

_EDGE_PUNCTUATION = ".,;:!?¡¿\"'“”„«»…()[]—-"


def unit(word: str) -> str:
    """A word as the flicker policy and NE compare it: no punctuation at its edges, lower case."""
    return word.strip(_EDGE_PUNCTUATION).lower()


def words_of(text: str) -> list[str]:
    """The displayable words of ``text`` (pure punctuation is not a word)."""
    return [w for w in text.split() if unit(w)]


def common_prefix(a: Sequence[str], b: Sequence[str]) -> int:
    """How many leading words ``a`` and ``b`` share (compared as :func:`unit`)."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if unit(x) != unit(y):
            break
        n += 1
    return n


def stable_source(previous: str, current: str) -> str:
    """The leading words of ``current`` that ``previous`` (the partial before it) also had,
    compared without case or punctuation; ``""`` when they disagree from the first word."""
    prev = previous.split()
    cur = current.split()
    n = 0
    for a, b in zip(prev, cur, strict=False):
        if normalise(a) != normalise(b):
            break
        n += 1
    return " ".join(cur[:n])


_CUT_ENDS = ("-", "—", "–", "...", "…")


def without_cut_word(text: str) -> str:
    """``text`` without a last word the recogniser cut off mid-word ("rather s-", "a more
    amiable-", "ill-disposed -", "still more..."): Whisper marks a word still being said with a
    trailing dash or ellipsis, and its translation is a guess that the next partial takes back."""
    words = text.split()
    if words and words[-1].endswith(_CUT_ENDS):
        words = words[:-1]
    return " ".join(words)


def erased(shown: Sequence[str], new: Sequence[str]) -> int:
    """Words of ``shown`` that a viewer sees taken back when ``new`` replaces it."""
    return len(shown) - common_prefix(shown, new)


@dataclass(frozen=True)
class FlickerOptions:
    """How partial translations are shown (see the module docstring; chosen on replayed partials
    of the English loop and the French talk, ``docs/captions.md``).

    ``agree``: translate only the source prefix two successive partials agree on (else the whole
    newest partial). ``start_agree``: nothing is translated until two successive partials agree
    on their first word (an utterance's first partial, from under a second of audio, is often a
    guess: "Hello." before "Unless to be", "Harry." before "Had he married"). ``drop_cut``: leave
    out a last source word the recogniser cut off (:func:`without_cut_word`). ``hold_back``:
    target words of a partial translation kept back at its end. ``revise_gain``: a revision that
    takes shown words back is made when the new translation shows at least this many more words
    than the screen does. ``confirm``: a revision is also made when the last two translations
    agree past the first word where the screen differs (the new reading survived one update),
    and words the last two translations agree on are shown even inside the hold-back. Whatever
    the options, a word taken back from a place is never shown at that place again in the same
    caption (until the commit replaces it all).
    """

    agree: bool = False
    start_agree: bool = True
    drop_cut: bool = True
    hold_back: int = 2
    revise_gain: int = 2
    confirm: bool = True

    def source(self, previous: str, current: str) -> str:
        """What of the partial ``current`` is translated (``previous``: the partial before)."""
        text = stable_source(previous, current) if self.agree else current
        if self.start_agree and not stable_source(previous, current):
            return ""
        return without_cut_word(text) if self.drop_cut else text


class FlickerPolicy:
    """What is on screen for one caption in one language, fed every new partial translation."""

    def __init__(self, options: FlickerOptions | None = None) -> None:
        self.options = options or FlickerOptions()
        self.shown: list[str] = []
        self.erased = 0  # words taken back so far (for NE)
        self.revisions = 0
        self._last: list[str] = []  # the previous translation's words
        self._taken: set[tuple[int, str]] = set()  # (place, word) taken back from the screen

    @property
    def text(self) -> str:
        return " ".join(self.shown)

    def candidate(self, translation: str) -> list[str]:
        """The words of ``translation`` that may be shown: its last ``hold_back`` kept back,
        except (``confirm``) those the previous translation had too."""
        words = translation.split()
        k = max(0, self.options.hold_back)
        n = max(0, len(words) - k)
        if self.options.confirm:
            n = max(n, common_prefix(self._last, words))
        return words[:n]

    def update(self, translation: str) -> bool:
        """Take a new translation of the partial; True when what is shown changed."""
        cand = self.candidate(translation)
        agreed = common_prefix(self._last, translation.split())
        self._last = translation.split()
        if not words_of(" ".join(cand)):
            return False
        m = common_prefix(self.shown, cand)
        if m == len(self.shown):
            # Append only: the words already shown keep their spelling on screen.
            n = len(self._unflickered(cand, m))
            if n <= m:
                return False
            self.shown = [*self.shown, *cand[m:n]]
            return True
        gain = len(cand) - len(self.shown) >= self.options.revise_gain
        confirmed = self.options.confirm and agreed > m
        if not (gain or confirmed):
            return False
        revised = self._unflickered(cand, m)
        if len(revised) <= m:
            return False
        self._taken.update((i, unit(w)) for i, w in enumerate(self.shown[m:], m))
        self.erased += len(self.shown) - m
        self.revisions += 1
        self.shown = revised
        return True

    def _unflickered(self, words: list[str], m: int) -> list[str]:
        """``words`` up to the first word from ``m`` on that was taken back from that place
        before: a viewer never sees a word go and then come back."""
        for i in range(m, len(words)):
            if (i, unit(words[i])) in self._taken:
                return words[:i]
        return words


class ErasureBudget:
    """Keeps a show's normalized erasure near ``target`` by holding back more target words while
    it runs above (a closed loop over the captions already committed): each committed caption
    reports the words taken back from it (partial revisions and the swap to the committed
    translation) and its final words; over the last ``window`` final words, NE above ``target``
    holds one more word back for the next captions (up to ``max_hold``), NE under half of it
    one fewer (down to ``options.hold_back``). Partials whose recogniser revises more (the
    French talk's long pieces) get a steadier, later display; stable ones keep the fast one.
    """

    def __init__(
        self,
        options: FlickerOptions | None = None,
        target: float = 0.2,
        max_hold: int = 6,
        window: int = 60,
    ) -> None:
        self.options = options or FlickerOptions()
        self.target = target
        self.max_hold = max_hold
        self.window = window
        self.hold_back = self.options.hold_back
        self._recent: list[tuple[int, int]] = []  # (erased, final words) per caption

    def policy(self) -> FlickerPolicy:
        """The flicker policy for the next caption."""
        return FlickerPolicy(replace(self.options, hold_back=self.hold_back))

    @property
    def normalized_erasure(self) -> float:
        words = sum(w for _e, w in self._recent)
        return sum(e for e, _w in self._recent) / words if words else 0.0

    def committed(self, policy: FlickerPolicy, final: str) -> None:
        """A caption was committed with translation ``final``; ``policy`` showed its partials."""
        final_words = words_of(final)
        lost = policy.erased + (erased(policy.shown, final_words) if policy.shown else 0)
        self._recent.append((lost, len(final_words)))
        while sum(w for _e, w in self._recent[1:]) >= self.window:
            self._recent.pop(0)
        ne = self.normalized_erasure
        if ne > self.target:
            self.hold_back = min(self.max_hold, self.hold_back + 1)
        elif ne < self.target / 2:
            self.hold_back = max(self.options.hold_back, self.hold_back - 1)
