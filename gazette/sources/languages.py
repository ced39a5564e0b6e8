"""The languages a source may write in: ISO 639-1 codes, offered by name in the desk."""

from __future__ import annotations

# Code → English name, in the order the desk lists them (by name).
SOURCE_LANGUAGES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "ar": "Arabic",
            "bg": "Bulgarian",
            "bs": "Bosnian",
            "ca": "Catalan",
            "cs": "Czech",
            "cy": "Welsh",
            "da": "Danish",
            "de": "German",
            "el": "Greek",
            "en": "English",
            "es": "Spanish",
            "et": "Estonian",
            "eu": "Basque",
            "fa": "Persian",
            "fi": "Finnish",
            "fr": "French",
            "ga": "Irish",
            "gl": "Galician",
            "he": "Hebrew",
            "hi": "Hindi",
            "hr": "Croatian",
            "hu": "Hungarian",
            "id": "Indonesian",
            "is": "Icelandic",
            "it": "Italian",
            "ja": "Japanese",
            "ko": "Korean",
            "lb": "Luxembourgish",
            "lt": "Lithuanian",
            "lv": "Latvian",
            "mk": "Macedonian",
            "mt": "Maltese",
            "nb": "Norwegian (Bokmål)",
            "nl": "Dutch",
            "pl": "Polish",
            "pt": "Portuguese",
            "ro": "Romanian",
            "ru": "Russian",
            "sk": "Slovak",
            "sl": "Slovenian",
            "sq": "Albanian",
            "sr": "Serbian",
            "sv": "Swedish",
            "tr": "Turkish",
            "uk": "Ukrainian",
            "zh": "Chinese",
        }.items(),
        key=lambda pair: pair[1],
    )
)

LANGUAGE_CODES = frozenset(code for code, _name in SOURCE_LANGUAGES)


def language_label(code: str) -> str:
    return dict(SOURCE_LANGUAGES).get(code, code)
