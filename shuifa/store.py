"""The local store: one SQLite file (WAL) holding reports, imported lists and UI state.

- Every change is one transaction; a save that returned survives a killed process.
- Entries carry a revision: a save made from a stale copy (another window or program
  changed the same duty since this one loaded it) is refused with a ConflictError,
  so two instances never silently overwrite each other.
- Rotating backups (``backups/``) are made with SQLite's online backup API.
See ``docs/store.md``.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from . import paths
from .errors import ConflictError, StoreError
from .model import DutyList, Entry, Report, new_id, now_iso

SCHEMA_VERSION = 2
BACKUPS_KEPT = 10
BACKUP_INTERVAL = timedelta(hours=1)

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT '',
        year INTEGER NOT NULL,
        list_id TEXT NOT NULL DEFAULT '',
        list_title TEXT NOT NULL DEFAULT '',
        header TEXT NOT NULL,          -- JSON: report dict without duty_list and entries
        duty_list TEXT NOT NULL,       -- v1 only: the snapshot, moved to `snapshots` in v2
        done INTEGER NOT NULL DEFAULT 0,
        total INTEGER NOT NULL DEFAULT 0,
        rev INTEGER NOT NULL DEFAULT 1,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        deleted TEXT                    -- set when deleted (undo window), NULL otherwise
    );
    CREATE TABLE entries (
        report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        duty_id TEXT NOT NULL,
        data TEXT NOT NULL,
        rev INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (report_id, duty_id)
    ) WITHOUT ROWID;
    CREATE TABLE lists (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # v2: the list snapshot moves out of the reports row, so that saving a header or a duty's
    # progress no longer rewrites a 100-KB row (the old column is left empty).
    2: """
    CREATE TABLE snapshots (
        report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
        data TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO snapshots (report_id, data) SELECT id, duty_list FROM reports;
    UPDATE reports SET duty_list = '';
    """,
}


@dataclass(frozen=True)
class ReportSummary:
    """A row of the report list (start screen, clerk views)."""

    id: str
    name: str
    title: str
    unit: str
    role: str
    year: int
    list_id: str
    list_title: str
    done: int
    total: int
    created: str
    updated: str
    damaged: bool = False  # a row of this report cannot be decoded: listed as 损坏, refused when opened


SQLITE_HEADER = b"SQLite format 3\x00"


class StoreDamagedError(StoreError):
    """The store file is damaged (empty, not a database, failing its check). ``path`` is the file;
    nothing has been changed on disk: the caller sets it aside (:func:`set_aside`) and restores a backup."""

    def __init__(self, message: str, *, hint: str = "", path: Path | None = None) -> None:
        super().__init__(message, hint=hint)
        self.path = path


class StoreAccessError(StoreError):
    """The store cannot be read or written for a reason other than damage: ``kind`` is one of
    "full", "readonly", "io", "locked", "cantopen", "other". The file itself is not damaged."""

    def __init__(self, message: str, *, hint: str = "", kind: str = "other") -> None:
        super().__init__(message, hint=hint)
        self.kind = kind


@dataclass(frozen=True)
class BackupInfo:
    """One file of ``backups/``: when it was made, its size, how many reports it holds, whether it passes
    ``PRAGMA integrity_check`` (``ok``)."""

    path: Path
    time: datetime
    size: int
    reports: int
    ok: bool

    @property
    def name(self) -> str:
        return self.path.name


class Store:
    """A connection to the store file. Thread-safe (one lock around the connection)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.RLock()
        self._entry_revs: dict[tuple[str, str], int] = {}
        self._report_revs: dict[str, int] = {}

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, path: str | Path | None = None, *, backup: bool = True, check: bool = True) -> Store:
        """Open (or create) the store. A damaged file raises :class:`StoreDamagedError` and is left as it is
        (never replaced by an empty store); a full disk, a read-only folder, a disk error or a lock raise
        :class:`StoreAccessError` with their own advice."""
        path = Path(path) if path else paths.store_path()
        _check_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=10, check_same_thread=False, isolation_level=None)
        except (sqlite3.Error, OSError) as exc:
            raise _access_error(exc, path, "打开") from exc
        store = cls(path, conn)
        try:
            store._setup()
            if check:
                problem = store._health_problem()
                if problem:
                    raise sqlite3.DatabaseError(problem)
        except StoreError:
            conn.close()
            raise
        except (sqlite3.Error, OSError) as exc:
            conn.close()
            if _kind(exc) != "damaged":
                raise _access_error(exc, path, "打开") from exc
            raise _damaged(path, _reason(exc)) from exc
        if backup:
            store.backup_if_due()
            try:
                store.purge_deleted()  # deletions older than 30 days are gone for good
            except StoreError:
                pass
        return store

    def _health_problem(self) -> str:
        """Empty when the store passes quick_check and has its tables, else what is wrong (English, for _reason)."""
        rows = self._conn.execute("PRAGMA quick_check").fetchall()
        if not rows or rows[0][0] != "ok":
            return "database disk image is malformed"
        names = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"reports", "entries", "lists", "state", "snapshots"} <= names:
            return "database disk image is malformed (tables missing)"
        return ""

    def _setup(self) -> None:
        c = self._conn
        c.execute("PRAGMA busy_timeout = 10000")
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = NORMAL")
        c.execute("PRAGMA foreign_keys = ON")
        version = c.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"数据文件“{self.path}”由更新版本的述法助手创建（格式版本 {version}）。",
                hint="请升级述法助手后再打开。",
            )
        for v in range(version + 1, SCHEMA_VERSION + 1):
            with self._tx() as cur:
                for stmt in _split_sql(_MIGRATIONS[v]):
                    cur.execute(stmt)
                cur.execute(f"PRAGMA user_version = {v}")

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error:
                pass
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ transactions
    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Cursor]:
        with self._lock:
            cur = self._conn.cursor()
            try:
                cur.execute("BEGIN IMMEDIATE")
                yield cur
                cur.execute("COMMIT")
            except BaseException as exc:
                try:
                    cur.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                if isinstance(exc, (sqlite3.Error, OSError)) and not isinstance(exc, StoreError):
                    raise _save_error(exc, self.path) from exc
                raise
            finally:
                cur.close()

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._conn.execute(sql, args).fetchall()
            except sqlite3.Error as exc:
                if _kind(exc) != "damaged":
                    raise _access_error(exc, self.path, "读取") from exc
                raise StoreDamagedError(
                    f"读取数据文件失败：{_reason(exc)}。",
                    hint="请关闭述法助手后重新打开，按提示从备份恢复（损坏的文件会被保留）。",
                    path=self.path,
                ) from exc

    # ------------------------------------------------------------------ reports
    def create_report(self, report: Report) -> None:
        """Insert a new report with all its entries."""
        with self._tx() as cur:
            self._insert(cur, report)
        self._loaded(report)

    def _insert(self, cur: sqlite3.Cursor, report: Report) -> None:
        """The report's rows, in the caller's transaction."""
        done, total = report.progress()
        ts = now_iso()
        report.created = report.created or ts
        report.updated = report.updated or ts  # an imported report keeps its own times
        cur.execute(
            "INSERT INTO reports (id, name, title, unit, role, year, list_id, list_title, header, duty_list,"
            " done, total, rev, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
            (
                report.id,
                report.official.name,
                report.official.title,
                report.official.unit,
                report.official.role,
                report.year,
                report.duty_list.id,
                report.duty_list.title,
                json.dumps(report.header_dict(), ensure_ascii=False),
                "",
                done,
                total,
                report.created,
                report.updated,
            ),
        )
        cur.execute(
            "INSERT INTO snapshots (report_id, data) VALUES (?, ?)",
            (report.id, json.dumps(report.duty_list.to_dict(), ensure_ascii=False)),
        )
        cur.executemany(
            "INSERT INTO entries (report_id, duty_id, data, rev) VALUES (?,?,?,1)",
            [(report.id, e.duty_id, json.dumps(e.to_dict(), ensure_ascii=False)) for e in report.entries.values()],
        )

    def _loaded(self, report: Report) -> None:
        """The revisions a just-written report starts from (for the conflict check of later saves)."""
        self._report_revs[report.id] = 1
        for key in [k for k in self._entry_revs if k[0] == report.id]:
            del self._entry_revs[key]
        for duty_id in report.entries:
            self._entry_revs[(report.id, duty_id)] = 1

    def load_report(self, report_id: str) -> Report:
        rows = self._query(
            "SELECT r.header, s.data, r.rev FROM reports r JOIN snapshots s ON s.report_id = r.id"
            " WHERE r.id = ? AND r.deleted IS NULL",
            (report_id,),
        )
        if not rows:
            raise StoreError("找不到这份报告，可能已被删除。", hint="请返回报告列表重新选择。")
        header, duty_list, rev = rows[0]
        entries = self._query("SELECT duty_id, data, rev FROM entries WHERE report_id = ?", (report_id,))
        try:
            d = json.loads(header)
            d["duty_list"] = json.loads(duty_list)
            d["entries"] = []
            report = Report.from_dict(d)
            loaded = [(duty_id, Entry.from_dict(json.loads(data)), erev) for duty_id, data, erev in entries]
        except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as exc:
            raise StoreError(
                "这份报告在数据文件中的内容已损坏，无法打开（其他报告不受影响）。",
                hint="可在“文件 → 备份与恢复…”中查看备份，恢复一份完好的备份；或删除这份报告后重新导入。",
            ) from exc
        for duty_id, entry, erev in loaded:
            report.entries[duty_id] = entry
            self._entry_revs[(report_id, duty_id)] = erev
        self._report_revs[report_id] = rev
        return report

    def save_entry(self, report: Report, entry: Entry) -> None:
        """Save one duty's entry (one transaction). Refuses with ConflictError when another
        instance saved the same duty after this one loaded it."""
        key = (report.id, entry.duty_id)
        entry.updated = now_iso()
        data = json.dumps(entry.to_dict(), ensure_ascii=False)
        # 0 = "absent when this store loaded or created the report"; None = never loaded here
        seen = self._entry_revs.get(key, 0 if report.id in self._report_revs else None)
        # keep the in-memory report consistent so progress is right
        report.entries[entry.duty_id] = entry
        report.updated = entry.updated
        done, total = report.progress()
        with self._tx() as cur:
            row = cur.execute("SELECT rev FROM entries WHERE report_id = ? AND duty_id = ?", key).fetchone()
            if row is None:
                if seen:
                    raise ConflictError(_conflict_msg(_duty_name(report, entry.duty_id)))
                if (
                    cur.execute("SELECT 1 FROM reports WHERE id = ? AND deleted IS NULL", (report.id,)).fetchone()
                    is None
                ):
                    raise StoreError(
                        "这份报告已被删除，无法继续保存。", hint="请在报告列表中撤销删除，或另存为新报告。"
                    )
                cur.execute("INSERT INTO entries (report_id, duty_id, data, rev) VALUES (?,?,?,1)", (*key, data))
                new_rev = 1
            else:
                if seen is not None and row[0] != seen:
                    raise ConflictError(_conflict_msg(_duty_name(report, entry.duty_id)))
                new_rev = row[0] + 1
                cur.execute(
                    "UPDATE entries SET data = ?, rev = ? WHERE report_id = ? AND duty_id = ?", (data, new_rev, *key)
                )
            cur.execute(
                "UPDATE reports SET done = ?, total = ?, updated = ? WHERE id = ?",
                (done, total, report.updated, report.id),
            )
        self._entry_revs[key] = new_rev

    def save_header(self, report: Report, what: str = "报告信息") -> None:
        """Save everything but the entries and the list snapshot: official, year, parts,
        carry-over, evaluation. Refuses with ConflictError on a concurrent change (``what`` names
        the page being saved in that message)."""
        report.updated = now_iso()
        seen = self._report_revs.get(report.id)
        header = json.dumps(report.header_dict(), ensure_ascii=False)
        o = report.official
        with self._tx() as cur:
            row = cur.execute("SELECT rev FROM reports WHERE id = ? AND deleted IS NULL", (report.id,)).fetchone()
            if row is None:
                raise StoreError("这份报告已被删除，无法继续保存。", hint="请在报告列表中撤销删除，或另存为新报告。")
            if seen is not None and row[0] != seen:
                raise ConflictError(_conflict_msg(what))
            new_rev = row[0] + 1
            cur.execute(
                "UPDATE reports SET name=?, title=?, unit=?, role=?, year=?, header=?, rev=?, updated=? WHERE id = ?",
                (o.name, o.title, o.unit, o.role, report.year, header, new_rev, report.updated, report.id),
            )
            # the duties walked depend on the role, the unit, the post and the scope: recount (≈ 0.1 ms)
            done, total = report.progress()
            cur.execute("UPDATE reports SET done = ?, total = ? WHERE id = ?", (done, total, report.id))
        self._report_revs[report.id] = new_rev

    def replace_report(self, report: Report) -> None:
        """Replace a stored report whole (used by import 'replace'); creates it if absent. One
        transaction: a kill or a full disk half-way leaves the old report, never none."""
        with self._tx() as cur:
            cur.execute("DELETE FROM reports WHERE id = ?", (report.id,))
            self._insert(cur, report)
        self._loaded(report)

    def list_reports(self, *, include_deleted: bool = False) -> list[ReportSummary]:
        """Reports, newest first (most recently changed)."""
        where = "" if include_deleted else "WHERE deleted IS NULL"
        rows = self._query(
            "SELECT id, name, title, unit, role, year, list_id, list_title, done, total, created, updated, header,"
            " (SELECT NOT json_valid(s.data) FROM snapshots s WHERE s.report_id = reports.id),"
            " EXISTS (SELECT 1 FROM entries e WHERE e.report_id = reports.id AND NOT json_valid(e.data))"
            f" FROM reports {where} ORDER BY updated DESC, created DESC"
        )
        out = []
        for *fields, header, bad_snapshot, bad_entry in rows:
            damaged = bool(bad_snapshot is None or bad_snapshot or bad_entry) or not _header_ok(header)
            if damaged:
                fields[1] = f"【损坏】{fields[1] or ''}"
            out.append(ReportSummary(*fields, damaged=damaged))
        return out

    def find_reports(self, name: str, unit: str, year: int) -> list[ReportSummary]:
        """Reports of the same official, unit and year (duplicate detection)."""
        return [r for r in self.list_reports() if not r.damaged and (r.name, r.unit, r.year) == (name, unit, year)]

    def delete_report(self, report_id: str) -> None:
        """Delete a report; it can be restored with ``restore_report`` until purged."""
        with self._tx() as cur:
            cur.execute("UPDATE reports SET deleted = ? WHERE id = ?", (now_iso(), report_id))

    def restore_report(self, report_id: str) -> None:
        with self._tx() as cur:
            cur.execute("UPDATE reports SET deleted = NULL WHERE id = ?", (report_id,))

    def purge_deleted(self, older_than: timedelta = timedelta(days=30)) -> int:
        """Remove deleted reports for good once they are older than ``older_than``."""
        cutoff = (datetime.now().astimezone() - older_than).isoformat(timespec="seconds")
        with self._tx() as cur:
            cur.execute("DELETE FROM reports WHERE deleted IS NOT NULL AND deleted <= ?", (cutoff,))
            return cur.rowcount

    def duplicate_report(self, report_id: str) -> Report:
        """A copy of a report under a new id (title marked 副本 is left to the caller)."""
        report = self.load_report(report_id)
        report.id = new_id()
        report.created = report.updated = now_iso()
        self.create_report(report)
        return report

    # ------------------------------------------------------------------ user lists
    def save_list(self, duty_list: DutyList) -> None:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO lists (id, title, data, updated) VALUES (?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET title=excluded.title, data=excluded.data, updated=excluded.updated",
                (duty_list.id, duty_list.title, json.dumps(duty_list.to_dict(), ensure_ascii=False), now_iso()),
            )

    def user_lists(self) -> list[DutyList]:
        return [
            DutyList.from_dict(json.loads(d)) for (d,) in self._query("SELECT data FROM lists ORDER BY updated DESC")
        ]

    def load_list(self, list_id: str) -> DutyList:
        rows = self._query("SELECT data FROM lists WHERE id = ?", (list_id,))
        if not rows:
            raise StoreError(f"找不到职责清单“{list_id}”。", hint="请重新导入该清单。")
        return DutyList.from_dict(json.loads(rows[0][0]))

    # ------------------------------------------------------------------ UI state
    def get_state(self, key: str, default: Any = None) -> Any:
        rows = self._query("SELECT value FROM state WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else default

    def set_state(self, key: str, value: Any) -> None:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value, ensure_ascii=False)),
            )

    # ------------------------------------------------------------------ backups
    def backup(self) -> Path:
        """Write a verified copy of the store to ``backups/`` and rotate: the newest BACKUPS_KEPT are kept,
        and the newest backup that passes its check is never deleted. A damaged store or one without any
        report is never backed up (StoreError)."""
        folder = self.path.parent / "backups"
        with self._lock:
            problem = self._health_problem_safe()
            if problem:
                raise StoreError("数据文件未通过检查，没有备份，以免覆盖完好的备份。", hint="请从备份恢复。")
            if not self._query("SELECT 1 FROM reports LIMIT 1"):
                raise StoreError("数据文件中还没有报告，不需要备份。")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"shuifa-{stamp}.db"
        tmp = folder / f".{target.name}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            dest = sqlite3.connect(tmp)
            try:
                with self._lock:
                    self._conn.backup(dest)
            finally:
                dest.close()
            if not check_backup(tmp).ok:
                raise sqlite3.DatabaseError("database disk image is malformed")
            tmp.replace(target)
        except (sqlite3.Error, OSError) as exc:
            tmp.unlink(missing_ok=True)
            err = _access_error(exc, self.path, "备份")
            raise StoreError(f"备份数据文件失败：{_reason(exc)}。", hint=err.hint) from exc
        rotate_backups(folder)
        return target

    def restore_from(self, backup: Path) -> Path:
        """Replace the open store's contents with ``backup`` in one transaction (SQLite's backup API into
        this connection), after keeping the current contents as ``shuifa.db.before-restore-<time>``.
        The store is then set up again (migrations) and forgets the revisions it had loaded."""
        info = check_backup(backup)
        if not info.ok:
            raise StoreError(f"备份“{backup.name}”未通过检查，不能用来恢复。", hint="请选择另一份完好的备份。")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = self.path.with_name(f"{self.path.name}.before-restore-{stamp}")
        with self._lock:
            try:
                if self._health_problem_safe() == "":
                    dest = sqlite3.connect(kept)
                    try:
                        self._conn.backup(dest)
                    finally:
                        dest.close()
                src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
                try:
                    src.backup(self._conn)
                finally:
                    src.close()
                self._entry_revs.clear()
                self._report_revs.clear()
                self._setup()
            except (sqlite3.Error, OSError) as exc:
                raise _access_error(exc, self.path, "恢复") from exc
        return kept

    def _health_problem_safe(self) -> str:
        try:
            return self._health_problem()
        except sqlite3.Error as exc:
            return str(exc)

    def backup_if_due(self, interval: timedelta = BACKUP_INTERVAL) -> Path | None:
        folder = self.path.parent / "backups"
        existing = sorted(folder.glob("shuifa-*.db")) if folder.is_dir() else []
        if existing:
            age = datetime.now().timestamp() - existing[-1].stat().st_mtime
            if age < interval.total_seconds():
                return None
        if not self._query("SELECT 1 FROM reports LIMIT 1"):
            return None  # nothing worth keeping yet
        try:
            return self.backup()
        except StoreError:
            return None  # a failed backup must not stop the user from working

    def integrity_ok(self) -> bool:
        return self._query("PRAGMA integrity_check")[0][0] == "ok"


