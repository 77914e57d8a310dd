"""The core's messages in the seller's language: errors with their fix, device problems, the
machine check's lines and model states, for the window (``sola_studio/ui`` shows them).

The core writes English and stays that way (the CLI, the logs and the tests read it). A catalog
per window language, ``lang/data/messages/<locale>.yaml``, lists the message kinds the window can
meet, each with a stable ``id``, its English template exactly as the core words it (``{name}``
marks a part that varies: a path, a model name, a device) and its translation. A text is
translated when it matches a template whole; the varying parts are put into the translation,
each translated in turn when it is itself a known text (a device name, a nested message).
A part the translation leaves out (the raw ``urlopen error`` after "cannot reach the model hub")
is dropped on purpose: the seller reads what happened and the fix; the English details stay with
the error (the CLI, the log). A text no template matches comes back unchanged (logged at debug
level), so a new core message shows in English until its line is added; the window's Chinese
tests (``tests/test_ui_models.py``) fail on such a text.

The catalog's ``report:`` entries are the session report's own words (``sola_studio.report
.words``): the same id, en and translation, looked up by id only (:meth:`MessageCatalog.text`),
never matched against the core's messages.

Qt-free and read once per locale. It never imports the modules whose words it holds.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sola_studio.core.errors import ConfigError
from sola_studio.core.yamlio import safe_load

log = logging.getLogger(__name__)

CATALOG_DIR = Path(__file__).resolve().parent / "data" / "messages"
_FIELD = re.compile(r"\{(\w+)\}")
# A text no template knows whole is translated line by line.
_LINE_BREAK = "\n"
# ... then problem by problem, when the core joined several with "; ".
_JOINED = "; "


@dataclass(frozen=True)
class Template:
    """One message kind: ``english`` as the core writes it, ``translated`` with the same fields."""

    id: str
    english: str
    translated: str
    pattern: re.Pattern[str]


def _compile(english: str) -> re.Pattern[str]:
    parts: list[str] = []
    last = 0
    seen: set[str] = set()
    for m in _FIELD.finditer(english):
        parts.append(re.escape(english[last : m.start()]))
        name = m.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        last = m.end()
    parts.append(re.escape(english[last:]))
    return re.compile("".join(parts), re.DOTALL)


class MessageCatalog:
    """The translations of one window language."""

    def __init__(
        self,
        locale: str,
        terms: dict[str, str],
        templates: list[Template],
        texts: dict[str, Template] | None = None,
    ) -> None:
        self.locale = locale
        self.terms = terms
        # texts looked up by id only, never matched against the core's messages (the session
        # report's own words, ``report:`` in the catalog; sola_studio.report.words)
        self.texts = texts or {}
        # how joined problems read in this language (Chinese: the full-width semicolon)
        self.joiner = "；" if locale.startswith(("zh", "ja")) else _JOINED
        # the longest template first: "no camera found ({why})" before "{what} found"
        self.templates = sorted(templates, key=lambda t: -len(_FIELD.sub("", t.english)))

    def translate(self, text: str) -> str:
        """``text`` in this language, or unchanged when no term or template knows it."""
        found = self._lookup(text.strip())
        if found is not None:
            return found
        if _LINE_BREAK in text:
            return _LINE_BREAK.join(self.translate(line) for line in text.split(_LINE_BREAK))
        if _JOINED in text:  # several problems said at once ("a; b"), each known on its own
            parts = [self.translate(part) for part in text.split(_JOINED)]
            return self.joiner.join(parts) if parts != text.strip().split(_JOINED) else text
        log.debug("no %s translation for %r", self.locale, text)
        return text

    def text(self, mid: str, english: str) -> str | None:
        """The translation of the text ``mid`` (a ``report:`` entry), or None when the catalog
        has none or its ``en`` is not ``english`` any more (a stale translation is not shown)."""
        found = self.texts.get(mid)
        if found is None or found.english != english:
            log.debug("no %s text %r for %r", self.locale, mid, english)
            return None
        return found.translated

    def _lookup(self, text: str) -> str | None:
        if not text:
            return text
        if text in self.terms:
            return self.terms[text]
        lowered = text.lower()
        if lowered in self.terms:
            return self.terms[lowered]
        for template in self.templates:
            m = template.pattern.fullmatch(text)
            if m is None:
                continue
            values = {k: self.translate(v) for k, v in m.groupdict().items()}
            return template.translated.format(**values)
        return None


@cache
def load_catalog(locale: str, directory: Path = CATALOG_DIR) -> MessageCatalog | None:
    """The catalog of ``locale`` (``zh_CN``), or None when the core's English is shown as is."""
    path = directory / f"{locale}.yaml"
    if not path.is_file():
        return None
    data = safe_load(path.read_text(encoding="utf-8")) or {}
    terms = {str(k): str(v) for k, v in (data.get("terms") or {}).items()}
    templates = []
    texts: dict[str, Template] = {}
    ids: set[str] = set()
    report = [(e, True) for e in data.get("report") or []]
    for entry, by_id in [(e, False) for e in data.get("messages") or []] + report:
        mid, english, translated = entry.get("id"), entry.get("en"), entry.get(locale)
        if not (mid and english and translated) or mid in ids:
            raise ConfigError(
                f"{path}: the message {mid or english!r} needs a unique id, en and {locale}",
                fix=f"give every entry of {path.name} the keys id, en and {locale}",
            )
        extra = set(_FIELD.findall(translated)) - set(_FIELD.findall(english))
        if extra:
            raise ConfigError(
                f"{path}: the translation of {mid!r} uses {', '.join(sorted(extra))}, which its "
                "English template does not have",
                fix=f"use only the {{fields}} of the en line in {mid!r}",
            )
        ids.add(mid)
        template = Template(mid, english, translated, _compile(english))
        if by_id:
            texts[mid] = template
        else:
            templates.append(template)
    return MessageCatalog(locale, terms, templates, texts)


def localize(text: str, locale: str) -> str:
    """``text`` in ``locale`` when its catalog knows it, else unchanged."""
    catalog = load_catalog(locale)
    return text if catalog is None else catalog.translate(text)
