"""Find Vietnamese text typed in the legacy TCVN3 (ABC) or VNI Windows encodings; turn it into Unicode.

Files made before Unicode was common were typed with fonts such as .VnTime (TCVN3) or VNI-Times (VNI).
The bytes were meant for those fonts, but Excel, openpyxl and calamine hand them to us as Windows-1252
text, so "Nguyễn Văn An" arrives as "NguyÔn V¨n An" (TCVN3) or "Nguyeãn Vaên An" (VNI).

No maintained Python library converts these encodings, so the tables below are written by hand from the
published charts (TCVN 5712:1993 VN3 and the VNI Windows font layout) and checked by the tests, which
decode well-known strings from real files and round-trip every Vietnamese letter.

- TCVN3 is one byte per letter. Lower-case letters with tones have their own bytes; of the capitals only
  Ă Â Ê Ô Ơ Ư Đ exist (0xA1-0xA7). Other capitals were typed with the lower-case byte (the all-capitals
  fonts such as .VnTimeH draw those bytes as capitals), so the case is restored by a heuristic.
- VNI writes a base letter followed by one or two accent characters ("e" + "ã" = "ễ"); ơ, ư, đ and the
  i-with-tone letters are single characters. Capitals use the upper-case accent characters.

Detection is conservative: proper Unicode text, English and foreign names are never altered. A cell is
converted only when it holds nothing outside Windows-1252 (so no precomposed Unicode Vietnamese letters),
it holds characters of the legacy encoding, at least one of its words is not a Vietnamese syllable as it
stands, and every word with a non-ASCII letter is a Vietnamese syllable once converted (spelling rules
and tone placement included).

Left alone on purpose, because they cannot be told apart: VNI "Hoà" (Hồ) is also Unicode "Hoà"; TCVN3
"ót" (út) is also Unicode "ót"; French "Loïc" is also VNI for "Lọc", so a cell whose only VNI mark is
one ï or ë is not converted. Not supported: the extra capitals some TCVN3 variants put at 0x80-0x9F,
where Windows-1252 has punctuation such as "–" and "“".
"""

import functools
import re
import unicodedata

# Combining tone marks in the column order of the tables: none, sắc, huyền, hỏi, ngã, nặng.
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")

# TCVN3: for each vowel, the characters for its six tone forms, in the order of _TONES.
_TCVN3_VOWELS = {
    "a": "a\xb8\xb5\xb6\xb7\xb9",  # a ¸ µ ¶ · ¹
    "ă": "\xa8\xbe\xbb\xbc\xbd\xc6",  # ¨ ¾ » ¼ ½ Æ
    "â": "\xa9\xca\xc7\xc8\xc9\xcb",  # © Ê Ç È É Ë
    "e": "e\xd0\xcc\xce\xcf\xd1",  # e Ð Ì Î Ï Ñ
    "ê": "\xaa\xd5\xd2\xd3\xd4\xd6",  # ª Õ Ò Ó Ô Ö
    "i": "i\xdd\xd7\xd8\xdc\xde",  # i Ý × Ø Ü Þ
    "o": "o\xe3\xdf\xe1\xe2\xe4",  # o ã ß á â ä
    "ô": "\xab\xe8\xe5\xe6\xe7\xe9",  # « è å æ ç é
    "ơ": "\xac\xed\xea\xeb\xec\xee",  # ¬ í ê ë ì î
    "u": "u\xf3\xef\xf1\xf2\xf4",  # u ó ï ñ ò ô
    "ư": "\xad\xf8\xf5\xf6\xf7\xf9",  # (soft hyphen) ø õ ö ÷ ù
    "y": "y\xfd\xfa\xfb\xfc\xfe",  # y ý ú û ü þ
}
# The only capitals TCVN3 (ABC) has, and đ.
_TCVN3_CAPITALS = {"Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5", "Ư": "\xa6"}
_TCVN3_D = {"Đ": "\xa7", "đ": "\xae"}  # § ®

