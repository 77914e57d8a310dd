"""The words viewers use for the currencies a sheet prices in, in every audience language.

Taken from CLDR (babel's localised currency names), not written per show: a sheet priced in
TRY, EUR and USD is asked "в долларах?", "بالدولار؟", "in Franken?", "달러로 얼마?" with no code
change. Each word of a name becomes a cue: Latin and Cyrillic words longer than five letters by
their first five (inflected forms: "долларах", "dólares", "Franken"), shorter ones as whole
words ("euro(s)", "real" but not "really"), other scripts whole ("달러", "ドル", "دولار"
inside "بالدولار"); words shorter than four letters ("US", "ABD", "США") and words two of the
sheet's currencies share are left out. The whole names of the currencies the sheet does not
price in ("pesos colombianos" to a sheet in Mexican pesos) tell the desk it has no such price.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache

from sola_studio.catalog.sheet import ProductSheet
from sola_studio.comments.lexicon import find_cues, fold, is_latin_cue

# not \w: Devanagari vowel signs are marks; brackets too: Gujarati names "[UAE] દિરહામ"
_SPLIT = re.compile(r"[\s\-‐.,()\[\]{}]+")
_INFLECTED = re.compile(r"[a-z\u0400-\u04ff]+")  # Latin (folded) or Cyrillic: cut to a stem
STEM = 5


# Currency names viewers use (folded), written by hand beside the CLDR ones: codes, slang
# ("aussie", "rm"), the sheet-independent words; symbols are matched as written
VIEWER_CURRENCY_CUES: dict[str, tuple[str, ...]] = {
    "BRL": ("r[$]", "reais$", "real$", "brl$", "em reais"),
    # "euro" reaches "euroban", "euroina"; the Czech, Slovak and Polish locatives drop its "o"
    # ("v eurech", "v eurách", "w eurach")
    # ... and the Serbian, Croatian, Slovene and Bulgarian ones ("u evrima", "в евро")
    "EUR": (
        "€",
        "euro",
        "eur$",
        "eur(?:ech|ach)$",
        "evr(?:a|ima|ov|ih)$",
        "евро$",
        "евра$",
        "еврима$",
    ),
    # the other dollars before the US one, which a bare "dollar" means; each only where the
    # sheet has prices in it ("aussie dollars" to a sheet priced in USD alone is USD)
    "AUD": ("aud$", "aussie", "australian dollar", "au[$]", "a[$]", "استرالي", "豪ドル", "澳元"),
    "CAD": ("cad$", "canadian dollar", "ca[$]", "كندي", "カナダドル", "加元"),
    "SGD": ("sgd$", "singapore dollar", "s[$]", "سنغافور", "シンガポールドル", "新币", "新幣"),
    "TWD": ("twd$", "ntd$", "nt[$]", "台幣", "台币", "台湾ドル"),  # before CNY: "新台幣100元"
    # a bare "dollar" in any script is the US one ("بالدولار", "เป็นเงินดอลลาร์", "đô la"); CLDR
    # leaves it out wherever a sheet has two dollars, each name holding it
    "USD": (
        "us[$]",
        "usd$",
        "dolar",
        "dollar",
        "đo la",
        "دولار",
        "ดอลลาร์",
        "доллар",
        "долар",
        "달러",
        "ドル",
        "美元",
        "美金",
        "डॉलर",
    ),
    "GTQ": ("gtq$", "quetzal", "en q$"),
    "GBP": ("£", "gbp$", "pound", "libra", "quid$", "sterling", "pfund", "funt"),
    "JPY": ("円", "jpy$", "yen$"),
    "CNY": ("元", "rmb$", "cny$", "人民币"),
    "MXN": ("mxn$", "pesos?$"),
    "INR": ("₹", "rupee", "inr$", "रुपये"),
    "KRW": ("원", "krw$", "won$"),
    "MYR": ("myr$", "ringgit", "rm$", "rm(?=[0-9])"),
    "PKR": ("pkr$",),
    "UAH": ("uah$", "грн", "₴"),
    # currencies a sheet rarely prices in, which viewers still ask in ("panel kaç TL?", "ile w
    # złotych?", "กี่บาท"): named so the desk can say the sheet has no such price. Only words
    # that are nothing else: not "złoty" (also "golden"), "lei", "rand", "đồng", "ils", "try";
    # nor a word several currencies share ("ريال" of Saudi and Qatari riyals, "درهم", "ليرة"),
    # which the sheet's own CLDR names tell apart
    "TRY": ("tl$", "lira", "₺", "лир(?:а|ы|ах)$"),
    "PLN": ("złotych", "złotowk", "zł$", "pln$", "злот"),
    "CZK": ("korun", "kc$", "czk$"),
    "HUF": ("forint", "huf$"),
    "SEK": ("kronor", "sek$"),
    "NOK": ("nok$",),
    "DKK": ("dkk$",),
    # ... and the Serbian "franak" ("u francima"), not "франц", which begins Russian "Франция"
    "CHF": ("chf$", "franken", "franchi svizzeri", "franak", "franc(?:s|i|ima)$", "франак"),
    "THB": ("baht", "บาท", "thb$"),
    "IDR": ("rupiah", "idr$"),
    "RUB": ("рубл", "rubl"),
    "ILS": ("shekel", "שקל", "₪", "шекел"),
    # the Balkan currencies: the dinar by its Serbian words (not "din" alone: Danish "your"),
    # the convertible mark as Bosnians write it ("koliko KM?", "25 KM"), the denar, and the
    # Bulgarian lev, which viewers still name after the euro came in 2026
    "RSD": ("rsd$", "dinar", "динар", "дин$"),
    "BAM": ("bam$", "konvertibiln", "koliko km$", "kolko km$", "u km$", "[0-9] ?km$"),
    "MKD": ("mkd$", "денар", "denar"),
    "BGN": ("bgn$", "лева$", "лв$", "leva$"),
    "AED": ("aed$",),
    "HKD": ("hkd$", "港幣", "港币", "港元"),
    "NZD": ("nzd$",),
    "VND": ("vnd$",),
}


# viewer words for a currency that are other words too ("is it real?", "we won", "元" of yuan
# and of Taiwan dollars): not enough alone to say a currency was asked
WEAK_CURRENCY_WORDS = frozenset(("real$", "元", "won$", "libra", "rm$", "rm(?=[0-9])"))


def strong_words(cues: Iterable[str]) -> list[str]:
    """``cues`` without the weak ones; "euro" as a whole word ("europa" is a place)."""
    return ["euros?$" if c == "euro" else c for c in cues if c not in WEAK_CURRENCY_WORDS]


# a currency named in any viewer's words, the sheet's or not ("yıldız pinyata kaç dolar?"); not
# "pound", which weighs as often as it pays
VIEWER_CURRENCY_WORDS = tuple(
    c for cues in VIEWER_CURRENCY_CUES.values() for c in strong_words(cues) if c != "pound"
)


@lru_cache(maxsize=64)
def currency_cues(codes: tuple[str, ...], languages: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Currency code -> cues (for :func:`~sola_studio.comments.lexicon.find_cues`)."""
    words = _currency_words(codes, languages)
    out: dict[str, tuple[str, ...]] = {}
    for code, found in words.items():
        shared = (
            set().union(*(w for c, w in words.items() if c != code)) if len(words) > 1 else set()
        )
        out[code] = (f"{code.lower()}$", *sorted(found - shared))
    return out


