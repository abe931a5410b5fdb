"""Word files: automatic numbering (numbers only in numbering.xml), tables with merged category
cells, unit columns; broken, image-only and zip-bomb files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from shuifa.errors import InvalidFileError
from shuifa.importer import import_file

from .docx_builder import merge_down, new_document, numbered, save


def _department_docx(path: Path) -> Path:
    d = new_document()
    d.add_paragraph("南山区司法局党政主要负责人履行推进法治建设第一责任人职责清单")
    numbered(d, "基本原则", 1, 0)
    numbered(d, "坚持党的领导。", 1, 1)
    numbered(d, "坚持依法履职。", 1, 1)
    numbered(d, "党组主要负责人职责", 1, 0)
    numbered(d, "每年至少主持召开2次党组会议研究法治工作。", 1, 2)
    numbered(d, "带头讲法治课。", 1, 2)
    numbered(d, "局长职责", 1, 0)
    numbered(d, "每年3月1日前报告上一年度法治政府建设情况。", 1, 2)
    d.add_paragraph("四、部门职责清单")
    t = d.add_table(rows=4, cols=3)
    for i, h in enumerate(["序号", "职责内容", "责任单位"]):
        t.cell(0, i).text = h
    rows = [
        ("1", "组织开展“八五”普法中期评估。", "普法科、各司法所"),
        ("2", "行政复议案件按期办结率达到100%。", "行政复议科"),
        ("3", "推进公共法律服务体系建设，每季度至少开展1次法律服务进村居活动。", "公共法律服务科，各司法所"),
    ]
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    d.add_paragraph("五、分类职责")
    t2 = d.add_table(rows=5, cols=2)
    t2.cell(0, 0).text = "职责"
    t2.cell(0, 1).text = "具体内容"
    merge_down(t2, 0, 1, 2)
    t2.cell(1, 0).text = "依法决策"
    t2.cell(1, 1).text = "严格执行重大行政决策程序。"
    t2.cell(2, 1).text = "落实法律顾问制度。"
    merge_down(t2, 0, 3, 4)
    t2.cell(3, 0).text = "学法用法"
    t2.cell(3, 1).text = "每年组织学法不少于4次。"
    t2.cell(4, 1).text = "组织旁听庭审。"
    d.add_paragraph("中共南山区司法局党组")
    d.add_paragraph("2024年3月1日")
    return save(d, path)


def test_automatic_numbering_and_tables(tmp_path: Path) -> None:
    res = import_file(_department_docx(tmp_path / "司法局清单.docx"))
    dl = res.duty_list
    assert dl.title == "南山区司法局党政主要负责人履行推进法治建设第一责任人职责清单"
    assert (dl.issuer, dl.date) == ("中共南山区司法局党组", "2024-03-01")
    # labels computed from numbering.xml: 一、（一）1. with the 1. level restarting under each 一、
    headings = [n.heading() for _, n in dl.walk() if n.kind == "group"]
    assert headings[:4] == ["一、基本原则", "二、党组主要负责人职责", "三、局长职责", "四、部门职责清单"]
    assert dl.context_headings() == ["一、基本原则"]
    ctx = dl.children[0].children
    assert [(n.label, n.text) for n in ctx] == [("（一）", "坚持党的领导。"), ("（二）", "坚持依法履职。")]
    party = dl.duties("party")
    assert [n.label for n in party if n.role == "party"] == ["1.", "2."]
    assert party[0].requirements[0].min == 2
    dept = [n for n in dl.duties() if n.role == "department"]
    # 三、局长职责 and 四、部门职责清单 are both the department head's
    assert [n.label for n in dept] == ["1.", "1", "2", "3"]
    assert dept[0].requirements[0].deadline == "03-01"
    # table 序号 | 职责内容 | 责任单位
    table = dl.children[3].children
    assert [(n.label, n.responsible_units) for n in table] == [
        ("1", ["普法科", "各司法所"]),
        ("2", ["行政复议科"]),
        ("3", ["公共法律服务科", "各司法所"]),
    ]
    assert table[1].requirements[0].kind == "rate"
    assert table[2].requirements[0].per == "quarter"
    # table 职责 | 具体内容 with merged category cells → groups
    cats = dl.children[4].children
    assert [(c.kind, c.title, [x.text for x in c.children]) for c in cats] == [
        ("group", "依法决策", ["严格执行重大行政决策程序。", "落实法律顾问制度。"]),
        ("group", "学法用法", ["每年组织学法不少于4次。", "组织旁听庭审。"]),
    ]
    assert cats[1].children[0].requirements[0].min == 4
    assert len(dl.duties()) == 10
    assert res.source_lines[2] == "（一）坚持党的领导。"


def test_article_numbering_in_word(tmp_path: Path) -> None:
    d = new_document()
    d.add_paragraph("北川县党政主要负责人履行推进法治建设第一责任人职责实施办法")
    numbered(d, "为推进法治建设，制定本办法。", 2, 0)
    d.add_paragraph("第二章 党委主要负责人职责")
    numbered(d, "党委主要负责人应当履行下列职责：", 2, 0)
    numbered(d, "每年至少听取一次法治建设工作汇报；", 2, 1)
    numbered(d, "推动法治督察。", 2, 1)
    numbered(d, "支持人大、政府、政协依法履职。", 2, 0)
    for i in range(3):
        numbered(d, f"第{i + 1}项带圈编号的要求。", 3, 0)
    res = import_file(save(d, tmp_path / "办法.docx"))
    labels = [n.label for _, n in res.duty_list.walk()]
    assert labels[:6] == ["第一条", "第二章", "第二条", "（一）", "（二）", "第三条"]
    assert "①" in labels and "③" in labels


def test_content_cell_with_several_numbered_paragraphs(tmp_path: Path) -> None:
    d = new_document()
    d.add_paragraph("某镇职责清单")
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text = "类别"
    t.cell(0, 1).text = "具体内容"
    t.cell(1, 0).text = "党委书记职责"
    cell = t.cell(1, 1)
    cell.text = "1.每年至少听取2次法治工作汇报。"
    cell.add_paragraph("2.带头讲法治课。")
    t.cell(2, 0).text = "镇长职责"
    t.cell(2, 1).text = "组织开展普法活动。"
    res = import_file(save(d, tmp_path / "镇.docx"))
    dl = res.duty_list
    assert dl.role_counts() == {"party": 2, "township": 1}
    assert [n.text for n in dl.duties()] == ["每年至少听取2次法治工作汇报。", "带头讲法治课。", "组织开展普法活动。"]


def test_broken_docx(tmp_path: Path) -> None:
    p = tmp_path / "坏.docx"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InvalidFileError) as exc:
        import_file(p)
    assert "Word" in exc.value.message or "docx" in exc.value.message


def test_zip_without_document(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    p = tmp_path / "压缩包.docx"
    p.write_bytes(buf.getvalue())
    with pytest.raises(InvalidFileError) as exc:
        import_file(p)
    assert "不是 Word 文档" in exc.value.message


def test_zip_bomb(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b"a" * (80 * 1024 * 1024))
    p = tmp_path / "炸弹.docx"
    p.write_bytes(buf.getvalue())
    assert p.stat().st_size < 1024 * 1024
    with pytest.raises(InvalidFileError) as exc:
        import_file(p)
    assert "压缩炸弹" in exc.value.message


def test_image_only_docx(tmp_path: Path) -> None:
    import base64

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    img = tmp_path / "p.png"
    img.write_bytes(png)
    d = new_document()
    d.add_picture(str(img))
    with pytest.raises(InvalidFileError) as exc:
        import_file(save(d, tmp_path / "扫描件.docx"))
    assert "只有图片" in exc.value.message


def test_table_with_caption_row_and_two_category_columns(tmp_path: Path) -> None:
    d = new_document()
    t = d.add_table(rows=5, cols=4)
    caption = t.cell(0, 0).merge(t.cell(0, 3))
    caption.text = "东城区卫健委法治建设职责清单"
    for i, h in enumerate(["序号", "类别", "职责", "具体内容"]):
        t.cell(1, i).text = h
    rows = [
        ("1", "党组书记", "组织领导", "每年至少主持召开1次党组会议研究法治工作。"),
        ("2", "党组书记", "学法用法", "带头讲法治课。"),
        ("3", "主任", "依法行政", "重大行政决策合法性审查率达到100%。"),
    ]
    for r, row in enumerate(rows, 2):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    merge_down(t, 1, 2, 3)
    t.cell(2, 1).text = "党组书记"
    res = import_file(save(d, tmp_path / "卫健委.docx"))
    dl = res.duty_list
    assert dl.title == "东城区卫健委法治建设职责清单"
    assert dl.role_counts() == {"party": 2, "department": 1}
    tree = [(g.title, [(c.title, [x.label for x in c.children]) for c in g.children]) for g in dl.children]
    assert tree == [
        ("党组书记", [("组织领导", ["1"]), ("学法用法", ["2"])]),
        ("主任", [("依法行政", ["3"])]),
    ]
