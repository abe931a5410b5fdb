"""A damaged store at start, 文件 → 备份与恢复…, and a damaged report row in the list (issue 11)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from shuifa.gui import app as gui_app
from shuifa.gui import dialogs
from shuifa.gui.backups_dialog import BackupsDialog
from shuifa.model import Report
from shuifa.store import Store


def _store_with_backup(report: Report, home: Path) -> Path:
    with Store.open() as s:
        s.create_report(report)
        s.set_state(gui_app.FIRST_RUN_KEY, True)
        s.backup()
    return home / "shuifa.db"


def test_empty_store_at_start_offers_the_backup_and_keeps_the_file(app, small_report, shuifa_home, answers):
    db = _store_with_backup(small_report, shuifa_home)
    db.write_bytes(b"")  # cut to 0 bytes
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    # 退出 (the default): nothing changes
    assert gui_app.run(["shuifa"], lambda win: win.close()) == 1
    msg = answers.seen[-1]
    assert msg.title == "无法打开数据文件" and "已损坏" in msg.text
    assert msg.buttons == ("从备份恢复", "新建空白数据（保留损坏文件）", "退出")
    assert db.exists() and db.stat().st_size == 0
    # 从备份恢复
    answers.queue = ["从备份恢复"]
    seen = {}

    def ready(win):
        seen["names"] = [s.name for s in win.start.summaries]
        win.close()

    assert gui_app.run(["shuifa"], ready) == 0
    assert seen["names"] == ["李明"]
    kept = list(shuifa_home.glob("shuifa.db.damaged-*"))
    assert len(kept) == 1 and kept[0].stat().st_size == 0
    assert any("已从" in t for t in answers.texts())


def test_zeroed_store_new_blank_keeps_the_damaged_file(app, small_report, shuifa_home, answers):
    db = _store_with_backup(small_report, shuifa_home)
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    size = db.stat().st_size
    db.write_bytes(bytes(size))  # every byte zeroed
    answers.queue = ["新建空白数据（保留损坏文件）"]
    seen = {}

    def ready(win):
        seen["rows"] = len(win.start.summaries)
        win.close()

    assert gui_app.run(["shuifa"], ready) == 0
    assert seen["rows"] == 0  # blank, no sample
    kept = list(shuifa_home.glob("shuifa.db.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == bytes(size)
    assert len(list((shuifa_home / "backups").glob("shuifa-*.db"))) == 1  # the good backup is still there


def test_backups_menu_lists_and_restores(window, store, small_report, answers, shuifa_home):
    store.create_report(small_report)
    store.backup()
    (shuifa_home / "backups" / "shuifa-20000101-000000-000000.db").write_bytes(b"\0" * 4096)
    store.delete_report(small_report.id)
    win = window()
    assert win.start.summaries == []
    assert win.actions_by_name["backups"].text() == "备份与恢复…"
    seen = {}

    def drive(dlg):
        assert isinstance(dlg, BackupsDialog)
        rows = dlg.rows()
        seen["rows"] = rows
        assert [r[1] for r in rows] == ["1 份", "0 份"] and [r[3] for r in rows] == ["完好", "损坏"]
        dlg.select(1)
        assert not dlg.restore_button.isEnabled()
        dlg.select(0)
        answers.queue = ["恢复"]
        dlg.restore_button.click()
        return dlg.result()

    dialogs.set_dialog_driver(drive)
    win.actions_by_name["backups"].trigger()
    assert seen["rows"]
    assert any("替换现在的数据" in t for t in answers.texts())
    assert [s.name for s in win.start.summaries] == ["李明"]
    assert win.open_report(small_report.id)
    assert list(shuifa_home.glob("shuifa.db.before-restore-*"))


def test_restore_is_not_done_without_confirmation(window, store, small_report, answers):
    store.create_report(small_report)
    store.backup()
    store.delete_report(small_report.id)
    win = window()

    def drive(dlg):
        answers.queue = ["取消"]
        dlg.restore_button.click()
        return 0

    dialogs.set_dialog_driver(drive)
    win.actions_by_name["backups"].trigger()
    assert win.start.summaries == [] and store.list_reports() == []


def test_damaged_report_row_is_marked_and_explained(window, store, small_report, answers):
    store.create_report(small_report)
    other = Report.from_dict(small_report.to_dict())
    other.id = "other"
    store.create_report(other)
    store._conn.execute("UPDATE reports SET header = 'not json' WHERE id = ?", (small_report.id,))
    win = window()
    names = [win.start.tree.topLevelItem(i).text(0) for i in range(win.start.tree.topLevelItemCount())]
    assert sorted(names) == ["【损坏】李明", "李明"]
    assert not win.open_report(small_report.id)
    assert "已损坏" in answers.seen[-1].text
    assert win.open_report("other")
