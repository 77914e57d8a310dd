"""Is a comment spam or abuse? Links, contact bait and insults, in any of the desk's languages.

Steering (steering.py) and planted claims (claims.py) try to make the reply say something; spam
and abuse want no reply at all, only the seller's eyes (to hide or block). Both are flagged as
hostile, so no cheerful draft goes out under them:

* **a link**: ``http(s)://``, ``www.``, a shortener (``bit.ly/...``, ``t.me/...``) or a domain with
  a common top-level name (``bagz-free.xyz``, ``instafame-boost.ru``);
* **contact bait**: a handle (``@bagdealz``) or a phone number beside a messenger or "DM me";
* **an insult or a scam accusation**: a closed list per language (``scam``, ``złodzieje``,
  ``dolandırıcı``, ``사기꾼``, ``мошенники``, ``نصاب``...). Words that are also fair questions
  ("is it fake leather?", "偽物ですか", "is the colour ugly?") are left out: a viewer may ask
  whether a product is genuine.

Matching runs on :func:`~sola_studio.comments.lexicon.fold`-ed text (lower case, no Latin
accents); a Latin word matches at its start ("oszu" would match oszust, oszuści), ``$`` ends it.
"""

from __future__ import annotations

import re

from sola_studio.comments.lexicon import find_cues, fold

_LINK = re.compile(
    r"https?://|(?<!\w)www\.|(?<!\w)(?:bit\.ly|t\.me|wa\.me|tinyurl\.com|goo\.gl|shorturl\.at)/"
    r"|(?<![\w.@])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|ru|xyz|biz|info|io|ly|"
    r"shop|top|site|online|store|club|click|link|vip|win|live|tk|ml|cn|pw)(?![\w])"
)  # matched on folded (lower-case) text
_MESSENGER = re.compile(
    r"(?<!\w)(?:telegram|whatsapp|wa|signal|dm|pm|inbox|ig|insta|instagram|line|kakao|zalo|"
    r"wechat|snap|snapchat)(?!\w)"
)
_HANDLE = re.compile(r"(?<![\w@])@[a-z0-9_.]{3,}")
# a phone number: nine digits or more, spaced or dashed ("+55 11 99999 0000")
_PHONE = re.compile(r"(?<![\w.,])\+?\d(?:[\s().-]?\d){8,}(?![\w.,])")
# Insults and scam accusations (folded), per language; none that a fair question uses.
_ABUSE: tuple[str, ...] = (
    # en
    "scam",
    "scammer",
    "fraud",
    "idiot",
    "stupid",
    "loser",
    "moron",
    "dumbass",
    "shut up",
    "stfu",
    "liar",
    "thief",
    "thieves",
    "rip-off",
    "ripoff",
    "worst shop",
    "worst seller",
    r"(?:you|u)(?:'re| are| r)? (?:so )?ugly",
    # pt, es
    "golpista",
    "fraude",
    "ladrao",
    "ladroes",
    "ladron",
    "ladrones",
    "idiota",
    "mentiros",
    "cala a boca",
    "estafa",
    "estupid",
    "callate",
    # fr, it
    "arnaque",
    "voleur",
    "connard",
    "menteur",
    "ta gueule",
    "truffa",
    "truffator",
    "ladri$",
    "ladro$",
    "bugiard",
    "stai zitto",
    # de, nl
    "betruger",
    "betrueger",
    "abzocke",
    "halt die klappe",
    "du opfer",
    "lugner",
    "oplichter",
    "oplichting",
    "idioot",
    "sukkel",
    "rot op",
    "kutwinkel",
    # pl
    "złodziej",
    "zlodziej",
    "oszust",
    "oszusc",
    "debil",
    "kłamc",
    "klamc",
    "spierdalaj",
    # tr
    "dolandirici",
    "dolandırıcı",
    "sahtekar",
    "aptal",
    "salak",
    "gerizekali",
    "gerizekalı",
    "yalanci",
    "yalancı",
    "hirsiz",
    "hırsız",
    # ru, uk
    "мошенни",
    "хватит врать",
    "врёте",
    "врете",
    "лжец",
    "идиот",
    "дурак",
    "урод",
    "заткнись",
    "шахрай",
    # ar
    "نصاب",
    "حرامي",
    "كذاب",
    "غبي",
    "احتيال",
    # ja, ko, zh
    "詐欺",
    "バカ",
    "馬鹿",
    "死ね",
    "사기꾼",
    "짝퉁",
    "꺼져",
    "병신",
    "骗子",
    "骗人",
    "傻逼",
    # id, vi, th, hi
    "penipu",
    "goblok",
    "bodoh",
    "maling",
    "lua dao",
    "đo ngu",
    "do ngu",
    "โกง",
    "หลอกลวง",
    "มิจฉาชีพ",
    "dhokebaaz",
    "dhokhebaaz",
    "धोखेबाज",
    "बेवकूफ",
)


def abuse_kind(text: str) -> str | None:
    """``"link"``, ``"contact"`` or ``"insult"`` for spam or abuse, else None."""
    folded = fold(text)
    if _LINK.search(folded):
        return "link"
    if (_HANDLE.search(folded) or _PHONE.search(folded)) and _MESSENGER.search(folded):
        return "contact"
    if find_cues(folded, _ABUSE):
        return "insult"
    return None
