"""Kill the app (SIGKILL) while the official types; starting again brings back the text and the duty."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from gui_helpers import blank_report

from shuifa.store import Store

DRIVER = Path(__file__).resolve().parent / "kill_driver.py"
TEXT = "全年召开党委常委会会议专题研究法治建设工作四次听取法治政府建设情况汇报两次"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_while_typing_loses_at_most_the_last_second(window, shuifa_home: Path):
    with Store.open() as s:
        report = blank_report()
        s.create_report(report)
        s.set_state("gui.first_run_done", True)
    duty_id = report.duties()[5].id
    env = dict(os.environ, SHUIFA_HOME=str(shuifa_home), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), report.id, duty_id],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    typed = 0
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("typed "):
                typed = int(line.split()[1])
                if typed >= 45:  # a little over two seconds of typing
                    break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    assert typed >= 45

    # start again: same store, same report, same duty, the text typed up to the last second
    w = window()
    w.restore_session()
    assert w.view is not None and w.view.report.id == report.id
    assert w.view.current_key == duty_id
    saved = w.view.duty_editor.fields["performance"].text()
    expected = (TEXT * 3)[:typed]
    assert expected.startswith(saved)
    assert len(saved) >= typed - 20  # 20 characters = one second of typing at 50 ms a character