# ---------------------------------------------------------------------- health, backups, restore
def _check_file(path: Path) -> None:
    """Refuse a store file that is there but cannot be a store: empty (0 bytes, with no WAL to replay) or
    without the SQLite header (zeroed, garbage)."""
    try:
        if not path.exists():
            return
        size = path.stat().st_size
        if size == 0:
            wal = path.with_name(path.name + "-wal")
            if not (wal.exists() and wal.stat().st_size > 0):
                raise _damaged(path, "文件是空的（0 字节），可能是复制中断或 U 盘被拔出")
            return
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise _access_error(exc, path, "打开") from exc
    if head != SQLITE_HEADER:
        raise _damaged(path, "文件开头已损坏，不是述法助手的数据文件")


def _damaged(path: Path, why: str) -> StoreDamagedError:
    return StoreDamagedError(
        f"数据文件“{path}”已损坏或不是述法助手的数据文件（{why}）。",
        hint=f"可从备份文件夹“{path.parent / 'backups'}”中恢复最近的完好备份；损坏的文件会改名保留，不会删除。",
        path=path,
    )


def _header_ok(header: str) -> bool:
    try:
        d = json.loads(header)
    except (ValueError, TypeError, RecursionError):
        return False
    return isinstance(d, dict)


def check_backup(path: Path) -> BackupInfo:
    """Open a backup read-only: its report count and whether it passes ``integrity_check``."""
    st = path.stat()
    when = datetime.fromtimestamp(st.st_mtime)
    try:
        stamp = path.stem.removeprefix("shuifa-")
        when = datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f")
    except ValueError:
        pass
    reports, ok = 0, False
    try:
        with path.open("rb") as f:
            if f.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
                con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                try:
                    ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                    reports = con.execute("SELECT count(*) FROM reports WHERE deleted IS NULL").fetchone()[0]
                finally:
                    con.close()
    except (sqlite3.Error, OSError):
        ok = False
    return BackupInfo(path, when, st.st_size, reports, ok)


