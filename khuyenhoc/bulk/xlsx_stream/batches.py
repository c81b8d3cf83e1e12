"""Cut an XML part, as it inflates, into batches of about a megabyte of complete elements."""

import codecs
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO
from xml.etree import ElementTree

from khuyenhoc.bulk.xlsx_stream.parts import BrokenWorkbook

_CHUNK = 1024 * 1024
# No row or shared string comes near this; a part that does is damaged, or a zip bomb.
_MAX_ELEMENT_BYTES = 64 * 1024 * 1024
_ROOT_TAG = re.compile(rb"<([^\s/>?!]+)[^>]*?(/?)>")


@dataclass(frozen=True)
class _Batch:
    """Complete elements cut from an XML part, with what parsing them on their own needs."""

    content: bytes
    root_tags: tuple[bytes, bytes]
    prefix: str

    def parse(self) -> ElementTree.Element:
        """Parse the elements inside a copy of the part's root element.

        Only the root's start tag is fed before them, never a DTD, so no entity can be declared.
        """
        parser = ElementTree.XMLParser()  # noqa: S314
        parser.feed(self.root_tags[0])
        parser.feed(self.content)
        parser.feed(self.root_tags[1])
        return parser.close()


def _batches(
    stream: IO[bytes],
    container: bytes,
    item: bytes,
    on_head: Callable[[bytes], None] | None = None,
) -> Iterator[_Batch]:
    """Cut the `item` elements inside `container` into batches of about a megabyte.

    `on_head` receives the XML before the container (a worksheet's <dimension> lies there).
    """
    chunks = _utf8_chunks(stream)
    head = b""
    for chunk in chunks:
        head += chunk
        opening = re.search(rb"<([\w.-]+:)?" + container + rb"\b[^>]*?(/?)>", head)
        if opening is not None:
            break
        _check_size(head)
    else:
        return
    root = _ROOT_TAG.search(head)
    if root is None or opening[2]:
        return
    if on_head is not None:
        on_head(head[: opening.start()])
    prefix = opening[1] or b""
    root_tags = (root[0][:-2] + b">" if root[2] else root[0], b"</" + root[1] + b">")
    ends = (b"</" + prefix + item + b">", b"</" + prefix + container)
    for content in _cut(chunks, head[opening.end() :], *ends):
        yield _Batch(content, root_tags, prefix.decode("ascii"))


def _cut(chunks: Iterator[bytes], buffer: bytes, item_end: bytes, end: bytes) -> Iterator[bytes]:
    """After each chunk, yield the XML up to the last complete item; stop at the container's end."""
    searched = 0
    for chunk in itertools.chain((b"",), chunks):
        buffer += chunk
        found = buffer.find(end, searched)
        if found >= 0:
            yield buffer[:found]
            return
        cut = buffer.rfind(item_end)
        if cut >= 0:
            cut += len(item_end)
            yield buffer[:cut]
            buffer = buffer[cut:]
        _check_size(buffer)
        searched = max(0, len(buffer) - len(end) + 1)
    raise BrokenWorkbook("the XML part ends before its data does")


def _check_size(pending: bytes) -> None:
    """Refuse to hold more than _MAX_ELEMENT_BYTES of XML while looking for the end of an element."""
    if len(pending) > _MAX_ELEMENT_BYTES:
        raise BrokenWorkbook("an element of the XML part is implausibly large")


def _utf8_chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """Read the part in chunks of UTF-8, re-encoding a part written in UTF-16 or another encoding."""
    first = stream.read(_CHUNK)
    encoding = _xml_encoding(first)
    if encoding == "utf-8":
        yield first.removeprefix(codecs.BOM_UTF8)
        while chunk := stream.read(_CHUNK):
            yield chunk
        return
    decoder = codecs.getincrementaldecoder(encoding)()
    chunk = first
    while chunk:
        yield decoder.decode(chunk).encode("utf-8")
        chunk = stream.read(_CHUNK)
    yield decoder.decode(b"", final=True).encode("utf-8")


def _xml_encoding(start: bytes) -> str:
    """The encoding of an XML document from its byte order mark or declaration (UTF-8 if neither)."""
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if start.startswith(b"<\0"):
        return "utf-16-le"
    if start.startswith(b"\0<"):
        return "utf-16-be"
    declared = re.match(rb"(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding=[\"']([\w.:-]+)", start)
    if declared is None:
        return "utf-8"
    try:
        name = codecs.lookup(declared[1].decode("ascii")).name
    except LookupError as exc:
        raise BrokenWorkbook(f"unknown encoding {declared[1]!r}") from exc
    return "utf-8" if name == "utf-8" else name
