"""Bounded file reads and atomic file writes.

Reads: :func:`read_toml` refuses a file above :data:`MAX_INPUT_FILE_BYTES` before reading it and a
document nested deeper than :data:`MAX_NESTING` levels, each with a one-line :class:`AnodeLabError`.

Writes: a user's file is either the old one or the new one, never half of each. The data go to an
anonymous temporary file in the target's folder (Linux ``O_TMPFILE``: nothing is left behind if the
process is killed) which is linked under a temporary name and renamed over the target; elsewhere a
named temporary file ``.<name>.<pid>-<random>.tmp`` is used, and stale ones of dead processes are
removed by the next save. Writing through a symbolic link writes the link's target.
"""

from __future__ import annotations

import os
import stat
import tomllib
import uuid
from pathlib import Path

from .errors import AnodeLabError

#: Largest input file (design, screen, library, settings) AnodeLab reads, in bytes.
MAX_INPUT_FILE_BYTES = 4_000_000
#: Deepest nesting of tables/arrays in an input file (a design needs 3, a library file 5).
MAX_NESTING = 20


def _depth_exceeds(data, limit: int) -> bool:
    """True when ``data`` (nested dicts/lists) is nested deeper than ``limit`` levels (iterative)."""
    stack = [(data, 1)]
    while stack:
        obj, depth = stack.pop()
        if isinstance(obj, dict):
            children = obj.values()
        elif isinstance(obj, list):
            children = obj
        else:
            continue
        if depth > limit:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return False


def parse_toml_text(text: str, *, file: str, what: str = "not valid TOML") -> dict:
    """Parse TOML text with the nesting limit; errors name the file (``what`` starts a syntax error)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AnodeLabError(f"{what} ({exc})", file=file) from None
    except RecursionError:
        raise AnodeLabError(f"nested deeper than the limit of {MAX_NESTING} levels of tables/arrays", file=file) from None
    if _depth_exceeds(data, MAX_NESTING):
        raise AnodeLabError(f"nested deeper than the limit of {MAX_NESTING} levels of tables/arrays", file=file)
    return data


def read_text_bounded(path: str | os.PathLike, *, limit: int = MAX_INPUT_FILE_BYTES) -> str:
    """The UTF-8 text of an input file, refused above ``limit`` bytes before it is read."""
    path = Path(path)
    file = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise AnodeLabError("no such file", file=file) from None
    except OSError as exc:
        raise AnodeLabError(f"cannot read ({exc.strerror})", file=file) from None
    if stat.S_ISDIR(st.st_mode):
        raise AnodeLabError("is a folder, not a file", file=file)
    if not stat.S_ISREG(st.st_mode):
        raise AnodeLabError("is not a regular file (a device, FIFO or socket)", file=file)
    if st.st_size > limit:
        raise AnodeLabError(f"the file has {st.st_size:,} bytes; the limit for an input file is {limit:,} bytes "
                            f"({limit / 1e6:g} MB)", file=file)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise AnodeLabError(f"cannot read ({exc.strerror})", file=file) from None
    if len(raw) > limit:
        raise AnodeLabError(f"the file has more than {limit / 1e6:g} MB, the limit for an input file", file=file)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise AnodeLabError("not UTF-8 text (save the file as UTF-8)", file=file) from None


def read_toml(path: str | os.PathLike, *, what: str = "not valid TOML") -> dict:
    """Read a TOML input file within the size and nesting limits. Raises AnodeLabError naming the file."""
    return parse_toml_text(read_text_bounded(path), file=str(path), what=what)


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
    path = _follow_links(Path(path))
    if path.is_dir():
        raise AnodeLabError("is a folder; give a file name", file=str(path))
    if not path.parent.is_dir():
        if _inside_user_data(path.parent):
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            raise AnodeLabError(f"the folder {path.parent} does not exist", file=str(path))
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    _remove_stale_temporaries(path)
    try:
        _write_replace(path, data, mode)
    except PermissionError as exc:
        raise AnodeLabError(f"cannot write here ({exc.strerror})", file=str(path)) from None
    except IsADirectoryError:
        raise AnodeLabError("is a folder; give a file name", file=str(path)) from None
    except OSError as exc:
        raise AnodeLabError(f"cannot write ({exc.strerror or exc})", file=str(path)) from None
    _fsync_folder(path.parent)


def _follow_links(path: Path) -> Path:
    """The file a chain of symbolic links points to (so that saving writes the target, not a new file)."""
    for _ in range(40):
        if not path.is_symlink():
            return path
        target = Path(os.readlink(path))
        path = target if target.is_absolute() else path.parent / target
    raise AnodeLabError("too many levels of symbolic links", file=str(path))


def _temp_name(path: Path) -> Path:
    return path.parent / f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:12]}.tmp"


def _write_replace(path: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to a temporary file in ``path``'s folder, fsync, rename it over ``path``."""
    tmp = _temp_name(path)
    if _write_anonymous(path.parent, tmp, data, mode):
        _replace(tmp, path)
        return
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        if not hasattr(os, "fchmod"):  # Windows
            os.chmod(tmp, mode)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _replace(tmp, path)


