"""Batch output: many reports × one template → .docx files (and PDFs) in a folder.

- File names are ``单位-姓名-年度.docx``, made safe for Windows (no ``\\ / : * ? " < > |``, no
  reserved names such as CON, no trailing dot or space, at most 80 characters) and unique inside
  one batch (``…-2``, ``…-3`` on clashes; compared without case, as Windows does). A file of the
  same name already in the folder is never replaced silently: it is kept and the new file gets the
  next free ``-2``, ``-3`` … (``result.kept`` lists both names), unless ``overwrite=True`` (the
  caller asked the user, or ``shuifa batch --overwrite``): then it is replaced atomically.
- The first two reports render in-process (a missing template has already failed before that);
  the time one took decides the rest: when rendering the others here would take longer than
  PARALLEL_WORTH_S and the machine is not overloaded (1-minute load average below
  MAX_LOAD_PER_CORE per core), helper processes (``spawn``; one on a two-core
  machine) render some of them a few per job **while this process keeps rendering** — it never
  waits for the helpers to start (≈1.5 s), so they only add. ``workers=`` forces the number of
  processes, this one included (the benchmark compares 1 and 2).
- PDFs are made from the finished .docx files in **one** LibreOffice run
  (:func:`shuifa.render.convert_to_pdf`).
- ``progress(done, total, text)`` is called as files finish; ``cancel()`` is polled and stops the
  batch between files (files already written stay; the result says how many).
- A report that fails to render does not stop the others; its reason is in ``failed``.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import atomic
from ..errors import OutputError, ShuifaError
from ..model import Report
from .oserror import folder_error

if TYPE_CHECKING:
    from ..render.templates import TemplateInfo

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

#: A helper process is started only for at least this many remaining reports, and only when
#: rendering them here would take longer than PARALLEL_WORTH_S: this process keeps rendering while
#: the helper starts (interpreter, imports: ≈1.5 s on the 2-core test machine), so the helper wins
#: (total − start-up) / 2 and only once the work is longer than its start-up
#: (see benchmarks/bench_batch.py and docs/clerk.md).
MIN_PARALLEL = 6
PARALLEL_WORTH_S = 2.5
#: Above this load average per core no helper is started. As this process never waits for the
#: helper, a helper still won with other programs keeping the 2-core machine busy (load 2.1:
#: 100 reports 2.3 → 1.6 s; load 2.9–3.3: 5.8 → 4.0 s); beyond 2 per core it was not measured,
#: and a machine that busy is better left to its other programs (the clerk's WPS, the GUI).
MAX_LOAD_PER_CORE = 2.0
MAX_NAME = 80

_BAD_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def sanitize_filename(name: str, fallback: str = "未命名") -> str:
    """``name`` made safe as a file name on Windows, Linux and macOS (without extension)."""
    s = _BAD_CHARS.sub("_", name)
    s = re.sub(r"\s+", " ", s).strip().rstrip(". ")
    if len(s) > MAX_NAME:
        s = s[:MAX_NAME].rstrip(". ")
    if not s:
        s = fallback
    if s.split(".")[0].upper() in _RESERVED:
        s = f"_{s}"
    return s


def output_stem(report: Report) -> str:
    """``单位-姓名-年度`` (parts left out when empty), made safe for a file name."""
    o = report.official
    parts = [p.strip() for p in (o.unit, o.name) if p.strip()]
    stem = "-".join([*parts, f"{report.year}"]) if parts else f"述法报告-{report.year}"
    return sanitize_filename(stem, fallback=f"述法报告-{report.year}")


def unique_names(
    reports: Sequence[Report], suffix: str = ".docx", taken: Callable[[str], bool] | None = None
) -> list[str]:
    """File names for ``reports`` in order, unique without regard to case; a stem for which
    ``taken(stem)`` is true (a file already in the folder) is skipped as well."""
    used: set[str] = set()
    out: list[str] = []
    for r in reports:
        stem = output_stem(r)
        cand = stem
        n = 2
        while f"{cand}{suffix}".lower() in used or (taken is not None and taken(cand)):
            cand = f"{stem}-{n}"
            n += 1
        used.add(f"{cand}{suffix}".lower())
        out.append(f"{cand}{suffix}")
    return out


def _folder_names(out: Path) -> set[str]:
    """The names in ``out``, lower-cased (Windows and macOS compare names without case)."""
    try:
        return {p.name.lower() for p in out.iterdir()}
    except OSError:
        return set()


def _taken_fn(out: Path, pdf: bool) -> Callable[[str], bool]:
    present = _folder_names(out)

    def taken(stem: str) -> bool:
        return f"{stem}.docx".lower() in present or (pdf and f"{stem}.pdf".lower() in present)

    return taken


def existing_outputs(reports: Sequence[Report], out_dir: str | os.PathLike[str], *, pdf: bool = False) -> list[str]:
    """The files a batch into ``out_dir`` would replace (for asking the user before writing)."""
    out = Path(out_dir)
    if not out.is_dir():
        return []
    present = _folder_names(out)
    found: list[str] = []
    for name in unique_names(reports):
        stem = name[: -len(".docx")]
        for n in (name, f"{stem}.pdf") if pdf else (name,):
            if n.lower() in present:
                found.append(n)
    return found


@dataclass
class BatchResult:
    docx: list[Path] = field(default_factory=list)
    pdf: list[Path] = field(default_factory=list)
    #: (file name the report would have had, Chinese reason)
    failed: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0
    workers: int = 1
    #: (name of a file already in the folder, kept as it was; the new file's name instead)
    kept: list[tuple[str, str]] = field(default_factory=list)
    #: names of files already in the folder that were replaced (``overwrite=True``)
    replaced: list[str] = field(default_factory=list)

    def message(self) -> str:
        parts = [f"已生成 {len(self.docx)} 份 Word 文档"]
        if self.pdf:
            parts.append(f"{len(self.pdf)} 份 PDF")
        if self.failed:
            parts.append(f"{len(self.failed)} 份未能生成")
        text = "，".join(parts) + "。"
        if self.kept:
            text += f"文件夹中原有的 {len(self.kept)} 个同名文件已保留，新文件名加了编号。"
        if self.replaced:
            text += f"覆盖了 {len(self.replaced)} 个原有的同名文件。"
        return ("已取消。" + text) if self.cancelled else text

    def kept_details(self) -> str:
        return "\n".join(f"{old} 已保留，新文件为 {new}" for old, new in self.kept)

    def failed_details(self) -> str:
        return "\n".join(f"{name}：{reason}" for name, reason in self.failed)


def _warm_up() -> None:
    """Worker initializer: import the renderer once per process, before the first job."""
    import shuifa.render  # noqa: F401


def _render_one(report: Report, template: TemplateInfo, out_path: Path) -> tuple[str, str]:
    """Render one report. Returns (path, "") or ("", Chinese reason) — never raises for a report."""
    from ..render import render_docx

    try:
        return str(render_docx(report, template, out_path)), ""
    except ShuifaError as exc:
        return "", str(exc)
    except OSError as exc:
        return "", str(atomic.explain_os_error(exc, out_path))
    except Exception as exc:  # reported per file, never silently dropped
        return "", f"生成时出现意外错误（{type(exc).__name__}）"


def _render_chunk(jobs: list[tuple[dict[str, Any], str]], template: TemplateInfo) -> list[tuple[str, str]]:
    """Worker side: render a few reports (given as dicts) to their paths."""
    return [_render_one(Report.from_dict(data), template, Path(out)) for data, out in jobs]


def load_per_core() -> float:
    """The 1-minute load average per core (0 where the system does not report one, as on Windows)."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0
    return load / (os.cpu_count() or 1)


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def prepare_folder(out_dir: str | os.PathLike[str]) -> Path:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"“{out}”是一个文件，不是文件夹。", hint="请选择一个用于存放输出文件的文件夹。")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise folder_error(exc, out) from exc
    if not os.access(out, os.W_OK):
        raise OutputError(f"没有权限写入文件夹“{out}”。", hint="请选择自己有写入权限的文件夹。")
    return out


