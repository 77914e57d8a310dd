"""Guards against Whisper's known failure modes on live audio: repetition loops ("the the the",
a sentence repeated until the window ends) and the phrases it invents on silence or noise
("Thank you.", "Subtitles by the Amara.org community", "Merci d'avoir regardé").

The VAD gate keeps most silence away from Whisper; these guards catch what slips through (music,
a breath long enough to pass the gate). A known phrase is dropped only when the decode itself
looks unsure, so a seller who really says "thank you" still gets a caption.

On a language mismatch (the model decoded a language the show does not speak: ``tiny.en``, an
English-only model, on French speech) Whisper falls back on the closing lines of the videos it
was trained on, confidently: a French clip came out "Please don't forget to subscribe, and if
you don't like this video, I will see you in my next video" and "I will see you in my next
video" three more times. There a known phrase is dropped whatever the confidence, and so is
any caption holding one of the video outros below.

What this module must never do: change words it has no reason to doubt.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sola_studio.asr.spelling import spell_out
from sola_studio.core.events import Word

if TYPE_CHECKING:
    from sola_studio.asr.engine import Decoded

log = logging.getLogger(__name__)

# Normalised texts Whisper produces on non-speech, from the whisper/faster-whisper issue trackers
# and from what base/tiny.en produced on our generated noise and silence files.
SILENCE_HALLUCINATIONS = frozenset(
    {
        "thank you",
        "thank you very much",
        "thanks for watching",
        "thank you for watching",
        "thank you for watching please subscribe",
        "please subscribe",
        "subscribe to my channel",
        "subtitles by the amaraorg community",
        "subtitles by the amara org community",
        "subtitles by",
        "you",
        "bye",
        "bye bye",
        "so",
        "oh",
        "okay",
        "hmm",
        "music",
        "applause",
        "silence",
        "merci",
        "merci davoir regardé",
        "sous-titrage st 501",
        "sous-titres réalisés para la communauté damaraorg",
        "untertitel im auftrag des zdf 2017",
        "untertitel der amaraorg-community",
        "vielen dank",
        "danke",
        "gracias",
        "obrigado",
        "obrigada",
        "legendas pela comunidade amaraorg",
        "谢谢观看",
        "字幕by索兰娅",
        "ご視聴ありがとうございました",
    }
)


# Normalised phrases from the end of online videos that Whisper produces on audio it cannot
# decode (tiny.en on French speech, see above; the whisper issue trackers), matched anywhere in
# a caption on a language mismatch.
VIDEO_OUTROS = (
    "dont forget to subscribe",
    "please subscribe",
    "like and subscribe",
    "subscribe to my channel",
    "subscribe to the channel",
    "hit the bell",
    "click the bell",  # tiny.en on French: "please click the bell to subscribe to the bell"
    "see you in my next video",
    "see you in the next video",
    "see you next time",
    "thanks for watching",
    "thank you for watching",
    "if you like this video",
    "if you dont like this video",
    "if you enjoyed this video",
)


def normalise(text: str) -> str:
    """Lower case, no punctuation or brackets, single spaces (for comparing, never for display)."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[\[\]()♪*.,!?¿¡;:\"“”„«»…。，！？、]", "", text)
    text = text.replace("'", "").replace("’", "")
    return re.sub(r"\s+", " ", text).strip()


_MAX_PHRASE_WORDS = 40