def backup_folder(store_path: Path | None = None) -> Path:
    return (store_path or paths.store_path()).parent / "backups"


def list_backups(store_path: Path | None = None) -> list[BackupInfo]:
    """The backups of the store, newest first, each checked."""
    folder = backup_folder(store_path)
    if not folder.is_dir():
        return []
    return [check_backup(p) for p in sorted(folder.glob("shuifa-*.db"), reverse=True)]


def newest_good_backup(store_path: Path | None = None) -> BackupInfo | None:
    return next((b for b in list_backups(store_path) if b.ok and b.reports > 0), None)


def rotate_backups(folder: Path, keep: int = BACKUPS_KEPT) -> None:
    """Keep the newest ``keep`` backups, and never delete the newest one that passes its check."""
    existing = sorted(folder.glob("shuifa-*.db"))
    old, kept = existing[:-keep], existing[-keep:]
    if not old:
        return
    if not any(check_backup(p).ok for p in kept):
        good = next((p for p in reversed(old) if check_backup(p).ok), None)
        if good is not None:
            old.remove(good)
    for p in old:
        p.unlink(missing_ok=True)


def set_aside(path: Path, label: str = "damaged") -> Path:
    """Rename the store file (and its WAL) to ``shuifa.db.<label>-<timestamp>``; never deletes anything."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    try:
        if path.exists():
            os.replace(path, target)
        wal = path.with_name(path.name + "-wal")
        if wal.exists():
            os.replace(wal, target.with_name(target.name + "-wal"))
        path.with_name(path.name + "-shm").unlink(missing_ok=True)
    except OSError as exc:
        raise _access_error(exc, path, "改名保留") from exc
    return target


def restore_backup(backup: Path, store_path: Path | None = None) -> Path | None:
    """Put ``backup`` in place of the store (which must be closed), atomically: the backup is checked and
    copied next to the store, the current store (if any) is kept aside as ``shuifa.db.before-restore-…``,
    then the copy is renamed into place. Returns where the previous store was kept (None when there was none)."""
    store_path = store_path or paths.store_path()
    info = check_backup(backup)
    if not info.ok:
        raise StoreError(f"备份“{backup.name}”未通过检查，不能用来恢复。", hint="请选择另一份完好的备份。")
    tmp = store_path.with_name(f".{store_path.name}.restore.tmp")
    try:
        src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        dest = sqlite3.connect(tmp)
        try:
            src.backup(dest)
        finally:
            dest.close()
            src.close()
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        if not check_backup(tmp).ok:
            raise sqlite3.DatabaseError("database disk image is malformed")
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise _access_error(exc, store_path, "恢复") from exc
    kept = None
    if store_path.exists() or store_path.with_name(store_path.name + "-wal").exists():
        kept = set_aside(store_path, "before-restore")
    try:
        os.replace(tmp, store_path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _access_error(exc, store_path, "恢复") from exc
    return kept


# ---------------------------------------------------------------------- what went wrong
_SQLITE_KINDS = {3: "readonly", 5: "locked", 6: "locked", 8: "readonly", 10: "io", 11: "damaged", 13: "full",
                 14: "cantopen", 23: "readonly", 26: "damaged"}  # fmt: skip
_ERRNO_KINDS = {errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EROFS: "readonly", errno.EACCES: "readonly",
                errno.EPERM: "readonly", errno.EIO: "io", errno.EBUSY: "locked"}  # fmt: skip


def _kind(exc: BaseException) -> str:
    """full | readonly | io | locked | cantopen | damaged | other."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE_KINDS:
        return _SQLITE_KINDS[code & 0xFF]
    if isinstance(exc, OSError) and exc.errno in _ERRNO_KINDS:
        return _ERRNO_KINDS[exc.errno]
    text = str(exc).lower()
    for key, kind in (("full", "full"), ("readonly", "readonly"), ("read-only", "readonly"),
                      ("disk i/o", "io"), ("locked", "locked"), ("busy", "locked"), ("malformed", "damaged"),
                      ("not a database", "damaged"), ("encrypted", "damaged"), ("unable to open", "cantopen"),
                      ("permission", "readonly")):  # fmt: skip
        if key in text:
            return kind
    if isinstance(exc, PermissionError):
        return "readonly"
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return "damaged"
    return "other"


