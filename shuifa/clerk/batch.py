"""Batch output: many reports × one template → .docx files (and PDFs) in a folder.

- File names are ``单位-姓名-年度.docx``, made safe for Windows (no ``\\ / : * ? " < > |``, no
  reserved names such as CON, no trailing dot or space, at most 80 characters) and unique inside
  one batch (``…-2``, ``…-3`` on clashes; compared without case, as Windows does). A file of the
  same name already in the folder is replaced (atomically), so re-running a batch refreshes it.
- Rendering runs in a pool of worker processes (two on a two-core machine); tiny batches render
  in-process, where starting workers would cost more than it saves.
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
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import OutputError, ShuifaError
from ..model import Report

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

#: Below this many reports the batch renders in-process (worker start-up costs ~1 s).
MIN_PARALLEL = 6
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


def unique_names(reports: Sequence[Report], suffix: str = ".docx") -> list[str]:
    """File names for ``reports`` in order, unique without regard to case."""
    used: set[str] = set()
    out: list[str] = []
    for r in reports:
        stem = output_stem(r)
        name = f"{stem}{suffix}"
        n = 2
        while name.lower() in used:
            name = f"{stem}-{n}{suffix}"
            n += 1
        used.add(name.lower())
        out.append(name)
    return out


@dataclass
class BatchResult:
    docx: list[Path] = field(default_factory=list)
    pdf: list[Path] = field(default_factory=list)
    #: (file name the report would have had, Chinese reason)
    failed: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0
    workers: int = 1

    def message(self) -> str:
        parts = [f"已生成 {len(self.docx)} 份 Word 文档"]
        if self.pdf:
            parts.append(f"{len(self.pdf)} 份 PDF")
        if self.failed:
            parts.append(f"{len(self.failed)} 份未能生成")
        text = "，".join(parts) + "。"
        return ("已取消。" + text) if self.cancelled else text

    def failed_details(self) -> str:
        return "\n".join(f"{name}：{reason}" for name, reason in self.failed)


def _warm_up() -> None:
    """Worker initializer: import the renderer once per process, before the first job."""
    import shuifa.render  # noqa: F401


def _render_job(report_data: dict[str, Any], template: str, out_path: str) -> tuple[str, str]:
    """Render one report in a worker. Returns (path, "") or ("", Chinese reason)."""
    from shuifa.render import render_docx

    try:
        path = render_docx(Report.from_dict(report_data), template, Path(out_path))
        return str(path), ""
    except ShuifaError as exc:
        return "", str(exc)
    except Exception as exc:  # reported per file, never silently dropped
        return "", f"生成时出现意外错误（{type(exc).__name__}: {exc}）"


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def prepare_folder(out_dir: str | os.PathLike[str]) -> Path:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"“{out}”是一个文件，不是文件夹。", hint="请选择一个用于存放输出文件的文件夹。")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建文件夹“{out}”：{exc.strerror or exc}。", hint="请选择其他位置。") from exc
    if not os.access(out, os.W_OK):
        raise OutputError(f"没有权限写入文件夹“{out}”。", hint="请选择自己有写入权限的文件夹。")
    return out


def render_batch(
    reports: Sequence[Report],
    template: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    pdf: bool = False,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> BatchResult:
    """Render every report with ``template`` into ``out_dir`` (see the module doc)."""
    from ..render import convert_to_pdf, render_docx

    start = time.perf_counter()
    out = prepare_folder(out_dir)
    template_arg = str(template)
    names = unique_names(reports)
    targets = [out / n for n in names]
    total = len(reports) * (2 if pdf else 1)
    workers = default_workers() if workers is None else max(1, workers)
    if len(reports) < MIN_PARALLEL:
        workers = 1
    result = BatchResult(workers=workers)
    done_paths: dict[int, Path] = {}

    def cancelled() -> bool:
        return bool(cancel and cancel())

    def step(i: int, name: str) -> None:
        if progress:
            progress(len(done_paths) + len(result.failed), total, f"已生成 {name}（{i}/{len(reports)}）")

    if progress:
        progress(0, total, "正在生成 Word 文档…")
    if workers == 1:
        for i, (report, target) in enumerate(zip(reports, targets, strict=True)):
            if cancelled():
                result.cancelled = True
                break
            try:
                done_paths[i] = render_docx(report, template_arg, target)
            except ShuifaError as exc:
                result.failed.append((target.name, str(exc)))
            step(len(done_paths) + len(result.failed), target.name)
    else:
        ctx = multiprocessing.get_context("spawn")  # safe from a GUI thread and identical on Windows
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm_up) as pool:
            pending: dict[Future[tuple[str, str]], int] = {
                pool.submit(_render_job, r.to_dict(), template_arg, str(t)): i
                for i, (r, t) in enumerate(zip(reports, targets, strict=True))
            }
            while pending:
                finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for fut in finished:
                    i = pending.pop(fut)
                    try:
                        path, reason = fut.result()
                    except Exception as exc:  # a worker died (out of memory, killed)
                        path, reason = "", f"生成进程意外退出（{type(exc).__name__}: {exc}）"
                    if path:
                        done_paths[i] = Path(path)
                    else:
                        result.failed.append((targets[i].name, reason))
                    step(len(done_paths) + len(result.failed), targets[i].name)
                if pending and cancelled():
                    result.cancelled = True
                    for fut in pending:
                        fut.cancel()
                    pool.shutdown(wait=True, cancel_futures=True)
                    # jobs already running when cancelled may still have finished
                    for fut, i in pending.items():
                        if fut.done() and not fut.cancelled() and fut.result()[0]:
                            done_paths[i] = Path(fut.result()[0])
                    break
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
