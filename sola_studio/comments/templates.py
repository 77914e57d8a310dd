"""Reply templates per language, written by hand, and the formatting of the values they hold.

A template only ever receives values taken from the product sheet (money, days, months, rates,
sizes, texts); the viewer's words never reach a template, so a comment cannot put words into
a reply. Money and country names are localised with babel; colours and payment methods with the
language files' tables. Digits stay Western in every language so the seller can check them at a
glance (and so the invented-fact check reads them the same way).

The templates live in the language data files (``sola_studio/lang/data/<code>.yaml``); adding a
language is adding its file, which must hold every template English has, with the same fields
(the loader names the file and the template otherwise).
"""

from __future__ import annotations

import contextlib
import copy
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from babel.lists import format_list

from sola_studio import lang as lang_data
from sola_studio.catalog.sheet import InstalmentPlan, Money, Variant
from sola_studio.comments.lexicon import without_notes

if TYPE_CHECKING:
    from babel.numbers import NumberPattern

LANGUAGES: tuple[str, ...] = lang_data.languages()

# template key -> language -> text, from every language file (each has every key of English's).
T: Mapping[str, Mapping[str, str]] = {
    key: {data.code: data.templates[key] for data in lang_data.tables().each()}
    for key in lang_data.tables()[lang_data.REFERENCE].templates
}


# languages whose templates read right with the number 1 before a unit ("1年", "1 yıl"): no
# plural form follows a number, so "{years}" may be 1 (elsewhere "1 anos", "1 Jahre")
NO_PLURAL_AFTER_ONE: frozenset[str] = frozenset(
    ("ja", "zh", "ko", "tr", "id", "vi", "th", "hi", "ms", "ta", "ml", "ur")
)


def has_template(key: str, language: str) -> bool:
    return language in T.get(key, {})


def render(key: str, language: str, **values: str) -> str:
    """Fill template ``key`` in ``language`` (English when that language has none)."""
    table = T[key]
    text = table.get(language, table["en"]).format(**values)
    if language == "ar" and "ar" in table:
        return arabic_counted(text)
    if language == "pl" and "pl" in table:
        return polish_counted(text)
    return text


# Arabic counted nouns (singular, plural, singular accusative): the noun after a number takes
# its form from the number, not from the template ("حتى 12 أقساط" reads wrong: 3-10 take the
# plural, 11-99 the singular accusative "12 قسطًا", 1 and the hundreds the singular)
_AR_COUNTED: tuple[tuple[str, str, str], ...] = (
    ("يوم", "أيام", "يومًا"),
    ("شهر", "أشهر", "شهرًا"),
    ("سنة", "سنوات", "سنةً"),
    ("قسط", "أقساط", "قسطًا"),
    ("قطعة", "قطع", "قطعةً"),
)
# Polish counted nouns in the nominative (one, few, many): 1 "miesiąc", 2-4 and 22-24...
# "miesiące", the rest "miesięcy" ("Gwarancja: 24 miesiące", not "24 mies.").
# Templates write them after a number only where the noun is nominative ("Na stanie: 5 sztuk");
# "do 3 rat" is a genitive and stays out of the table.
_PL_COUNTED: tuple[tuple[str, str, str], ...] = (
    ("sztuka", "sztuki", "sztuk"),
    ("miesiąc", "miesiące", "miesięcy"),
    ("rok", "lata", "lat"),
)


class _Counted:
    """A number and the noun after it, the noun put in the form ``pick`` chooses from its three
    forms and the number (``None``: keep the template's)."""

    def __init__(
        self,
        table: tuple[tuple[str, str, str], ...],
        pick: Callable[[int, tuple[str, str, str]], str | None],
        after: str,
    ) -> None:
        self.forms = {form: forms for forms in table for form in forms}
        names = "|".join(re.escape(f) for f in sorted(self.forms, key=len, reverse=True))
        self.pattern = re.compile(rf"(\d+)(\s+)({names}){after}")
        self.pick = pick

    def __call__(self, text: str) -> str:
        def agree(m: re.Match[str]) -> str:
            noun = self.pick(int(m.group(1)), self.forms[m.group(3)]) or m.group(3)
            return f"{m.group(1)}{m.group(2)}{noun}"

        return self.pattern.sub(agree, text)


def _arabic_form(n: int, forms: tuple[str, str, str]) -> str | None:
    singular, plural, accusative = forms
    if 3 <= n % 100 <= 10:
        return plural
    if 11 <= n % 100 <= 99:
        return accusative
    if n == 1 or (n >= 100 and n % 100 in (0, 1, 2)):
        return singular
    return None  # 2 keeps the template's