@lru_cache(maxsize=64)
def shared_currency_cues(
    codes: tuple[str, ...], languages: tuple[str, ...]
) -> dict[str, frozenset[str]]:
    """The words two or more of ``codes`` share ("pesos" of ARS, UYU and CLP), each with the
    codes it may mean: the viewer's country tells which."""
    by_word: dict[str, set[str]] = {}
    for code, found in _currency_words(codes, languages).items():
        for w in found:
            by_word.setdefault(w, set()).add(code)
    return {w: frozenset(c) for w, c in by_word.items() if len(c) > 1}


@lru_cache(maxsize=64)
def _currency_words(codes: tuple[str, ...], languages: tuple[str, ...]) -> dict[str, set[str]]:
    """Currency code -> every cue its CLDR names give (:func:`currency_cues` drops the shared)."""
    from babel.numbers import get_currency_name

    words: dict[str, set[str]] = {}
    places = frozenset().union(*(_place_words(lang) for lang in languages))
    # Chinese in both scripts: "港幣" (Traditional) is the HKD a Hong Kong viewer writes, "港元"
    # the Simplified name
    locales = [x for lang in languages for x in ((lang, "zh_Hant") if lang == "zh" else (lang,))]
    for code in codes:
        found: set[str] = set()
        for lang in locales:
            try:  # the plural forms too: "złotych", "dolarów" (their stems reach "dolarach")
                names = {get_currency_name(code, n, locale=lang) for n in (1, 2, 5)}
            except Exception:  # a language CLDR does not know: its other names still count
                continue
            for name in names:
                # the whole name, each Latin word by its stem: "pesos colombianos" (COP), whose
                # words alone are another currency's ("peso") or a place's ("colombiano")
                parts = [w for w in _SPLIT.split(fold(name)) if w]
                if len(parts) >= 2 and all(re.fullmatch(r"[a-z]+", w) for w in parts):
                    found.add(r"\s+".join(re.escape(w[:STEM]) + "[a-z]*" for w in parts))
            for w in (w for name in names for w in _SPLIT.split(fold(name))):
                if _of_place(w, places):
                    continue  # "złoty polski": "polsk" would read "do Polski?" as a price
                if _INFLECTED.fullmatch(w):
                    if len(w) > STEM:
                        found.add(re.escape(w[:STEM]))
                    elif len(w) >= 4 and w.isascii():
                        found.add(f"{re.escape(w)}s?$")  # "euro", "real": whole words
                    elif len(w) >= 4:
                        found.add(w)  # Cyrillic cues match inside words ("евро")
                elif len(w) >= 2 and not w.isdigit():
                    # a Latin cue is a regex (lexicon.find_cues): its symbols taken literally
                    found.add(re.escape(w) if is_latin_cue(w) else w)
        words[code] = found
    return words


