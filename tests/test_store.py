import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from shuifa.errors import ConflictError, StoreError
from shuifa.model import Report, RequirementValue
from shuifa.store import SCHEMA_VERSION, Store


def test_store_lives_in_shuifa_home(shuifa_home: Path, small_report: Report) -> None:
    with Store.open() as store:
        store.create_report(small_report)
    assert (shuifa_home / "shuifa.db").is_file()
    con = sqlite3.connect(shuifa_home / "shuifa.db")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("SELECT name, year FROM reports").fetchall() == [("李明", 2025)]


def test_entry_save_and_reload(small_report: Report) -> None:
    store = Store.open()
    store.create_report(small_report)
    e = small_report.entry("n4")
    e.status = "done"
    e.performance = "举办法治专题讲座3次，参学干部420人次。"
    e.values["r1"] = RequirementValue(value=3)
    store.save_entry(small_report, e)
    store.close()
    again = Store.open().load_report(small_report.id)
    assert again.to_dict()["entries"] == small_report.to_dict()["entries"]
    assert again.entries["n4"].performance.startswith("举办法治专题讲座3次")
    summary = Store.open().list_reports()[0]
    assert (summary.done, summary.total) == (1, 3)


def test_header_save(small_report: Report) -> None:
    store = Store.open()
    store.create_report(small_report)
    small_report.parts["study"] = "全年参加集体学法12次。"
    small_report.official.title = "县委书记（兼）"
    store.save_header(small_report)
    again = Store.open().load_report(small_report.id)
    assert again.parts["study"] == "全年参加集体学法12次。"
    assert again.official.title == "县委书记（兼）"


def test_list_newest_first_delete_restore_duplicate(small_report: Report, small_list) -> None:
    store = Store.open()
    store.create_report(small_report)
    time.sleep(1.1)
    other = Report.new(small_report.official, 2026, small_list)
    store.create_report(other)
    assert [r.year for r in store.list_reports()] == [2026, 2025]
    store.delete_report(other.id)
    assert [r.year for r in store.list_reports()] == [2025]
    with pytest.raises(StoreError, match="找不到这份报告"):
        store.load_report(other.id)
    store.restore_report(other.id)
    assert len(store.list_reports()) == 2
    copy = store.duplicate_report(small_report.id)
    assert copy.id != small_report.id and len(store.list_reports()) == 3
    store.delete_report(copy.id)
    assert store.purge_deleted(timedelta(seconds=-1)) == 1
    assert len(store.list_reports(include_deleted=True)) == 2


def test_two_instances_do_not_lose_each_others_writes(small_report: Report) -> None:
    a = Store.open()
    a.create_report(small_report)
    b = Store.open()
    ra, rb = a.load_report(small_report.id), b.load_report(small_report.id)
    ea = ra.entry("n4")
    ea.performance = "A 写的"
    a.save_entry(ra, ea)
    eb = rb.entry("n5")
    eb.performance = "B 写的"
    b.save_entry(rb, eb)  # a different duty: both kept
    eb2 = rb.entry("n4")
    eb2.performance = "B 覆盖 A？"
    with pytest.raises(ConflictError, match="另一个述法助手窗口"):
        b.save_entry(rb, eb2)  # same duty changed by A since B loaded it: refused
    final = Store.open().load_report(small_report.id)
    assert final.entries["n4"].performance == "A 写的"
    assert final.entries["n5"].performance == "B 写的"


def test_header_conflict_refused(small_report: Report) -> None:
    a, b = Store.open(), Store.open()
    a.create_report(small_report)
    ra, rb = a.load_report(small_report.id), b.load_report(small_report.id)
    ra.parts["opening"] = "A"
    a.save_header(ra)
    rb.parts["opening"] = "B"
    with pytest.raises(ConflictError):
        b.save_header(rb)


def test_user_lists_and_state(small_list) -> None:
    store = Store.open()
    store.save_list(small_list)
    small_list.title = "改名后的清单"
    store.save_list(small_list)
    assert [dl.title for dl in store.user_lists()] == ["改名后的清单"]
    assert store.load_list("small-test").find("n4") is not None
    store.set_state("current", {"report": "x", "duty": "n4"})
    assert Store.open().get_state("current") == {"report": "x", "duty": "n4"}
    assert store.get_state("missing", 5) == 5


def test_backups_rotate(small_report: Report, shuifa_home: Path) -> None:
    store = Store.open()
    assert store.backup_if_due() is None  # empty store: nothing to keep
    store.create_report(small_report)
    made = [store.backup() for _ in range(12)]
    kept = sorted((shuifa_home / "backups").glob("shuifa-*.db"))
    assert len(kept) == 10 and kept[-1] == made[-1]
    con = sqlite3.connect(kept[-1])
    assert con.execute("SELECT name FROM reports").fetchall() == [("李明",)]
    assert store.backup_if_due() is None  # a fresh backup exists