def _polish_form(n: int, forms: tuple[str, str, str]) -> str:
    one, few, many = forms
    if n == 1:
        return one
    return few if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else many


# ``text`` with each counted noun in the form its number asks
arabic_counted = _Counted(_AR_COUNTED, _arabic_form, r"(?![\w\u064b-\u0652])")
polish_counted = _Counted(_PL_COUNTED, _polish_form, r"(?!\w)")


def money(m: Money, language: str) -> str:
    from babel.numbers import format_currency

    # grouped as the reply's language groups digits: "2.490.000 ₫" to a Vietnamese viewer,
    # "₫2,490,000" to an English one (two blind judges read "₫2490000" as careless); each
    # reader gets their own locale's marks, so "4.490" is never shown where it reads 4.49
    locale = lang_data.babel_locale(language)
    if m.amount == m.amount.to_integral_value() and _cash_digits(m.currency) == 0:
        # "NT$3,290", not "NT$3,290.00": a currency paid without its cents in cash (CLDR's
        # cash digits: TWD, CZK, SEK, PKR...) is written whole where the amount is whole
        return _whole_pattern(locale).apply(
            m.amount, locale, currency=m.currency, currency_digits=False
        )
    return format_currency(m.amount, m.currency, locale=locale)


def _cash_digits(currency: str) -> int:
    from babel.core import get_global

    fractions = get_global("currency_fractions")
    return int(fractions.get(currency, fractions["DEFAULT"])[2])


@cache
def _whole_pattern(locale: str) -> NumberPattern:
    from babel import Locale
    from babel.numbers import parse_pattern

    pattern = copy.copy(parse_pattern(Locale.parse(locale).currency_formats["standard"]))
    pattern.frac_prec = (0, 0)
    return pattern


def number(value: Decimal | int, language: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=lang_data.babel_locale(language))


def warm_up(languages: tuple[str, ...] | list[str]) -> None:
    """Load babel's locale data for ``languages`` now: each locale's first use unpickles it
    (~50 ms holding Python's lock), which froze the studio window at the first comment."""
    from babel import Locale

    for language in languages:
        money(Money(Decimal(1), "USD"), language)
        number(1, language)
        country("BR", language)
        with contextlib.suppress(Exception):  # the desk's country names (EntityFinder)
            _ = Locale.parse(language).territories


@lru_cache(maxsize=512)
def country(code: str, language: str) -> str:
    from babel import Locale

    try:
        return Locale.parse(lang_data.babel_locale(language)).territories.get(code, code)
    except Exception:  # an unknown locale shows the ISO code rather than failing a draft
        return code


def country_to(code: str, language: str) -> str:
    """A country as the shipping templates say it: "to <country>" in languages whose
    preposition or article depends on the country (``country_to`` of the language file:
    "au Canada", "para o Brasil", "in die Schweiz"), else its name."""
    data = lang_data.language(language)
    phrases = data.country_to if data is not None else {}
    name = country(code, language)
    phrase = phrases.get(code) or phrases.get("*")
    return phrase.replace("{name}", name) if phrase else name


def colour(key: str, language: str) -> str:
    """A sheet's colour in ``language``: its key ("red"), or a colour word the seller wrote
    ("vermelho") that some language file names a key with, said as that key."""
    return lang_data.colour_name(_colour_keys().get(key.strip().lower(), key), language)


@lru_cache(maxsize=1)
def _colour_keys() -> dict[str, str]:
    """Every language's colour name (lower case) -> its key; a key maps to itself. A name two
    keys share in different languages is left out (no guess)."""
    seen: dict[str, set[str]] = {}
    for data in lang_data.tables().each():
        for key, name in data.colour_names.items():
            seen.setdefault(name.strip().lower(), set()).add(key)
    out = {n: next(iter(keys)) for n, keys in seen.items() if len(keys) == 1}
    out.update({k: k for keys in seen.values() for k in keys})
    return out


def method(name: str, language: str) -> str:
    """A payment method as the seller wrote it, in ``language`` (as written when unknown)."""
    from sola_studio.comments.lexicon import fold

    data = lang_data.language(language)
    return data.payment_methods.get(fold(name), name) if data is not None else name


_GENERIC_PAYMENT_WORDS = frozenset(("pagamento", "paiement", "payment", "zahlung"))


