"""Lists written the way 依法治X办 documents are, from places other than the seeds (files in
``realistic/``, Word files built by ``realistic_docx``): each must give the right tree — counts, roles,
labels as printed, texts, units, requirements, title/issuer/date — and leave context sections out."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuifa.importer import ImportResult, import_file

from .realistic_docx import department_table, role_columns, role_per_row

DOCS = Path(__file__).resolve().parent / "realistic"


def _imp(name: str) -> ImportResult:
    return import_file(DOCS / name)


def _duties(res: ImportResult) -> list[tuple[str, str, str]]:
    """(path of labels/headings, label, role) for each duty, in order."""
    return [("/".join(p.label or p.title for p in path), n.label, n.role) for path, n in res.duty_list.duty_paths()]


def _reqs(res: ImportResult) -> list[list[tuple]]:
    out = []
    for _path, n in res.duty_list.duty_paths():
        out.append([(r.kind, r.label, r.min, r.max, r.per, r.deadline) for r in n.requirements])
    return out


def _messages(res: ImportResult) -> list[str]:
    return [w.message for w in res.warnings]


def _assert_texts_from_source(res: ImportResult) -> None:
    source = "".join(res.source_lines)
    for n in res.duty_list.duties():
        for part in n.text.split("\n"):
            assert part in source, part


def test_provincial_banfa_with_cover_chapters_sections_and_articles() -> None:
    res = _imp("province_banfa.txt")
    dl = res.duty_list
    assert dl.title == "南岭省党政主要负责人履行推进法治建设第一责任人职责实施办法"
    assert (dl.issuer, dl.date) == ("中共南岭省委办公厅、南岭省人民政府办公厅", "2022-03-18")
    assert dl.role_counts() == {"party": 5, "government": 6}
    assert dl.context_headings() == ["第一章总则", "第三章监督检查", "第四章附则"]
    duties = _duties(res)
    assert duties[0] == ("第二章/第一节/第四条", "（一）", "party")
    assert duties[4] == ("第二章/第一节", "第五条", "party")
    assert duties[-1] == ("第二章/第二节", "第七条", "government")
    by = {(p.split("/")[-1], label): n for (p, label, _), (_path, n) in zip(duties, dl.duty_paths(), strict=True)}
    assert by[("第六条", "（三）")].text == (
        "加强行政应诉工作，行政机关负责人出庭应诉率达到100%，行政诉讼案件败诉率控制在5%以内；"
    )
    reqs = _reqs(res)
    assert reqs[1] == [
        ("count", "党委理论学习中心组集体学法次数", 2, None, "year", None),
        ("count", "习近平法治思想专题学习次数", 1, None, "year", None),
    ]
    assert reqs[3] == [("deadline", "上一年度履行推进法治建设第一责任人职责情况报告日期", None, None, None, "01-31")]
    assert reqs[7] == [
        ("rate", "行政机关负责人出庭应诉率", 100, None, None, None),
        ("rate", "行政诉讼案件败诉率", None, 5, None, None),
    ]
    assert reqs[8] == [("duration", "行政规范性文件公开征求意见的期限（日）", 30, None, None, None)]
    assert reqs[10] == [
        ("count", "政府常务会议学法次数", 4, None, "year", None),
        ("count", "领导干部法治专题讲座举办期数", 2, None, "year", None),
    ]
    # the 第三条 principles (（一）坚持…) are context, the cover letter is not a duty
    assert all("坚持" not in n.text[:4] for n in dl.duties())
    assert not res.warnings
    _assert_texts_from_source(res)


def test_city_list_three_roles_and_signature() -> None:
    res = _imp("city_three_roles.txt")
    dl = res.duty_list
    assert dl.title == "云台市党政主要负责人履行推进法治建设第一责任人职责清单"
    assert (dl.issuer, dl.date) == ("中共云台市委全面依法治市委员会办公室", "2023-11-06")
    assert dl.role_counts() == {"party": 4, "government": 4, "department": 4}
    assert [d[1] for d in _duties(res)] == ["1.", "2.", "3.", "4."] * 3
    reqs = _reqs(res)
    # defect 1: the bracketed requirement gets its own label, no bracket residue
    assert reqs[0] == [
        ("count", "市委理论学习中心组集体学法次数", 4, None, "year", None),
        ("count", "习近平法治思想专题学习次数", 1, None, "year", None),
    ]
    assert reqs[4] == [("count", "政府常务会议召开次数", 1, None, "quarter", None)]
    # defect 2: an upper bound
    assert reqs[6][1] == ("rate", "行政诉讼案件败诉率", None, 8, None, None)
    assert reqs[7] == [("deadline", "上一年度法治政府建设情况报告日期", None, None, None, "03-31")]
    assert reqs[8] == [("count", "本部门领导班子集体学法次数", 4, None, "year", None)]
    assert reqs[10] == [("rate", "培训率", 95, None, None, None)]
    assert not res.warnings


def test_township_list_behind_cover_letter() -> None:
    res = _imp("township.txt")
    dl = res.duty_list
    assert dl.title == "桃源镇党政主要负责人履行推进法治建设第一责任人职责清单"
    assert (dl.issuer, dl.date) == ("中共桃源镇委员会、桃源镇人民政府", "2024-01-10")
    assert dl.role_counts() == {"township": 5}
    assert dl.context_headings() == ["一、总体要求", "三、保障措施"]
    reqs = _reqs(res)
    assert reqs[1] == [("count", "镇领导班子集体学法次数", 4, None, "year", None)]
    assert reqs[2] == [("rate", "村（社区）法律顾问覆盖率", 100, None, None, None)]
    assert reqs[3] == [
        ("count", "矛盾纠纷排查化解开展次数", 1, None, "month", None),
        ("rate", "矛盾纠纷调解成功率", 95, None, None, None),
    ]
    assert reqs[4] == [("deadline", "本年度法治建设工作情况报告日期", None, None, None, "12-31")]
    assert not res.warnings


def test_forwarded_copy_with_two_cover_letters() -> None:
    res = _imp("forwarded_two_covers.txt")
    dl = res.duty_list
    assert dl.title == "青川市政府部门主要负责人履行推进法治建设第一责任人职责清单"
    # the original issuer (the last letter before the list), not the forwarding county office
    assert (dl.issuer, dl.date) == ("中共青川市委全面依法治市委员会办公室", "2023-03-28")
    assert dl.role_counts() == {"department": 5}
    assert dl.context_headings() == ["二、工作要求"]
    assert [d[1] for d in _duties(res)] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    reqs = _reqs(res)
    assert reqs[1] == [("count", "党组（党委）会议召开次数", 2, None, "year", None)]
    assert reqs[3] == [("deadline", "本部门年度普法工作总结报送日期", None, None, None, "12-15")]
    assert all("转发" not in n.text and "印发给你们" not in n.text for n in dl.duties())
    assert not res.warnings


def test_web_copy_with_page_chrome_footer_and_half_width_punctuation() -> None:
    res = _imp("web_copy.txt")
    dl = res.duty_list
    assert dl.title == "金水区党政主要负责人履行推进法治建设第一责任人职责清单"
    assert (dl.issuer, dl.date) == ("中共金水区委全面依法治区委员会办公室", "2023-06-08")
    assert dl.role_counts() == {"party": 3, "government": 3}
    texts = [n.text for n in dl.duties()]
    assert texts[0] == (
        "深入学习贯彻习近平法治思想，每年至少组织区委理论学习中心组开展4次集体学法"
        "（其中习近平法治思想专题学习不少于1次）。"
    )
    # the footer's link list (相关链接：/ 中国政府网) is not part of the last duty
    assert texts[-1] == "每年3月1日前向区委和市政府报告上一年度法治政府建设情况。"
    joined = "\n".join(texts)
    for chrome in ("浏览次数", "字号", "打印本页", "分享", "扫一扫", "上一篇", "下一篇", "相关链接", "政府网"):
        assert chrome not in joined
    reqs = _reqs(res)
    assert reqs[3] == [
        ("count", "学法次数", 1, None, "quarter", None),
        ("count", "政府常务会议召开次数", 1, None, "year", None),
    ]
    assert reqs[4][1] == ("rate", "行政诉讼败诉率", None, 10, None, None)
    assert not res.warnings


def test_numbering_gaps_and_restarts_keep_printed_labels() -> None:
    res = _imp("gaps_restarts.txt")
    dl = res.duty_list
    assert dl.role_counts() == {"department": 8}  # from the title: 县直部门主要负责人…清单
    assert [(d[0], d[1]) for d in _duties(res)] == [
        ("一、", "1."),
        ("一、", "2."),
        ("一、", "4."),
        ("二、", "1."),
        ("二、", "2."),
        ("二、", "2."),
        ("三、", "1."),
        ("三、", "3."),
    ]
    msgs = _messages(res)
    assert any("2.之后是4.，缺少 1 项" in m for m in msgs)
    assert any("编号重复或倒退：2.之后是2." in m for m in msgs)
    assert any("1.之后是3.，缺少 1 项" in m for m in msgs)
    assert _reqs(res)[1] == [("count", "庭审活动旁听次数", 1, None, "year", None)]
    assert _reqs(res)[0] == [("count", "集体学法次数", 4, None, "year", None)]


def test_yishi_ershi_inside_duties_stay_text() -> None:
    res = _imp("yishi_erhshi.txt")
    dl = res.duty_list
    assert dl.role_counts() == {"party": 2, "government": 2}
    first = dl.duties()[0]
    assert first.text.startswith("带头尊法学法守法用法。一是每年至少组织区委理论学习中心组开展2次专题学法；二是")
    assert first.children == []
    assert _reqs(res)[0] == [("count", "区委理论学习中心组专题学法次数", 2, None, "year", None)]
    assert _reqs(res)[1] == [("count", "法治建设工作汇报听取次数", 1, None, "year", None)]
    assert not res.warnings


def test_gbk_county_list_with_chinese_numeral_date() -> None:
    raw = (DOCS / "county_gbk.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    res = _imp("county_gbk.txt")
    dl = res.duty_list
    assert res.encoding == "gb18030"
    assert dl.title == "长宁县党政主要负责人履行推进法治建设第一责任人职责清单"
    assert (dl.issuer, dl.date) == ("中共长宁县委、长宁县人民政府", "2023-12-05")
    assert dl.role_counts() == {"party": 4, "government": 4}
    assert dl.context_headings() == ["三、附则"]
    reqs = _reqs(res)
    assert reqs[1] == [("count", "全面依法治县工作汇报听取次数", 2, None, "year", None)]
    assert reqs[3] == [("deadline", "党政主要负责人述法工作开展日期", None, None, None, "12-31")]
    assert reqs[6] == [
        ("rate", "行政执法案卷合格率", 90, None, None, None),
        ("rate", "行政复议纠错率", None, 15, None, None),
    ]
    assert _messages(res) == ["文件按 GB18030 编码读取。"]


def test_pdf_text_with_page_numbers_and_running_headers() -> None:
    res = _imp("pdf_pages.txt")
    dl = res.duty_list
    assert dl.title == "白河市行政执法部门主要负责人履行推进法治建设第一责任人职责清单"
    assert dl.role_counts() == {"department": 8}
    texts = [n.text for n in dl.duties()]
    # sentences broken by "- 1 -" and the running title are mended
    assert texts[2] == "严格落实国家工作人员学法用法制度，将法治素养作为干部选拔任用的重要依据。"
    assert texts[5] == "加强行政执法人员管理，执法人员每年参加法律知识培训不少于60学时，持证上岗率达到100%。"
    # 三、监督问责 continues the numbering (7., 8.) of the duties: not context
    assert [d[1] for d in _duties(res)] == [f"{i}." for i in range(1, 9)]
    assert dl.context_headings() == []
    assert _reqs(res)[5] == [("rate", "持证上岗率", 100, None, None, None)]
    assert _reqs(res)[7] == [("rate", "行政诉讼败诉率", None, 5, None, None)]
    assert not res.warnings


def test_truncated_paste_warns_at_both_ends() -> None:
    res = _imp("truncated_paste.txt")
    dl = res.duty_list
    assert dl.role_counts() == {"government": 4}
    assert dl.duties()[-1].text == "加强行政执法协调监督工作体系建设，推进行政执法规范化，完善行政执法程"
    msgs = _messages(res)
    assert any(m.startswith("最后一条可能不完整") for m in msgs)
    assert any("从“二、”开始" in m for m in msgs)


def test_traditional_mirror_with_chrome() -> None:
    res = _imp("traditional_mirror.txt")
    dl = res.duty_list
    assert dl.title == "临江市市直部门主要负责人履行推进法治建设第一责任人职责清单"
    assert (dl.issuer, dl.date) == ("中共临江市委全面依法治市委员会办公室", "2023-08-28")
    assert dl.role_counts() == {"department": 6}
    texts = [n.text for n in dl.duties()]
    assert texts[3] == "行政规范性文件公开征求意见的期限一般不少于30日。"
    reqs = _reqs(res)
    assert reqs[0] == [("count", "本部门党组理论学习中心组集体学法次数", 2, None, "year", None)]
    assert reqs[5] == [("deadline", "上一年度法治建设工作情况报送日期", None, None, None, "01-31")]
    assert not res.warnings


def test_city_list_with_member_and_township_roles() -> None:
    res = _imp("city_members.txt")
    dl = res.duty_list
    assert dl.role_counts() == {"party": 2, "government": 2, "member": 2, "township": 2}
    assert dl.context_headings() == ["一、总体要求", "三、督查考核"]
    assert _reqs(res)[6] == [("count", "党（工）委会议召开次数", 1, None, "half-year", None)]


def test_department_word_table_with_word_numbering_and_merged_categories(tmp_path: Path) -> None:
    res = import_file(department_table(tmp_path / "交通运输局职责清单.docx"))
    dl = res.duty_list
    assert dl.title == "市交通运输局主要负责人履行推进法治建设第一责任人职责清单"
    assert (dl.issuer, dl.date) == ("中共某市交通运输局党组", "2024-03-12")
    assert dl.role_counts() == {"department": 7}
    duties = _duties(res)
    # 序号 numbered by Word (not in the text), categories from the merged 职责 cells
    assert [(d[0], d[1]) for d in duties] == [
        ("学法用法", "1"),
        ("学法用法", "2"),
        ("依法决策", "3"),
        ("依法决策", "4"),
        ("依法决策", "5"),
        ("严格执法", "6"),
        ("严格执法", "7"),
    ]
    nodes = dl.duties()
    assert nodes[5].responsible_units == ["执法监督科", "综合执法支队"]
    assert nodes[0].responsible_units == ["办公室"]
    reqs = _reqs(res)
    assert reqs[0] == [
        ("count", "局党组理论学习中心组集体学法次数", 4, None, "year", None),
        ("count", "宪法和习近平法治思想专题学习次数", 1, None, "year", None),
    ]
    assert reqs[6] == [("rate", "行政复议被纠错率", None, 5, None, None)]
    assert not res.warnings


def test_roles_as_table_columns(tmp_path: Path) -> None:
    res = import_file(role_columns(tmp_path / "凤鸣县清单.docx"))
    dl = res.duty_list
    assert dl.title == "凤鸣县党政主要负责人履行推进法治建设第一责任人职责清单"
    assert dl.role_counts() == {"party": 3, "government": 3}
    assert [(d[0], d[1], d[2]) for d in _duties(res)] == [
        ("县委主要负责人/学法用法", "1", "party"),
        ("县委主要负责人/依法决策", "2", "party"),
        ("县委主要负责人/述职述法", "3", "party"),
        ("县政府主要负责人/学法用法", "1", "government"),
        ("县政府主要负责人/依法决策", "2", "government"),
        ("县政府主要负责人/述职述法", "3", "government"),
    ]
    assert dl.duties()[4].text == "重大行政决策合法性审查率达到100%。"
    assert _reqs(res)[3] == [("count", "县政府常务会议会前学法次数", 4, None, "year", None)]
    assert not res.warnings


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("*.txt")))
def test_labels_are_clean(name: str) -> None:
    for n in _imp(name).duty_list.duties():
        for r in n.requirements:
            assert r.label and r.label[0] not in "，。；：、）)（(", r.label
            assert r.label.count("（") == r.label.count("）"), r.label


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("（五）", "职责（五）只有编号没有内容"),
        ("二、政府主要负责人职责", "“二、政府主要负责人职责”像是标题，下面没有职责条目"),
        ("（三）推进严格规范公正文明执法，行政执法案卷合格率达到", "职责（三）没有以句号结束"),
    ],
)
def test_paste_cut_after_a_label_or_heading(tail: str, expected: str) -> None:
    from shuifa.importer import import_text

    text = f"某县政府主要负责人职责清单\n一、依法行政\n（一）每年至少听取2次法治政府建设工作汇报。\n（二）推进政务公开。\n{tail}\n"
    msgs = _messages(import_text(text))
    assert any(m.startswith("最后一条可能不完整：" + expected) for m in msgs), msgs


def test_role_per_row_column_in_word_and_pasted(tmp_path: Path) -> None:
    from shuifa.importer import import_text

    res = import_file(role_per_row(tmp_path / "石泉县清单.docx"))
    dl = res.duty_list
    assert dl.title == "石泉县党政主要负责人履行推进法治建设第一责任人职责清单"
    assert dl.date == "2024-05-06"
    assert [(n.label, n.role, n.responsible_units) for n in dl.duties()] == [
        ("1", "party", []),
        ("2", "government", []),
        ("3", "common", []),
        ("4", "government", []),
    ]
    assert dl.duties()[1].requirements[0].deadline == "03-01"
    pasted = "\n".join(
        "\t".join(row)
        for row in [
            ("序号", "职责内容", "责任主体"),
            ("1", "每年至少听取2次法治建设工作汇报。", "县委书记"),
            ("2", "行政诉讼败诉率控制在5%以内。", "县长"),
        ]
    )
    dl2 = import_text("某县职责清单\n" + pasted).duty_list
    assert [(n.label, n.role) for n in dl2.duties()] == [("1", "party"), ("2", "government")]
