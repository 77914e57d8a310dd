"""Finds the planned lines a caption says, in the spoken language: precise first.

A caption is cut into sentences (at ``. ! ?``); a planned line is said when one sentence of the
caption, or a run of consecutive ones, says the same thing as the line. Both are normalised into
tokens (lower case; contractions opened, ``it's`` -> ``it is``; numbers in words and digits made
one, ``one hundred percent`` = ``100%``; US/UK spellings and a plural ``s`` folded; hyphenated
words split), then compared as bags of *content* words (function words and fillers are
ignored). A line matches when

1. its *critical* words are exactly those of the sentence: every number, and the words that turn
   a sentence around (``not``, ``no``, ``without``, ``all``, ``none``, ``only``, ...), and
2. at most one content word differs (one dropped or one added, not a substitution, which is two),
   and none for a line of fewer than four content words; a partial caption (still changing) must
   hold the line exactly (no content word differs) -- that is what "certain" means here.

Words of at least four letters that differ by about a letter (difflib ratio >= 0.85: Whisper's
``solar`` for ``Sola``) count as the same word; numbers never do. A sentence the line covers
only in part never matches, so
"The price is on the card below." is not taken for the planned "The price is on the card below,
and you can pay in twelve instalments without interest." Measured on
``tests/fixtures/plan/near_misses.yaml`` (written before this module): see docs/plan.md.

The word tables are English (the sample seller's); another spoken language matches on its
plain words (no contractions or number words folded), which keeps precision and costs recall.
This module never translates and never publishes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from sola_studio.plan.model import ShowPlan

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|%|[.!?。！？]+", re.UNICODE)
_END = re.compile(r"^[.!?。！？]+$")

_CONTRACTIONS = {
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "here's": "here is",
    "what's": "what is",
    "i'm": "i am",
    "you're": "you are",
    "we're": "we are",
    "they're": "they are",
    "i'll": "i will",
    "you'll": "you will",
    "we'll": "we will",
    "it'll": "it will",
    "i've": "i have",
    "we've": "we have",
    "you've": "you have",
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "isn't": "is not",
    "aren't": "are not",
    "can't": "can not",
    "cannot": "can not",
    "won't": "will not",
    "wasn't": "was not",
    "let's": "let us",
    "thanks": "thank you",
}
_SPELLING = {
    "meter": "metre",
    "meters": "metre",
    "color": "colour",
    "colors": "colour",
    "installment": "instalment",
    "installments": "instalment",
    "gray": "grey",
    "tshirt": "t shirt",
    "tee": "t shirt",
    "preshrunk": "pre shrunk",
    "extralarge": "extra large",
    "ok": "okay",
}
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: words that carry no fact: articles, pronouns, auxiliaries, fillers (English)
STOPWORDS = _words(
    """a an the and or but so of in on at to for from with by as it is are was be been this that
    these those its it's you your i me my we our us they them their he she his her do does did
    will would can could have has had get gets got just really very please also then now here
    there well okay um uh oh yeah right like let if when up out over about into than too some
    one"""
)
#: words that turn a sentence around: they must be the same on both sides
CRITICAL = _words(
    """not no never none nothing nobody without all any only every each both neither nor
    except"""
)


@dataclass(frozen=True)
class Token:
    norm: str
    start: int  # characters into the original text
    end: int


def _number_words(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Runs of English number words become one digit token (``one hundred eighty`` -> 180)."""
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(words):
        w = words[i][0]
        if w not in _UNITS and not (w in _SCALES and out and out[-1][0].isdigit()):
            out.append(words[i])
            i += 1
            continue
        total, current, j = 0, 0, i
        while j < len(words):
            x = words[j][0]
            if x in _UNITS:
                current += _UNITS[x]
            elif x in _SCALES:
                current = max(current, 1) * _SCALES[x]
                if _SCALES[x] >= 1000:
                    total, current = total + current, 0
            elif x == "and" and j + 1 < len(words) and words[j + 1][0] in _UNITS and current >= 100:
                pass
            else:
                break
            j += 1
        out.append((str(total + current), words[i][1], words[j - 1][2]))
        i = j
    return out


def tokens(text: str) -> list[Token]:
    """``text`` as normalised tokens with their places in ``text`` (sentence ends kept as ``.``)."""
    raw: list[tuple[str, int, int]] = []
    for m in _WORD.finditer(text.lower()):
        word, start, end = m.group(0).replace("’", "'"), m.start(), m.end()
        if _END.match(word):
            raw.append((".", start, end))
            continue
        if word == "%":
            raw.append(("percent", start, end))
            continue
        for piece in re.findall(r"\d+|[^\d]+", word) if any(c.isdigit() for c in word) else [word]:
            expanded = _CONTRACTIONS.get(piece) or _SPELLING.get(piece) or piece
            for part in expanded.split():
                raw.append((part, start, end))
    raw = _number_words(raw)
    out: list[Token] = []
    for word, start, end in raw:
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and not word.isdigit():
            word = word[:-1]
        out.append(Token(word, start, end))
    return out


def _split_hyphens(text: str) -> str:
    return re.sub(r"(?<=\w)-(?=\w)", " ", text)


