"""Render speed: the 牛心坨镇 sample (52 duties) to .docx, side by side with python-docx merely
building the same paragraphs in the same template, and the live preview of a 300-duty report.

Prints ``name: value unit (目标 …)`` lines.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import big_report, figure  # noqa: E402

from shuifa.lists import load_builtin  # noqa: E402
from shuifa.paths import BUILTIN_TEMPLATES  # noqa: E402
from shuifa.render import preview_text, render_docx  # noqa: E402
from shuifa.sample import make_sample  # noqa: E402

ROUNDS = 15
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_paragraphs(path: Path) -> list[tuple[str | None, str]]:
    import docx

    doc = docx.Document(str(path))
    return [(p.style.style_id if p.style is not None else None, p.text) for p in doc.paragraphs]


def python_docx_build(paragraphs: list[tuple[str | None, str]], out: Path) -> None:
    """The baseline: open the same template, add the same paragraphs with the same styles, save."""
    import docx

    doc = docx.Document(str(BUILTIN_TEMPLATES / "shufa-report.docx"))
    body = doc.element.body
    for p in list(body.iterchildren(f"{W}p")):
        body.remove(p)
    styles = {s.style_id: s for s in doc.styles}
    for style_id, text in paragraphs:
        doc.add_paragraph(text, style=styles.get(style_id or "Normal"))
    doc.save(str(out))


def main() -> int:
    # A 乡镇（街道）党政主要负责人 on this list walks all 52 duties (党委 24 + 政府 28).
    report = make_sample(load_builtin("niuxintuo-town-2023"), role="township", year=2025, seed=0)
    n_duties = len(report.duties())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # warm-up: imports, template parsing, Jinja compilation
        render_docx(report, "shufa-report", folder / "warm.docx")
        paragraphs = read_paragraphs(folder / "warm.docx")
        python_docx_build(paragraphs, folder / "warm-baseline.docx")
        ours: list[float] = []
        base: list[float] = []
        for i in range(ROUNDS):
            t = time.perf_counter()
            render_docx(report, "shufa-report", folder / f"r{i}.docx")
            ours.append(time.perf_counter() - t)
            t = time.perf_counter()
            python_docx_build(paragraphs, folder / f"b{i}.docx")
            base.append(time.perf_counter() - t)
        assert read_paragraphs(folder / "b0.docx") == read_paragraphs(folder / "r0.docx")

        big = big_report(300)
        previews: list[float] = []
        preview_cpu: list[float] = []
        for _ in range(200):
            t, c = time.perf_counter(), time.thread_time()
            preview_text(big, "shufa-report")
            preview_cpu.append(time.thread_time() - c)
            previews.append(time.perf_counter() - t)
        big_docx: list[float] = []
        for i in range(5):
            t = time.perf_counter()
            render_docx(big, "shufa-report", folder / f"big{i}.docx")
            big_docx.append(time.perf_counter() - t)

    ours_ms = statistics.median(ours) * 1000
    base_ms = statistics.median(base) * 1000
    na = sum(1 for d in report.duties() if report.entries.get(d.id) and report.entries[d.id].status == "na")
    print(
        f"# 牛心坨镇样例：{n_duties} 条职责（不涉及 {na} 条），{len(paragraphs)} 段；各 {ROUNDS} 轮交替测量，取中位数"
    )
    figure("render_docx 牛心坨镇样例 (52 duties)", ours_ms, "ms", "< 300 ms")
    figure("python-docx 构建相同段落 (baseline)", base_ms, "ms")
    figure("render_docx / python-docx", ours_ms / base_ms, "×", "≤ 3×")
    figure("preview_text 300 条职责 (p50)", statistics.median(previews) * 1000, "ms", "< 16 ms；组合在后台线程运行")
    figure(
        "preview_text 300 条职责 (p95)",
        sorted(previews)[int(len(previews) * 0.95)] * 1000,
        "ms",
        "< 16 ms；组合在后台线程运行",
    )
    # CPU time of the calling thread: what the preview costs without other processes competing for the CPU
    figure(
        "preview_text 300 条职责 CPU (p95)", sorted(preview_cpu)[int(len(preview_cpu) * 0.95)] * 1000, "ms", "< 16 ms"
    )
    figure("render_docx 300 条职责", statistics.median(big_docx) * 1000, "ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
