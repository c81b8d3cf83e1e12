"""The small XML parts of an XLSX package: the sheet list, the relationships and the number
formats."""

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

_DATE, _DURATION = 1, 2
# Built-in number formats 14-22, 45 and 47 show dates and times; 46 is the duration [h]:mm:ss.
_BUILTIN_FORMATS = {**dict.fromkeys((*range(14, 23), 45, 47), _DATE), 46: _DURATION}


class BrokenWorkbook(Exception):
    """The package, or one of the XML parts read, is damaged or not what XLSX allows."""


@dataclass(frozen=True)
class Sheet:
    """A sheet listed in xl/workbook.xml; `part` is its XML inside the zip archive."""

    name: str
    part: str
    visible: bool
    worksheet: bool


def _parse_part(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    """Parse a small XML part of the package, or return None when the zip does not hold it."""
    try:
        data = archive.read(name)
    except KeyError:
        return None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise BrokenWorkbook(f"{name} declares a DTD, which OOXML does not allow")
    try:
        return ElementTree.fromstring(data)  # noqa: S314 - no DTD, so no entity expansion
    except ElementTree.ParseError as exc:
        raise BrokenWorkbook(f"{name}: {exc}") from exc


def _local(tag: str) -> str:
    """The tag without its namespace."""
    return tag.rpartition("}")[2]


def _namespace(tag: str) -> str:
    """The "{namespace}" part of a tag, or ""."""
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


def _relationships(root: ElementTree.Element | None) -> dict[str, tuple[str, str]]:
    """Map relationship ids of xl/workbook.xml to (type, zip member name)."""
    targets: dict[str, tuple[str, str]] = {}
    for item in root.iter() if root is not None else ():
        if _local(item.tag) == "Relationship" and item.get("Id") and item.get("Target"):
            targets[item.get("Id", "")] = (item.get("Type", ""), _member(item.get("Target", "")))
    return targets


def _member(target: str) -> str:
    """Resolve a relationship target of xl/workbook.xml to a zip member name."""
    if target.startswith("/"):
        return target[1:]
    if target.startswith("xl/"):
        return target
    return posixpath.normpath(posixpath.join("xl", target))


def _target_of(
    targets: dict[str, tuple[str, str]], suffix: str, default: str, archive: zipfile.ZipFile
) -> str | None:
    """The part of the relationship type ending in `suffix`, else `default` if the zip holds it."""
    names = set(archive.namelist())
    for kind, member in targets.values():
        if kind.endswith(suffix) and member in names:
            return member
    return default if default in names else None


def _sheets(book: ElementTree.Element, targets: dict[str, tuple[str, str]]) -> Iterator[Sheet]:
    """List the sheets of xl/workbook.xml in order, with their parts, visibility and kind."""
    for item in book.iter():
        if _local(item.tag) != "sheet":
            continue
        ids = [value for key, value in item.attrib.items() if key.endswith("relationships}id")]
        if not ids or ids[0] not in targets:
            raise BrokenWorkbook(f"sheet {item.get('name')!r} has no relationship")
        kind, part = targets[ids[0]]
        worksheet = kind.endswith("/worksheet") or part.startswith("xl/worksheets/")
        visible = item.get("state", "visible") not in ("hidden", "veryHidden")
        yield Sheet(name=item.get("name", ""), part=part, visible=visible, worksheet=worksheet)


def _is_1904(book: ElementTree.Element) -> bool:
    """Whether the workbook counts dates from 1904 (old Mac Excel) instead of 1900."""
    for item in book.iter():
        if _local(item.tag) == "workbookPr":
            return item.get("date1904", "").lower() in ("1", "true")
    return False


def _date_styles(styles: ElementTree.Element) -> dict[str, int]:
    """Map the index (as written in a cell's s attribute) of each date or duration style to its kind."""
    custom: dict[str, str] = {}
    kinds: dict[str, int] = {}
    for item in _children(styles, "numFmts", "numFmt"):  # not the numFmt of <dxfs>
        if item.get("formatCode"):
            custom[item.get("numFmtId", "")] = item.get("formatCode", "")
    for index, xf in enumerate(_children(styles, "cellXfs", "xf")):
        kind = _format_kind(xf.get("numFmtId"), custom)
        if kind:
            kinds[str(index)] = kind
    return kinds


def _children(root: ElementTree.Element, group: str, name: str) -> Iterator[ElementTree.Element]:
    """The `name` elements inside the root's `group` children, whatever their namespace."""
    for parent in root:
        if _local(parent.tag) == group:
            yield from (child for child in parent if _local(child.tag) == name)


def _format_kind(number_format: str | None, custom: dict[str, str]) -> int:
    """_DATE, _DURATION or 0 for a number format id, custom formats first (as calamine does)."""
    if number_format is None:
        return 0
    if number_format in custom:
        return _custom_format_kind(custom[number_format])
    return _BUILTIN_FORMATS.get(int(number_format), 0) if number_format.isdigit() else 0


def _custom_format_kind(code: str) -> int:
    """Whether a format code shows a date or a duration: calamine's detect_custom_number_format."""
    escaped = quoted = am_pm = hms = False
    brackets, previous = 0, " "
    for char in code:
        if escaped:
            escaped = False
        elif char in "_\\*":
            escaped = True
        elif quoted or char == '"':
            quoted = quoted != (char == '"')
        elif char == ";":
            return 0
        elif char == "[":
            brackets += 1
        elif char == "]":
            if brackets == 1 and hms:
                return _DURATION
            brackets = max(0, brackets - 1)
        elif brackets == 0 and not am_pm and char in "aA":
            am_pm = True
        elif brackets == 0 and (char in "pmPM/" if am_pm else char in "dmhysDMHYS"):
            return _DATE
        elif not (hms and char.lower() == previous.lower()):
            hms = previous == "[" and char in "hmsHMS"
        previous = char
    return 0