@dataclass(frozen=True)
class GuardOptions:
    """``max_compression_ratio``: gzip ratio above which a decode is a loop (Whisper's own 2.4).
    ``unsure_logprob``/``unsure_no_speech``: a known silence phrase is dropped when the decode's
    mean log-probability is below the first or its no-speech probability above the second.
    ``max_repeats``: an n-gram repeated back to back more often than this is cut to one; a phrase
    of ``phrase_words`` words or more said twice back to back is cut to one already (Whisper says
    a whole sentence twice, "And so my fellow Americans. And so my fellow Americans.", seen with
    tiny.en on JFK; people repeat a word, "very very", far more often than a four-word phrase).
    ``echo_speech_s``: an unsure decode of a burst with less speech than this that only says the
    last committed word again is dropped (:func:`is_prompt_echo`; 0: never).
    ``spelled_letter_s``: a capitalised code said at least this slowly per letter is written one
    letter per word, hyphenated (:func:`~sola_studio.asr.spelling.spell_out`; 0: as decoded)."""

    max_compression_ratio: float = 2.4
    unsure_logprob: float = -0.6
    unsure_no_speech: float = 0.3
    max_repeats: int = 2
    phrase_words: int = 4
    echo_speech_s: float = 0.5
    spelled_letter_s: float = 0.3


def is_silence_hallucination(
    text: str, avg_logprob: float, no_speech_prob: float, speech_s: float, options: GuardOptions
) -> bool:
    """True for a known non-speech phrase decoded without confidence (or from under 0.6 s of
    speech, which is too short for a real "thank you for watching")."""
    if normalise(text) not in SILENCE_HALLUCINATIONS:
        return False
    return (
        avg_logprob < options.unsure_logprob
        or no_speech_prob > options.unsure_no_speech
        or speech_s < 0.6
    )


def is_prompt_echo(
    decoded: Decoded, said: Sequence[Word], speech_s: float, options: GuardOptions
) -> bool:
    """True for a decode of a short burst (under ``echo_speech_s`` of speech) that says nothing
    but the last committed word (``said[-1]``) and was decoded without confidence (the
    thresholds of :func:`is_silence_hallucination`). Prompted with the committed text, Whisper
    reads a breath or a click after a word as that word again: a lone 0.32 s sound after "here's
    some more word word word word word" came out "word word word word" (no-speech 0.46, logprob
    -0.62), and the stream wrote "word" once more than the speaker said it (issue 17). A word
    really said again is decoded with confidence, or has more speech than a breath."""
    if speech_s >= options.echo_speech_s or not decoded.words or not said:
        return False
    last = normalise(said[-1].text)
    if not last or any(normalise(w.text) != last for w in decoded.words):
        return False
    return (
        decoded.avg_logprob < options.unsure_logprob
        or decoded.no_speech_prob > options.unsure_no_speech
    )


def is_mismatch_hallucination(text: str, language: str, expected: Sequence[str]) -> bool:
    """True for a known phrase or video outro decoded in ``language`` when the show speaks
    only ``expected`` (none given: no mismatch can be told)."""
    if not expected or language in expected:
        return False
    key = normalise(text)
    return key in SILENCE_HALLUCINATIONS or any(outro in key for outro in VIDEO_OUTROS)


_SENTENCE_END = re.compile(r"[.!?。！？]$")


def drop_mismatch_phrases(
    words: tuple[Word, ...], language: str, expected: Sequence[str]
) -> tuple[Word, ...]:
    """``words`` without the sentences :func:`is_mismatch_hallucination` drops ("... very
    happy to be here today. Thank you very much. Swab, all this" keeps all but the middle one,
    which would otherwise be committed as a caption of its own)."""
    if not expected or language in expected:
        return words
    out: list[Word] = []
    sentence: list[Word] = []
    for word in (*words, None):
        if word is not None:
            sentence.append(word)
        if sentence and (word is None or _SENTENCE_END.search(word.text.strip())):
            text = " ".join(w.text.strip() for w in sentence)
            if not is_mismatch_hallucination(text, language, expected):
                out.extend(sentence)
            sentence = []
    return tuple(out)


def drop_mismatch_text(text: str, language: str, expected: Sequence[str]) -> str:
    """The same as :func:`drop_mismatch_phrases` for text without word timestamps."""
    words = tuple(Word(t, 0.0, 0.0) for t in text.split())
    return " ".join(w.text for w in drop_mismatch_phrases(words, language, expected))