# VNI Windows: the accent characters that follow a base letter, in the order of _TONES.
_VNI_TONE = ("", "ù", "ø", "û", "õ", "ï")
_VNI_CIRCUMFLEX = ("â", "á", "à", "å", "ã", "ä")  # â ê ô with a tone
_VNI_BREVE = ("ê", "é", "è", "ú", "ü", "ë")  # ă with a tone
_VNI_VOWELS = {
    "a": tuple("a" + mark for mark in _VNI_TONE),
    "ă": tuple("a" + mark for mark in _VNI_BREVE),
    "â": tuple("a" + mark for mark in _VNI_CIRCUMFLEX),
    "e": tuple("e" + mark for mark in _VNI_TONE),
    "ê": tuple("e" + mark for mark in _VNI_CIRCUMFLEX),
    "i": ("i", "í", "ì", "æ", "ó", "ò"),  # single characters, no base letter
    "o": tuple("o" + mark for mark in _VNI_TONE),
    "ô": tuple("o" + mark for mark in _VNI_CIRCUMFLEX),
    "ơ": tuple("ô" + mark for mark in _VNI_TONE),  # ơ is the single character ô
    "u": tuple("u" + mark for mark in _VNI_TONE),
    "ư": tuple("ö" + mark for mark in _VNI_TONE),  # ư is the single character ö
    "y": ("y", "yù", "yø", "yû", "yõ", "î"),  # ỵ is the single character î
}
_VNI_D = {"đ": "ñ", "Đ": "Ñ"}


def _letter(vowel: str, tone: int) -> str:
    """Return the NFC letter for a vowel and a tone index into _TONES."""
    return unicodedata.normalize("NFC", vowel + _TONES[tone])


def _build_tcvn3_encode() -> dict[str, str]:
    """Map each of the 134 non-ASCII Vietnamese letters to its TCVN3 character."""
    table: dict[str, str] = {}
    for vowel, row in _TCVN3_VOWELS.items():
        for tone, char in enumerate(row):
            lower = _letter(vowel, tone)
            if not lower.isascii():
                table[lower] = char
                table[lower.upper()] = _TCVN3_CAPITALS.get(lower.upper(), char)
    table.update(_TCVN3_D)
    return table


def _build_vni_encode() -> dict[str, str]:
    """Map each of the 134 non-ASCII Vietnamese letters to its VNI character sequence."""
    table: dict[str, str] = {}
    for vowel, row in _VNI_VOWELS.items():
        for tone, sequence in enumerate(row):
            lower = _letter(vowel, tone)
            if not lower.isascii():
                table[lower] = sequence
                table[lower.upper()] = sequence.upper()  # VNI capitals: Latin-1 upper case of each
    table.update(_VNI_D)
    return table


# Unicode letter -> legacy text, for all 134 letters (the inverse tables the tests encode with).
TCVN3_ENCODE = _build_tcvn3_encode()
VNI_ENCODE = _build_vni_encode()

# TCVN3 bytes have no capitals for most letters: decode each to the lower-case letter.
_TCVN3_DECODE = {
    ord(char): letter
    for letter, char in TCVN3_ENCODE.items()
    if (letter.islower() or letter in _TCVN3_CAPITALS or letter == "Đ") and char != letter
}
# Bytes whose capital does not exist in TCVN3 (the toned vowels): candidates for restoring case.
_TCVN3_NO_CAPITAL = frozenset(
    char
    for letter, char in TCVN3_ENCODE.items()
    if letter.isupper() and letter not in _TCVN3_CAPITALS and letter not in _TCVN3_D
)
_TCVN3_MARKER = re.compile("[" + re.escape("".join(map(chr, _TCVN3_DECODE))) + "]")


