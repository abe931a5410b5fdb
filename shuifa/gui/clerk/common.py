"""Shared pieces of the clerk dialogs: file choosers and dialog execution as replaceable hooks
(tests swap them), blocking runs of off-thread tasks, opening files and folders."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QBoxLayout, QDialog, QDialogButtonBox, QFileDialog, QWidget

from ...clerk.oserror import chinese_error
from ...model import Report
from ...store import Store
from .. import messages
from ..tasks import Progress, run_task


def exec_dialog(dialog: QDialog) -> bool:
    """Show a modal dialog; True when accepted. Tests replace this to fill and accept it."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def add_buttons(
    dialog: QDialog,
    layout: QBoxLayout,
    ok: str,
    cancel: str = "取消",
    on_ok: Callable[[], Any] | None = None,
) -> QDialogButtonBox:
    """An OK/cancel row at the end of ``layout``: ``ok`` runs ``on_ok`` (default: accept), ``cancel`` rejects."""
    buttons = QDialogButtonBox()
    buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return buttons


def choose_save_path(parent: QWidget | None, title: str, default: str, file_filter: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, default, file_filter)
    return path or None


def choose_folder(parent: QWidget | None, title: str, start: str) -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title, start)
    return path or None


def choose_import_paths(parent: QWidget | None) -> list[str]:
    """Ask for files or a folder to import; [] when the user cancels."""
    how = messages.ask(
        parent,
        "请选择要导入的述法报告文件（.shufa），或包含这些文件的文件夹（含子文件夹）。",
        ("选择文件…", "选择文件夹…", "取消"),
        title="导入报告",
    )
    if how == "选择文件…":
        files, _ = QFileDialog.getOpenFileNames(parent, "选择报告文件", str(Path.home()), "述法报告文件 (*.shufa)")
        return list(files)
    if how == "选择文件夹…":
        folder = QFileDialog.getExistingDirectory(parent, "选择包含报告文件的文件夹", str(Path.home()))
        return [folder] if folder else []
    return []


def open_path(path: Path) -> bool:
    """Open a file or folder with the system's program (file manager, PDF viewer, WPS)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def cannot_open_advice(path: Path) -> str:
    """What to do when the system has no program to open ``path``, by what it is."""
    suffix = path.suffix.lower()
    if path.is_dir() or not suffix:
        return "请在文件管理器中打开该文件夹。"
    if suffix == ".pdf":
        return "请在文件管理器中找到该文件，用 PDF 阅读器（如福昕阅读器、WPS、浏览器）打开。"
    if suffix == ".xlsx":
        return "请在文件管理器中找到该文件，用 WPS 表格或 Excel 打开。"
    return "请在文件管理器中找到该文件，用 WPS 或 Word 打开。"


def open_or_explain(parent: QWidget | None, path: Path) -> bool:
    """Open ``path`` with the system's program; when that fails, say where it is and what to use."""
    if open_path(path):
        return True
    what = "文件夹" if path.is_dir() else "文件"
    messages.warn(parent, f"无法用系统程序打开{what}“{path}”。", cannot_open_advice(path), title="无法打开")
    return False


def show_error(parent: QWidget | None, exc: BaseException, title: str = "出错了") -> None:
    """``messages.show_error`` with an OSError worded in Chinese (never the system's English text)."""
    messages.show_error(parent, chinese_error(exc), title=title)


def run_blocking(parent: QWidget | None, title: str, fn: Callable[[Progress], Any]) -> tuple[Any, BaseException | None]:
    """Run ``fn`` off the GUI thread with the progress dialog, waiting (the GUI stays live) until
    it ends. Returns (result, None) or (None, exception); the caller shows errors."""
    box: dict[str, Any] = {}
    loop = QEventLoop()
    task = run_task(
        parent,
        title,
        fn,
        on_done=lambda r: box.__setitem__("result", r),
        on_error=lambda e: box.__setitem__("error", e),
    )
    task.finished.connect(loop.quit)
    loop.exec()
    return box.get("result"), box.get("error")


def load_reports(parent: QWidget | None, store: Store, report_ids: Sequence[str]) -> list[Report] | None:
    """The selected reports in the order given; None (after telling the user) when there are none
    or one cannot be loaded."""
    if not report_ids:
        messages.info(parent, "请先在报告列表中选择一份或多份报告。", title="没有选择报告")
        return None
    try:
        return [store.load_report(rid) for rid in report_ids]
    except Exception as exc:
        show_error(parent, exc)
        return None


def default_folder(store: Store, key: str) -> str:
    """The folder last used for ``key`` (kept in the store), else the home folder."""
    last = store.get_state(f"clerk.{key}")
    if isinstance(last, str) and Path(last).is_dir():
        return last
    return str(Path.home())


def remember_folder(store: Store, key: str, folder: Path) -> None:
    try:
        store.set_state(f"clerk.{key}", str(folder))
    except Exception:
        pass  # remembering a folder must never break an export
