"""The backup archive: one uncompressed tar for both databases.

    database/sqlite3.db.gz | database/postgresql.dump   the snapshot (gzip / pg_dump's custom format)
    media/<path under MEDIA_ROOT>                        the uploaded files, as they are
    manifest.json                                        written last: what the archive holds

The manifest comes last because it carries each member's SHA-256, taken while the member is written
(files are read once). A truncated archive therefore almost always lacks its manifest, and is refused
as incomplete before anything is read from it.
"""

import hashlib
import io
import json
import os
import tarfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.utils.translation import gettext as _

from khuyenhoc.core.backups.errors import BackupError

FORMAT = "khuyenhoc-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media/"
DATABASE_MEMBERS = {"sqlite": "database/sqlite3.db.gz", "postgresql": "database/postgresql.dump"}
CHUNK = 1 << 20


@dataclass
class Manifest:
    """What an archive holds, and the checksums that prove it arrived whole."""

    created_at: str
    engine: str
    server_version: str
    app_version: str
    migrations: dict[str, list[str]]
    tables: dict[str, int]
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    tool: str = ""

    @property
    def database_member(self) -> str:
        return DATABASE_MEMBERS[self.engine]

    @property
    def media(self) -> list[str]:
        """The media members' paths under MEDIA_ROOT."""
        return [name.removeprefix(MEDIA) for name in self.members if name.startswith(MEDIA)]

    def to_json(self) -> bytes:
        body = {"format": FORMAT, "format_version": FORMAT_VERSION, **self.__dict__}
        return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        try:
            body = json.loads(data)
            if body.pop("format") != FORMAT or body.pop("format_version") != FORMAT_VERSION:
                raise BackupError(_("Tệp không phải bản sao lưu Khuyến Học ở định dạng này."))
            manifest = cls(**body)
            manifest.database_member  # noqa: B018 (an unknown engine is a KeyError here)
            if not all(
                isinstance(member["size"], int) and isinstance(member["sha256"], str)
                for member in manifest.members.values()
            ):
                raise ValueError
        except (ValueError, TypeError, KeyError, AttributeError):
            raise BackupError(_("Tệp mô tả (manifest.json) của bản sao lưu bị hỏng.")) from None
        return manifest


@dataclass
class Snapshot:
    """What a database snapshot knows of itself, taken at the snapshot's point in time."""

    tables: dict[str, int]
    migrations: dict[str, list[str]]
    server_version: str
    tool: str = ""


class _Hashing(io.RawIOBase):
    """A file read through: counts and hashes what tarfile copies out of it."""

    def __init__(self, source: IO[bytes]) -> None:
        self.source, self.sha256, self.size = source, hashlib.sha256(), 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


class ArchiveWriter:
    """Adds members to a new tar, recording each one's size and SHA-256 for the manifest."""

    def __init__(self, tar: tarfile.TarFile) -> None:
        self.tar = tar
        self.members: dict[str, dict[str, Any]] = {}

    def add(self, name: str, source: IO[bytes], size: int, mtime: float = 0) -> None:
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = size, int(mtime), 0o644
        reader = _Hashing(source)
        self.tar.addfile(info, reader)
        self.members[name] = {"size": reader.size, "sha256": reader.sha256.hexdigest()}

    def add_file(self, name: str, path: Path) -> bool:
        """Add a file as it is now; False when it vanished before it could be read."""
        try:
            source = open(path, "rb")  # noqa: SIM115 (closed below)
        except FileNotFoundError:
            return False
        with source:
            status = os.fstat(source.fileno())
            self.add(name, source, status.st_size, status.st_mtime)
        return True

    def close(self, manifest: Manifest) -> None:
        """Write the manifest, with every member's checksum, as the last member."""
        manifest.members = dict(self.members)
        data = manifest.to_json()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode, info.mtime = len(data), 0o644, int(time.time())
        self.tar.addfile(info, io.BytesIO(data))


