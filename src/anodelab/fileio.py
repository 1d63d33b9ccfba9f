"""Atomic file writes: a user's file is either the old one or the new one, never half of each."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import AnodeLabError


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: Mode of a newly created file: what open() would give (0o666 less the process umask).
NEW_FILE_MODE = 0o666 & ~_current_umask()


def _inside_user_data(path: Path) -> bool:
    from .paths import user_data_dir

    try:
        path.resolve().relative_to(user_data_dir().resolve())
        return True
    except ValueError:
        return False


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, rename it over ``path``, fsync the folder.

    The file keeps the mode of the file it replaces (a new file gets the usual 0o666 less the umask).
    A missing folder is an error naming it — except inside AnodeLab's own user data folder
    (user library, autosave), which is created on demand.
    """
    path = Path(path)
    if not path.parent.is_dir():
        if _inside_user_data(path.parent):
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            raise AnodeLabError(f"the folder {path.parent} does not exist", file=str(path))
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        if not hasattr(os, "fchmod"):  # Windows
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