def _build_vni_decode() -> dict[str, str]:
    """Map VNI sequences back to letters, also accepting a capital base with lower-case accents."""
    table = {sequence: letter for letter, sequence in VNI_ENCODE.items() if sequence != letter}
    for letter, sequence in VNI_ENCODE.items():
        mixed = sequence[0] + sequence[1:].lower()  # what Excel's PROPER() makes of "AÙnh"
        if letter.isupper() and mixed != sequence:
            table.setdefault(mixed, letter)
    return table


_VNI_DECODE = _build_vni_decode()
_VNI_RE = re.compile("|".join(map(re.escape, sorted(_VNI_DECODE, key=len, reverse=True))))

# Anything outside Windows-1252 (Unicode Vietnamese letters, other scripts) means "not legacy".
_CP1252_EXTRA = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
_NOT_LEGACY = re.compile("[^\\x00-\\xff" + re.escape(_CP1252_EXTRA) + "]")

# Initial consonants, with the spelling rules that tell Vietnamese apart (ngh/gh/k before e ê i, ...).
_INITIALS = (
    "ngh(?=[eêi])|gh(?=[eêi])|ng(?![eêi])|nh|ch|gi|kh|ph|th|tr|qu|q(?=u)|k(?=[eêiy])|c(?![eêiy])"
    "|g(?![eê])|[bdđhlmnprstvx]"
)
_OPEN_RHYMES = (
    "a ai ao au ay âu ây e eo ê êu i ia iu iêu o oa oai oao oay oe oeo oi ô ôi ơ ơi u ua uây uê ui"
    " uôi uơ uy uya uyu ư ưa ưi ưu ươi ươu y yêu"
)
_CLOSED_RHYMES = {
    "a": "c ch m n ng nh p t",
    "ă": "c k m n ng p t",  # k: Đắk Lắk and other Central Highlands names
    "â": "c m n ng p t",
    "e": "c m n ng p t",
    "ê": "ch m n ng nh p t",
    "i": "ch m n nh p t",
    "o": "c m n ng p t",
    "oo": "c ng",
    "ô": "c m n ng p t",
    "ơ": "m n p t",
    "u": "c m n ng p t",
    "ư": "c m n ng t",
    "iê": "c m n ng p t",
    "yê": "m n ng t",
    "uô": "c m n ng t",
    "ươ": "c m n ng p t",
    "oa": "c ch m n ng nh p t",
    "oă": "c m n ng t",
    "oe": "n t",
    "uâ": "n ng t",
    "uê": "ch nh",
    "uy": "ch nh n p t",
    "uyê": "n t",
}
_RHYMES = _OPEN_RHYMES.split() + [
    nucleus + final for nucleus, finals in _CLOSED_RHYMES.items() for final in finals.split()
]
_SYLLABLE_RE = re.compile(
    f"(?P<initial>{_INITIALS})?(?P<rhyme>{'|'.join(sorted(_RHYMES, key=len, reverse=True))})"
)
_VOWELS_RE = re.compile("[aăâeêioôơuưy]+")
_TONE_MARKS = dict.fromkeys(map(ord, "".join(_TONES)))
# Words: runs of anything but white space and punctuation (the soft hyphen is TCVN3's ư).
_TOKEN_RE = re.compile(r"[^\s!-/:-@\[-`{-~\u2013\u2014\u2018\u2019\u201c\u201d\u2026]+")
_WORD_START = re.compile(r"(?<!\S)\S")


def _tone_positions(vowels: str, closed: bool) -> set[int]:
    """Return where the tone may sit in a vowel cluster (old and new placement both allowed)."""
    marked = [i for i, char in enumerate(vowels) if char in "ăâêôơư"]
    if marked:
        return {marked[-1]}
    if closed or len(vowels) == 1:
        return {len(vowels) - 1}
    if len(vowels) == 3:
        return {1}
    return {0, 1} if vowels in ("oa", "oe", "uy") else {0}


