"""The uploaded files (MEDIA_ROOT: evidence, programme documents, import uploads and reports)."""

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from tarfile import TarFile

from django.utils.translation import gettext as _

from khuyenhoc.core.backups.archive import MEDIA, Manifest, member_chunks
from khuyenhoc.core.backups.errors import BackupError


def media_files(root: Path, skip: set[Path]) -> Iterator[tuple[str, Path]]:
    """Each regular file under `root` as (path under root, path), in a stable order; no symlinks."""
    if not root.is_dir():
        return
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink() and path.resolve() not in skip:
                yield path.relative_to(root).as_posix(), path


def media_check(tar: TarFile, manifest: Manifest, root: Path) -> None:
    """Refuse when a file the archive would write already exists under `root` with other content."""
    for name in manifest.media:
        target = root / name
        if not target.exists() and not target.is_symlink():
            continue
        expected = manifest.members[MEDIA + name]["sha256"]
        if not target.is_file() or _sha256(target) != expected:
            raise BackupError(
                _(
                    "Thư mục tệp đính kèm đã có %(path)s, khác với tệp cùng tên trong bản sao lưu; "
                    "không ghi đè. Hãy khôi phục vào một thư mục trống."
                )
                % {"path": target}
            )


def media_restore(tar: TarFile, manifest: Manifest, root: Path) -> list[Path]:
    """Write the archive's files under `root` (a file already there is the same); the new ones."""
    written: list[Path] = []
    try:
        for name in manifest.media:
            target = root / name
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                written.append(target)
                _write(tar, MEDIA + name, target)
    except BaseException:
        media_remove(written)
        raise
    return written


def _write(tar: TarFile, member: str, target: Path) -> None:
    """Write a member to `target` under a temporary name, renamed when whole."""
    partial = target.with_name(target.name + ".restoring")
    try:
        with open(partial, "wb") as out:
            for chunk in member_chunks(tar, member):
                out.write(chunk)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def media_remove(paths: list[Path]) -> None:
    """Take back files a failed restore wrote."""
    for path in paths:
        path.unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
