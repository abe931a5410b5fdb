"""Start the desktop app: Qt setup (high-DPI, CJK font, icon), the store, the first-run sample, the window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QLockFile, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from .. import APP_NAME
from ..errors import ShuifaError
from ..store import Store, StoreDamagedError, newest_good_backup, restore_backup, set_aside

SAMPLE_LIST = "niuxintuo-town-2023"
FIRST_RUN_KEY = "gui.first_run_done"
SAMPLE_KEY = "gui.sample_id"
AFTER_START_MS = 200


def make_app(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, set up once (tests and benchmarks reuse it)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(list(argv) if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    # no applicationDisplayName: Qt would append it to every window title ("… — 述法助手")
    app.setOrganizationName("shuifa")
    app.setDesktopFileName("shuifa")
    from .look import app_icon, apply_font

    if sys.platform.startswith("linux") and "Fusion" in _styles():
        app.setStyle("Fusion")  # consistent on UOS/麒麟/offscreen, where the native style varies
    apply_font(app)
    app.setWindowIcon(app_icon())
    install_chinese_qt(app)
    return app


def install_chinese_qt(app: QApplication) -> bool:
    """Qt's own texts (context menus of the editors, file choosers, calendar) in Chinese, whatever
    the system language."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        return True
    return False


def _styles() -> list[str]:
    from PySide6.QtWidgets import QStyleFactory

    return QStyleFactory.keys()


def ensure_sample(store: Store) -> str | None:
    """On the very first run with an empty store, add a finished sample report so a new user sees
    what a complete report looks like. Returns its id (None when nothing was added)."""
    if store.get_state(FIRST_RUN_KEY) or store.list_reports(include_deleted=True):
        store.set_state(FIRST_RUN_KEY, True)
        return None
    from ..lists import load_builtin
    from ..sample import make_sample

    try:
        report = make_sample(load_builtin(SAMPLE_LIST), with_last_year=True)  # 上年度问题整改情况 filled too
    except ShuifaError:
        store.set_state(FIRST_RUN_KEY, True)
        return None
    store.create_report(report)
    store.set_state(SAMPLE_KEY, report.id)
    store.set_state(FIRST_RUN_KEY, True)
    return report.id


LOCK_NAME = "shuifa.lock"
ALREADY_RUNNING = "述法助手已经在运行。"


def instance_lock() -> QLockFile:
    """The lock that one running app holds on its data folder. A lock left by a process that no longer
    runs (killed, crashed) is stale and taken over; its age alone never makes it stale, so a window
    open for days keeps it."""
    from ..paths import data_home

    lock = QLockFile(str(data_home() / LOCK_NAME))
    lock.setStaleLockTime(0)  # stale only when its process is gone
    return lock


def claim_instance() -> tuple[bool, QLockFile | None]:
    """(go on, the lock held). When another instance runs on the same data folder, ask the user."""
    lock = instance_lock()
    if lock.tryLock(0):
        return True, lock
    from . import messages

    if lock.error() != QLockFile.LockError.LockFailedError:  # a read-only folder: nothing to protect
        return True, None
    info = lock.getLockInfo()  # PySide6: (pid, hostname, appname)
    pid = info[0] if isinstance(info, tuple) and info and isinstance(info[0], int) else 0
    who = f"（进程号 {pid}）" if pid else ""
    answer = messages.ask(
        None,
        f"述法助手已经在运行{who}，正在使用同一个数据文件夹。",
        ("仍然打开", "退出"),
        default="退出",
        detail=(
            "建议切换到已经打开的述法助手窗口继续工作（可在任务栏中找到它）。\n"
            "如果仍然打开第二个窗口：两个窗口中对同一项职责（或同一页报告信息）的修改不会互相覆盖，"
            "后保存的一方会被拒绝，并把未保存的内容复制到剪贴板。"
        ),
        title=ALREADY_RUNNING,
    )
    return answer == "仍然打开", None


def after_first_paint() -> None:
    """Work that must not delay the first window: preload the render package in a thread, and move
    everything made so far out of the cyclic garbage collector's way (shorter GC pauses while typing)."""
    import gc

    from .preview_panel import preload_render

    gc.collect()
    gc.freeze()
    preload_render()


