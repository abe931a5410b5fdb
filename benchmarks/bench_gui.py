"""Desktop-app figures: start-up, duty switching and autosave with 300 duties, memory.

- start to a usable window (process start → main window shown and painted), the real app vs a bare
  QMainWindow, each in fresh subprocesses (median of 5);
- switching duties with a 300-duty report, as the user waits for it: from the key press (Alt+↓, then Alt+↑
  back) to the new duty laid out and painted, every switch counted (the first pass is every duty's first
  visit); wall time and the GUI thread's CPU time (not slowed by other processes on the machine);
- the longest autosave flush on the GUI thread while editing the 300-duty report, and a preview refresh;
- RSS of the app with the 300-duty report open after visiting every duty.

The start-up children get a private ``PYTHONPYCACHEPREFIX``: an installed app has its modules compiled
(pip writes the .pyc files), while this repository is often run with PYTHONDONTWRITEBYTECODE set, which
would compile every module of the app at every start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow()
w.resize(1360, 860)
w.show()
app.processEvents()
print("ready", flush=True)
"""

APP = """
import sys
sys.path.insert(0, {root!r})
from shuifa.gui import app
def ready(win):
    from PySide6.QtWidgets import QApplication
    QApplication.processEvents()
    print("ready", "report" if win.view is not None else "start", flush=True)
    QApplication.instance().quit()
sys.exit(app.run(["shuifa"], ready))
"""


