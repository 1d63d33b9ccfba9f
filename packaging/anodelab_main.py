"""Entry point of the bundled ``anodelab`` program (PyInstaller runs this file as ``__main__``).

    anodelab --version            print "AnodeLab <version>" and exit
    anodelab --selftest           run anodelab.gui.selftest.run_selftest() and exit with its status
    anodelab score design.toml    any command-line sub-command (score, materials, simulate, …)
    anodelab [design.toml]        open the main window (anodelab.gui.app.main)

``--version`` and ``--selftest`` are answered here, before Qt or the GUI is imported, so they work
(and start fast) whatever state the GUI package is in. Everything else goes to the GUI, except a
first argument naming a command-line sub-command, which goes to :func:`anodelab.cli.main` so
collaborators get the same CLI as a Python install.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def _cli_commands() -> set[str]:
    import argparse

    from anodelab.cli import build_parser

    parser = build_parser()
    for action in parser._actions:  # argparse keeps sub-commands in a _SubParsersAction
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Qt warns on stderr and Python may fall back to ASCII without a UTF-8 locale (bare shells, cron,
    # `env -i`); every glibc >= 2.35 has C.UTF-8, so use it when the user chose no locale at all.
    if sys.platform.startswith("linux") and not any(os.environ.get(k) for k in ("LC_ALL", "LC_CTYPE", "LANG")):
        os.environ["LC_CTYPE"] = "C.UTF-8"

    # Options of the program itself come first; "anodelab score x.toml --version" is the CLI's business.
    own_options = bool(argv) and argv[0].startswith("-")

    if own_options and "--version" in argv:
        from anodelab import __version__

        print(f"AnodeLab {__version__}")
        return 0

    if own_options and "--selftest" in argv:
        from anodelab.gui.selftest import run_selftest

        return run_selftest(render_plot="--no-plot" not in argv)

    if argv and not argv[0].startswith("-") and not os.path.exists(argv[0]) and argv[0] in _cli_commands():
        from anodelab.cli import main as cli_main

        return cli_main(argv)

    try:
        from anodelab.gui.app import main as gui_main
    except ImportError as exc:
        print(f"anodelab: the graphical interface is not part of this build ({exc})", file=sys.stderr)
        return 3
    sys.argv = [sys.argv[0], *argv]
    return int(gui_main() or 0)


if __name__ == "__main__":
    # Screening may start worker processes; a frozen program must let them run instead of relaunching the app.
    multiprocessing.freeze_support()
    sys.exit(main())
