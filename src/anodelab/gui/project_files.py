"""Project files of the main window: New/Open/Save/Save As (atomic), recent files, autosave and recovery."""

from __future__ import annotations

import json
import os
import sys
import time
import uuid
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
)

from ..design import Design, load_design, save_design
from ..errors import AnodeLabError
from ..paths import examples_dir, resources_dir, user_data_dir
from .editing import show_error


DEFAULT_EXAMPLE = "na_cunw_diglyme.toml"
MAX_RECENT = 8


def default_design() -> Design:
    return load_design(examples_dir() / DEFAULT_EXAMPLE)


def is_shipped(path: str | Path) -> bool:
    """Whether ``path`` lies inside the installed resources (examples, templates, screens): such a
    file opens as an untitled copy and is never written over."""
    try:
        Path(path).resolve().relative_to(resources_dir().resolve())
    except (ValueError, OSError, FileNotFoundError):
        return False
    return True


def user_documents_dir() -> Path:
    """Where Save As starts for a design that has no file of its own: the user's documents folder."""
    from PySide6.QtCore import QStandardPaths

    loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(loc) if loc else Path.home()


class ProjectFilesMixin:
    """File handling of :class:`~anodelab.gui.main_window.MainWindow` (expects ``doc``, ``settings``,
    ``recent_menu`` and the window's message helpers)."""

    def recent_files(self) -> list[str]:
        raw = self.settings.value("recent/files", [])
        if isinstance(raw, str):
            raw = [raw] if raw else []
        return [str(p) for p in (raw or [])]

    def _add_recent(self, path: Path) -> None:
        p = str(Path(path).resolve())
        files = [f for f in self.recent_files() if f != p]
        self.settings.setValue("recent/files", [p, *files][:MAX_RECENT])
        self.settings.sync()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        if not files:
            a = self.recent_menu.addAction("(no recent files)")
            a.setEnabled(False)
        for f in files:
            self.recent_menu.addAction(f, lambda f=f: self.open_file(f, ask=True))

    # ================================================================== files
    def maybe_save(self) -> bool:
        """Before discarding the design: ask Save / Discard / Cancel. True to go on."""
        if not self.doc.is_modified:
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes",
            f"<p>The design “{_plain(self.doc.design.name)}” has unsaved changes. Save them?</p>",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_design(self) -> None:
        if not self.maybe_save():
            return
        try:
            from dataclasses import replace

            d = replace(default_design(), description="")
            self.doc.replace(d, None, auto_named=True)  # named after its layers until the user names it
        except AnodeLabError as exc:
            show_error(self, "Cannot create a design", exc)
        self.status_label.setText("New design (from the Cu-nanowire example)")

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.doc.path.parent) if self.doc.path else str(examples_dir())
        path, _ = QFileDialog.getOpenFileName(self, "Open design", start, "AnodeLab designs (*.toml);;All files (*)")
        if path:
            self.open_file(path)

    def open_file(self, path: str | Path, ask: bool = False) -> bool:
        """Open a design file; a bad file shows the error and leaves the current design as it was."""
        if ask and not self.maybe_save():
            return False
        shipped = is_shipped(path)
        try:
            if shipped:  # an example or template: an untitled copy, Save asks where
                self.doc.replace(load_design(path), None, auto_named=True)
            else:
                self.doc.open(path)
        except AnodeLabError as exc:
            show_error(self, "Cannot open the design", exc)
            return False
        if shipped:
            self._origin = f"untitled copy of {Path(path).name}"
            self._update_title()
            self.status_label.setText(f"Opened a copy of the shipped file {Path(path).name}; Save asks where to keep it")
        else:
            self._add_recent(Path(path))
            self.status_label.setText(f"Opened {path}")
        return True

    def save(self) -> bool:
        if self.doc.path is None or is_shipped(self.doc.path):
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in self.doc.design.name)[:40].strip("_")
        if self.doc.path is not None and not is_shipped(self.doc.path):
            start = self.doc.path
        else:
            folder = Path(str(self.settings.value("files/last_dir", "") or "")) or user_documents_dir()
            if not str(folder) or str(folder) == "." or is_shipped(folder):
                folder = user_documents_dir()
            start = folder / ((stem or "design") + ".toml")
        path, _ = QFileDialog.getSaveFileName(self, "Save design as", str(start), "AnodeLab designs (*.toml)")
        if not path:
            return False
        if not path.lower().endswith(".toml"):
            path += ".toml"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        if is_shipped(path):
            show_error(self, "Cannot save the design", AnodeLabError(
                "is a file shipped with AnodeLab (examples and templates are never overwritten); "
                "use Save As… and choose a folder of your own", file=str(path)))
            return False
        try:
            self.doc.save(path)
        except AnodeLabError as exc:
            show_error(self, "Cannot save the design", exc)
            return False
        self._add_recent(path)
        self.settings.setValue("files/last_dir", str(Path(path).parent))
        self.remove_autosave()
        self.status_label.setText(f"Saved {path}")
        return True

    # ================================================================== autosave / recovery
    # Every window (in practice: every running AnodeLab) autosaves to its own pair of files,
    # autosave/<pid>-<uuid>.toml + .json (the JSON holds the pid, the design's own path, name and time).
    # A clean exit removes only its own pair; at start-up every pair whose process is gone is offered.

    @property
    def autosave_id(self) -> str:
        """``<pid>-<random hex>``: this window's autosave file stem (fixed for the window's lifetime)."""
        aid = getattr(self, "_autosave_id", None)
        if aid is None:
            aid = self._autosave_id = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        return aid

    @staticmethod
    def autosave_dir() -> Path:
        return user_data_dir() / "autosave"

    def autosave_paths(self) -> tuple[Path, Path]:
        """This window's autosave design file and its JSON side file."""
        folder = self.autosave_dir()
        return folder / f"{self.autosave_id}.toml", folder / f"{self.autosave_id}.json"

    def autosave(self) -> bool:
        """Write the unsaved design to the user data folder (atomic). Only when modified."""
        if not self.doc.is_modified:
            return False
        toml_path, meta_path = self.autosave_paths()
        try:
            toml_path.parent.mkdir(parents=True, exist_ok=True)
            if getattr(self, "_autosave_lock", None) is None:
                self._autosave_lock = InstanceLock.acquire(toml_path.with_suffix(".lock"))
            save_design(self.doc.design, toml_path)
            from ..fileio import atomic_write_text

            atomic_write_text(meta_path, json.dumps({
                "pid": os.getpid(), "start": process_start_id(os.getpid()),
                "path": str(self.doc.path or ""), "time": time.strftime("%Y-%m-%d %H:%M:%S"),
                "name": self.doc.design.name,
            }))
        except (OSError, AnodeLabError) as exc:
            self.status_label.setText(f"Autosave failed: {exc}")
            return False
        self.status_label.setText(f"Autosaved at {time.strftime('%H:%M:%S')}")
        return True

    def remove_autosave(self) -> None:
        """Delete this window's autosave (never another instance's) and release its lock."""
        _unlink(*self.autosave_paths())
        lock = getattr(self, "_autosave_lock", None)
        if lock is not None:
            lock.release(remove=True)
            self._autosave_lock = None

    def orphaned_autosaves(self) -> list[tuple[Path, Path, dict]]:
        """Autosaves left by instances that are no longer running: (design file, JSON file, metadata),
        oldest first. An autosave of a running instance (its pid is alive) is not an orphan."""
        return orphaned_autosaves(self.autosave_dir(), own=self.autosave_id)

    def offer_recovery(self) -> bool:
        """After a crash autosaves are left behind: offer to restore each one. True if one was restored
        into this window (further ones open in new windows; declined ones are deleted)."""
        restored = False
        for toml_path, meta_path, meta in self.orphaned_autosaves():
            claimed = self._claim_autosave(toml_path, meta_path)
            if claimed is None:
                continue  # another instance starting at the same time took it
            toml_path, meta_path, lock = claimed
            try:
                answer = QMessageBox.question(
                    self, "Recover unsaved work?",
                    "<p>AnodeLab did not close normally. An autosave of “"
                    f"{_plain(meta.get('name', 'a design'))}” from {_plain(meta.get('time', 'an earlier session'))} "
                    "exists. Recover it?</p>",
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes,
                )
                if answer != QMessageBox.StandardButton.Yes:
                    _unlink(toml_path, meta_path)
                    continue
                target = self if not restored and not self.doc.is_modified else self._new_window()
                if target.restore_autosave(toml_path, meta):
                    # the orphan is deleted only once the window has written the work as its own
                    # autosave: a second crash now still leaves one recoverable copy
                    if target.autosave():
                        _unlink(toml_path, meta_path)
                    restored = restored or target is self
            finally:
                lock.release(remove=not toml_path.exists())
        return restored

    def restore_autosave(self, toml_path: Path, meta: dict) -> bool:
        try:
            design = load_design(toml_path)
            original = meta.get("path") or None
            self.doc.replace(design, Path(original) if original else None)
            self.doc.undo_stack.resetClean()  # recovered work is unsaved
            self._update_title()
        except AnodeLabError as exc:
            show_error(self, "Cannot recover the autosave", exc)
            return False
        self.status_label.setText("Recovered the autosaved design; save it to keep it")
        return True

    def _claim_autosave(self, toml_path: Path, meta_path: Path) -> "tuple[Path, Path, InstanceLock] | None":
        """Rename an orphan to a name of this process (atomic: of two instances only one succeeds),
        so no other instance offers it too and a crash now leaves it recoverable again."""
        stem = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        new_toml, new_meta = toml_path.with_name(stem + ".toml"), meta_path.with_name(stem + ".json")
        lock = InstanceLock.acquire(new_toml.with_suffix(".lock"))  # held while this window decides
        try:
            os.rename(toml_path, new_toml)
        except OSError:
            lock.release(remove=True)
            return None
        _unlink(toml_path.with_suffix(".lock"))  # the dead owner's lock file
        try:
            os.rename(meta_path, new_meta)
        except OSError:
            new_meta = meta_path  # no side file: nothing to claim
        return new_toml, new_meta, lock

    def _new_window(self):
        """A further window for a second recovered design (kept alive by this window)."""
        w = type(self)(settings=self.settings)
        w.show()
        if not hasattr(self, "_recovered_windows"):
            self._recovered_windows = []
        self._recovered_windows.append(w)
        return w


