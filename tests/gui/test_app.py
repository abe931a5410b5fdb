"""Start-up as ``python main.py`` does it: first run, the sample, the session, a store that cannot be opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from shuifa.gui import app as gui_app
from shuifa.store import Store


def test_first_start_shows_the_sample_then_the_session_comes_back(app, shuifa_home: Path):
    seen = {}

    def first(win) -> None:
        seen["title"] = win.windowTitle()
        seen["rows"] = [win.start.tree.topLevelItem(i).text(0) for i in range(win.start.tree.topLevelItemCount())]
        win.open_report(win.start.summaries[0].id)
        keys = win.view.model.duty_keys()
        win.view.go_to(keys[3])
        seen["key"] = keys[3]
        win.close()

    assert gui_app.run(["shuifa"], first) == 0
    assert seen["title"] == "述法助手"
    assert len(seen["rows"]) == 1 and seen["rows"][0].endswith("（示例）")

    def second(win) -> None:
        seen["view"] = win.view is not None and win.view.current_key
        seen["title2"] = win.windowTitle()
        win.close()

    assert gui_app.run(["shuifa"], second) == 0
    assert seen["view"] == seen["key"]
    assert seen["title2"].startswith("述法助手 — ") and seen["title2"].endswith("年度述法报告")
    with Store.open() as s:
        assert len(s.list_reports()) == 1  # the sample is added once
    QApplication.processEvents()


def test_a_store_that_cannot_be_opened_is_explained(app, shuifa_home: Path, answers):
    shuifa_home.mkdir(parents=True, exist_ok=True)
    (shuifa_home / "shuifa.db").write_bytes(b"this is not a database at all" * 100)
    assert gui_app.run(["shuifa"], lambda win: win.close()) == 1
    msg = answers.seen[-1]
    assert msg.level == "error" and msg.title == "无法打开数据文件"
    assert "备份" in msg.detail


HOLDER = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(0)
print("locked", flush=True)
time.sleep(60)
"""


def _hold_lock(path: Path):
    import subprocess
    import sys

    p = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None and p.stdout.readline().strip() == "locked"
    return p


def test_a_second_instance_is_warned_and_may_quit(app, shuifa_home: Path, answers):
    shuifa_home.mkdir(parents=True, exist_ok=True)
    holder = _hold_lock(shuifa_home / gui_app.LOCK_NAME)
    try:
        answers.queue = ["退出"]
        started = []
        assert gui_app.run(["shuifa"], lambda win: started.append(win) or win.close()) == 0
        assert started == []  # no window
        msg = answers.seen[-1]
        assert msg.title == "述法助手已经在运行。"
        assert msg.text.startswith("述法助手已经在运行") and f"进程号 {holder.pid}" in msg.text
        assert tuple(msg.buttons) == ("仍然打开", "退出") and msg.default == "退出"
        assert "同一项职责" in msg.detail and "拒绝" in msg.detail and "覆盖" in msg.detail
        # 仍然打开: the app starts (without taking the other's lock)
        answers.queue = ["仍然打开"]
        assert gui_app.run(["shuifa"], lambda win: started.append(win) or win.close()) == 0
        assert len(started) == 1
        assert (shuifa_home / gui_app.LOCK_NAME).read_text().split()[0] == str(holder.pid)
    finally:
        holder.kill()
        holder.wait()
    QApplication.processEvents()


def test_a_lock_left_by_a_killed_app_does_not_block(app, shuifa_home: Path, answers):
    shuifa_home.mkdir(parents=True, exist_ok=True)
    lock_path = shuifa_home / gui_app.LOCK_NAME
    holder = _hold_lock(lock_path)
    holder.kill()  # SIGKILL: the lock file stays behind
    holder.wait()
    assert lock_path.exists()
    started = []
    assert gui_app.run(["shuifa"], lambda win: started.append(win) or win.close()) == 0
    assert len(started) == 1
    assert not [m for m in answers.seen if m.title == "述法助手已经在运行。"]
    assert not lock_path.exists()  # released on quit
    # and while the app runs, it holds the lock: a second start is warned
    seen = {}

    def ready(win) -> None:
        other = gui_app.instance_lock()
        seen["other_locked"] = other.tryLock(0)
        seen["held_by_me"] = lock_path.read_text().split()[0]
        win.close()

    assert gui_app.run(["shuifa"], ready) == 0
    import os

    assert seen == {"other_locked": False, "held_by_me": str(os.getpid())}
    QApplication.processEvents()