#: Folders where O_TMPFILE + link does not work (some file systems, containers): use a named file.
_NO_ANONYMOUS: set[str] = set()


def _write_anonymous(folder: Path, tmp: Path, data: bytes, mode: int) -> bool:
    """Linux: write into an unnamed O_TMPFILE, fsync, then link it as ``tmp``. False if unsupported."""
    if not hasattr(os, "O_TMPFILE") or str(folder) in _NO_ANONYMOUS or not os.path.isdir("/proc/self/fd"):
        return False
    try:
        fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError:
        _NO_ANONYMOUS.add(str(folder))
        return False
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fchmod(fh.fileno(), mode)
        os.fsync(fh.fileno())
        try:
            os.link(f"/proc/self/fd/{fh.fileno()}", tmp, follow_symlinks=True)
        except OSError:
            _NO_ANONYMOUS.add(str(folder))
            return False
    return True


def _replace(tmp: Path, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise


def _unlink_quietly(p) -> None:
    try:
        os.unlink(p)
    except OSError:
        pass


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _remove_stale_temporaries(path: Path, *, min_age_s: float = 60.0) -> None:
    """Remove ``.<name>.<pid>-<hex>.tmp`` files left by killed writers of ``path``.

    A temporary file is removed when its writer's process no longer exists, or when it is older than
    ``min_age_s`` and its pid is not this process (a reused pid cannot keep a stale file forever).
    """
    import time

    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        tag = name[len(prefix):-4]
        pid_text, _, rand = tag.partition("-")
        if not pid_text.isdigit() or len(rand) != 12:
            continue
        pid = int(pid_text)
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if pid == os.getpid() and age < 3600:
            continue
        if not _pid_alive(pid) or age > min_age_s:
            try:
                os.unlink(entry.path)
            except OSError:
                pass


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


def check_writable(path: str | os.PathLike, *, field: str = "--out") -> Path:
    """Check before long work that ``path`` can be written: not a folder, folder exists, a file can be created.

    Opens (and removes) a temporary file in the target folder, so a later write fails only for
    reasons that appear during the run (disk full). Returns the path the write will go to.
    """
    path = _follow_links(Path(path))
    where = dict(field=field)
    if path.is_dir():
        raise AnodeLabError(f"{str(path)!r} is a folder; give a file name", **where)
    if path.exists() and not path.is_file():
        raise AnodeLabError(f"{str(path)!r} is not a regular file", **where)
    if not path.parent.is_dir():
        raise AnodeLabError(f"the folder {str(path.parent)!r} does not exist", **where)
    probe = _temp_name(path)
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise AnodeLabError(f"cannot write in {str(path.parent)!r} ({exc.strerror or exc})", **where) from None
    if path.exists() and not os.access(path, os.W_OK):
        # atomic replace still works in a writable folder, but respect a read-only file
        raise AnodeLabError(f"{str(path)!r} is read-only", **where)
    return path
