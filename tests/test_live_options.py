"""The show's languages are resolved once, from what the caption translator reaches, into one
value that every part gets as it is (the renderer and overlay: ``on_screen``; the caption
track: ``targets``; the window: ``unavailable`` with the fix)."""

from __future__ import annotations

from pathlib import Path

from sola_studio.live.options import LiveOptions, ShowLanguages
from sola_studio.live.session import resolve_languages
from sola_studio.translate.factory import build_translator


class OnlyPortuguese:
    """An engine that reaches en->pt and nothing else (no model needed)."""

    name = "pt-only"

    def supports(self, source: str, target: str) -> bool:
        return (source, target) == ("en", "pt")

    def translate(self, texts, source, targets):  # type: ignore[no-untyped-def]
        return {t: [f"[{t}] {x}" for x in texts] for t in targets}


def test_languages_no_model_reaches_are_unavailable_with_their_fix() -> None:
    options = LiveOptions(audio="talk.ogg", out=Path("out"), spoken=("en",), targets=("pt", "xx"))
    translator = build_translator("en", ["pt", "xx"], engines=[OnlyPortuguese()], strict=False)
    languages = resolve_languages(options, translator)
    assert languages.source == "en" and languages.spoken == ("en",)
    assert languages.targets == ("pt",)
    assert languages.on_screen == ("en", "pt")
    assert list(languages.unavailable) == ["xx"]
    assert "sola-studio models install" in (languages.unavailable["xx"].fix or "")


def test_without_targets_the_show_is_captioned_in_the_source_only() -> None:
    options = LiveOptions(audio="talk.ogg", out=Path("out"))  # speech detected: source en
    languages = resolve_languages(options, None)
    assert languages == ShowLanguages((), "en", ())
    assert languages.on_screen == ("en",)