RESTORE = "从备份恢复"
NEW_BLANK = "新建空白数据（保留损坏文件）"
QUIT = "退出"


def open_store() -> Store | None:
    """The store, or None after telling the user why not. A damaged store is never replaced silently:
    the user chooses between the newest good backup, a new blank store (the damaged file is kept aside
    in both cases) and quitting (nothing is changed)."""
    from . import messages

    try:
        return Store.open()
    except StoreDamagedError as exc:
        return _damaged_store(exc)
    except ShuifaError as exc:
        messages.show_error(None, exc, "无法打开数据文件")
        return None


def _damaged_store(exc: StoreDamagedError) -> Store | None:
    from ..paths import store_path
    from . import messages

    path = exc.path or store_path()
    good = newest_good_backup(path)
    if good is not None:
        detail = (
            f"最近一份完好的备份：{good.time:%Y年%m月%d日 %H:%M}，{good.reports} 份报告。\n"
            f"“{RESTORE}”：用这份备份继续工作；“{NEW_BLANK}”：从空白数据开始。"
            f"两种做法都会把损坏的文件改名为“{path.name}.damaged-日期时间”保留在原文件夹中，不会删除。"
        )
        buttons: tuple[str, ...] = (RESTORE, NEW_BLANK, QUIT)
    else:
        detail = (
            f"备份文件夹“{path.parent / 'backups'}”中没有找到完好的备份。\n"
            f"“{NEW_BLANK}”：把损坏的文件改名为“{path.name}.damaged-日期时间”保留，从空白数据开始；"
            "“退出”：不做任何改动，可请管理员帮助恢复。"
        )
        buttons = (NEW_BLANK, QUIT)
    answer = messages.show(None, messages.Message("error", "无法打开数据文件", exc.message, detail, buttons, QUIT))
    if answer not in (RESTORE, NEW_BLANK):
        return None
    try:
        kept = set_aside(path)
        if answer == RESTORE and good is not None:
            restore_backup(good.path, path)
            store = Store.open()
            messages.info(
                None,
                f"已从 {good.time:%Y年%m月%d日 %H:%M} 的备份恢复（{good.reports} 份报告）。",
                f"损坏的文件已改名保留为“{kept}”。此后的修改需要重新填写。",
                title="已从备份恢复",
            )
        else:
            store = Store.open()
            store.set_state(FIRST_RUN_KEY, True)  # blank: no sample report
            messages.info(None, "已新建空白数据。", f"损坏的文件已改名保留为“{kept}”。", title="已新建空白数据")
        return store
    except ShuifaError as err:
        messages.show_error(None, err, "无法打开数据文件")
        return None


def create_window(store: Store):
    from .main_window import MainWindow

    return MainWindow(store)


def run(argv: Sequence[str] | None = None, on_ready: Callable[[object], None] | None = None) -> int:
    """Run the app until the window closes. ``on_ready(window)`` is called once it is shown."""
    app = make_app(argv)
    from . import messages

    go_on, lock = claim_instance()
    if not go_on:
        return 0
    store = open_store()
    if store is None:
        if lock is not None:
            lock.unlock()
        return 1
    try:
        ensure_sample(store)
    except Exception as exc:  # noqa: BLE001 - a missing sample must never stop the app
        print(f"述法助手：未能生成示例报告：{exc}", file=sys.stderr)
    from . import preview_panel

    try:
        win = create_window(store)
        win.restore_session()
    except ShuifaError as exc:  # the store failed while the window read it: a message, never a bare crash
        messages.show_error(None, exc, "无法打开数据文件")
        store.close()
        if lock is not None:
            lock.unlock()
        return 1
    preview_panel.background_import = True
    win.show()
    if on_ready is not None:
        QTimer.singleShot(0, lambda: on_ready(win))
    QTimer.singleShot(AFTER_START_MS, after_first_paint)  # once the window is up and painted
    try:
        return app.exec()
    finally:
        preview_panel.background_import = False
        store.close()
        if lock is not None:
            lock.unlock()


def main() -> int:
    os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "1")
    return run()


if __name__ == "__main__":
    sys.exit(main())