def method_named(methods: Sequence[str], folded: str) -> str | None:
    """The sheet's payment method a (folded) comment names, by the seller's word or its name
    in any language file ("tarjeta", "カード" for ``card``); None when it names none."""
    from sola_studio.comments.lexicon import find_cues, fold, is_latin_cue, without_notes

    for m in methods:
        names = {fold(m), fold(without_notes(m))}
        names |= {fold(method(m, code)) for code in LANGUAGES}
        # "virement" for "virement bancaire", "boleto" for "boleto bancário": a long first word
        # names the method alone
        names |= {
            first
            for n in list(names)
            if len(n.split()) > 1
            and len(first := n.split()[0]) >= 6
            and first not in _GENERIC_PAYMENT_WORDS
        }
        # a one-word name of four letters or more takes a case ending ("blikiem", "paypalem",
        # "kartou"): the languages that inflect nouns write the method so
        cues = [
            re.escape(n) + ("[a-z]{0,3}$" if len(n) >= 4 and " " not in n else "s?$")
            if is_latin_cue(n)
            else n
            for n in names
            if len(n) >= 2
        ]
        if find_cues(folded, cues):
            return m
    return None


def join(items: list[str], language: str) -> str:
    return lang_data.join(items, language)


def alternatives(items: list[str], language: str) -> str:
    """``items`` offered as a choice: "A or B", "A, B oder C" (babel's "or" list); where a name
    holds a comma itself ("Lisboa tile, large") they are set apart by slashes instead."""
    if any("," in i or "、" in i for i in items):
        return " / ".join(items)
    try:
        return format_list(items, style="or", locale=lang_data.babel_locale(language))
    except (ValueError, LookupError):  # a locale babel lacks
        return join(items, language)


def instalments(plan: InstalmentPlan) -> Callable[[str], str]:
    """The sheet's instalment plan said in a language: up to how many months, how many free of
    interest, the rate after them; "in instalments" alone when the sheet gives no maximum."""
    top = plan.max_months if plan.max_months is not None else plan.interest_free_months
    free = plan.interest_free_months

    def plan_in(lang: str) -> str:
        if free >= top and free > 0:
            return render("inst_all_free", lang, n=str(top))
        if free > 0 and plan.annual_rate_percent is not None:
            rate = number(plan.annual_rate_percent, lang)
            return render("inst_mixed", lang, free=str(free), rate=rate, max=str(top))
        if free > 0 and plan.max_months is not None:
            # "up to 12, 3 of them interest-free" (no rate stated after that)
            return render("inst_some_free", lang, max=str(top), free=str(free))
        if plan.max_months is None and free == 0:
            return render("inst_any", lang)
        return render("inst_max", lang, max=str(top))

    provider = without_notes(plan.provider) if plan.provider else ""

    def say(lang: str) -> str:
        said = plan_in(lang)
        if not provider:
            return said
        # "Up to 6 instalments interest-free (Kredivo)."; the seller's note on it ("Turkish
        # credit cards only") is left out, as it is in the seller's language only
        body = said.rstrip(_STOPS)
        return f"{body} ({provider}){said[len(body) :]}"

    return say


_STOPS = ".。।۔!！ "


# a field's whole value that answers yes or no (folded), in the languages sheets are written
# in: YAML's true/false arrive as "True"/"False" ("dishwasher_safe: true")
# (a desk language's own yes and no: Polish "Tak"/"Nie", Dutch "Nee", Italian "Sì", Turkish
# "Hayır" with its dotless i, Thai, Vietnamese, Arabic, Hindi, Korean "네")
_YES = frozenset(
    (
        "true",
        "yes",
        "sim",
        "si",
        "sí",
        "sì",
        "ja",
        "oui",
        "да",
        "はい",
        "是",
        "예",
        "네",
        "ya",
        "evet",
        "tak",
        "có",
        "ใช่",
        "نعم",
        "हाँ",
        "हां",
    )
)
_NO = frozenset(
    (
        "false",
        "no",
        "nao",
        "não",
        "nein",
        "non",
        "нет",
        "いいえ",
        "否",
        "아니요",
        "tidak",
        "hayir",
        "hayır",
        "nie",
        "nee",
        "không",
        "ไม่",
        "لا",
        "नहीं",
    )
)


def yes_no(value: Mapping[str, str]) -> bool | None:
    """True or False when a field's value is only a yes or a no (in any of its languages, all
    saying the same), else None: a value with more in it ("IPX4", "no BPA") is said as written."""
    found = {v.strip().rstrip(".!").strip().lower() for v in value.values()}
    if found and found <= _YES:
        return True
    if found and found <= _NO:
        return False
    return None


def sentence(text: str) -> str:
    """A statement starts with a capital: a template that opens with a sheet value (a colour,
    a size: "black: 6 in stock.", "bleu : plus que 4 !") would start in lower case. A word
    written with a capital inside ("iPhone", "eSIM") is left as the sheet writes it."""
    if len(text) > 1 and text[0].islower() and not text[1].isupper():
        return text[0].upper() + text[1:]
    return text