@dataclass(frozen=True)
class Sentence:
    words: tuple[str, ...]
    start: int
    end: int  # characters; the end includes the sentence's punctuation
    closed: bool  # ended by punctuation (a partial's last sentence may still grow)


def sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    current: list[Token] = []
    for t in tokens(_split_hyphens(text)):
        if t.norm == ".":
            if current:
                out.append(Sentence(tuple(x.norm for x in current), current[0].start, t.end, True))
            current = []
        else:
            current.append(t)
    if current:
        out.append(
            Sentence(tuple(x.norm for x in current), current[0].start, current[-1].end, False)
        )
    return out


def _content(words: Iterable[str]) -> list[str]:
    return [w for w in words if w not in STOPWORDS]


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.isdigit() or b.isdigit() or min(len(a), len(b)) < 4:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.85


def _difference(line: list[str], said: list[str]) -> tuple[int, int]:
    """(content words of the line not said, content words said not in the line)."""
    left = list(said)
    missing = 0
    for w in line:
        hit = next((i for i, s in enumerate(left) if _same(w, s)), None)
        if hit is None:
            missing += 1
        else:
            left.pop(hit)
    return missing, len(left)


@dataclass(frozen=True)
class _Planned:
    line_id: str
    segment_id: str
    order: int
    words: tuple[str, ...]
    content: tuple[str, ...]
    critical: Counter[str]
    sentences: int


@dataclass(frozen=True)
class LineMatch:
    """A planned line said in a caption: characters ``start:end`` of the caption's text.
    ``exact``: no content word differs."""

    line_id: str
    segment_id: str
    start: int
    end: int
    exact: bool


def _critical(words: Iterable[str]) -> Counter[str]:
    return Counter(w for w in words if w in CRITICAL or w.isdigit())


class PlanMatcher:
    """The plan's lines, ready to be found in captions (built once per plan)."""

    def __init__(self, plan: ShowPlan) -> None:
        self.language = plan.language
        self._lines: list[_Planned] = []
        for order, (segment, line) in enumerate(plan.lines()):
            parts = sentences(line.say)
            words = tuple(w for s in parts for w in s.words)
            self._lines.append(
                _Planned(
                    line.id,
                    segment.id,
                    order,
                    words,
                    tuple(_content(words)),
                    _critical(words),
                    max(1, len(parts)),
                )
            )
        self._longest = max((p.sentences for p in self._lines), default=1)

    def find(
        self, text: str, *, committed: bool = True, prefer_segment: str | None = None
    ) -> list[LineMatch]:
        """The planned lines ``text`` says, in order, none overlapping. A partial
        (``committed=False``) matches only exactly, and never its last unpunctuated sentence."""
        parts = sentences(text)
        if not committed:
            parts = [s for s in parts if s.closed]
        found: list[LineMatch] = []
        i = 0
        while i < len(parts):
            best: tuple[tuple[int, int, int, int], LineMatch, int] | None = None
            for n in range(1, self._longest + 1):
                if i + n > len(parts):
                    break
                said = [w for s in parts[i : i + n] for w in s.words]
                said_content = _content(said)
                said_critical = _critical(said)
                for p in self._lines:
                    if p.sentences != n or p.critical != said_critical:
                        continue
                    missing, extra = _difference(list(p.content), said_content)
                    diff = missing + extra
                    tolerance = 1 if committed and len(p.content) >= 4 else 0
                    if diff > tolerance or missing > 1:
                        continue
                    ratio = SequenceMatcher(None, p.words, said).ratio()
                    if ratio < 0.7:
                        continue
                    rank = (diff, 0 if p.segment_id == prefer_segment else 1, -n, p.order)
                    if best is None or rank < best[0]:
                        match = LineMatch(
                            p.line_id, p.segment_id, parts[i].start, parts[i + n - 1].end, diff == 0
                        )
                        best = (rank, match, n)
            if best is None:
                i += 1
                continue
            found.append(best[1])
            i += best[2]
        return found


def matcher_precision(
    matcher: PlanMatcher, positives: Sequence[tuple[str, tuple[str, ...]]], near: Sequence[str]
) -> dict[str, float | int | list[str]]:
    """The check set's figures: precision (correct matches / all matches), recall of the close
    variants, and the near misses taken for a planned line (each a failure)."""
    correct = wrong = expected = found_expected = 0
    false_matches: list[str] = []
    for text, expect in positives:
        got = [m.line_id for m in matcher.find(text)]
        expected += len(expect)
        for line_id in got:
            if line_id in expect:
                correct += 1
            else:
                wrong += 1
                false_matches.append(f"{text} -> {line_id}")
        found_expected += len(set(got) & set(expect))
    for text in near:
        for m in matcher.find(text):
            wrong += 1
            false_matches.append(f"{text} -> {m.line_id}")
    total = correct + wrong
    return {
        "plan_matcher_precision": correct / total if total else 1.0,
        "plan_matcher_recall": found_expected / expected if expected else 1.0,
        "plan_matcher_near_misses": len(near),
        "plan_matcher_variants": len(positives),
        "plan_matcher_false": false_matches,
    }