def _unlink(*paths: Path) -> None:
    for p in paths:
        try:
            p.unlink()
        except OSError:
            pass


def _plain(text) -> str:
    """Text from a file for a message box: escaped, so that Qt never renders it as rich text."""
    import html

    text = str(text)
    if len(text) > 200:
        text = text[:199] + "…"
    return html.escape(text, quote=False)


class InstanceLock:
    """An exclusive lock on ``<autosave>.lock`` held by a running window for its whole life.

    POSIX ``flock`` locks belong to the open file and vanish when the process dies, so a lock that
    can be taken proves its owner is gone — a reused pid cannot fake it. Elsewhere (Windows) the
    lock is a plain marker and orphans are recognised by pid and process start time.
    """

    def __init__(self, path: Path, fd: int | None):
        self.path, self.fd = path, fd

    @classmethod
    def acquire(cls, path: Path) -> "InstanceLock":
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return cls(path, None)
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - Windows
            pass
        except OSError:
            os.close(fd)
            return cls(path, None)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {process_start_id(os.getpid())}\n".encode())
        except OSError:
            pass
        return cls(path, fd)

    def release(self, *, remove: bool = False) -> None:
        if remove:
            _unlink(self.path)
        if self.fd is not None:
            try:
                os.close(self.fd)
            except OSError:
                pass
            self.fd = None


