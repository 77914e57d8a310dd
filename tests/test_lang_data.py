"""The language data files (``sola_studio/lang/data``) and their one loader.

Every language file must hold what English holds where a reply or a card needs it, a broken file
must be reported by file and key, a new language is a new file, and the caption flow reads the
shared data without importing the comment flow.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
from helpers import REPO_ROOT as REPO
from helpers import SAMPLE_SHEET

from sola_studio import lang
from sola_studio.core.errors import ConfigError

PACKAGE = REPO / "sola_studio"
FIELD = re.compile(r"\{(\w+)\}")


def test_every_language_file_has_the_structure_of_english() -> None:
    t = lang.tables()
    en = t["en"]
    assert set(t.languages) >= {"en", "pt", "es", "de", "fr", "it", "zh", "ja", "ar", "hi"}
    for code in t.languages:
        data = t[code]
        assert data.path == lang.DATA_DIR / f"{code}.yaml"
        assert set(data.templates) == set(en.templates), code
        for key, text in data.templates.items():
            assert set(FIELD.findall(text)) == set(FIELD.findall(en.templates[key])), (code, key)
        assert set(data.colour_names) == set(en.colour_names), code
        assert set(data.payment_methods) == set(en.payment_methods), code
        assert set(data.cards.labels) == set(en.cards.labels), code
        # every audience language can be asked in: cues for every intent English has cues for
        assert set(data.intent_cues) == set(en.intent_cues), code
        assert set(data.cards.keywords) <= set(en.cards.keywords), code
        assert set(data.colour_words) <= set(en.colour_names), code


def test_desk_and_cards_read_the_same_tables() -> None:
    from sola_studio.captions.speccards import LABELS, product_facts
    from sola_studio.catalog import load_sheet
    from sola_studio.comments import templates
    from sola_studio.comments.events import Intent
    from sola_studio.comments.lexicon import COLOUR_WORDS, INTENT_CUES

    pt = lang.tables()["pt"]
    assert tuple(templates.LANGUAGES) == lang.languages()
    assert LABELS["price"]["pt"] == pt.cards.labels["price"]
    assert INTENT_CUES[Intent.SIZE_STOCK]["pt"] == pt.intent_cues["size_stock"]
    assert "schwarz" in COLOUR_WORDS["black"]
    sheet = load_sheet(SAMPLE_SHEET)
    facts = product_facts(sheet.pinned, ["ja"], sheet.seller_language)
    # the card and the desk's reply name a colour with the same word of ja.yaml
    names = [templates.colour(c, "ja") for c in sheet.pinned.colours]
    assert facts["colour"]["ja"] == "、".join(names)


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(lang.DATA_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_missing_template_is_reported_by_file_and_key(data_copy: Path) -> None:
    de = data_copy / "de.yaml"
    text = de.read_text(encoding="utf-8")
    de.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("  check:")) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as err:
        lang.load(data_copy)
    assert "de.yaml" in str(err.value) and "'templates.check' is missing" in str(err.value)
    assert err.value.fix and "en.yaml" in err.value.fix


def test_a_misspelt_intent_or_a_wrong_field_is_reported(data_copy: Path) -> None:
    fr = data_copy / "fr.yaml"
    _edit(fr, "  price: [combien", "  prcie: [combien")
    with pytest.raises(ConfigError, match=r"fr\.yaml: key 'intent_cues\.prcie' is not a known"):
        lang.load(data_copy)
    _edit(fr, "  prcie: [combien", "  price: [combien")
    _edit(fr, "{product} coûte {price}.", "{produit} coûte {price}.")
    with pytest.raises(ConfigError, match=r"fr\.yaml: key 'templates\.price' has the fields"):
        lang.load(data_copy)


def test_a_cue_written_with_an_accent_is_reported_with_its_folded_form(data_copy: Path) -> None:
    # comments are folded before matching: "cześć" as written would never match one
    _edit(data_copy / "pl.yaml", 'hello_cues: ["czesc",', 'hello_cues: ["cześć",')
    with pytest.raises(ConfigError, match=r"pl\.yaml: key 'hello_cues\[0\]'") as err:
        lang.load(data_copy)
    assert err.value.fix == "write it 'czesc' in pl.yaml"


def test_an_unquoted_yaml_word_and_a_syntax_error_are_reported(data_copy: Path) -> None:
    # a bare no is the word no (YAML 1.2 booleans), a bare number is not a cue
    _edit(data_copy / "pt.yaml", "[voce, voces,", "[voce, no,")
    assert "no" in lang.load(data_copy)["pt"].language_markers
    _edit(data_copy / "pt.yaml", "[voce, no,", "[voce, 12,")
    with pytest.raises(ConfigError, match=r"pt\.yaml: key 'language_markers\[1\]'.*quote it"):
        lang.load(data_copy)
    (data_copy / "pt.yaml").write_text("name: [Portuguese\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pt\.yaml cannot be read"):
        lang.load(data_copy)


def test_adding_a_language_is_adding_a_file(data_copy: Path) -> None:
    # Icelandic: a language the product does not ship (Swedish, the example before, now does)
    assert not (data_copy / "is.yaml").exists()
    text = (data_copy / "en.yaml").read_text(encoding="utf-8")
    text = text.replace("name: English", "name: Íslenska").replace(
        "  price: [price, how much,", "  price: [hvad kostar, verd$, price, how much,"
    )
    (data_copy / "is.yaml").write_text(text, encoding="utf-8")
    t = lang.load(data_copy)
    assert t.languages[-1] == "is"  # after the listed ones
    assert t["is"].name == "Íslenska"
    assert lang.per_language("intent_cues", t)["price"]["is"][:2] == ("hvad kostar", "verd$")
    assert "is" in lang.per_language("card_keywords", t)["price"]


def _imports(path: Path) -> set[str]:
    """Every ``sola_studio`` module ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("sola_studio")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("sola_studio"):
                continue
            found.add(node.module)
            for a in node.names:  # "from sola_studio import lang": a module, not a name
                sub = f"{node.module}.{a.name}"
                if _source(sub) is not None:
                    found.add(sub)
    return found


def _source(module: str) -> Path | None:
    base = REPO.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _reachable(start: str) -> dict[str, str]:
    """module -> the module that imports it, for everything ``start``'s package reaches."""
    roots = [
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for p in (REPO.joinpath(*start.split("."))).rglob("*.py")
    ]
    seen: dict[str, str] = {r: r for r in roots}
    todo = list(roots)
    while todo:
        module = todo.pop()
        src = _source(module)
        if src is None:
            continue
        for imported in _imports(src):
            if imported not in seen:
                seen[imported] = module
                todo.append(imported)
    return seen


@pytest.mark.parametrize("package", ["sola_studio.captions", "sola_studio.lang"])
def test_caption_flow_and_language_data_do_not_import_the_comment_flow(package: str) -> None:
    reached = _reachable(package)
    assert "sola_studio.lang" in reached or package == "sola_studio.lang"
    bad = {m: by for m, by in reached.items() if m.startswith("sola_studio.comments")}
    assert not bad, f"{package} reaches the comment flow: {bad}"


def test_language_data_does_not_import_the_caption_flow() -> None:
    reached = _reachable("sola_studio.lang")
    assert not [m for m in reached if m.startswith("sola_studio.captions")], reached
    # the walk does see imports, also those inside functions: the comment flow reaches the data
    assert "sola_studio.lang" in _reachable("sola_studio.comments")