@functools.lru_cache(maxsize=1 << 16)
def _is_syllable(word: str) -> bool:
    """Tell whether a word is spelled like one Vietnamese syllable, with its tone in place."""
    if word[1:] != word[1:].lower() and word != word.upper():
        return False  # "BÕn", "NghƯ": a capital inside a word that is not all capitals
    letters, tone_at = [], -1
    for i, char in enumerate(word.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        bare = decomposed.translate(_TONE_MARKS)
        if bare != decomposed:
            if tone_at >= 0:
                return False
            tone_at = i
        letters.append(unicodedata.normalize("NFC", bare))
    match = _SYLLABLE_RE.fullmatch("".join(letters))
    if match is None:
        return False
    vowels = _VOWELS_RE.match(match["rhyme"]).group()
    at = tone_at - len(match["initial"] or "")
    return tone_at < 0 or at in _tone_positions(vowels, vowels != match["rhyme"])


def _all_syllables(text: str) -> bool:
    """Tell whether every word of text with a non-ASCII letter is a Vietnamese syllable."""
    return all(token.isascii() or _is_syllable(token) for token in _TOKEN_RE.findall(text))


def _plausible(text: str, converted: str) -> bool:
    """Tell whether a conversion changed text into Vietnamese words only, with no debris left."""
    if converted == text or sum(char.isalpha() for char in converted) < 2:
        return False
    return _all_syllables(converted)


def _restore_tcvn3_case(text: str, converted: str) -> str:
    """Restore capitals TCVN3 cannot write: all-capital cells, and initials of title-case names."""
    letters = [char for char in text if char.isascii() and char.isalpha()]
    if len(letters) >= 2 and all(char.isupper() for char in letters):
        return converted.upper()
    starts = [match.start() for match in _WORD_START.finditer(text)]
    lowered = [i for i in starts if text[i] in _TCVN3_NO_CAPITAL]
    others = [i for i in starts if i not in lowered and converted[i].isalpha()]
    if not lowered or not others or not all(converted[i].isupper() for i in others):
        return converted
    chars = list(converted)
    for i in lowered:
        chars[i] = chars[i].upper()
    return "".join(chars)


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 (ABC) text, read as Windows-1252, to NFC Unicode."""
    converted = text.translate(_TCVN3_DECODE)
    return unicodedata.normalize("NFC", _restore_tcvn3_case(text, converted))


def vni_to_unicode(text: str) -> str:
    """Convert VNI Windows text, read as Windows-1252, to NFC Unicode."""
    converted = _VNI_RE.sub(lambda match: _VNI_DECODE[match.group()], text)
    return unicodedata.normalize("NFC", converted)


def _convert(text: str) -> tuple[str | None, str]:
    """Return the legacy encoding of text (or None) and the text converted accordingly."""
    if text.isascii() or _NOT_LEGACY.search(text) or _all_syllables(text):
        return None, text  # ASCII, real Unicode, or already Vietnamese as it stands
    found = []
    if _TCVN3_MARKER.search(text):
        converted = tcvn3_to_unicode(text)
        if _plausible(text, converted):
            found.append(("tcvn3", converted))
    vni_marks = _VNI_RE.findall(text)
    # French names (Loïc, Naïm, Caïn) are valid VNI too: a lone ï or ë is not evidence enough.
    if vni_marks and not (len(vni_marks) == 1 and vni_marks[0][-1] in "ïëÏË"):
        converted = vni_to_unicode(text)
        if _plausible(text, converted):
            found.append(("vni", converted))
    if len(found) != 1:  # neither, or ambiguous: leave the text alone
        return None, text
    return found[0]


def detect_legacy(text: str) -> str | None:
    """Return "tcvn3" or "vni" when text is Vietnamese in that legacy encoding, else None."""
    return _convert(text)[0]


def fix_legacy(text: str) -> str:
    """Return text converted to Unicode if it is TCVN3 or VNI, else text unchanged."""
    if text.isascii():
        return text
    return _convert(text)[1]