_ADVICE = {
    "full": (
        "磁盘空间不足",
        "请清理数据文件夹“{folder}”所在磁盘的空间后重试。数据文件没有损坏，不需要从备份恢复。",
    ),
    "readonly": (
        "数据文件或其所在文件夹是只读的（没有写入权限）",
        "请把文件夹“{folder}”设为可写（U 盘请检查写保护开关），或设置 SHUIFA_HOME 指向可写的文件夹。"
        "数据文件没有损坏，不需要从备份恢复。",
    ),
    "io": (
        "读写磁盘时出错",
        "请检查 U 盘或移动硬盘是否已拔出、连接是否稳定，重新插好后再打开述法助手。请先不要从备份恢复：数据文件多半完好。",
    ),
    "locked": ("数据文件正被其他程序占用", "请稍后重试；如有其他述法助手窗口，请先关闭。"),
    "cantopen": (
        "无法打开该文件",
        "请检查文件夹“{folder}”是否存在且可写，或设置 SHUIFA_HOME 指向可写的文件夹。",
    ),
}


def _access_error(exc: BaseException, path: Path, action: str) -> StoreError:
    """A Chinese message naming the cause (full disk, read-only folder, disk error, lock) and what to do."""
    kind = _kind(exc)
    if kind == "damaged":
        return _damaged(path, _reason(exc))
    reason, hint = _ADVICE.get(kind, (_reason(exc), "请检查该文件夹是否存在且可写后重试。"))
    return StoreAccessError(
        f"无法{action}数据文件“{path}”：{reason}。", hint=hint.format(folder=path.parent), kind=kind
    )


