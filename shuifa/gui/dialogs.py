"""Modal dialogs and file choosers go through here, so tests can drive them (like ``messages``).

``set_dialog_driver(fn)``: ``fn(dialog)`` is called instead of ``dialog.exec()`` and returns the
result code (the driver fills the dialog's widgets and accepts it). ``set_file_answerer(fn)``:
``fn(kind, title, suggested)`` returns a path (or None for 取消) instead of a file chooser.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget

DialogDriver = Callable[[QDialog], int]
FileAnswerer = Callable[[str, str, str], "str | list[str] | None"]
_driver: DialogDriver | None = None
_files: FileAnswerer | None = None


def set_dialog_driver(driver: DialogDriver | None) -> None:
    global _driver
    _driver = driver


def set_file_answerer(answerer: FileAnswerer | None) -> None:
    global _files
    _files = answerer


def ok_cancel(dialog: QDialog, ok_text: str, on_ok: Callable[[], object]) -> QDialogButtonBox:
    """The dialog's 确定/取消 row: OK reads ``ok_text`` and calls ``on_ok``, 取消 rejects the dialog."""
    bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    bb.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    bb.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    bb.accepted.connect(on_ok)
    bb.rejected.connect(dialog.reject)
    return bb


def run(dialog: QDialog) -> int:
    """``dialog.exec()``, or the test driver."""
    if _driver is not None:
        return _driver(dialog)
    return dialog.exec()


def open_file(parent: QWidget | None, title: str, filters: str, start: str = "") -> str | None:
    if _files is not None:
        got = _files("open", title, start)
        return got if isinstance(got, str) else None
    path, _ = QFileDialog.getOpenFileName(parent, title, start, filters)
    return path or None


def save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    if _files is not None:
        got = _files("save", title, suggested)
        return got if isinstance(got, str) else None
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


def choose_folder(parent: QWidget | None, title: str, start: str = "") -> str | None:
    if _files is not None:
        got = _files("folder", title, start)
        return got if isinstance(got, str) else None
    return QFileDialog.getExistingDirectory(parent, title, start) or None
