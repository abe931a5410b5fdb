"""Run the real app and type into it until killed (used by test_kill_reopen.py).

Usage: python kill_driver.py REPORT_ID DUTY_ID
Starts the app exactly as ``main.py`` does (same store under SHUIFA_HOME, same window, same
autosave), opens the report on the duty, then types one character every 50 ms into 履职情况,
printing ``typed N`` after each. The test kills it with SIGKILL at some moment.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from shuifa.gui import app  # noqa: E402

TEXT = "全年召开党委常委会会议专题研究法治建设工作四次听取法治政府建设情况汇报两次"


def main() -> int:
    report_id, duty_id = sys.argv[1], sys.argv[2]
    count = 0

    def ready(win) -> None:
        win.open_report(report_id, duty_id)
        editor = win.view.duty_editor.fields["performance"].editor
        editor.setFocus()

        def type_one() -> None:
            nonlocal count
            ev = QInputMethodEvent("", [])
            ev.setCommitString(TEXT[count % len(TEXT)])
            QApplication.sendEvent(editor, ev)
            count += 1
            print(f"typed {count}", flush=True)

        timer = QTimer(win)
        timer.timeout.connect(type_one)
        timer.start(50)
        print("ready", flush=True)

    return app.run(["kill_driver"], ready)


if __name__ == "__main__":
    sys.exit(main())
