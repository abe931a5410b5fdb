"""Word files of the kinds units keep their lists in, built with python-docx (see docx_builder)."""

from __future__ import annotations

from pathlib import Path

from .docx_builder import merge_down, new_document, numbered, save


def department_table(path: Path) -> Path:
    """序号 | 职责 | 具体内容 | 责任科室; 序号 numbered by Word, 职责 merged down over its rows."""
    d = new_document()
    d.add_paragraph("市交通运输局主要负责人履行推进法治建设第一责任人职责清单")
    rows = [
        (
            "学法用法",
            "每年至少组织局党组理论学习中心组开展4次集体学法（其中宪法和习近平法治思想专题学习不少于1次）。",
            "办公室",
        ),
        ("学法用法", "每年至少带头讲授1次法治课。", "政策法规科"),
        ("依法决策", "重大行政决策事项严格履行法定程序，合法性审查率达到100%。", "政策法规科"),
        ("依法决策", "本局行政规范性文件公开征求意见期限一般不少于30日。", "政策法规科"),
        ("依法决策", "落实法律顾问制度，法律顾问列席局党组会议。", "办公室"),
        ("严格执法", "行政执法案卷评查优良率达到90%以上，行政执法人员持证率达到100%。", "执法监督科、综合执法支队"),
        ("严格执法", "行政复议被纠错率控制在5%以内。", "政策法规科"),
    ]
    t = d.add_table(rows=1 + len(rows), cols=4)
    for i, h in enumerate(("序号", "职责", "具体内容", "责任科室")):
        t.cell(0, i).text = h
    for r, (_cat, content, unit) in enumerate(rows, start=1):
        cell = t.cell(r, 0)
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        p = numbered(cell, "", 4)
        assert p is not None
        t.cell(r, 2).text = content
        t.cell(r, 3).text = unit
    # category cells merged down (Word writes vMerge)
    spans = [(1, 2, "学法用法"), (3, 5, "依法决策"), (6, 7, "严格执法")]
    for a, b, cat in spans:
        t.cell(a, 1).text = cat
        if b > a:
            merge_down(t, 1, a, b)
    d.add_paragraph("中共某市交通运输局党组")
    d.add_paragraph("2024年3月12日")
    return save(d, path)


def role_columns(path: Path) -> Path:
    """序号 | 类别 | 县委书记职责 | 县长职责: the roles are columns."""
    d = new_document()
    d.add_paragraph("凤鸣县党政主要负责人履行推进法治建设第一责任人职责清单")
    t = d.add_table(rows=4, cols=4)
    data = [
        ("序号", "类别", "县委主要负责人", "县政府主要负责人"),
        (
            "1",
            "学法用法",
            "每年至少组织县委理论学习中心组开展4次集体学法。",
            "每年至少组织县政府常务会议开展4次会前学法。",
        ),
        (
            "2",
            "依法决策",
            "严格落实党委重大决策合法性审查机制。",
            "重大行政决策合法性审查率达到100%。",
        ),
        (
            "3",
            "述职述法",
            "每年1月底前向市委报告上一年度履行推进法治建设第一责任人职责情况。",
            "每年3月1日前向县委和市政府报告上一年度法治政府建设情况。",
        ),
    ]
    for r, row in enumerate(data):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    return save(d, path)


def role_per_row(path: Path) -> Path:
    """序号 | 职责内容 | 责任主体: each row names who it binds (县委书记, 县长, or both)."""
    d = new_document()
    d.add_paragraph("中共石泉县委 石泉县人民政府")
    d.add_paragraph("石泉县党政主要负责人履行推进法治建设第一责任人职责清单")
    data = [
        ("序号", "职责内容", "责任主体"),
        ("1", "每年至少主持召开1次县委常委会会议听取法治建设工作汇报。", "县委书记"),
        ("2", "每年3月1日前向县委和市政府报告上一年度法治政府建设情况。", "县长"),
        ("3", "带头学法，每年至少讲授1次法治课。", "县委书记、县长"),
        ("4", "落实政府法律顾问制度，重大行政决策合法性审查率达到100%。", "县长"),
    ]
    t = d.add_table(rows=len(data), cols=3)
    for r, row in enumerate(data):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.add_paragraph("2024年5月6日")
    return save(d, path)
