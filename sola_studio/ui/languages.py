"""Language choices shown in the setup and settings: ISO 639-1 codes with their own names.

Names are endonyms (each language in itself), so a seller finds theirs whatever the window's
language. This is a display list only; which pairs can be translated is the core's business.
"""

from __future__ import annotations

LANGUAGES: dict[str, str] = {
    "en": "English",
    "zh": "中文",
    "es": "Español",
    "pt": "Português",
    "de": "Deutsch",
    "fr": "Français",
    "it": "Italiano",
    "ja": "日本語",
    "ko": "한국어",
    "ar": "العربية",
    "hi": "हिन्दी",
    "id": "Bahasa Indonesia",
    "vi": "Tiếng Việt",
    "th": "ไทย",
    "ru": "Русский",
    "tr": "Türkçe",
}


def label(code: str) -> str:
    return f"{LANGUAGES.get(code, code)} ({code})"