def collapse_repetitions(
    words: tuple[Word, ...], max_repeats: int = 2, phrase_words: int = 4
) -> tuple[Word, ...]:
    """Cut runs of an n-gram repeated back to back more than ``max_repeats`` times (for n-grams of
    ``phrase_words`` or more: more than once) down to a single occurrence (the loop Whisper falls
    into at the end of a window). Any length up to ``_MAX_PHRASE_WORDS``: base with beam 5 said a
    19-word French clause twice in one 7 s utterance ("comme le disent les utilisateurs ... avec
    le monde comme le disent les utilisateurs ... avec le monde"), too few repeats for the
    compression-ratio check to see."""
    out = list(words)
    keys = [normalise(w.text) for w in out]
    changed = True
    while changed:
        changed = False
        for n in range(1, min(_MAX_PHRASE_WORDS, len(out) // 2) + 1):
            i = 0
            while i + 2 * n <= len(out):
                gram = keys[i : i + n]
                reps = 1
                while keys[i + reps * n : i + (reps + 1) * n] == gram:
                    reps += 1
                limit = 1 if n >= phrase_words else max_repeats
                if reps > limit and any(gram):
                    del out[i + n : i + reps * n]
                    del keys[i + n : i + reps * n]
                    changed = True
                i += 1
    return tuple(out)


def collapse_text_repetitions(text: str, max_repeats: int = 2, phrase_words: int = 4) -> str:
    """The same as :func:`collapse_repetitions` for text without word timestamps."""
    words = tuple(Word(t, 0.0, 0.0) for t in text.split())
    return " ".join(w.text for w in collapse_repetitions(words, max_repeats, phrase_words))


def collapse_fast_runs(words: tuple[Word, ...], min_word_s: float) -> tuple[Word, ...]:
    """Cut a run of one word said back to back to as many as its time allows: at most one per
    ``min_word_s`` from the run's first start to its last end (a fast speaker says a word like
    "word" in ~0.15 s). "here's some more word word word word word" (five in 0.86 s) came out
    six times, 0.06-0.16 s each; offline Whisper wrote six too. Keeps the first ones and the
    run's last word (its end time is where the speech goes on); ``0``: keep all."""
    if min_word_s <= 0 or len(words) < 2:
        return words
    keys = [normalise(w.text) for w in words]
    out: list[Word] = []
    i = 0
    while i < len(words):
        j = i + 1
        while j < len(words) and keys[j] == keys[i] and keys[i]:
            j += 1
        run = words[i:j]
        allowed = max(1, int((run[-1].end - run[0].start) / min_word_s + 1e-6))
        out.extend(run if len(run) <= allowed else (*run[: allowed - 1], run[-1]))
        i = j
    return tuple(out)


def clean_words(
    decoded: Decoded,
    offset: float,
    speech_s: float,
    said: Sequence[Word],
    max_repeats: int,
    min_word_s: float,
    languages: Sequence[str],
    options: GuardOptions,
) -> tuple[Word, ...]:
    """A commit pass's words with every guard applied, moved to stream time (``offset``): none
    for a silence hallucination or an unsure echo of ``said`` (the committed tail), repeats
    collapsed, fast runs cut, phrases in an unexpected language dropped."""
    o = options
    if decoded.compression_ratio > o.max_compression_ratio:
        log.debug("repetition loop (ratio %.2f): %r", decoded.compression_ratio, decoded.text)
    if is_silence_hallucination(
        decoded.text, decoded.avg_logprob, decoded.no_speech_prob, speech_s, o
    ):
        log.debug("dropped silence hallucination %r", decoded.text)
        return ()
    if is_prompt_echo(decoded, said, speech_s, o):
        return ()
    words = collapse_repetitions(decoded.words, max_repeats, o.phrase_words)
    words = collapse_fast_runs(words, min_word_s)
    words = drop_mismatch_phrases(words, decoded.language, languages)
    words = spell_out(words, o.spelled_letter_s)
    return tuple(
        Word(w.text, offset + w.start, offset + w.end, w.probability)
        for w in words
        if w.text.strip()
    )
