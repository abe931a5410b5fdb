"""The .docx as a user opens it: read back from the file, element by element."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from render_helpers import NS, W, make_template, para, paragraphs, part
from renderdata import TODAY

from shuifa.errors import OutputError, TemplateError
from shuifa.paths import BUILTIN_TEMPLATES, ROOT
from shuifa.render import gbt, preview_text, render_docx
from shuifa.render.docx import _width

WA = f"{W}val"


def attr(el, name: str) -> str | None:
    return el.get(f"{W}{name}")


@pytest.fixture
def docx(report, tmp_path) -> Path:
    return render_docx(report, "shufa-report", tmp_path / "out.docx", today=TODAY)


def style(styles, style_id: str):
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, style_id
    return found


# --------------------------------------------------------------------------- content


def annex_rows(path: Path) -> list[list[str]]:
    """The annex table as the user reads it in Word (python-docx), header row first."""
    import docx as python_docx

    tables = python_docx.Document(str(path)).tables
    assert len(tables) <= 1
    return [[c.text for c in row.cells] for row in tables[0].rows] if tables else []


def test_paragraphs_are_exactly_the_preview(report, docx):
    """Every paragraph the preview shows, in order; the preview's annex lines are the table's rows.

    The preview's blank line before 附件 is a page break in the document (the annex starts a page), and
    the document has an empty paragraph between the annex title and its table."""
    got = [t for _, t in paragraphs(docx)]
    expected = preview_text(report, "shufa-report", today=TODAY).text.split("\n")
    label, a = expected.index("附件"), expected.index("职责清单落实情况对照表") + 1
    assert expected[label - 1] == ""
    assert got == expected[: label - 1] + expected[label:a] + [""]
    assert ["｜".join(r) for r in annex_rows(docx)[1:]] == expected[a:]


@pytest.mark.parametrize(
    "kind",
    [
        "shuzhi-section",
        "speech",
        "speech-outline",
    ],
)
def test_other_kinds_match_their_preview(report, tmp_path, kind):
    out = render_docx(report, kind, tmp_path / f"{kind}.docx", today=TODAY)
    assert [t for _, t in paragraphs(out)] == preview_text(report, kind, today=TODAY).text.split("\n")
    assert annex_rows(out) == []  # the annex goes with the written report only


def test_requirement_values_are_in_the_annex_table_not_in_the_body(report, docx):
    rows = annex_rows(docx)
    assert rows == [
        ["职责", "清单要求", "完成情况", "是否达标"],
        ["(1)组织党委会议每年至少听取一次法治建设工作汇报", "每年至少听取一次法治建设工作汇报", "4次", "达标"],
        ["(3)每年至少举办2次法治专题讲座", "每年至少举办2次法治专题讲座", "3次", "达标"],
        ["(4)每年3月1日前报告上一年度法治建设情况", "每年3月1日前报告上一年度法治建设情况", "2025年2月20日", "达标"],
    ]
    texts = [t for _, t in paragraphs(docx)]
    assert not any("要求≥" in t or "要求3月1日前" in t or "法治专题讲座举办次数" in t for t in texts)
    assert texts[-3:] == ["附件", "职责清单落实情况对照表", ""]
    # the table comes after the 落款, the header repeats on every page, rows do not split
    body = part(docx, "word/document.xml").find("w:body", NS)
    kids = [c.tag.split("}")[1] for c in body]
    assert kids[-2:] == ["tbl", "sectPr"]
    label = style(part(docx, "word/styles.xml"), gbt.STYLE_ANNEX_LABEL)
    assert label.find("w:pPr/w:pageBreakBefore", NS) is not None  # 附件 on a page of its own
    trs = body.findall("w:tbl/w:tr", NS)
    assert trs[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in trs)


def test_one_paragraph_per_paragraph_never_line_breaks(report, docx):
    body = part(docx, "word/document.xml")
    assert body.findall(".//w:br", NS) == []
    assert not any("\n" in t for _, t in paragraphs(docx))


def test_heading_styles_and_fonts(report, docx):
    got = dict((t, s) for s, t in paragraphs(docx))
    assert got["关于2025年度履行推进法治建设"] == gbt.STYLE_TITLE
    assert got["第一责任人职责情况的报告"] == gbt.STYLE_TITLE
    assert got["一、履职情况"] == "GwHeading1"
    assert got["（二）履行第一责任人职责，加强对法治建设的组织领导"] == "GwHeading2"  # a topic
    assert got["（一）统筹推进法治建设的力度还需加大"] == "GwHeading2"  # a headed problem
    assert got["一是坚持领导干部学法。带头学习习近平法治思想，全年参加集中学法12次。"] == ""  # a point is body text
    assert got["张三"] == gbt.STYLE_SIGNER and got["2026年1月5日"] == gbt.STYLE_DATE
    styles = part(docx, "word/styles.xml")

    def fonts(style_id):
        rf = style(styles, style_id).find("w:rPr/w:rFonts", NS)
        sz = style(styles, style_id).find("w:rPr/w:sz", NS)
        return attr(rf, "eastAsia"), int(attr(sz, "val"))

    assert fonts("Normal") == ("仿宋_GB2312", 32)
    assert fonts(gbt.STYLE_TITLE) == ("方正小标宋简体", 44)
    assert fonts("GwHeading1") == ("黑体", 32)
    assert fonts("GwHeading2") == ("楷体_GB2312", 32)
    assert fonts("GwHeading3") == ("仿宋_GB2312", 32)
    assert fonts("GwHeading4") == ("仿宋_GB2312", 32)
    assert fonts(gbt.STYLE_PAGE_NUMBER) == ("宋体", 28)
    # No bold anywhere (GB/T 9704 headings are not bold).
    assert styles.findall(".//w:b", NS) == []
    title_ppr = style(styles, gbt.STYLE_TITLE).find("w:pPr", NS)
    assert attr(title_ppr.find("w:jc", NS), "val") == "center"
    # every rFonts in the package names an east-asian font
    for name in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        for rf in part(docx, name).iter(f"{W}rFonts"):
            assert attr(rf, "eastAsia"), name


def test_body_paragraph_format(docx):
    normal = style(part(docx, "word/styles.xml"), "Normal").find("w:pPr", NS)
    spacing = normal.find("w:spacing", NS)
    assert (attr(spacing, "line"), attr(spacing, "lineRule")) == ("579", "exact")  # 28.95 pt
    ind = normal.find("w:ind", NS)
    assert (attr(ind, "firstLineChars"), attr(ind, "firstLine")) == ("200", "640")
    assert attr(normal.find("w:jc", NS), "val") == "both"
    rpr = style(part(docx, "word/styles.xml"), "Normal").find("w:rPr", NS)
    # 28 characters of 16 pt − 0.25 pt fit the 156 mm line, 29 do not
    sp = int(attr(rpr.find("w:spacing", NS), "val"))
    assert 28 * (320 + sp) <= gbt.TEXT_WIDTH < 29 * (320 + sp)


def test_page_setup(docx):
    sect = part(docx, "word/document.xml").find(".//w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")  # A4
    mar = sect.find("w:pgMar", NS)
    mm = {k: int(attr(mar, k)) / 1440 * 25.4 for k in ("top", "bottom", "left", "right")}
    assert {k: round(v) for k, v in mm.items()} == {"top": 37, "bottom": 35, "left": 28, "right": 26}
    body_height = (16838 - int(attr(mar, "top")) - int(attr(mar, "bottom"))) / 20
    assert int(body_height // 28.95) == 22 and int(body_height // 29) == 21
    grid = sect.find("w:docGrid", NS)
    assert attr(grid, "linePitch") == "579"
    # sectPr children in schema order: footer references first, docGrid last
    tags = [c.tag.split("}")[1] for c in sect]
    assert tags == ["footerReference", "footerReference", "pgSz", "pgMar", "cols", "docGrid"]


def test_page_numbers_even_and_odd(docx):
    settings = part(docx, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    sect = part(docx, "word/document.xml").find(".//w:body/w:sectPr", NS)
    rels = part(docx, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    refs = {attr(r, "type"): targets[r.get(f"{{{gbt.R_NS}}}id")] for r in sect.findall("w:footerReference", NS)}
    for kind, jc, side in (("default", "right", "right"), ("even", "left", "left")):
        ftr = part(docx, f"word/{refs[kind]}")
        p = ftr.find("w:p", NS)
        assert attr(p.find("w:pPr/w:jc", NS), "val") == jc
        assert attr(p.find("w:pPr/w:ind", NS), side) == "280"  # one 14 pt character
        text = "".join(t.text for t in p.iter(f"{W}t"))
        assert text == "— 1 —"  # U+2014 一字线 around the PAGE field's cached value
        assert [attr(f, "fldCharType") for f in p.iter(f"{W}fldChar")] == ["begin", "separate", "end"]
        assert p.find(".//w:instrText", NS).text.strip() == "PAGE"
        assert attr(p.find("w:pPr/w:pStyle", NS), "val") == gbt.STYLE_PAGE_NUMBER


def test_font_table_names_fallbacks_and_theme_is_plain(docx):
    fonts = part(docx, "word/fontTable.xml")
    alt = {attr(f, "name"): attr(f.find("w:altName", NS), "val") for f in fonts.findall("w:font", NS)}
    assert alt["仿宋_GB2312"] == "仿宋" and alt["楷体_GB2312"] == "楷体" and alt["黑体"] == "SimHei"
    assert {"方正小标宋简体", "宋体", "Times New Roman"} <= set(alt)
    with zipfile.ZipFile(docx) as zf:
        theme = zf.read("word/theme/theme1.xml").decode("utf-8")
    for wps_lacks in ("ＭＳ", "Yu Mincho", "游", "Calibri", "Cambria", "맑은", "Batang", "MS Gothic"):
        assert wps_lacks not in theme


def test_schema_order_everywhere(docx):
    rank_p = {n: i for i, n in enumerate(gbt.PPR_ORDER)}
    rank_r = {n: i for i, n in enumerate(gbt.RPR_ORDER)}
    for name in ("word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml"):
        root = part(docx, name)
        for el in root.iter(f"{W}pPr", f"{W}rPr"):
            rank = rank_p if el.tag == f"{W}pPr" else rank_r
            keys = [rank[c.tag.split("}")[1]] for c in el]
            assert keys == sorted(keys), (name, [c.tag for c in el])


def test_signature_placed_per_standard(docx):
    body = part(docx, "word/document.xml").find("w:body", NS)
    ps = body.findall("w:p", NS)
    styles = [p.find("w:pPr/w:pStyle", NS) for p in ps]
    at = [attr(st, "val") if st is not None else "" for st in styles].index(gbt.STYLE_SIGNER)
    ps = ps[: at + 2]  # up to the date: the annex after it starts a page of its own
    signer, date_p = ps[-2], ps[-1]
    assert attr(date_p.find("w:pPr/w:pStyle", NS), "val") == gbt.STYLE_DATE
    s_ind, d_ind = signer.find("w:pPr/w:ind", NS), date_p.find("w:pPr/w:ind", NS)
    # date right-indented two characters; its first character two to the right of the signer's first
    assert int(attr(d_ind, "rightChars")) == 200
    d_right, s_right = int(attr(d_ind, "rightChars")) / 100, int(attr(s_ind, "rightChars")) / 100
    d_w, s_w = _width("2026年1月5日"), _width("张三")
    assert (28 - s_right - s_w) + 2 == pytest.approx(28 - d_right - d_w)
    assert ps[-3].find(".//w:t", NS) is None  # 正文下空一行


def test_user_template_fix_ups(report, tmp_path):
    """A hand-made template: an empty heading disappears, a font named only as w:ascii gets w:eastAsia,
    misordered pPr children are put in order, a table without gridCol widths gets them."""
    body = [
        para("{{ parts.decisions[0] if parts.decisions else '' }}", "GwHeading1"),
        '<w:p><w:pPr><w:jc w:val="center"/><w:pStyle w:val="GwHeading2"/></w:pPr>'
        '<w:r><w:rPr><w:sz w:val="32"/><w:rFonts w:ascii="黑体" w:hAnsi="黑体"/></w:rPr><w:t>{{ official.name }}</w:t></w:r></w:p>',
        "<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>职责</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>{{ stats.duties }}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        para(""),
    ]
    tpl = make_template(tmp_path / "手工.docx", body)
    out = render_docx(report, tpl, tmp_path / "o.docx", today=TODAY)
    doc = part(out, "word/document.xml")
    ps = doc.findall("w:body/w:p", NS)
    assert ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in ps] == ["张三", ""]
    ppr = ps[0].find("w:pPr", NS)
    assert [c.tag.split("}")[1] for c in ppr] == ["pStyle", "jc"]
    rpr = ps[0].find("w:r/w:rPr", NS)
    assert [c.tag.split("}")[1] for c in rpr] == ["rFonts", "sz"]
    assert attr(rpr.find("w:rFonts", NS), "eastAsia") == "黑体"
    cols = doc.findall(".//w:tblGrid/w:gridCol", NS)
    assert len(cols) == 2 and all(int(attr(c, "w")) > 0 for c in cols)
    assert [c.tag.split("}")[1] for c in doc.find(".//w:tbl", NS)][:2] == ["tblPr", "tblGrid"]


# --------------------------------------------------------------------------- safety


def test_user_text_is_escaped_and_never_run(report, tmp_path):
    nasty = "讲座 & <培训> \"引号\" '单引号' {{ ''.__class__.__mro__ }} {% for x in y %}"
    report.entries["dp3"].performance = nasty
    report.official.name = "张&三<b>"
    out = render_docx(report, "shufa-report", tmp_path / "o.docx", today=TODAY)
    texts = [t for _, t in paragraphs(out)]
    assert any(t.startswith("二是") and t.endswith(nasty + "。") for t in texts)  # a point: lead, then the text
    styled = dict((s, t) for s, t in paragraphs(out))
    assert styled[gbt.STYLE_SIGNER] == "张&三<b>" and texts[2].endswith("张&三<b>")
    assert not any("mro" in t and "object" in t for t in texts)


def test_template_tricks_are_refused(report, tmp_path):
    tpl = make_template(tmp_path / "坏.docx", [para("{{ ''.__class__.__mro__[1].__subclasses__() }}")])
    with pytest.raises(TemplateError) as e:
        render_docx(report, tpl, tmp_path / "o.docx")
    assert "不允许" in e.value.message and "坏.docx" in e.value.message
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.parametrize(
    ("body", "what", "where"),
    [
        ([para("标题"), para("{{ title }"), para("结尾")], "标签写法有误", "{{ title }"),
        ([para("第一段"), para("姓名：{{ officail.name }}")], "“officail”不存在", "姓名：{{ officail.name }}"),
        ([para("第一段"), para("姓名：{{ official.nmae }}")], "“nmae”不存在", "姓名：{{ official.nmae }}"),
        ([para("开头"), para("{%p for p in opening %}"), para("{{ p }}")], "“for”块没有结束标记", "{{ p }}"),
        ([para("{% frobnicate %}")], "不认识的标签“frobnicate”", "{% frobnicate %}"),
    ],
)
def test_broken_template_names_template_and_place(report, tmp_path, body, what, where):
    tpl = make_template(tmp_path / "我的模板.docx", body)
    with pytest.raises(TemplateError) as e:
        render_docx(report, tpl, tmp_path / "o.docx")
    msg = e.value.message
    assert "我的模板.docx" in msg and what in msg and where in msg, msg
    assert "正文第" in msg


def test_tags_split_across_runs_still_work(report, tmp_path):
    tpl = make_template(
        tmp_path / "拆开.docx",
        [
            para("", runs=["{", "{ offi", "cial.name }", "}"]),
            para("", runs=["{% if year %}", "年度：{{ ye", "ar }}{% endif %}"]),
        ],
    )
    out = render_docx(report, tpl, tmp_path / "o.docx")
    assert [t for _, t in paragraphs(out)] == ["张三", "年度：2025"]


def test_not_a_docx_template(report, tmp_path):
    bad = tmp_path / "旧.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0 old word")
    with pytest.raises(TemplateError, match="另存为"):
        render_docx(report, bad, tmp_path / "o.docx")
    broken = tmp_path / "坏掉.docx"
    broken.write_bytes(b"PK not really")
    with pytest.raises(TemplateError, match="不是有效的 Word 文档"):
        render_docx(report, broken, tmp_path / "o.docx")


# --------------------------------------------------------------------------- atomic output


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions as non-root")
def test_read_only_folder(report, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(OutputError) as e:
            render_docx(report, "shufa-report", ro / "o.docx")
        assert "没有写入权限" in e.value.message
        assert list(ro.iterdir()) == []
    finally:
        ro.chmod(0o700)


def test_unwritable_folder_any_user(report, tmp_path, monkeypatch):
    """The same refusal when running as root (chmod does not stop root): the temp file cannot be made."""
    import tempfile

    def refuse(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError) as e:
        render_docx(report, "shufa-report", tmp_path / "o.docx")
    assert "没有写入权限" in e.value.message
    assert not (tmp_path / "o.docx").exists()


def test_read_only_target_file_is_refused_and_kept(report, tmp_path, monkeypatch):
    """A target another program holds (Windows refuses the replace): clear message, old file intact."""
    target = tmp_path / "o.docx"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "locked", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputError) as e:
        render_docx(report, "shufa-report", target)
    assert "WPS" in e.value.hint and "占用" in e.value.message
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "o.docx"]


def test_disk_full_leaves_no_half_written_file(report, tmp_path, monkeypatch):
    target = tmp_path / "o.docx"
    target.write_bytes(b"old")
    real = zipfile.ZipFile.writestr
    calls = {"n": 0}

    def writestr(self, *a, **k):
        calls["n"] += 1
        if calls["n"] > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *a, **k)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr)
    with pytest.raises(OutputError) as e:
        render_docx(report, "shufa-report", target)
    assert "磁盘空间不足" in e.value.message
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "o.docx"]


# --------------------------------------------------------------------------- templates on disk


def test_builtin_templates_are_reproducible(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_templates.py"), str(tmp_path)], check=True, capture_output=True
    )
    for kind in ("shufa-report", "shuzhi-section", "speech", "speech-outline"):
        assert (tmp_path / f"{kind}.docx").read_bytes() == (BUILTIN_TEMPLATES / f"{kind}.docx").read_bytes(), kind


def test_documented_duty_table_and_generic_section_loop(report, tmp_path):
    def row(*cells: str) -> str:
        return "<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in cells) + "</w:tr>"

    table = (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
        + row("{%tr for d in duties %}", "", "")
        + row("{{ d.label }}", "{{ d.text }}", "{{ d.status_text }}")
        + row("{%tr endfor %}", "", "")
        + "</w:tbl>"
    )
    body = [
        para("{%p for s in section_list %}"),
        para("{{ s.heading }}", "GwHeading1"),
        para("{%p endfor %}"),
        table,
        para(""),
    ]
    out = render_docx(report, make_template(tmp_path / "表.docx", body), tmp_path / "o.docx")
    doc = part(out, "word/document.xml")
    texts = [t for _, t in paragraphs(out)]
    assert texts[:4] == ["一、履职情况", "二、上年度问题整改情况", "三、存在的问题和不足", "四、下一步工作打算"]
    rows = doc.findall(".//w:tbl/w:tr", NS)
    cells = [["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in r.findall("w:tc", NS)] for r in rows]
    assert len(cells) == 6
    assert cells[2] == ["(3)", "每年至少举办2次法治专题讲座。", "已落实"]
    assert cells[1][2] == "不涉及"
    assert len(doc.findall(".//w:tblGrid/w:gridCol", NS)) == 3


def test_user_template_without_conditions_leaves_no_empty_heading(report, tmp_path):
    report.carry_over = []
    body = []
    for key in ("performance", "rectification", "problems"):
        body += [
            para(f"{{{{ sections.{key}.heading }}}}", "GwHeading1"),
            para(f"{{%p for p in sections.{key}.paragraphs[:1] %}}"),
            para("{{ p }}"),
            para("{%p endfor %}"),
        ]
    out = render_docx(report, make_template(tmp_path / "简单.docx", body), tmp_path / "o.docx", today=TODAY)
    got = paragraphs(out)
    assert [t for s, t in got if s == "GwHeading1"] == ["一、履职情况", "二、存在的问题和不足"]
    assert all(t for _, t in got)


def test_multi_line_value_in_a_user_template_becomes_paragraphs(report, tmp_path):
    report.parts["study"] = "第一段 & 学法。\n\n第二段 <学法>。\r\n第三段。"
    body = [para("学法：{{ (parts.study|join('\\n')) }}"), para("{{ official.name }}")]
    out = render_docx(report, make_template(tmp_path / "多段.docx", body), tmp_path / "o.docx")
    assert [t for _, t in paragraphs(out)] == ["学法：第一段 & 学法。", "第二段 <学法>。", "第三段。", "张三"]
    assert part(out, "word/document.xml").findall(".//w:br", NS) == []


def test_signature_keeps_with_the_text_and_the_annex_names_its_duties_once(tmp_path):
    from shuifa.lists import load_builtin
    from shuifa.sample import make_sample

    report = make_sample(load_builtin("anshan-gaoxin-2023"), role="party", year=2025, seed=0)
    out = render_docx(report, "shufa-report", tmp_path / "o.docx", today=TODAY)
    body = part(out, "word/document.xml").find(f"{W}body")
    paras = list(body.iter(f"{W}p"))
    signer = next(
        i for i, p in enumerate(paras) if p.find(f"{W}pPr/{W}pStyle[@{W}val='{gbt.STYLE_SIGNER}']") is not None
    )
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in paras]
    last_text = max(i for i in range(signer) if texts[i].strip() and not texts[i].startswith("附件："))
    assert texts[last_text - 0].startswith(("一是", "二是", "三是", "四是", "五是", "六是"))
    for p in paras[last_text:signer]:  # the last paragraph, the blank lines and 附件说明 keep with the 落款
        assert p.find(f"{W}pPr/{W}keepNext") is not None, "".join(t.text or "" for t in p.iter(f"{W}t"))
    assert "附件：职责清单落实情况对照表" in texts[last_text:signer]
    # a duty with two requirements: one cell over two rows (vMerge), its name printed once
    rows = body.findall(f".//{W}tbl/{W}tr")
    first_cells = [r.find(f"{W}tc") for r in rows[1:]]
    merged = [
        c
        for c in first_cells
        if c.find(f"{W}tcPr/{W}vMerge") is not None and c.find(f"{W}tcPr/{W}vMerge").get(f"{W}val") is None
    ]
    assert merged and all(not "".join(t.text or "" for t in c.iter(f"{W}t")) for c in merged)
