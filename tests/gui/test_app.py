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
