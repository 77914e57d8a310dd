"""Issue 15, sixth round, the drafts: what a seller reads, on a sheet written for these tests
(``tests/desk_drafts/lamps.yaml``: an English seller of desk lamps with an Arabic-speaking
audience) with lines written for them, not copied from a set."""

from __future__ import annotations

from pathlib import Path

import pytest

from sola_studio.comments import templates as tpl
from sola_studio.comments.desk import CommentDesk
from sola_studio.comments.facts import invented_facts
from tests.desk_support import ask, desk_on

LAMPS = Path(__file__).resolve().parent / "desk_drafts" / "lamps.yaml"


@pytest.fixture(scope="module")
def desk() -> CommentDesk:
    return desk_on(LAMPS)


# --- Arabic: the noun after a number takes the form the number asks ------------------------


@pytest.mark.parametrize(
    ("text", "said", "never"),
    [
        # 3-10: the plural
        ("حتى 6 أقساط بدون فوائد.", "حتى 6 أقساط بدون فوائد.", None),
        ("الإرجاع خلال 7 يومًا.", "الإرجاع خلال 7 أيام.", "7 يومًا"),
        # 11-99: the singular accusative
        ("حتى 12 أقساط بدون فوائد.", "حتى 12 قسطًا بدون فوائد.", "12 أقساط"),
        ("ضمان 12 أشهر.", "ضمان 12 شهرًا.", "12 أشهر"),
        ("من 3 إلى 15 أيام.", "من 3 إلى 15 يومًا.", "15 أيام"),
        ("الإرجاع خلال 30 يومًا.", "الإرجاع خلال 30 يومًا.", None),
        # one and the hundreds: the singular; a noun that is not counted is left alone
        ("ضمان 1 أشهر.", "ضمان 1 شهر.", "1 أشهر"),
        ("خلال 100 أيام.", "خلال 100 يوم.", None),
        ("خصم 10% عند شراء 3 قطع أو أكثر.", "خصم 10% عند شراء 3 قطع أو أكثر.", None),
    ],
)
def test_an_arabic_counted_noun_agrees_with_its_number(
    text: str, said: str, never: str | None
) -> None:
    assert tpl.arabic_counted(text) == said
    if never is not None:
        assert never not in tpl.arabic_counted(text)


def test_only_arabic_templates_are_changed() -> None:
    # the same digits before a word in another language's template are that template's
    assert tpl.render("inst_all_free", "en", n="12") == tpl.T["inst_all_free"]["en"].format(n="12")
    assert "12 قسطًا" in tpl.render("inst_all_free", "ar", n="12")


@pytest.mark.parametrize(
    ("text", "said", "wrong"),
    [
        ("هل يمكن الدفع بالتقسيط؟", "12 قسطًا", "12 أقساط"),
        ("ما هي مدة الضمان؟", "12 شهرًا", "12 أشهر"),
        ("هل يمكن إرجاع المصباح؟", "7 أيام", "7 يومًا"),
    ],
)
def test_an_arabic_viewer_reads_the_counted_noun_its_number_asks(
    desk: CommentDesk, text: str, said: str, wrong: str
) -> None:
    draft, u = ask(desk, text, pin="lamp")
    assert u.language == "ar", u.language
    assert said in draft.text, draft.text
    assert wrong not in draft.text, draft.text
    assert not invented_facts(draft.text, draft.facts, desk.drafter.facts)


# --- a price verb agrees with the name said, or the name is set apart ----------------------


@pytest.mark.parametrize(
    ("text", "pin", "said", "wrong"),
    [
        # a plural type named by a singular noun: no plural verb after it
        ("how much is the bulb pack?", "pack", "Lumen bulb pack: ", " cost "),
        ("¿cuánto cuesta el pack?", "pack", "Pack de bombillas Lumen: ", " cuestan "),
        # a plural name keeps the verb that agrees with it
        ("how much are the spare bulbs?", "spares", "Lumen spare bulbs cost ", None),
        ("¿cuánto cuestan las bombillas de repuesto?", "spares", " cuestan ", None),
        # a singular type keeps its verb
        ("how much is the lamp?", "lamp", "Lumen desk lamp costs ", None),
    ],
)
def test_the_price_verb_agrees_with_the_name_or_the_name_is_set_apart(
    desk: CommentDesk, text: str, pin: str, said: str, wrong: str | None
) -> None:
    draft, _ = ask(desk, text, pin=pin)
    assert said in draft.text, draft.text
    if wrong is not None:
        assert wrong not in draft.text, draft.text
    assert not invented_facts(draft.text, draft.facts, desk.drafter.facts)


@pytest.mark.parametrize(
    ("name", "kind", "language", "key"),
    [
        (
            "Cubo de bloques de construcción",
            {"en": "building blocks", "es": "bloques"},
            "es",
            "spec",
        ),
        ("Building blocks bucket", {"en": "building blocks"}, "en", "spec"),
        ("Pinzas de silicona", {"en": "tongs", "es": "pinzas"}, "es", "price_plural"),
        ("Brisa silicone tongs", {"en": "tongs"}, "en", "price_plural"),
        ("Lunettes Brisa", {"en": "glasses", "fr": "lunettes"}, "fr", "price_plural"),
        ("Brisa glass", {"en": "glass"}, "en", "price"),
        ("Semi di pomodoro bio", {"en": "seeds", "it": "semi"}, "it", "price_plural"),
        ("Taglio Pro", {"en": "pruning shears"}, "it", "spec"),
    ],
)
def test_the_price_template_follows_the_names_head_noun(
    name: str, kind: dict[str, str], language: str, key: str
) -> None:
    assert tpl.price_key(name, kind, language) == key
