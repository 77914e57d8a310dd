"""Which answer a greeting gets: a welcome for a hello, a goodbye for a goodbye, a thank-you
for the rest (praise, thanks, "first!", "it arrived, love it").

The understanding reads all of them as the one intent GREETING; the drafter's one template
("Thank you, welcome to the live!") welcomed a viewer who was leaving ("今日もありがとう
ございました！また来ます") or one who had bought last month. The cues are the ordinary
words of the 16 wizard languages, from each language file's ``goodbye_cues`` and
``hello_cues`` (folded: lower case, no Latin accents; ``$`` ends a word).
"""

from __future__ import annotations

from sola_studio import lang as lang_data
from sola_studio.comments.lexicon import find_cues

# every language's cues, as a goodbye may be in another language than the rest of the comment
_TABLES = tuple(lang_data.tables().each())
GOODBYE_CUES: tuple[str, ...] = tuple(c for t in _TABLES for c in t.goodbye_cues)
HELLO_CUES: tuple[str, ...] = tuple(c for t in _TABLES for c in t.hello_cues)


def greeting_key(folded: str) -> str:
    """The template a greeting is answered with: ``goodbye``, ``greeting`` (a welcome) or
    ``thanks``; a goodbye wins over a hello ("thanks everyone, see you tomorrow")."""
    if greets_off(folded):
        return "goodbye"
    if find_cues(folded, HELLO_CUES):
        return "greeting"
    return "thanks"


def greets_off(folded: str) -> bool:
    """The comment says goodbye ("see you next week", "do następnego", "tot volgende week")."""
    return bool(find_cues(folded, GOODBYE_CUES))