def _save_error(exc: BaseException, path: Path) -> StoreError:
    kind = _kind(exc)
    if kind == "locked":
        return StoreAccessError(
            "数据文件正被另一个程序长时间占用，本次保存未完成。",
            hint="请稍后重试；如有其他述法助手窗口，请先关闭。",
            kind=kind,
        )
    if kind == "full":
        return StoreAccessError(
            "磁盘空间不足，本次保存未完成。",
            hint="请清理磁盘空间后重试，已输入的内容仍在窗口中。数据文件没有损坏，不需要从备份恢复。",
            kind=kind,
        )
    if kind in ("readonly", "io", "cantopen"):
        err = _access_error(exc, path, "保存到")
        return StoreAccessError(f"{err.message.rstrip('。')}，本次保存未完成。", hint=err.hint, kind=kind)
    if kind == "damaged":
        return StoreDamagedError(
            f"保存到数据文件失败：{_reason(exc)}。",
            hint="已输入的内容仍在窗口中。请关闭述法助手后重新打开，按提示从备份恢复（损坏的文件会被保留）。",
            path=path,
        )
    return StoreError(f"保存到数据文件失败：{_reason(exc)}。", hint="请重试；已输入的内容仍在窗口中。")


_REASONS = (
    ("locked", "数据文件正被其他程序占用"),
    ("busy", "数据文件正被其他程序占用"),
    ("readonly", "数据文件或其所在文件夹是只读的"),
    ("read-only", "数据文件或其所在文件夹是只读的"),
    ("full", "磁盘空间不足"),
    ("disk i/o", "磁盘读写出错"),
    ("malformed", "文件内容已损坏"),
    ("not a database", "文件内容已损坏"),
    ("encrypted", "文件内容已损坏"),
    ("unable to open", "无法打开该文件"),
    ("permission", "没有访问权限"),
)


def _reason(exc: BaseException) -> str:
    """A Chinese reason for an sqlite3 or OS error (their own texts are English)."""
    text = str(exc).lower()
    for key, reason in _REASONS:
        if key in text:
            return reason
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        return "路径中有一段是文件而不是文件夹"
    if isinstance(exc, PermissionError):
        return "没有访问权限"
    if isinstance(exc, OSError):
        return f"系统错误 {errno.errorcode.get(exc.errno or 0, exc.errno)}"
    return f"数据库错误 {type(exc).__name__}"


def _conflict_msg(what: str) -> str:
    return (
        f"“{what}”已在另一个述法助手窗口或程序中被修改，为避免覆盖对方的内容，本次修改未保存。"
        "请关闭其他窗口后重新打开这份报告。"
    )


def _duty_name(report: Report, duty_id: str) -> str:
    """How a conflict message names a duty (looked up only when there is a conflict)."""
    from .completeness import duty_title

    duty = report.duty_list.find(duty_id)
    return duty_title(duty, 16) if duty is not None else duty_id


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
