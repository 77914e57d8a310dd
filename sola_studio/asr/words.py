"""Word-level helpers of the streaming policy: where a sentence or clause ends, how much two
passes agree on (LocalAgreement-2), and which words at the head of a pass repeat what was just
committed. :mod:`sola_studio.asr.streaming` re-exports the public ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from sola_studio.asr.guards import normalise
from sola_studio.core.events import Word

SENTENCE_END = (".", "?", "!", "。", "？", "！")
CLAUSE_END = (*SENTENCE_END, ",", ";", ":", "，", "、")


#: Words whose full stop is not a sentence end (lower case, without it). "And Mr." was committed
#: on its own at the start of every "And Mr. John Dashwood ..." in the 30-minute loop: a scrap,
#: translated alone, and its caption came 5-7 s after "Mr." was said (agreement starts at 4 s),
#: which was most of the loop's p95 (4.8 s).
ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "mt", "no", "vs", "etc", "inc"),
        *("ltd", "co", "e.g", "i.e", "approx", "dept", "fig"),
        *("m", "mme", "mlle", "mm", "p.ex", "cf"),  # fr
        *("hr", "fr", "nr", "bzw", "usw", "z.b", "ca", "vgl"),  # de
        *("sr", "sra", "srta", "dra", "ud", "uds", "sto"),  # es, pt
    }
)


def _ends_with(text: str, ends: tuple[str, ...]) -> bool:
    """Whether a word ends a sentence or clause (``ends``): not an abbreviation's full stop,
    nor a single letter's ("J. R. R. Tolkien")."""
    text = text.strip()
    if not text.endswith(ends):
        return False
    if text.endswith("."):
        stem = text[:-1].lower()
        if stem in ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()):
            return False
    return True


def _text_of(words: Sequence[Word]) -> str:
    return "".join(w.text for w in words).strip()


def prompt_tail(texts: Sequence[str], chars: int) -> str:
    """The end of the committed ``texts`` a pass is prompted with: at most ``chars`` characters,
    from the start of a whole word. Cut at ``chars`` alone, the prompt began inside a word
    ("eteniendo nuestros socios ...", "t thereby beauties rose ..."), a token sequence Whisper
    never saw start a text; from a whole word, dev English (``bench streaming --sets dev``) went
    from 49 to 48 errors and Spanish from 27 to 25 for the same passes (issue 17)."""
    full = " ".join(t.strip() for t in texts if t.strip())
    if chars <= 0 or not full:
        return ""
    if len(full) <= chars:
        return full
    tail = full[-chars:]
    before, first = full[-chars - 1], tail[0]
    if _in_word(before) and _in_word(first):
        rest = tail.split(None, 1)
        tail = rest[1] if len(rest) > 1 else ""
    return tail.lstrip(" ,.;:")


def _in_word(ch: str) -> bool:
    """Whether ``ch`` is part of a word written between spaces (not in Chinese or Japanese,
    where any character may start the prompt)."""
    return (ch.isalnum() or ch in "'’-") and ord(ch) < 0x2E80


def _agreed_prefix(prev: Sequence[Word], cur: Sequence[Word]) -> int:
    """How many leading words of ``cur`` the previous hypothesis also had (LocalAgreement-2)."""
    n = 0
    for a, b in zip(prev, cur, strict=False):
        if normalise(a.text) != normalise(b.text):
            break
        n += 1
    return n


def repeated_head(
    tail: Sequence[Word], words: Sequence[Word], within_s: float = 1.0, max_words: int = 5
) -> int:
    """How many leading ``words`` repeat the end of ``tail`` (the words just committed).

    A word cut in two by a commit boundary (the gate ending an utterance on a word's fading
    vowel, a cut between two words timed a little early) is heard again by the next pass, and
    Whisper completes it: German "Die Wiederzulassung" after a committed "Die" came out
    "Die Die Wiederzulassung". As in whisper_streaming's hypothesis buffer: up to ``max_words``
    leading words equal to the committed tail are dropped, only when they start within
    ``within_s`` of its end (a word said again after a pause stays).
    """
    if not words or not tail or words[0].start - tail[-1].end >= within_s:
        return 0
    for n in range(min(len(tail), len(words), max_words), 0, -1):
        if [normalise(w.text) for w in tail[-n:]] == [normalise(w.text) for w in words[:n]]:
            return n
    return 0
