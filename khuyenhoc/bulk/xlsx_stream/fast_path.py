"""The fast path: regular expressions for the usual forms of elements."""

import functools
import re
from dataclasses import dataclass

# Text that XML leaves as it is: no markup, entity, carriage return (which XML turns into a line
# feed) or control character (which XML refuses). Anything else goes to ElementTree.
_PLAIN = r"[^<&\r\x00-\x08\x0b\x0c\x0e-\x1f]*"
# Text of <t> elements may also hold character references and the predefined entities: writers that
# serialise through lxml (openpyxl when lxml is installed) write every non-ASCII letter as "&#7885;".
_TEXT = r"(?:[^<&\r\x00-\x08\x0b\x0c\x0e-\x1f]|&(?:#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6}|amp|lt|gt|quot|apos);)*"
_REFERENCE = re.compile(r"&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(amp|lt|gt|quot|apos));")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _referenced(match: re.Match[str]) -> str:
    """The character of one reference, as an XML parser reads it; _NotSimple for one XML forbids."""
    if match[3]:
        return _ENTITIES[match[3]]
    code = int(match[1]) if match[1] else int(match[2], 16)
    if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF):  # fmt: skip
        raise _NotSimple
    return chr(code)


def _dereferenced(text: str) -> str:
    """Text of the fast path with its references replaced by their characters."""
    return _REFERENCE.sub(_referenced, text) if "&" in text else text


class _NotSimple(Exception):
    """An element the regular expressions do not cover: read the batch with ElementTree."""


@dataclass(frozen=True)
class _Patterns:
    """The fast path's regular expressions for one namespace prefix."""

    row: re.Pattern[str]
    row_number: re.Pattern[str]
    cell: re.Pattern[str]
    shared_string: re.Pattern[str]


@functools.lru_cache(maxsize=8)
def _patterns(prefix: str) -> _Patterns:
    """Compile the fast path's expressions for elements written with `prefix` ("" or "x:")."""
    p = re.escape(prefix)
    formula = rf"(?:<{p}f\b[^>]*/>|<{p}f\b[^>]*>[^<]*</{p}f>)"
    text = rf'<{p}t( xml:space="preserve")?>({_TEXT})</{p}t>'
    number = rf"(?:<{p}v>({_PLAIN})</{p}v>|(<{p}v\s*/>))"
    value = rf"(?:{formula}?{number}?|<{p}is>{text}</{p}is>)"
    return _Patterns(
        row=re.compile(rf"<{p}row(?:\s([^>]*?))?(?:/>|>(.*?)</{p}row>)", re.DOTALL),
        row_number=re.compile(r'(?:^|\s)r="(\d+)"'),
        cell=re.compile(
            rf'<{p}c r="([A-Z]{{1,3}})\d+"(?: s="(\d+)")?(?: t="(\w+)")?(?:\s*/>|>{value}</{p}c>)'
        ),
        shared_string=re.compile(rf"<{p}si>{text}</{p}si>"),
    )


def _gap(text: str, start: int, end: int) -> None:
    """Raise _NotSimple unless only white space lies between two matches."""
    if start != end and not text[start:end].isspace():
        raise _NotSimple
