"""``anodelab-gui [DESIGN.toml] [--version] [--selftest]`` – the desktop entry point.

Arguments are parsed before Qt is imported, so ``--version`` and ``--selftest`` start fast and
work without a display.
"""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="anodelab-gui", description="AnodeLab: design sodium-metal anodes.")
    p.add_argument("design", nargs="?", help="design file (TOML) to open; default: the Cu-nanowire example")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    p.add_argument("--selftest", action="store_true", help="check the installation and exit (0 = OK)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    import anodelab

    if args.version:
        print(f"AnodeLab {anodelab.__version__}")
        return 0
    if args.selftest:
        try:
            from anodelab.gui.selftest import run_selftest
        except ImportError as exc:
            print(f"anodelab-gui: the self-test is not available in this build ({exc})", file=sys.stderr)
            return 2
        return int(run_selftest() or 0)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "anodelab-gui"])
    app.setOrganizationName("AnodeLab")
    app.setApplicationName("AnodeLab")
    app.setApplicationVersion(anodelab.__version__)
    settings = QSettings()  # created once here and passed in (tests pass their own)

    window = launch(args.design, settings)
    if window is None:
        return 2
    window._keep = True
    return int(app.exec())


def launch(design_path: str | None, settings):
    """Create and show the main window on the example, then (once shown) offer crash recovery
    or open ``design_path``. A bad file gives an error dialog and the example stays open."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow, app_icon

    from PySide6.QtWidgets import QMessageBox

    from ..errors import AnodeLabError
    from ..materials.library import default_library
    from .plain_text import rich_message

    QApplication.instance().setWindowIcon(app_icon())
    try:
        window = MainWindow(settings=settings)
    except AnodeLabError as exc:  # the installed library or the example is broken: say so, no traceback
        QMessageBox.critical(None, "AnodeLab cannot start", rich_message(str(exc)))
        return None
    window.show()

    def after_show() -> None:
        lib = default_library()
        notes = list(lib.problems) + [
            f"your file {path} replaces the installed material '{mid}'" for mid, path in lib.overrides.items()
        ]
        if notes:
            QMessageBox.warning(window, "Your material library", rich_message("\n\n".join(notes)))
        if not window.offer_recovery() and design_path:
            window.open_file(design_path)
        window.startupDone.emit()

    QTimer.singleShot(0, after_show)
    return window


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
