"""Import many ``.shufa`` files (several files and/or folders) into the store.

Two steps, so a GUI can read off the GUI thread and ask on it:

1. :func:`read_files` reads and validates every file. An invalid file becomes an item with the
   Chinese reason and no report: nothing from it is ever stored.
2. :func:`store_items` stores the valid ones. A report whose official (姓名), unit (单位) and year
   (年度) match a report already in the store — or one stored earlier in the same import — is a
   duplicate; the caller decides per file, or once for all the remaining ones, whether to
   **replace** the existing report (the newest match keeps its id and gets the file's content),
   **keep both** (the file is stored as a new report) or **skip** the file.

:func:`import_files` chains both for callers that decide up front (tests, scripts).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InvalidFileError, ShuifaError
from ..exchange import SUFFIX, read_report
from ..model import Report, new_id
from ..store import ReportSummary, Store
from .oserror import read_error

REPLACE = "replace"
KEEP_BOTH = "keep"
SKIP = "skip"
ACTIONS: dict[str, str] = {REPLACE: "替换已有报告", KEEP_BOTH: "保留两份", SKIP: "跳过"}

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


@dataclass
class ImportItem:
    """One file of an import: its report when valid, else the Chinese reason it was refused."""

    path: Path
    report: Report | None = None
    error: str = ""
    #: Set before storing when the caller decided already (one of ACTIONS).
    action: str | None = None

    @property
    def valid(self) -> bool:
        return self.report is not None

    def key(self) -> tuple[str, str, int] | None:
        if self.report is None:
            return None
        o = self.report.official
        return (o.name.strip(), o.unit.strip(), self.report.year)

    def describe(self) -> str:
        if self.report is None:
            return self.path.name
        o = self.report.official
        return f"{o.unit} {o.name} {self.report.year}年度".strip()


@dataclass
class Decision:
    action: str
    for_all: bool = False


@dataclass
class ImportResult:
    #: (file, stored report id, action: "new" / REPLACE / KEEP_BOTH)
    stored: list[tuple[Path, str, str]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    invalid: list[tuple[Path, str]] = field(default_factory=list)
    #: (file, description of the other official whose report had the file's id): stored under a new id
    id_clashes: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False

    @property
    def report_ids(self) -> list[str]:
        return [rid for _, rid, _ in self.stored]

    def message(self) -> str:
        """A Chinese one-paragraph summary for the user."""
        new = sum(1 for _, _, a in self.stored if a != REPLACE)
        replaced = sum(1 for _, _, a in self.stored if a == REPLACE)
        parts = [f"已导入 {new} 份报告"]
        if replaced:
            parts.append(f"替换 {replaced} 份")
        if self.skipped:
            parts.append(f"跳过重复的 {len(self.skipped)} 份")
        if self.invalid:
            parts.append(f"{len(self.invalid)} 个文件无法导入（未保存其中任何内容）")
        text = "，".join(parts) + "。"
        if self.id_clashes:
            text += (
                f"其中 {len(self.id_clashes)} 个文件的报告编号与其他人的已有报告相同，已作为新报告导入，"
                "已有报告未作改动。"
            )
        if self.cancelled:
            text = "导入已取消。" + text
        return text

    def invalid_details(self) -> str:
        return "\n".join(f"{p.name}：{reason}" for p, reason in self.invalid)

    def clash_details(self) -> str:
        return "\n".join(f"{p.name}：编号与“{other}”的报告相同，已作为新报告导入" for p, other in self.id_clashes)


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to import: files as given, folders searched (with subfolders) for ``*.shufa``.

    Order is kept (folders' files sorted by path); a file named twice is taken once.
    Raises InvalidFileError when a named path does not exist or nothing is found.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                q for q in p.rglob("*") if q.suffix.lower() == SUFFIX and not q.name.startswith(".") and q.is_file()
            )
        elif p.exists():
            found = [p]
        else:
            raise InvalidFileError(f"找不到“{p}”。", hint="请检查文件或文件夹的名称和位置。")
        for q in found:
            r = q.resolve()
            if r not in seen:
                seen.add(r)
                out.append(q)
    if not out:
        raise InvalidFileError(
            "所选位置中没有找到述法报告文件（.shufa）。", hint="请选择 .shufa 文件或包含它们的文件夹。"
        )
    return out


def read_files(
    paths: Iterable[str | os.PathLike[str]],
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> list[ImportItem]:
    """Read and validate every file (folders expanded). Stops early (returning what was read) on cancel."""
    files = collect_files(paths)
    items: list[ImportItem] = []
    for i, f in enumerate(files):
        if cancel and cancel():
            break
        if progress:
            progress(i, len(files), f"正在读取 {f.name}（{i + 1}/{len(files)}）")
        try:
            report = read_report(f)
            _check_storable(report, f)
            items.append(ImportItem(f, report=report))
        except ShuifaError as exc:
            items.append(ImportItem(f, error=str(exc.message)))
        except OSError as exc:
            items.append(ImportItem(f, error=read_error(exc, f).message))
        except Exception as exc:  # a file must never stop the others
            items.append(ImportItem(f, error=f"无法读取该文件（{type(exc).__name__}），它可能已损坏。"))
    if progress:
        progress(len(items), len(files), "读取完成")
    return items


def _check_storable(report: Report, path: Path) -> None:
    """Refuse, before anything is stored, a report the store could not take whole: every file of an
    import is checked first, so no file can stop the import halfway with earlier files stored."""
    import json

    try:
        json.dumps(report.to_dict(), ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (ValueError, TypeError, RecursionError):
        raise InvalidFileError(
            f"“{path.name}”中有无法保存的内容（无效的字符或数字），文件可能已损坏或被篡改。",
            hint="请让对方用述法助手重新导出后发送。",
        ) from None


def describe_official(name: str, unit: str, year: int | None = None) -> str:
    text = f"{unit.strip()} {name.strip()}".strip()
    return f"{text} {year}年度" if year is not None else text


def id_owner_clash(store: Store, report: Report) -> ReportSummary | None:
    """The stored report (deleted ones included) that has ``report``'s id but belongs to ANOTHER
    official (a different name or unit), else None. Such a file must never replace that report
    nor be described as it: it is imported as a new report (a new id)."""
    for r in store.list_reports(include_deleted=True):
        if r.id == report.id:
            o = report.official
            if (r.name.strip(), r.unit.strip()) != (o.name.strip(), o.unit.strip()):
                return r
            return None
    return None


def describe_summary(r: ReportSummary) -> str:
    return describe_official(r.name, r.unit, r.year)


def has_votes(report: Report) -> bool:
    return any(int(v) for v in report.evaluation.values())


def replace_stored(store: Store, report: Report, target_id: str, *, keep_evaluation: bool = True) -> None:
    """Replace the stored report ``target_id`` with ``report`` (which takes that id).

    The clerk's recorded 评议 votes of the stored report are kept unless the file itself carries
    votes (an official's corrected file never wipes the clerk's results)."""
    if keep_evaluation and not has_votes(report):
        try:
            old = store.load_report(target_id)
        except ShuifaError:
            old = None  # deleted or unreadable: nothing to keep
        if old is not None and has_votes(old):
            report.evaluation = dict(old.evaluation)
    report.id = target_id
    store.replace_report(report)


def duplicates_in_store(store: Store, item: ImportItem) -> list[ReportSummary]:
    key = item.key()
    if key is None:
        return []
    name, unit, year = key
    return [r for r in store.list_reports() if (r.name.strip(), r.unit.strip(), r.year) == (name, unit, year)]


def duplicate_groups(store: Store, items: list[ImportItem]) -> dict[int, list[str]]:
    """For each valid item index that would be a duplicate: descriptions of what it duplicates
    (reports in the store, and files earlier in this same import)."""
    out: dict[int, list[str]] = {}
    earlier: dict[tuple[str, str, int], list[ImportItem]] = {}
    for i, item in enumerate(items):
        key = item.key()
        if key is None:
            continue
        what = [
            f"已有报告：{r.unit} {r.name} {r.year}年度（更新于 {r.updated[:16].replace('T', ' ')}）"
            for r in duplicates_in_store(store, item)
        ]
        what += [f"本次导入的文件：{e.path.name}" for e in earlier.get(key, [])]
        if what:
            out[i] = what
        earlier.setdefault(key, []).append(item)
    return out


def store_items(
    store: Store,
    items: list[ImportItem],
    choose: Callable[[ImportItem, list[ReportSummary]], Decision] | None = None,
    default: str = SKIP,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ImportResult:
    """Store the valid items. For a duplicate without ``item.action``, ``choose(item, existing)``
    decides (a Decision with ``for_all`` applies to every later duplicate); without ``choose``,
    ``default`` applies."""
    result = ImportResult()
    for_all: str | None = None
    valid = [it for it in items if it.valid]
    result.invalid = [(it.path, it.error) for it in items if not it.valid]
    for n, item in enumerate(valid):
        if cancel and cancel():
            result.cancelled = True
            break
        if progress:
            progress(n, len(valid), f"正在保存 {item.describe()}")
        report = item.report
        assert report is not None
        existing = duplicates_in_store(store, item)
        action = "new"
        if existing:
            if item.action:
                action = item.action
            elif for_all:
                action = for_all
            elif choose is not None:
                decision = choose(item, existing)
                action = decision.action
                if decision.for_all:
                    for_all = decision.action
            else:
                action = default
            if action not in ACTIONS:
                raise ValueError(f"unknown import action {action!r}")
        if action == SKIP:
            result.skipped.append(item.path)
            continue
        known_ids = {r.id for r in store.list_reports(include_deleted=True)}
        clash = id_owner_clash(store, report)
        if clash is not None:
            result.id_clashes.append((item.path, describe_summary(clash)))
        if action == REPLACE:
            target = existing[0]  # newest first
            replace_stored(store, report, target.id)
        else:
            if report.id in known_ids:
                report.id = new_id()
            store.create_report(report)
        result.stored.append((item.path, report.id, action))
    if progress:
        progress(len(valid), len(valid), "导入完成")
    return result


def import_files(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    on_duplicate: str | Callable[[ImportItem, list[ReportSummary]], Decision] = SKIP,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ImportResult:
    """Read ``paths`` (files or folders) and store the valid reports.

    ``on_duplicate`` is one of ACTIONS for every duplicate, or a chooser called per duplicate."""
    items = read_files(paths, progress, cancel)
    if isinstance(on_duplicate, str):
        return store_items(store, items, default=on_duplicate, progress=progress, cancel=cancel)
    return store_items(store, items, choose=on_duplicate, progress=progress, cancel=cancel)


def read_reports(paths: Iterable[str | os.PathLike[str]]) -> list[Report]:
    """All reports in ``paths`` (files or folders) for a command that works on files directly.

    Raises InvalidFileError naming every invalid file and why, so nothing is produced from a
    set with a broken file in it."""
    items = read_files(paths)
    bad = [it for it in items if not it.valid]
    if bad:
        details = "\n".join(f"  {it.path}：{it.error}" for it in bad)
        raise InvalidFileError(
            f"有 {len(bad)} 个文件无法读取，未生成任何输出：\n{details}",
            hint="请修正或移除这些文件后重试。",
        )
    return [it.report for it in items if it.report is not None]