@lru_cache(maxsize=64)
def _place_words(language: str) -> frozenset[str]:
    """The words of the country names in ``language`` (CLDR), and their stems."""
    from babel import Locale, UnknownLocaleError

    try:
        territories = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        return frozenset()
    out: set[str] = set()
    for code, name in territories.items():
        if not code.isalpha() or code in ("EU", "EZ", "UN", "QO"):
            continue  # regions and unions: "منطقة اليورو" (the eurozone) holds "يورو"
        for w in _SPLIT.split(fold(name)):
            if len(w) >= 4 or (len(w) >= 2 and not w.isascii()):  # "일본" (Japan)
                out.add(w)
    return frozenset(out)


def _of_place(word: str, places: frozenset[str]) -> bool:
    """``word`` names a country or is made from its name: "polski" (Polska), "schweizer"
    (Schweiz), "brasilianischer" (Brasilien), "saudi"; not "franken" (beside Frankreich)."""
    if word in places:
        return True
    if not _INFLECTED.fullmatch(word):  # "سعودي" inside "السعودية"; "تركية" of "تركيا"
        stem = word.removesuffix("ية").removesuffix("ي") if len(word) > 4 else word
        return any(word in place or stem in place for place in places)
    for place in places:  # commonprefix compares characters, as wanted here (no paths)
        if len(os.path.commonprefix((word, place))) >= max(5, len(place) - 2):  # noqa: RUF071
            return True
    return False


def shared_currencies(sheet: ProductSheet, language: str, folded: str) -> frozenset[str]:
    """The sheet's currencies a word of the comment may mean where it means several ("en
    pesos?" of a sheet in ARS, UYU and CLP); empty where it names none that way."""
    codes, langs = _codes_and_languages(sheet, language)
    shared = shared_currency_cues(codes, langs)
    hits = [codes_of for w, codes_of in shared.items() if find_cues(folded, (w,))]
    return frozenset().union(*hits) if hits else frozenset()


def _codes_and_languages(
    sheet: ProductSheet, language: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    codes = {sheet.currency, *(m.currency for m in sheet.markets)}
    for p in sheet.products:
        codes.update(p.prices)
    langs = {*sheet.audience_languages, sheet.seller_language, "en", language}
    return tuple(sorted(codes)), tuple(sorted(langs))


def currency_cues_of(sheet: ProductSheet, language: str = "en") -> dict[str, tuple[str, ...]]:
    """The cues for every currency ``sheet`` prices in (its own, its markets', its products'),
    in its audience's languages, the seller's, English and ``language``."""
    return currency_cues(*_codes_and_languages(sheet, language))


@lru_cache(maxsize=64)
def _whole_names(language: str) -> dict[str, tuple[str, ...]]:
    """The names of two words or more of every currency some country pays in today, in
    ``language`` and English ("pesos colombianos", "lira turca", "swiss francs"), as cues."""
    own, english = _in_use(language), _in_use("en")
    return {
        code: tuple(w for w in own.get(code, set()) | found if r"\s+" in w)
        for code, found in english.items()
    }


@lru_cache(maxsize=64)
def _in_use(language: str) -> dict[str, set[str]]:
    """Every current currency's CLDR words in ``language`` (~0.3 s a language, once)."""
    import datetime

    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    today = datetime.date.today()
    territories = get_global("territory_currencies").keys()
    codes = tuple(sorted({c for t in territories for c in get_territory_currencies(t, today)}))
    return _currency_words(codes, (language,))


def foreign_whole_name(sheet: ProductSheet, language: str, folded: str) -> str | None:
    """A currency the sheet has no price in, named by its whole name ("¿cuánto en pesos
    colombianos?" to a sheet in Mexican pesos): surer than the sheet's own word inside it."""
    own = set(_codes_and_languages(sheet, language)[0])
    for code, cues in _whole_names(language).items():
        if code not in own and cues and find_cues(folded, cues):
            return code
    return None