def lock_state(lock_path: Path) -> bool | None:
    """True if a live process holds ``lock_path``, False if its owner is gone, None if unknown."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return None
    try:
        fd = os.open(lock_path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing drops the probe's lock again
    return False


def process_start_id(pid: int) -> str:
    """An id of a process that a reused pid does not share: its start time (and this boot's id)."""
    try:
        import psutil

        return f"{psutil.Process(pid).create_time():.2f}"
    except Exception:  # noqa: BLE001 - psutil missing, or the process is gone
        pass
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as fh:
            boot = fh.read().strip()
        return f"{boot}:{int(fields[19])}"
    except (OSError, IndexError, ValueError):
        return ""


def _is_anodelab_process(pid: int) -> bool | None:
    """Whether a running pid is an AnodeLab (by its command line); None if that cannot be read."""
    try:
        import psutil

        cmd = " ".join(psutil.Process(pid).cmdline())
    except Exception:  # noqa: BLE001
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmd = fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            return None
    return "anodelab" in cmd.lower()


def autosave_owner_alive(toml_path: Path, meta: dict, pid: int | None) -> bool:
    """Whether the instance that wrote this autosave still runs.

    In order: its lock file (held by the living owner; immune to pid reuse); else the pid with the
    process start time recorded in the JSON (a reused pid has another start time); else — autosaves
    of older versions — the pid, if that process is an AnodeLab at all.
    """
    state = lock_state(toml_path.with_suffix(".lock"))
    if state is not None:
        return state
    if pid is None or not process_alive(pid):
        return False
    if pid == os.getpid():
        return True
    recorded = meta.get("start")
    if isinstance(recorded, str) and recorded:
        return process_start_id(pid) == recorded
    is_ours = _is_anodelab_process(pid)
    return True if is_ours is None else is_ours


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (signal 0 on POSIX; OpenProcess on Windows, where
    ``os.kill`` would terminate it)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.GetLastError() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        try:
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return False
    return True


def orphaned_autosaves(folder: Path, own: str = "") -> list[tuple[Path, Path, dict]]:
    """(design file, JSON file, metadata) of every autosave in ``folder`` whose process is gone, oldest
    first. The pid comes from the JSON (or the file name); the single autosave.toml of older versions
    has none and is always an orphan."""
    out = []
    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:  # removed meanwhile by its owner
            return 0.0

    try:
        files = sorted(folder.glob("*.toml"), key=mtime)
    except OSError:
        return []
    for toml_path in files:
        if toml_path.stem == own:
            continue
        meta_path = toml_path.with_suffix(".json")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        except (OSError, ValueError):
            meta = {}
        if not isinstance(meta, dict):
            meta = {}
        pid = meta.get("pid")
        if not isinstance(pid, int):
            head = toml_path.stem.split("-", 1)[0]
            pid = int(head) if head.isdigit() else None
        if autosave_owner_alive(toml_path, meta, pid):
            continue
        out.append((toml_path, meta_path, meta))
    return out
