"""Clean a raw viewer comment before anything reads it.

Removes what can hide or reorder text on the seller's screen or fool matching: control
characters, bidi overrides and isolates, zero-width characters, variation selectors and tag
characters; normalises Unicode (NFKC, so full-width digits and letters become plain ones);
collapses floods (``sooooo`` -> ``sooo``, ``!!!!!!`` -> ``!!!``, a word repeated ten times ->
three times) and caps the length. It never translates, corrects spelling or drops meaning.

Two checks come before it, for every source alike: :func:`whole_comment` (at the desk's intake,
before the comment is stored) makes every text of a comment encodable (a lone surrogate from a
platform's JSON would otherwise fail the store's write and lose the comment), and
:attr:`CleanText.steering` recognises a comment dressed as an order to a machine: a role prefix
(``SYSTEM:``, ``admin:``, ``assistant:``) or a chat-template token (``[INST]``, ``<<SYS>>``,
``<|im_start|>``, ``### Instruction``), in any language, so it is flagged as hostile.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from sola_studio.core.events import Comment

MAX_CHARS = 500  # the longest chat messages platforms allow are ~500 characters (Twitch)

# Bidi embeddings/overrides/isolates and marks (U+202A-202E, U+2066-2069, U+200E/F, U+061C),
# zero-width (U+200B-200D, U+2060, U+FEFF), soft hyphen, Mongolian vowel separator, tags.
# A zero-width joiner between two emoji is part of one emoji ("🏌️‍♂️", "👨‍👩‍👧", "❤️‍🔥"), typed by
# any phone keyboard: it stays, and is no trick ("yo whats up from san diego 🏌️‍♂️" was flagged
# hostile and got no welcome).
# A zero-width non-joiner inside a Persian, Urdu or Indic word is spelling ("هزینه‌اش", "می‌خواهم"):
# it stays too ("به تهران ارسال دارید؟ هزینه‌اش چقدره؟" was withheld as hostile).
_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u20e3"
_JOINED_SCRIPTS = "\u0600-\u06ff\u0750-\u077f\u0900-\u0dff"
_INVISIBLE = (
    "[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    f"\U000e0000-\U000e007f]|(?<![{_EMOJI}])\u200d|\u200d(?![{_EMOJI}])"
    f"|(?<![{_JOINED_SCRIPTS}])\u200c|\u200c(?![{_JOINED_SCRIPTS}])"
)
# tag characters are a trick everywhere but in a subdivision flag ("🏴" + tags: England, Scotland)
_HIDDEN = re.compile("(?P<flag>\U0001f3f4[\U000e0020-\U000e007e]{1,7}\U000e007f)|" + _INVISIBLE)
_CHAR_FLOOD = re.compile(r"(\D)\1{3,}", re.DOTALL)  # digits never: 10000 stays a number
_WORD_FLOOD = re.compile(r"\b(\w+)(?:\W+\1\b){3,}", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A role prefix at the start of the comment or of a line ("SYSTEM: ...", "admin: ...",
# "[admin] ...") or a chat-template token anywhere: no viewer asks a question that way.
_ROLE = (
    r"system|sys|admin|administrator|assistant|developer|moderator|operator|bot|chatgpt|gpt|"
    r"instruction|instructions|prompt"
)  # not "ai": "ai: que lindo" is a Portuguese sigh
_STEERING = re.compile(
    rf"(?:^|\n)\s*\**\s*(?:{_ROLE})\s*\**\s*[:：]|(?:^|\n)\s*[\[(]\s*(?:{_ROLE})\s*[\])]"
    r"|\[/?\s*inst\s*\]|<<\s*/?\s*sys\s*>>|<\|[a-z_]*\|>|<\|?(?:im_start|im_end|endoftext)\|?>"
    r"|#{2,}\s*(?:instruction|system|response|input)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CleanText:
    text: str
    removed_invisible: int  # bidi overrides, zero-width, control characters taken out
    flood: bool  # repeated characters or words were collapsed
    truncated: bool
    steering: bool = False  # dressed as an order to a machine ("SYSTEM: ...", "[INST]")

    @property
    def suspicious(self) -> bool:
        """Invisible characters in chat are almost always a trick (spoofing, hidden text)."""
        return self.removed_invisible > 0


def clean(raw: str) -> CleanText:
    """The comment made safe to show and to match; see the module docstring."""
    text = unicodedata.normalize("NFKC", raw)
    without = _HIDDEN.sub(lambda m: m.group(0) if m.group("flag") else "", text)
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
    return CleanText(
        text=text,
        removed_invisible=removed,
        flood=flood,
        truncated=truncated,
        steering=bool(_STEERING.search(unicodedata.normalize("NFKC", raw))),
    )


def whole_text(text: str) -> str:
    """``text`` encodable as UTF-8: a surrogate pair left split (``\\ud83d\\ude00`` as two
    characters) is joined, a lone surrogate becomes U+FFFD; anything else is unchanged."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def whole_comment(comment: Comment) -> Comment:
    """The comment with :func:`whole_text` applied to every text a source filled in (the same
    object when nothing needed it): the desk's intake calls this for every source, so the store,
    the console and the desk never meet a lone surrogate."""
    c = comment
    texts = (c.id, c.platform, c.viewer_id, c.viewer_name, c.text)
    if not any(isinstance(t, str) and _SURROGATE.search(t) for t in texts):
        return comment
    return replace(
        c,
        id=whole_text(c.id),
        platform=whole_text(c.platform),
        viewer_id=whole_text(c.viewer_id),
        viewer_name=whole_text(c.viewer_name),
        text=whole_text(c.text),
    )
