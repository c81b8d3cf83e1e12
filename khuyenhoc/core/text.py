"""Vietnamese text helpers: NFC normalisation, white-space collapsing, diacritic folding."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean_text(value: str | None) -> str:
    """Return `value` in Unicode NFC with runs of white space collapsed and ends trimmed."""
    if not value:
        return ""
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if "  " not in text and text.isprintable():  # no tab, newline or odd space: nothing to collapse
        return text.strip()
    return _SPACES.sub(" ", text).strip()


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


# Every precomposed Vietnamese letter → its base letter, so the common case is one str.translate.
_VIETNAMESE = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_FOLD = str.maketrans({ch: _strip_marks(ch).replace("đ", "d") for ch in _VIETNAMESE})


def fold(value: str | None) -> str:
    """Return a search key: lower case, no diacritics, đ → d ("Nguyễn Văn Ân" → "nguyen van an")."""
    text = clean_text(value).lower().translate(_FOLD)
    return text if text.isascii() else _strip_marks(text)


def whole_number(value: str | None) -> int | None:
    """The number `value` writes in ASCII digits ("#" and spaces around allowed by callers that strip
    them), else None. str.isdigit() alone is not enough: "²" is a digit to it and int("²") fails."""
    text = (value or "").strip()
    return int(text) if text.isascii() and text.isdigit() else None
