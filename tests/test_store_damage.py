"""A damaged store is never silently replaced, never backed up over good backups; a full or read-only disk
is not called damage; one undecodable report is marked, the others unaffected (issue 11)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from shuifa import store as store_mod
from shuifa.errors import StoreError
from shuifa.model import Report
from shuifa.store import (
    BACKUPS_KEPT,
    Store,
    StoreAccessError,
    StoreDamagedError,
    list_backups,
    newest_good_backup,
    restore_backup,
    rotate_backups,
    set_aside,
)


def _good_store_with_backup(report: Report, home: Path) -> Path:
    with Store.open() as s:
        s.create_report(report)
        s.backup()
    return home / "shuifa.db"


def _checkpoint(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


@pytest.mark.parametrize("damage", ["empty", "zero_header", "garbage", "zero_pages"])
def test_damaged_store_is_refused_not_replaced(damage, small_report: Report, shuifa_home: Path) -> None:
    db = _good_store_with_backup(small_report, shuifa_home)
    _checkpoint(db)
    data = bytearray(db.read_bytes())
    if damage == "empty":
        data = bytearray()
    elif damage == "zero_header":
        data[:100] = bytes(100)
    elif damage == "garbage":
        data[:] = os.urandom(len(data))
    else:  # every page but the first zeroed
        data[4096:] = bytes(len(data) - 4096)
    db.write_bytes(bytes(data))
    before = db.read_bytes()
    backups_before = sorted((shuifa_home / "backups").glob("*.db"))
    for _ in range(3):
        with pytest.raises(StoreDamagedError, match="已损坏") as exc:
            Store.open()
        assert exc.value.path == db
    assert db.read_bytes() == before  # untouched, never an empty store over it
    assert sorted((shuifa_home / "backups").glob("*.db")) == backups_before
    # set aside, restore the newest good backup
    good = newest_good_backup(db)
    assert good is not None and good.ok and good.reports == 1
    kept = set_aside(db)
    assert kept.name.startswith("shuifa.db.damaged-") and kept.read_bytes() == before
    restore_backup(good.path, db)
    with Store.open() as s:
        assert [r.name for r in s.list_reports()] == ["李明"]
        assert s.load_report(small_report.id).official.name == "李明"


def test_integrity_check_failure_is_damage(small_report: Report, shuifa_home: Path) -> None:
    db = _good_store_with_backup(small_report, shuifa_home)
    with Store.open(backup=False) as s:
        for i in range(40):
            r = Report.from_dict(small_report.to_dict())
            r.id = f"r{i}"
            s.create_report(r)
    _checkpoint(db)
    data = bytearray(db.read_bytes())
    mid = len(data) // 2 // 4096 * 4096
    data[mid : mid + 4096] = b"\xff" * 4096  # one page in the middle garbled, the file header fine
    db.write_bytes(bytes(data))
    with pytest.raises(StoreDamagedError):
        Store.open()


def test_damaged_or_empty_store_is_never_backed_up(small_report: Report, shuifa_home: Path) -> None:
    with Store.open() as s:
        with pytest.raises(StoreError):
            s.backup()  # nothing in it
        assert not list_backups(s.path)


def test_rotation_keeps_the_newest_good_backup(small_report: Report, shuifa_home: Path) -> None:
    with Store.open() as s:
        s.create_report(small_report)
        good = s.backup()
    folder = shuifa_home / "backups"
    for i in range(BACKUPS_KEPT + 3):  # newer backups, all damaged
        (folder / f"shuifa-29990101-0000{i:02d}-000000.db").write_bytes(b"\0" * 8192)
    rotate_backups(folder)
    assert good.exists()
    infos = list_backups(shuifa_home / "shuifa.db")
    assert [b.path for b in infos if b.ok] == [good]
    assert infos[-1].reports == 1 and infos[-1].size > 0


def test_restore_is_atomic_and_keeps_the_current_store(small_report: Report, shuifa_home: Path) -> None:
    db = _good_store_with_backup(small_report, shuifa_home)
    with Store.open(backup=False) as s:
        s.delete_report(small_report.id)
    backup = newest_good_backup(db)
    kept = restore_backup(backup.path, db)
    assert kept is not None and kept.name.startswith("shuifa.db.before-restore-")
    with Store.open(backup=False) as s:
        assert len(s.list_reports()) == 1
    bad = shuifa_home / "backups" / "shuifa-29990101-000000-000000.db"
    bad.write_bytes(b"garbage" * 100)
    with pytest.raises(StoreError, match="未通过检查"):
        restore_backup(bad, db)
    with Store.open(backup=False) as s:
        assert len(s.list_reports()) == 1


def test_disk_full_is_not_called_damage(small_report: Report, shuifa_home: Path) -> None:
    s = Store.open()
    s._conn.execute("PRAGMA max_page_count = 1")  # SQLITE_FULL on the next growth
    big = Report.from_dict(small_report.to_dict())
    with pytest.raises(StoreAccessError) as exc:
        s.create_report(big)
    assert exc.value.kind == "full"
    assert "磁盘空间不足" in exc.value.message and "损坏" not in exc.value.message
    assert "不需要从备份恢复" in exc.value.hint
    s.close()


@pytest.mark.parametrize(
    ("code", "text", "kind", "words"),
    [
        (8, "attempt to write a readonly database", "readonly", "只读"),
        (13, "database or disk is full", "full", "磁盘空间不足"),
        (10, "disk I/O error", "io", "读写磁盘时出错"),
        (14, "unable to open database file", "cantopen", "无法打开"),
    ],
)
def test_open_errors_have_their_own_message(monkeypatch, shuifa_home: Path, code, text, kind, words) -> None:
    def fail(*_a, **_k):
        exc = sqlite3.OperationalError(text)
        exc.sqlite_errorcode = code
        raise exc

    monkeypatch.setattr(store_mod.sqlite3, "connect", fail)
    with pytest.raises(StoreAccessError) as exc:
        Store.open()
    assert exc.value.kind == kind and words in exc.value.message
    assert "已损坏" not in str(exc.value) and "从备份恢复" not in exc.value.message


def test_read_only_folder_oserror(monkeypatch, shuifa_home: Path) -> None:
    def fail(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", fail)
    with pytest.raises(StoreAccessError) as exc:
        Store.open(shuifa_home / "sub" / "shuifa.db")
    assert exc.value.kind == "readonly" and "只读" in exc.value.message


def test_one_undecodable_report_is_marked_and_the_others_open(small_report: Report, shuifa_home: Path) -> None:
    with Store.open() as s:
        s.create_report(small_report)
        other = Report.from_dict(small_report.to_dict())
        other.id = "other"
        s.create_report(other)
        s._conn.execute("UPDATE reports SET header = '{bad json' WHERE id = ?", (small_report.id,))
    with Store.open() as s:
        rows = {r.id: r for r in s.list_reports()}
        assert rows[small_report.id].damaged and rows[small_report.id].name.startswith("【损坏】")
        assert not rows["other"].damaged
        with pytest.raises(StoreError, match="已损坏"):
            s.load_report(small_report.id)
        assert s.load_report("other").official.name == "李明"
