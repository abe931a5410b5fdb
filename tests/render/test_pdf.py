"""PDF through LibreOffice: the page grid as printed (22 lines a page), page numbers, batch runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from renderdata import TODAY, filled_report

from shuifa.errors import OutputError
from shuifa.render import convert_to_pdf, pdf, render_docx, render_pdf

HAVE_SOFFICE = pdf.find_soffice() is not None and shutil.which("pdftotext") is not None
needs_soffice = pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice / pdftotext not installed")


LAWS = (
    "宪法 民法典 行政处罚法 行政许可法 行政复议法 安全生产法 土地管理法 环境保护法 未成年人保护法 乡村振兴促进法 "
    "信访工作条例 优化营商环境条例 保守国家秘密法 档案法 统计法 预算法 审计法 招标投标法 政府采购法 食品安全法"
).split()


def long_report():
    """A 学法用法 topic of five points, four long sentences each, all different (the composition prints a
    sentence once, so a repeated one would not fill pages): pages of body text with no heading."""
    r = filled_report()
    said = (
        "围绕{}组织专题学习研讨，结合本镇实际深入查找工作中的薄弱环节和风险隐患，"
        "逐项明确整改措施和责任人员，推动学习成果转化为依法履职的实际能力。"
    )
    r.parts["study"] = "\n".join("".join(said.format(law) for law in LAWS[i : i + 4]) for i in range(0, 20, 4))
    return r


def page_texts(pdf_path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, check=True).stdout
    return out.decode("utf-8").split("\f")[:-1]


def test_missing_libreoffice_is_a_clear_message(monkeypatch, tmp_path, report):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(OutputError) as e:
        render_pdf(report, "shufa-report", tmp_path / "o.pdf")
    assert "LibreOffice" in e.value.message and "WPS" in e.value.hint
    docx = render_docx(report, "shufa-report", tmp_path / "o.docx")
    with pytest.raises(OutputError, match="没有找到 LibreOffice"):
        convert_to_pdf([docx], tmp_path)
    assert not (tmp_path / "o.pdf").exists()


def test_soffice_found_on_path_or_by_env(monkeypatch, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("SHUIFA_SOFFICE", str(fake))
    assert pdf.find_soffice() == fake


def test_font_replacements_only_for_missing_fonts(monkeypatch):
    monkeypatch.setattr(pdf, "installed_families", lambda: frozenset({"黑体", "Noto Serif CJK SC", "AR PL UKai CN"}))
    pairs = dict(pdf.font_replacements())
    assert "黑体" not in pairs  # installed: left alone
    assert pairs["仿宋_GB2312"] == "Noto Serif CJK SC"
    assert pairs["楷体_GB2312"] == "AR PL UKai CN"


@needs_soffice
def test_full_page_holds_22_lines_and_page_numbers_alternate(tmp_path):
    out = render_pdf(long_report(), "shufa-report", tmp_path / "报告.pdf", today=TODAY)
    pages = page_texts(out)
    assert len(pages) >= 4
    # the 学法用法 topic runs from page 1 to the page of the next topic's heading: the pages between are
    # pure body text, full
    next_topic = next(n for n, p in enumerate(pages, start=1) if "（二）履行第一责任人职责" in p)
    assert next_topic >= 3
    # the annex starts a page of its own; the text before it names it (附件说明, GB/T 9704 7.3.4)
    assert "职责清单落实情况对照表" in pages[-1] and "是否达标" in pages[-1] and "是否达标" not in pages[-2]
    assert "附件：职责清单落实情况对照表" in "".join(pages[:-1]).replace(" ", "")
    for n, page in enumerate(pages[:-1], start=1):
        lines = [x for x in page.split("\n") if x.strip()]
        number = lines[-1]
        assert number.strip().replace(" ", "") == f"—{n}—"
        body = lines[:-1]
        if 1 < n < next_topic:
            assert len(body) == 22, (n, body)
        if n >= next_topic:
            continue
        # 28 characters on a full line of Chinese text (no digits in it); a stop after them may hang in
        # the margin (Word's and WPS's 允许标点溢出边界), never a 29th character
        full = [x.strip() for x in body if re.fullmatch(r"[\u4e00-\u9fff，。、；：《》（）“”]+", x.strip())]
        grid = [
            x[:-1] if x.endswith(("，", "。", "、", "；", "：", "”", "》", "）")) and len(x) == 29 else x for x in full
        ]
        assert full and max(len(x) for x in grid) == 28
    # odd page numbers on the right, even ones on the left
    first, second = (p.rstrip("\n").split("\n")[-1] for p in pages[:2])
    assert len(first) - len(first.lstrip()) > 20 > len(second) - len(second.lstrip())


@needs_soffice
def test_batch_in_one_run_with_progress_and_same_names(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    d1 = render_docx(filled_report(), "shufa-report", a / "张三.docx")
    d2 = render_docx(filled_report(), "speech", b / "张三.docx")
    out = tmp_path / "pdf"
    out.mkdir()
    seen = []
    result = convert_to_pdf([d1, d2], out, progress=lambda done, total: seen.append((done, total)))
    assert result == [out / "张三.pdf", out / "张三-2.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in result)
    assert seen[-1] == (2, 2)
    assert "现场" not in page_texts(result[0])[0] and "各位领导" in page_texts(result[1])[0]
    assert sorted(p.name for p in out.iterdir()) == ["张三-2.pdf", "张三.pdf"]


@needs_soffice
def test_cancel_stops_and_writes_nothing(tmp_path):
    d1 = render_docx(filled_report(), "shufa-report", tmp_path / "x.docx")
    out = tmp_path / "pdf"
    out.mkdir()
    stop = threading.Event()
    stop.set()
    with pytest.raises(OutputError, match="已取消"):
        convert_to_pdf([d1], out, cancel=stop)
    assert list(out.iterdir()) == []


def test_pdf_names_never_clash_with_a_name_ending_in_a_number():
    from shuifa.render.pdf import _unique_names

    paths = [Path(f"/x/{n}.docx") for n in ("张三", "张三-2", "张三", "a", "A")]
    assert _unique_names(paths, ".pdf") == ["张三.pdf", "张三-2.pdf", "张三-3.pdf", "a.pdf", "A-2.pdf"]