def time_child(code: str, env: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert p.stdout is not None
    line = p.stdout.readline()
    t = time.perf_counter() - t0
    p.wait(timeout=60)
    if not line.startswith("ready"):
        raise SystemExit(f"子进程没有启动成功：{line!r}")
    return t, line.split()[-1]


def startup() -> None:
    from common import figure

    home = tempfile.mkdtemp(prefix="shuifa-bench-gui-")
    env = {
        **os.environ,
        "SHUIFA_HOME": home,
        "QT_QPA_PLATFORM": os.environ["QT_QPA_PLATFORM"],
        "PYTHONPYCACHEPREFIX": os.path.join(home, "pycache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    app_code = APP.format(root=str(ROOT))
    time_child(app_code, env)  # first run: creates the store and the sample report
    time_child(BARE, env)  # warm the OS file cache for Qt itself
    bare = statistics.median(time_child(BARE, env)[0] for _ in range(5))
    app = statistics.median(time_child(app_code, env)[0] for _ in range(5))
    # with a report reopened (the session after the user worked on the sample report)
    from shuifa.store import Store

    os.environ["SHUIFA_HOME"] = home
    with Store.open() as s:
        rid = s.list_reports()[0].id
        s.set_state("gui.current", {"report": rid, "key": ""})
    reopened = statistics.median(time_child(app_code, env)[0] for _ in range(5))
    figure("start_bare_qmainwindow", bare * 1000, "ms")
    figure("start_to_usable_window", app * 1000, "ms", "< 1000 ms")
    figure("start_ratio_vs_bare", app / bare, "x", "< 4 x")
    figure("start_to_reopened_report", reopened * 1000, "ms", "< 1000 ms")
    figure("start_reopened_ratio_vs_bare", reopened / bare, "x", "< 4 x")


def big() -> None:
    """In a child process: the 300-duty report open in the real window."""
    from common import big_report, figure, percentile
    from PySide6.QtWidgets import QApplication

    from shuifa.gui.app import after_first_paint, make_app
    from shuifa.gui.main_window import MainWindow
    from shuifa.store import Store

    home = tempfile.mkdtemp(prefix="shuifa-bench-gui300-")
    os.environ["SHUIFA_HOME"] = home
    app = make_app(["bench"])
    store = Store.open()
    report = big_report(300)
    store.create_report(report)
    win = MainWindow(store)
    win.show()
    app.processEvents()
    t0 = time.perf_counter()
    win.open_report(report.id)
    app.processEvents()
    open_ms = (time.perf_counter() - t0) * 1000
    after_first_paint()  # as app.run does
    from shuifa.gui import preview_panel

    preview_panel._render_ready.wait(30)  # the background import of the render package is done
    app.processEvents()
    view = win.view
    keys = view.model.duty_keys()
    assert len(keys) == 300, len(keys)

    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtTest import QTest

    win.activateWindow()
    view.go_to(keys[0], focus=True)
    # The user reads the first duty for a second before stepping on: the idle time is the app's to use
    # (it prepares the next duties' documents); key presses that come sooner still find work in at most
    # small slices. Every switch below is still a first visit of its duty: shown, laid out, painted.
    QTest.qWait(1000)

    def switch_all(key: Qt.Key, n: int = len(keys) - 1) -> tuple[list[float], list[float]]:
        """Press Alt+key on the focused editor n times; each: key press → switched, laid out, painted."""
        wall, cpu = [], []
        for _ in range(n):
            before = view.current_key
            t, c = time.perf_counter(), time.process_time()
            QTest.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
            QApplication.processEvents()
            wall.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            assert view.current_key != before, "the key press did not switch duties"
        return wall, cpu

    first, first_cpu = switch_all(Qt.Key.Key_Down)  # first visit of every duty: its documents are created
    assert view.current_key == keys[-1]
    again, again_cpu = switch_all(Qt.Key.Key_Up)  # later visits
    assert view.current_key == keys[0]
    # 只看未完成 on, half of the duties still to write (as midway through a report): stepping onto the
    # finished ones, which the filter hides, adds and removes tree rows
    for k in keys[::2]:
        view.report.entries[k].performance = ""
    view.model.refresh_all()
    view.only_unfinished.setChecked(True)
    app.processEvents()
    filtered, filtered_cpu = switch_all(Qt.Key.Key_Down, 100)
    view.only_unfinished.setChecked(False)
    app.processEvents()
    # autosave: edit every 10th duty and flush, as the timer would
    flushes, flushes_cpu = [], []
    view.parts_editor.page("part:next_steps")  # built on first use
    for k in keys[::10]:
        view.go_to(k)
        ed = view.duty_editor.fields["performance"].editor
        ed.moveCursor(ed.textCursor().MoveOperation.End)
        ed.insertPlainText("补充一句。")
        view.parts_editor.fields["next_steps"].editor.insertPlainText("。")
        t, c = time.perf_counter(), time.process_time()
        view.autosave.flush()
        flushes.append((time.perf_counter() - t) * 1000)
        flushes_cpu.append((time.process_time() - c) * 1000)
    # the live preview of the whole 300-duty report, refreshed (after typing stops) while it is shown
    view.show_side("preview")
    app.processEvents()
    previews, previews_cpu = [], []
    for k in keys[::60]:  # a change somewhere in the report, then the refresh when typing pauses
        view.go_to(k)
        view.duty_editor.fields["performance"].editor.insertPlainText("再补一句。")
        app.processEvents()  # the switch and the keystroke painted
        # the refresh and its paint are one turn of the event loop; the speech's time is computed on the next
        for step in (lambda: (view.preview.refresh(), QCoreApplication.sendPostedEvents()), app.processEvents):
            t, c = time.perf_counter(), time.process_time()
            step()
            previews.append((time.perf_counter() - t) * 1000)
            previews_cpu.append((time.process_time() - c) * 1000)
    rss = 0.0
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
    figure("open_300_duty_report", open_ms, "ms")
    figure("switch_duty_300_first_visit_p95", percentile(first, 95), "ms", "< 16 ms")
    figure("switch_duty_300_first_visit_max", max(first), "ms", "< 16 ms")
    figure("switch_duty_300_first_visit_cpu_p95", percentile(first_cpu, 95), "ms", "< 16 ms; GUI thread CPU time")
    figure("switch_duty_300_first_visit_cpu_max", max(first_cpu), "ms", "< 16 ms; GUI thread CPU time")
    figure("switch_duty_300_p95", percentile(again, 95), "ms", "< 16 ms")
    figure("switch_duty_300_median", statistics.median(again), "ms", "< 16 ms")
    figure("switch_duty_300_max", max(again), "ms", "< 16 ms")
    figure("switch_duty_300_cpu_p95", percentile(again_cpu, 95), "ms", "< 16 ms; GUI thread CPU time")
    figure("switch_duty_300_cpu_max", max(again_cpu), "ms", "< 16 ms; GUI thread CPU time")
    figure("switch_duty_300_only_unfinished_p95", percentile(filtered, 95), "ms", "< 16 ms")
    figure("switch_duty_300_only_unfinished_max", max(filtered), "ms", "< 16 ms")
    figure(
        "switch_duty_300_only_unfinished_cpu_p95", percentile(filtered_cpu, 95), "ms", "< 16 ms; GUI thread CPU time"
    )
    figure("autosave_flush_300_max", max(flushes + [view.autosave.max_flush_ms]), "ms", "< 16 ms")
    figure("autosave_flush_300_median", statistics.median(flushes), "ms")
    figure("autosave_flush_300_cpu_max", max(flushes_cpu), "ms", "< 16 ms; GUI thread CPU time")
    figure("preview_refresh_300_max", max(previews), "ms", "< 16 ms; longest event-loop turn, typing paused")
    figure("preview_refresh_300_cpu_max", max(previews_cpu), "ms", "< 16 ms; GUI thread CPU time")
    figure("rss_300_duty_report", rss, "MB", "< 250 MB")
    win.close()
    store.close()


def main() -> int:
    if sys.argv[1:] == ["--big"]:
        big()
        return 0
    startup()
    env = {**os.environ}
    return subprocess.call([sys.executable, __file__, "--big"], env=env)


if __name__ == "__main__":
    sys.exit(main())
