"""The Qt face of AnodeLab. Every Qt import of the project lives in this package.

Entry point: :func:`anodelab.gui.app.main` (``anodelab-gui``). The window holds one
:class:`~anodelab.gui.document.DesignDocument`; widgets observe its change signals.
"""