def archive_read(path: Path) -> tuple[tarfile.TarFile, Manifest]:
    """Open an archive and read its manifest; a missing, foreign or truncated file is a BackupError."""
    if not path.is_file():
        raise BackupError(_("Không có tệp %(path)s.") % {"path": path})
    try:
        tar = tarfile.open(path, "r:")  # noqa: SIM115 (the caller closes it)
    except (tarfile.TarError, OSError):
        raise BackupError(
            _("Tệp %(path)s không phải bản sao lưu Khuyến Học (không đọc được như tệp tar).")
            % {"path": path}
        ) from None
    try:
        source = tar.extractfile(tar.getmember(MANIFEST))
        data = source.read() if source else b""
    except (KeyError, tarfile.TarError, OSError, EOFError):
        tar.close()
        raise BackupError(_incomplete(path)) from None
    try:
        return tar, Manifest.from_json(data)
    except BackupError:
        tar.close()
        raise


def _incomplete(path: Path) -> str:
    return _(
        "Bản sao lưu %(path)s không đầy đủ hoặc bị hỏng (không đọc được manifest.json): "
        "tệp đã bị cắt ngắn, hoặc không phải bản sao lưu Khuyến Học."
    ) % {"path": path}


def archive_verify(tar: tarfile.TarFile, manifest: Manifest) -> None:
    """Check that the archive holds exactly the manifest's members, each with its SHA-256."""
    try:
        found = tar.getmembers()
        _check_names(found, manifest)
        for name, expected in manifest.members.items():
            if _digest(tar, name) != (expected["size"], expected["sha256"]):
                raise BackupError(
                    _("Bản sao lưu bị hỏng: %(name)s không khớp mã kiểm tra SHA-256.")
                    % {"name": name}
                )
    except (tarfile.TarError, OSError, EOFError):
        raise BackupError(
            _("Bản sao lưu bị hỏng hoặc bị cắt ngắn: không đọc hết được các tệp bên trong.")
        ) from None


def _check_names(found: list[tarfile.TarInfo], manifest: Manifest) -> None:
    names = Counter(member.name for member in found)
    expected = {*manifest.members, MANIFEST}
    for member in found:
        if member.name not in expected or not member.isreg() or names[member.name] > 1:
            raise BackupError(
                _("Bản sao lưu chứa mục không có trong manifest.json: %(name)s.")
                % {"name": member.name}
            )
    for name in expected - set(names):
        raise BackupError(_("Bản sao lưu thiếu tệp %(name)s.") % {"name": name})
    if manifest.database_member not in manifest.members:
        raise BackupError(_("Bản sao lưu thiếu tệp %(name)s.") % {"name": manifest.database_member})
    for name in manifest.members:
        if name != manifest.database_member and not _media_name(name):
            raise BackupError(_("Bản sao lưu có tên tệp không hợp lệ: %(name)s.") % {"name": name})


def _media_name(name: str) -> bool:
    """media/<a relative path that stays inside MEDIA_ROOT> (no "..", no absolute path)."""
    path = PurePosixPath(name.removeprefix(MEDIA))
    return (
        name.startswith(MEDIA)
        and not path.is_absolute()
        and ".." not in path.parts
        and path.as_posix() == name.removeprefix(MEDIA)
        and path.as_posix() != "."
    )


def _digest(tar: tarfile.TarFile, name: str) -> tuple[int, str]:
    sha256, size = hashlib.sha256(), 0
    for chunk in member_chunks(tar, name):
        sha256.update(chunk)
        size += len(chunk)
    return size, sha256.hexdigest()


def member_chunks(tar: tarfile.TarFile, name: str) -> Iterator[bytes]:
    """A member's bytes, a megabyte at a time."""
    source = tar.extractfile(name)
    if source is None:
        raise BackupError(_("Bản sao lưu thiếu tệp %(name)s.") % {"name": name})
    with source:
        yield from iter(lambda: source.read(CHUNK), b"")
