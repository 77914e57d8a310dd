"""Clean a raw viewer comment before anything reads it.

Removes what can hide or reorder text on the seller's screen or fool matching: control
characters, bidi overrides and isolates, zero-width characters, variation selectors and tag
characters; normalises Unicode (NFKC, so full-width digits and letters become plain ones);
collapses floods (``sooooo`` -> ``sooo``, ``!!!!!!`` -> ``!!!``, a word repeated ten times ->
three times) and caps the length. It never translates, corrects spelling or drops meaning.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 500  # the longest chat messages platforms allow are ~500 characters (Twitch)

# Bidi embeddings/overrides/isolates and marks (U+202A-202E, U+2066-2069, U+200E/F, U+061C),
# zero-width (U+200B-200D, U+2060, U+FEFF), soft hyphen, Mongolian vowel separator, tags.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\U000e0000-\U000e007f]"
)
_CHAR_FLOOD = re.compile(r"(\D)\1{3,}", re.DOTALL)  # digits never: 10000 stays a number
_WORD_FLOOD = re.compile(r"\b(\w+)(?:\W+\1\b){3,}", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class CleanText:
    text: str
    removed_invisible: int  # bidi overrides, zero-width, control characters taken out
    flood: bool  # repeated characters or words were collapsed
    truncated: bool

    @property
    def suspicious(self) -> bool:
        """Invisible characters in chat are almost always a trick (spoofing, hidden text)."""
        return self.removed_invisible > 0


def clean(raw: str) -> CleanText:
    """The comment made safe to show and to match; see the module docstring."""
    text = unicodedata.normalize("NFKC", raw)
    without = _INVISIBLE.sub("", text)
    removed = len(text) - len(without)
    kept = []
    for ch in without:
        cat = unicodedata.category(ch)
        if cat == "Cc" and ch not in "\t\n":
            removed += 1
            continue
        kept.append(ch)
    text = "".join(kept)
    flooded = _CHAR_FLOOD.sub(r"\1\1\1", text)
    flooded = _WORD_FLOOD.sub(lambda m: " ".join([m.group(1)] * 3), flooded)
    flood = flooded != text
    text = _SPACES.sub(" ", flooded).strip()
    truncated = len(text) > MAX_CHARS
    if truncated:
        text = text[:MAX_CHARS].rstrip() + "…"
    return CleanText(text=text, removed_invisible=removed, flood=flood, truncated=truncated)