# a statement ends with one of these already; else it is closed with its language's full stop
_ENDS = frozenset(".!?…。！？؟।۔:;")
_FULL_STOP = {"ja": "。", "zh": "。", "hi": "।", "ur": "۔", "th": ""}


def closed(text: str, language: str) -> str:
    """``text`` ending a sentence: a seller's FAQ answer or field value written without a full
    stop ("beide haben XT60-Stecker") read glued to the statement after it."""
    stripped = text.rstrip()
    if not stripped or stripped[-1] in _ENDS:
        return text
    last = stripped[-1]
    if not (unicodedata.category(last)[0] in "LNM" or last in ")]\"'»”"):
        return text  # an emoji, a symbol: the template ends as it means to
    return stripped + _FULL_STOP.get(language, ".")


def plural(type_names: Mapping[str, str], language: str) -> bool:
    """The product is a plural noun ("earbuds", "audífonos", "earrings"), so a verb after its
    name agrees ("cost", "cuestan"): its English type ends in a plural -s, or, without an
    English one, its type in a language that marks the plural so (es, pt, fr). Nouns ending
    in -ss, -us, -is ("glass", "ônibus", "tênis") are taken as singular."""
    name = type_names.get("en") or (type_names.get(language) if language in _S_PLURAL else None)
    last = (name or "").strip().lower().split(" ")[-1]
    return len(last) > 2 and last.endswith("s") and not last.endswith(("ss", "us", "is"))


_S_PLURAL = ("en", "es", "pt", "fr")


def price_key(name: str, type_names: Mapping[str, str], language: str) -> str:
    """The price template for a product said by ``name``: "price_plural" where the verb agrees
    with a plural name ("Pinzas de silicona cuestan"), "spec" (the name set apart: "Cubo de
    bloques: 23,90 €") where the type is plural but the name's head noun is not ("Cubo de
    bloques" of type "bloques", "Building blocks bucket" of type "building blocks"): a plural
    verb after it reads wrong. The head is the name's first word in es/pt/fr/it/pl, its last in
    English; elsewhere the type decides, as before."""
    if not plural(type_names, language):
        return "price"
    words = name.strip().lower().split()
    if not words:
        return "price_plural"
    if language == "en":
        kind = (type_names.get("en") or "").strip().lower().split()
        agrees = bool(kind) and words[-1] == kind[-1]
    elif language in ("es", "pt", "fr"):
        head = words[0]
        agrees = len(head) > 2 and head.endswith(("s", "x")) and not head.endswith(_NOT_PLURAL)
    elif language == "it":  # an Italian plural ends in -i ("Semi di pomodoro costano")
        agrees = len(words[0]) > 2 and words[0].endswith("i")
    elif language == "pl":  # a Polish plural head ends in -y/-i ("Klocki ... kosztują");
        # "Zestaw maseczek" (a set) is one thing, whatever its English type: "kosztuje"
        return "price_plural" if len(words[0]) > 2 and words[0].endswith(("y", "i")) else "price"
    else:
        return "price_plural"
    return "price_plural" if agrees else "spec"


_NOT_PLURAL = ("ss", "us", "is")


def variants_in_colour(
    variants: Sequence[Variant], asked: str | None, seller_language: str
) -> list[Variant]:
    """The variants in the colour ``asked``, by its name in the seller's words: a colour the
    sheet writes as a word ("vermelho") names the one asked ("red"), never "não tem vermelho.
    Disponível: vermelho". Failing that, a shade of it ("azul" for "azul marino", "blue" for
    "navy blue", also in an option of the seller's own: "glaze: celadon green"): its stock,
    sold out included, rather than "it does not come in blue"."""
    name = colour(asked or "", seller_language).lower()
    if not name:
        return []
    named = [v for v in variants if colour(v.colour or "", seller_language).lower() == name]
    if named:
        return named
    wanted = {name, (asked or "").lower()}

    def words(text: str) -> set[str]:
        return set(re.findall(r"\w+", text.lower()))

    def held(v: Variant) -> set[str]:
        if v.colour:
            return words(colour(v.colour, seller_language)) | words(v.colour)
        # a colour the seller names in an option of their own ("glaze: celadon green"), or in
        # the size's label beside the size ("niño, negro": "hay negro de niño?" had been told
        # the cape comes in no black)
        return words(" ".join([*(value for _k, value in v.options), v.size or ""]))

    found = [v for v in variants if wanted & held(v)]
    if found or not asked:
        return found
    # the colour's words in any language ("czarn" of "dial: czarna", where the seller's colour
    # name is the masculine "czarny")
    from sola_studio.comments.lexicon import find_cues, fold

    cues = lang_data.all_languages("colour_words").get(asked, ())
    return [v for v in variants if not v.colour and find_cues(fold(" ".join(held(v))), cues)]
