"""Project files of the main window: New/Open/Save/Save As (atomic), recent files, autosave and recovery."""

from __future__ import annotations

import json
import time
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
)

from ..design import Design, load_design, save_design
from ..errors import AnodeLabError
from ..paths import examples_dir, user_data_dir
from .editing import show_error


DEFAULT_EXAMPLE = "na_cunw_diglyme.toml"
MAX_RECENT = 8


def default_design() -> Design:
    return load_design(examples_dir() / DEFAULT_EXAMPLE)


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
            f"The design “{self.doc.design.name}” has unsaved changes. Save them?",
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

            d = replace(default_design(), name="Untitled design", description="")
            self.doc.replace(d, None)
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
        try:
            self.doc.open(path)
        except AnodeLabError as exc:
            show_error(self, "Cannot open the design", exc)
            return False
        self._add_recent(Path(path))
        self.status_label.setText(f"Opened {path}")
        return True

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        start = str(self.doc.path or Path.home() / (self.doc.design.name.replace(" ", "_")[:40] + ".toml"))
        path, _ = QFileDialog.getSaveFileName(self, "Save design as", start, "AnodeLab designs (*.toml)")
        if not path:
            return False
        if not path.lower().endswith(".toml"):
            path += ".toml"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            self.doc.save(path)
        except AnodeLabError as exc:
            show_error(self, "Cannot save the design", exc)
            return False
        self._add_recent(path)
        self.remove_autosave()
        self.status_label.setText(f"Saved {path}")
        return True

    # ================================================================== autosave / recovery
    @staticmethod
    def autosave_paths() -> tuple[Path, Path]:
        folder = user_data_dir() / "autosave"
        return folder / "autosave.toml", folder / "autosave.json"

    def autosave(self) -> bool:
        """Write the unsaved design to the user data folder (atomic). Only when modified."""
        if not self.doc.is_modified:
            return False
        toml_path, meta_path = self.autosave_paths()
        try:
            save_design(self.doc.design, toml_path)
            from ..fileio import atomic_write_text

            atomic_write_text(meta_path, json.dumps({
                "path": str(self.doc.path or ""), "time": time.strftime("%Y-%m-%d %H:%M:%S"),
                "name": self.doc.design.name,
            }))
        except (OSError, AnodeLabError) as exc:
            self.status_label.setText(f"Autosave failed: {exc}")
            return False
        self.status_label.setText(f"Autosaved at {time.strftime('%H:%M:%S')}")
        return True

    def remove_autosave(self) -> None:
        for p in self.autosave_paths():
            try:
                p.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                pass

    def offer_recovery(self) -> bool:
        """After a crash an autosave is left behind: offer to restore it. True if restored."""
        toml_path, meta_path = self.autosave_paths()
        if not toml_path.exists():
            return False
        try:
            meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        except (OSError, ValueError):
            meta = {}
        answer = QMessageBox.question(
            self, "Recover unsaved work?",
            f"AnodeLab did not close normally. An autosave of “{meta.get('name', 'a design')}” from "
            f"{meta.get('time', 'an earlier session')} exists. Recover it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.remove_autosave()
            return False
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