def test_garbage_file_gets_chinese_message(tmp_path: Path) -> None:
    bad = tmp_path / "shuifa.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="已损坏"):
        Store.open(bad)


def test_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "shuifa.db"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(StoreError, match="更新版本"):
        Store.open(path)


WRITER = r"""
import sys
from shuifa.store import Store
from shuifa.model import Report
store = Store.open(sys.argv[1], backup=False)
report = store.load_report(sys.argv[2])
duties = report.duties()
i = 0
while True:
    d = duties[i % len(duties)]
    e = report.entry(d.id)
    e.performance = f"第{i}次保存"
    store.save_entry(report, e)
    print(i, d.id, flush=True)
    i += 1
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_during_saves_loses_nothing_that_returned(small_report: Report, shuifa_home: Path) -> None:
    db = shuifa_home / "shuifa.db"
    with Store.open(db) as store:
        store.create_report(small_report)
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), small_report.id],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    acknowledged: dict[str, int] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        i, duty = line.split()
        acknowledged[duty] = int(i)
        if int(i) >= 400:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = Store.open(db, backup=False)
    assert store.integrity_ok()
    report = store.load_report(small_report.id)
    for duty, i in acknowledged.items():
        saved = int(report.entries[duty].performance.removeprefix("第").removesuffix("次保存"))
        assert saved >= i  # every save that returned is there (a later one may be too)
    assert json.loads(json.dumps(report.to_dict()))  # loads as a whole


def test_store_messages_are_chinese(tmp_path: Path) -> None:
    from shuifa.store import _reason

    assert _reason(sqlite3.OperationalError("database is locked")) == "数据文件正被其他程序占用"
    assert _reason(sqlite3.OperationalError("disk I/O error")) == "磁盘读写出错"
    assert _reason(sqlite3.DatabaseError("file is not a database")) == "文件内容已损坏"
    (tmp_path / "afile").write_text("x")
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "afile" / "shuifa.db")
    assert "路径中有一段是文件而不是文件夹" in err.value.message


def test_role_change_recounts_progress(small_report: Report) -> None:
    store = Store.open()
    store.create_report(small_report)
    assert store.list_reports()[0].total == 3
    small_report.official.role = "member"  # a member walks the 学法/依法决策 duties (shuifa.scope): n4 only
    store.save_header(small_report)
    assert store.list_reports()[0].total == 1
    other = next(d.id for d in small_report.duty_list.duties() if d.id not in {n.id for n in small_report.duties()})
    small_report.scope.added.append(other)  # a duty taken into the walk: the list's count follows
    store.save_header(small_report)
    assert store.list_reports()[0].total == 2


def test_migration_from_v1_keeps_reports(small_report: Report, tmp_path: Path) -> None:
    from shuifa.store import _MIGRATIONS, _split_sql

    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    for stmt in _split_sql(_MIGRATIONS[1]):
        con.execute(stmt)
    con.execute("PRAGMA user_version = 1")
    con.execute(
        "INSERT INTO reports (id, name, year, header, duty_list, created, updated) VALUES (?,?,?,?,?,?,?)",
        (
            small_report.id,
            "李明",
            2025,
            json.dumps(small_report.header_dict(), ensure_ascii=False),
            json.dumps(small_report.duty_list.to_dict(), ensure_ascii=False),
            "2026-01-01T00:00:00+08:00",
            "2026-01-01T00:00:00+08:00",
        ),
    )
    con.execute(
        "INSERT INTO entries (report_id, duty_id, data) VALUES (?,?,?)",
        (small_report.id, "n4", json.dumps({"duty_id": "n4", "performance": "旧库里的文字"}, ensure_ascii=False)),
    )
    con.commit()
    con.close()
    store = Store.open(path)
    report = store.load_report(small_report.id)
    assert report.duty_list.to_dict() == small_report.duty_list.to_dict()
    assert report.entries["n4"].performance == "旧库里的文字"
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert raw.execute("SELECT duty_list FROM reports").fetchone()[0] == ""


def test_replace_is_one_transaction(small_report: Report, monkeypatch) -> None:
    """替换: a failure after the old rows are deleted (a kill, a full disk) leaves the old report, never none."""
    store = Store.open()
    store.create_report(small_report)
    newer = Report.from_dict(small_report.to_dict())
    newer.official.name = "新名字"

    def fail() -> dict:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(newer, "header_dict", fail)
    with pytest.raises(StoreError, match="磁盘空间不足"):  # said in Chinese, as every failed save
        store.replace_report(newer)
    assert store.load_report(small_report.id).official.name == small_report.official.name
    monkeypatch.undo()
    store.replace_report(newer)
    assert store.load_report(small_report.id).official.name == "新名字"