def _render_shared(
    reports: Sequence[Report],
    targets: Sequence[Path],
    start: int,
    template: TemplateInfo,
    workers: int,
    record: Callable[[int, str, str], None],
    cancelled: Callable[[], bool],
    result: BatchResult,
) -> None:
    """Render ``reports[start:]`` here and in ``workers - 1`` helper processes, sharing one queue.

    This process never waits for the helpers to start: it keeps rendering from the front of the
    queue while they start (≈1.5 s for a ``spawn`` interpreter plus the renderer's imports on the
    2-core machine), and they take a few reports at a time from the back. A helper gets one small
    job until its first result shows it is up, then two jobs in flight, so it is never idle and
    never holds back much of the queue at the end."""
    queue = deque(range(start, len(reports)))
    helpers = workers - 1
    chunk = max(1, min(8, len(queue) // (workers * 6)))
    started = False  # a helper has returned a result
    broken = False  # a helper died: the rest renders here
    # spawn: safe when called from a GUI worker thread (no fork of a threaded process), as on Windows
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=helpers, mp_context=ctx, initializer=_warm_up)
    pending: dict[Future[list[tuple[str, str]]], list[int]] = {}

    def top_up() -> None:
        if broken:
            return
        limit = 2 * helpers if started else helpers
        while queue and len(pending) < limit:
            size = chunk if started else min(2, chunk)
            # never more than a share of what is left, so the end is not held up by a helper
            size = max(1, min(size, len(queue) // (workers * 2)))
            part = [queue.pop() for _ in range(min(size, len(queue)))]
            jobs = [(reports[i].to_dict(), str(targets[i])) for i in part]
            pending[pool.submit(_render_chunk, jobs, template)] = part

    def collect(finished: Iterable[Future[list[tuple[str, str]]]]) -> None:
        nonlocal started, broken
        for fut in finished:
            part = pending.pop(fut)
            if fut.cancelled():
                continue
            try:
                outcomes = fut.result()
                started = True
            except Exception as exc:  # a helper died (out of memory, killed)
                broken = True
                outcomes = [("", f"生成进程意外退出（{type(exc).__name__}），可能是内存不足。")] * len(part)
            for i, (path, reason) in zip(part, outcomes, strict=True):
                record(i, path, reason)

    try:
        top_up()
        while queue or pending:
            if cancelled():
                result.cancelled = True
                break
            collect([f for f in pending if f.done()])
            top_up()
            if queue:
                i = queue.popleft()
                record(i, *_render_one(reports[i], template, targets[i]))
            elif pending:
                done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                collect(done)
    finally:
        # on cancel: jobs not started are dropped, the running ones finish (a few reports) and count
        pool.shutdown(wait=True, cancel_futures=True)
        collect(list(pending))


def render_batch(
    reports: Sequence[Report],
    template: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    pdf: bool = False,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    overwrite: bool = False,
) -> BatchResult:
    """Render every report with ``template`` into ``out_dir`` (see the module doc)."""
    from ..render import convert_to_pdf, resolve_template

    start = time.perf_counter()
    # A missing or broken template fails once, clearly, before anything; every report (and every
    # helper process) then gets the resolved template instead of looking it up again.
    info = resolve_template(template)
    out = prepare_folder(out_dir)
    plain = unique_names(reports)
    taken = _taken_fn(out, pdf)
    names = plain if overwrite else unique_names(reports, taken=taken)
    targets = [out / n for n in names]
    total = len(reports) * (2 if pdf else 1)
    max_workers = default_workers() if workers is None else max(1, workers)
    result = BatchResult(workers=1)
    if overwrite:
        result.replaced = existing_outputs(reports, out, pdf=pdf)
    else:
        present = _folder_names(out)
        for old, new in zip(plain, names, strict=True):
            stem = old[: -len(".docx")]
            if taken(stem):
                there = old if old.lower() in present else f"{stem}.pdf"
                result.kept.append((there, new))
    done_paths: dict[int, Path] = {}

    def cancelled() -> bool:
        return bool(cancel and cancel())

    def record(i: int, path: str, reason: str) -> None:
        if path:
            done_paths[i] = Path(path)
        else:
            result.failed.append((targets[i].name, reason))
        if progress:
            n = len(done_paths) + len(result.failed)
            progress(n, total, f"已生成 {targets[i].name}（{n}/{len(reports)}）")

    if progress:
        progress(0, total, "正在生成 Word 文档…")
    # The first two reports render here: the time one takes decides whether worker processes are
    # worth starting (the first also pays the one-off imports and template parsing).
    next_i = 0
    per_report = 0.0
    while next_i < min(2, len(reports)):
        if cancelled():
            result.cancelled = True
            break
        t = time.perf_counter()
        record(next_i, *_render_one(reports[next_i], info, targets[next_i]))
        per_report = time.perf_counter() - t
        next_i += 1
    remaining = len(reports) - next_i
    use_pool = max_workers > 1 and remaining >= MIN_PARALLEL
    if use_pool and workers is None:
        use_pool = remaining * per_report > PARALLEL_WORTH_S and load_per_core() < MAX_LOAD_PER_CORE
    if use_pool and not result.cancelled:
        result.workers = max_workers
        _render_shared(reports, targets, next_i, info, max_workers, record, cancelled, result)
    elif not result.cancelled:
        for i in range(next_i, len(reports)):
            if cancelled():
                result.cancelled = True
                break
            record(i, *_render_one(reports[i], info, targets[i]))
    result.docx = [done_paths[i] for i in sorted(done_paths)]

    if pdf and result.docx and not result.cancelled:
        base = len(result.docx) + len(result.failed)

        def pdf_progress(done: int, n: int) -> None:
            if progress:
                progress(base + done, base + n, f"正在用 LibreOffice 转换 PDF（{done}/{n}）")

        if progress:
            progress(base, base + len(result.docx), "正在用 LibreOffice 转换 PDF…")
        try:
            result.pdf = convert_to_pdf(result.docx, out, progress=pdf_progress, cancel=cancel)
        except ShuifaError:
            if not cancelled():
                raise
        if cancelled():
            result.cancelled = True
    result.seconds = time.perf_counter() - start
    if progress and not result.cancelled:
        progress(total, total, "完成")
    return result
