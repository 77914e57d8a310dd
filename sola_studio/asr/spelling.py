"""Letters the speaker spelled, written as spelled letters whatever the piece's length.

Whisper writes letters said one by one in two forms, and which one it picks depends on the
window it hears, not on the speech: decoded whole with its 30 s window, a speaker spelling a
code ("n l n s one seventy five") comes out "N-L-N-S 175"; the stream's commit pass, which
hears the same letters in a shorter window with no context, writes "NLNS 175", "UMNYH6",
"AY-LES-B-O-R-O" or "C-I-N-DY" (a merged code reads as a word, and a seller spelling a
discount code needs each letter seen). The word timestamps tell the two apart: a word said as
a word ("NASA", "okay") takes about 0.1 s a letter, a letter said alone 0.3-0.5 s with its
pause. So a capitalised code whose time is at least ``letter_s`` per letter (a run of digits
counts once: "175" is one number) is written one letter per word, hyphenated, as Whisper does
when it has the context: "N-L-N-S", "U-M-N-Y-H-6", "A-Y-L-E-S-B-O-R-O". Time alone does not
tell a shouted or slow word ("ASK NOT", 0.3 s a letter) from a spelling, so a code written as
one word is spelled only where it cannot be a word: no vowel, or letters and digits mixed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sola_studio.core.events import Word

_PART = re.compile(r"[A-Z]+|[0-9]+")
_CODE = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")
_TRAILING = ".,!?;:"
_VOWEL = re.compile("[AEIOUY]")


def _units(text: str) -> list[str]:
    """Each letter alone, each run of digits whole: "OJTKS35" -> O J T K S 35."""
    out: list[str] = []
    for m in _PART.finditer(text):
        part = m.group()
        out.extend([part] if part.isdigit() else list(part))
    return out


def _groups(words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of words written as one hyphenated token (Whisper splits "CK-CW-1485" into " CK",
    "-CW", "-1485")."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        j = i + 1
        while j < len(words) and words[j].text.startswith("-"):
            j += 1
        spans.append((i, j))
        i = j
    return spans


def _spelled(words: Sequence[Word], letter_s: float) -> bool:
    text = "".join(w.text for w in words).strip().rstrip(_TRAILING)
    if not _CODE.fullmatch(text):
        return False
    units = _units(text)
    letters = sum(1 for u in units if not u.isdigit())
    parts = text.split("-")
    if letters < 2 or all(len(_units(p)) == 1 for p in parts):
        return False  # nothing to split ("N-L-N-S" already is), or a lone letter
    if len(parts) == 1 and (letters < 3 or (letters == len(units) and _VOWEL.search(text))):
        # "OK", "TV": too short to tell a spelled pair from a word; a word of letters alone with
        # a vowel may be a word said slowly or shouted (JFK's "ASK NOT", 0.3 s a letter): only
        # a merged code with no vowel ("NLNS") or with digits ("UMNYH6") is surely spelled.
        return False
    return (words[-1].end - words[0].start) / len(units) >= letter_s


def spell_out(words: Sequence[Word], letter_s: float) -> tuple[Word, ...]:
    """``words`` with each code spelled slowly enough (see the module) written one letter per
    word: " NLNS" (1.52 s) -> " N", "-L", "-N", "-S", each with its share of the word's time.
    ``letter_s`` 0: unchanged."""
    if letter_s <= 0:
        return tuple(words)
    out: list[Word] = []
    for i, j in _groups(words):
        group = words[i:j]
        if not _spelled(group, letter_s):
            out.extend(group)
            continue
        first = True
        for w in group:
            core = w.text.strip()
            tail = core[len(core.rstrip(_TRAILING)) :]
            units = _units(core)
            step = (w.end - w.start) / len(units)
            for k, unit in enumerate(units):
                lead = (w.text[: len(w.text) - len(w.text.lstrip())]) if first else "-"
                end = tail if w is group[-1] and k == len(units) - 1 else ""
                start = w.start + k * step
                out.append(Word(lead + unit + end, start, start + step, w.probability))
                first = False
    return tuple(out)
