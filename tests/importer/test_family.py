"""Documents of the same family as the seeds but from elsewhere: provincial 实施细则 in 第X条 form,
city lists behind a cover letter, web copies with page chrome and half-width punctuation,
traditional mirrors, GBK/UTF-16 files, truncated pastes, news articles."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from shuifa.errors import InvalidFileError
from shuifa.importer import import_file, import_text
from shuifa.lists import load_builtin

from .helpers import SEED_IDS, s2t, seed_path, seed_text

PROVINCIAL = """河西省党政主要负责人履行推进法治建设第一责任人职责实施细则
（2022年6月1日中共河西省委办公厅印发）

第一章　总　则

第一条　为了推动党政主要负责人切实履行推进法治建设第一责任人职责，根据有关规定，结合本省实际，制定本细则。
第二条本细则适用于全省县级以上地方党委和政府主要负责人。

第二章　党委主要负责人职责

第三条　党委主要负责人履行推进法治建设第一责任人职责，主要包括：
（一）加强对法治建设的领导，每年至少听取2次法治建设工作汇报；
（二）推动将法治建设纳入经济社会发展规划，每半年组织一次专题学法；
（三）推动建立健全领导干部学法用法制度，一是带头学法，二是组织学法，三是考核学法。
第四条　支持本级人大、政府、政协、法院、检察院依法依章程履行职能。

第三章　政府主要负责人职责

第五条　政府主要负责人履行推进法治建设第一责任人职责，主要包括：
（一）严格执行重大行政决策法定程序，重大行政决策合法性审查率达到100%；
（二）每年3月31日前向本级党委和上一级政府报告上一年度法治政府建设情况；
（三）行政规范性文件公开征求意见的期限不少于7个工作日。

第四章　附　则

第六条　本细则自印发之日起施行。
"""

CITY_WITH_COVER = """中共清河市委全面依法治市委员会办公室
关于印发《清河市党政主要负责人履行推进法治建设第一责任人职责清单》的通知

各县（市、区）党委、政府，市直各部门：
　　现将《清河市党政主要负责人履行推进法治建设第一责任人职责清单》印发给你们，请认真贯彻落实。

中共清河市委全面依法治市委员会办公室
2024年2月5日

清河市党政主要负责人履行推进法治建设第一责任人职责清单

一、党委主要负责人职责
1.每年至少主持召开1次党委常委会会议专题研究法治建设工作。
2.带头学法，每年讲授法治课不少于1次。
3.推动落实党政主要负责人述法制度。
二、政府主要负责人职责
1.政府常务会议每季度至少学法1次。
2.每年1月底前向市委报告上一年度法治政府建设情况。
三、市直部门主要负责人职责
1.组织制定本部门普法责任清单。
2.行政复议纠错意见落实率达到100%。
四、工作要求
各地各部门要高度重视，认真抓好落实。
"""

WEB_COPY = """您现在所在的位置：首页 > 政策文件 > 正文
东湖县党政主要负责人履行推进法治建设第一责任人职责清单
发布时间：2023-04-12 10:20  来源：县司法局  浏览次数：1234
【字号：大 中 小】
一、基本原则
党政主要负责人履行推进法治建设第一责任人职责,应当遵循以下原则:
(一)坚持党的领导;
(二)坚持权责一致。
二、主要职责
(一)县委主要负责人职责
1.每年至少听取一次法治建设工作汇报,研究解决重大问题(含法治督察发现的问题);
2.推动落实“谁执法谁普法”普法责任制,督促各部门制定普法清单.
(二)县政府主要负责人职责
1.组织制定法治政府建设年度计划;
2.行政机关负责人出庭应诉率达到100%,行政复议决定履行率达到100%。
三、保障措施
(一)加强组织领导。
(二)强化督促检查。
分享到：
扫一扫在手机打开当前页
上一篇：关于开展普法宣传活动的通知
打印本页 关闭窗口
"""

NEWS = """本报讯 近日，某县召开全面依法治县委员会会议，听取了各乡镇党政主要负责人述法。
会议指出，要深入学习贯彻习近平法治思想，一是提高站位，二是压实责任，三是狠抓落实。
会上，县委书记强调，各级党政主要负责人要切实履行推进法治建设第一责任人职责，推动法治建设各项任务落地见效。
"""


def _texts(res) -> dict[str, str]:
    return {f"{'/'.join(p.label for p in path)}/{n.label}": n.text for path, n in res.duty_list.duty_paths()}


def test_provincial_articles_without_cover() -> None:
    res = import_text(PROVINCIAL, "河西省实施细则.txt")
    dl = res.duty_list
    assert dl.title == "河西省党政主要负责人履行推进法治建设第一责任人职责实施细则"
    assert (dl.issuer, dl.date) == ("中共河西省委办公厅", "2022-06-01")
    assert dl.role_counts() == {"party": 4, "government": 3}
    t = _texts(res)
    # 第四条 has no sub-items: it is one duty; 第二条 without a space after 条 is still an article
    assert t["第二章/第四条"] == "支持本级人大、政府、政协、法院、检察院依法依章程履行职能。"
    # 一是/二是 inside a paragraph stay text
    assert t["第二章/第三条/（三）"] == "推动建立健全领导干部学法用法制度，一是带头学法，二是组织学法，三是考核学法。"
    assert dl.context_headings() == ["第一章总则", "第四章附则"]
    reqs = {n.label + p[-1].label: n.requirements for p, n in dl.duty_paths()}
    assert [(r.kind, r.min, r.per) for r in reqs["（一）第三条"]] == [("count", 2, "year")]
    assert [(r.kind, r.min, r.per) for r in reqs["（二）第三条"]] == [("count", 1, "half-year")]
    assert [(r.kind, r.min) for r in reqs["（一）第五条"]] == [("rate", 100)]
    assert [(r.kind, r.deadline) for r in reqs["（二）第五条"]] == [("deadline", "03-31")]
    assert [(r.kind, r.min) for r in reqs["（三）第五条"]] == [("duration", 7)]
    assert not res.warnings


def test_city_list_behind_cover_letter() -> None:
    res = import_text(CITY_WITH_COVER)
    dl = res.duty_list
    assert dl.title == "清河市党政主要负责人履行推进法治建设第一责任人职责清单"
    assert dl.issuer == "中共清河市委全面依法治市委员会办公室"
    assert dl.date == "2024-02-05"
    assert dl.role_counts() == {"party": 3, "government": 2, "department": 2}
    # the cover letter's body is not a duty
    assert all("印发给你们" not in n.text for n in dl.duties())
    gov = dl.duties("government")
    assert [(r.kind, r.min, r.per) for r in gov[0].requirements] == [("count", 1, "quarter")]
    assert [(r.kind, r.deadline) for r in gov[1].requirements] == [("deadline", "01-31")]
    assert dl.context_headings() == ["四、工作要求"]


def test_web_copy_chrome_and_half_width_punctuation() -> None:
    res = import_text(WEB_COPY)
    dl = res.duty_list
    assert dl.title == "东湖县党政主要负责人履行推进法治建设第一责任人职责清单"
    assert dl.date == "2023-04-12"  # from the page's 发布时间, with a warning
    assert any("发布日期" in w.message for w in res.warnings)
    assert dl.role_counts() == {"party": 2, "government": 2}
    party = dl.duties("party")
    assert party[0].text == "每年至少听取一次法治建设工作汇报，研究解决重大问题（含法治督察发现的问题）；"
    assert party[1].text == "推动落实“谁执法谁普法”普法责任制，督促各部门制定普法清单。"
    assert [p.label for p in dl.duty_paths("party")[0][0]] == ["二、", "（一）"]
    gov = dl.duties("government")
    assert [(r.kind, r.min, r.label) for r in gov[1].requirements] == [
        ("rate", 100, "行政机关负责人出庭应诉率"),
        ("rate", 100, "行政复议决定履行率"),
    ]
    joined = "\n".join(res.source_lines)
    for chrome in ("您现在所在的位置", "浏览次数", "字号", "分享到", "扫一扫", "上一篇", "打印本页"):
        assert chrome not in joined
    assert dl.context_headings() == ["一、基本原则", "三、保障措施"]


def test_news_article_is_refused() -> None:
    with pytest.raises(InvalidFileError) as exc:
        import_text(NEWS, "新闻.txt")
    assert "没有找到职责清单" in exc.value.message


@pytest.mark.parametrize("list_id", SEED_IDS)
def test_traditional_mirror_of_a_seed(list_id: str) -> None:
    built = load_builtin(list_id)
    res = import_text(s2t(seed_text(list_id)), "繁体.txt")
    assert res.duty_list.role_counts() == built.role_counts()
    assert res.duty_list.title == built.title
    same = sum(a.text == b.text for a, b in zip(res.duty_list.duties(), built.duties(), strict=True))
    assert same >= len(built.duties()) - 1


def test_pinyin_residue_and_question_mark_fillers() -> None:
    text = (
        "關(guān)於印發(fā)《東山縣法治建設職責清單》的通知\n"
        "????????東山縣人民政府辦公室\n????????2024年1月8日\n"
        "東山縣法治建設職責清單\n?一、主要職責\n?1.每年至少舉(jǔ)辦2次法治專題講座。\n?2.推進(jìn)依法行政。\n"
    )
    res = import_text(text)
    dl = res.duty_list
    assert dl.title == "东山县法治建设职责清单"
    assert (dl.issuer, dl.date) == ("东山县人民政府办公室", "2024-01-08")
    assert [n.text for n in dl.duties()] == ["每年至少举办2次法治专题讲座。", "推进依法行政。"]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("gbk", b""),
        ("gb18030", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "清单.txt"
    path.write_bytes(bom + seed_text("niuxintuo-town-2023").encode(encoding))
    res = import_file(path)
    built = load_builtin("niuxintuo-town-2023")
    assert [n.text for n in res.duty_list.duties()] == [n.text for n in built.duties()]
    assert res.duty_list.role_counts() == {"party": 24, "government": 28}


def test_markdown_file(tmp_path: Path) -> None:
    path = tmp_path / "清单.md"
    path.write_text(
        "# 西城区司法局职责清单\n\n## 一、主要职责\n\n- 1. **每年至少**开展1次执法检查。\n- 2. 推进依法行政。\n",
        encoding="utf-8",
    )
    res = import_file(path)
    assert res.duty_list.title == "西城区司法局职责清单"
    assert [n.text for n in res.duty_list.duties()] == ["每年至少开展1次执法检查。", "推进依法行政。"]


def test_truncated_paste_warns_about_the_cut() -> None:
    text = seed_text("zhejiang-province-2018")
    start = text.index("第五条")
    cut = text.index("加强规范性文件备案审查")
    res = import_text(text[start:cut])
    dl = res.duty_list
    assert [n.label for n in dl.duties()] == ["（一）", "（二）", "（三）", "（四）", "（一）", "（二）"]
    messages = [w.message for w in res.warnings]
    assert any("未识别到清单标题" in m for m in messages)
    assert any(m.startswith("最后一条可能不完整") and "被截断" in m for m in messages)
    assert dl.duties()[-1].text.endswith("备案清理工作机制，")


def test_numbering_gap_and_restart_warnings_keep_labels() -> None:
    text = "某某职责清单\n一、主要职责\n1.第一项工作。\n2.第二项工作。\n4.第四项工作。\n二、其他职责\n1.另一项工作。\n1.又一项工作。\n"
    res = import_text(text)
    labels = [n.label for n in res.duty_list.duties()]
    assert labels == ["1.", "2.", "4.", "1.", "1."]
    msgs = [(w.message, w.line) for w in res.warnings]
    assert any("编号不连续" in m and "4." in m and line == 5 for m, line in msgs)
    assert any("编号重复或倒退" in m and line == 8 for m, line in msgs)
    gap = next(w for w in res.warnings if "编号不连续" in w.message)
    assert res.duty_list.find(gap.node_id).label == "4."


def test_circled_numbers_nest_under_items() -> None:
    text = "某局职责清单\n一、局长职责\n1.组织学法：\n①每季度学法1次；\n②每年旁听庭审1次。\n2.推进依法行政。\n"
    dl = import_text(text).duty_list
    assert dl.role_counts() == {"department": 3}
    paths = dl.duty_paths()
    assert [n.label for _, n in paths] == ["①", "②", "2."]
    assert paths[0][0][-1].heading() == "1.组织学法："
    assert paths[0][1].requirements[0].per == "quarter"


def test_source_lines_point_into_source() -> None:
    res = import_text(CITY_WITH_COVER)
    for _, n in res.duty_list.walk():
        first, last = n.source_lines
        assert 1 <= first <= last <= len(res.source_lines)
        if n.is_duty:
            span = "".join(res.source_lines[first - 1 : last])
            assert n.text[:5] in span and n.text[-5:] in span


def test_json_shape() -> None:
    data = import_text(CITY_WITH_COVER).to_json_dict()
    assert set(data) == {"title", "issuer", "date", "duties", "context", "warnings"}
    d0 = data["duties"][0]
    assert d0["path"] == ["一、党委主要负责人职责"]
    assert set(d0) == {"path", "label", "text", "role", "responsible_units", "requirements"}
    assert d0["requirements"] == [
        {
            "kind": "count",
            "min": 1,
            "max": None,
            "per": "year",
            "deadline": None,
            "text": "每年至少主持召开1次党委常委会会议专题研究法治建设工作",
        }
    ]


def test_seed_files_read_from_disk_match() -> None:
    for list_id in SEED_IDS:
        assert import_file(seed_path(list_id)).duty_list.role_counts() == load_builtin(list_id).role_counts()


def test_unnumbered_role_headings() -> None:
    text = (
        "某县司法局职责清单\n党委主要负责人职责\n1.每年至少听取1次汇报。\n2.带头学法。\n"
        "政府主要负责人职责\n1.依法决策。\n2.推进「放管服」改革。\n工作要求\n1.加强领导。\n"
    )
    dl = import_text(text).duty_list
    assert dl.role_counts() == {"party": 2, "government": 2}
    assert [n.title for n in dl.children] == ["党委主要负责人职责", "政府主要负责人职责", "工作要求"]
    assert dl.context_headings() == ["工作要求"]
    assert dl.duties("government")[1].text == "推进“放管服”改革。"


def test_table_pasted_as_text() -> None:
    tsv = (
        "某区司法局法治建设职责清单\n序号\t类别\t职责内容\t责任单位\n"
        "1\t依法决策\t严格执行重大行政决策程序。\t法制科\n"
        "2\t\t落实法律顾问制度，法律顾问参与率达到100%。\t法制科、办公室\n"
        "3\t学法用法\t每年组织学法不少于4次。\t政治部\n"
    )
    dl = import_text(tsv).duty_list
    assert [(g.title, [(d.label, d.text, d.responsible_units) for d in g.children]) for g in dl.children] == [
        (
            "依法决策",
            [
                ("1", "严格执行重大行政决策程序。", ["法制科"]),
                ("2", "落实法律顾问制度，法律顾问参与率达到100%。", ["法制科", "办公室"]),
            ],
        ),
        ("学法用法", [("3", "每年组织学法不少于4次。", ["政治部"])]),
    ]
    assert dl.duties()[2].requirements[0].min == 4
    md = (
        "# 某局职责清单\n\n| 职责 | 具体内容 | 责任单位 |\n| --- | --- | --- |\n"
        "| 依法决策 | 严格执行重大行政决策程序。 | 法制科 |\n| 依法决策 | 落实法律顾问制度。 | 办公室 |\n"
        "| 普法 | 每年举办2期法治讲座。 | 普法科 |\n"
    )
    dl = import_text(md).duty_list
    assert dl.title == "某局职责清单"
    assert [g.title for g in dl.children] == ["依法决策", "普法"]
    assert [len(g.children) for g in dl.children] == [2, 1]


def test_articles_without_chapters() -> None:
    text = (
        "某市党政主要负责人履行推进法治建设第一责任人职责规定\n"
        "第一条 为了推动党政主要负责人履行职责，制定本规定。\n第二条 本规定适用于全市各级党委和政府主要负责人。\n"
        "第三条 党委主要负责人应当履行下列职责：\n（一）每年至少听取一次法治建设工作汇报；\n（二）带头讲法治课。\n"
        "第四条 政府主要负责人应当履行下列职责：\n（一）严格执行重大行政决策程序；\n（二）行政机关负责人出庭应诉率达到100%。\n"
        "第五条 党政主要负责人应当支持人大、政协依法履职。\n第六条 本规定自印发之日起施行。\n"
    )
    dl = import_text(text).duty_list
    assert dl.role_counts() == {"party": 2, "government": 2, "common": 1}
    assert [n.label for n in dl.duties()] == ["（一）", "（二）", "（一）", "（二）", "第五条"]
    assert [n.label for n in dl.children if not n.reportable] == ["第一条", "第二条", "第六条"]


def test_cover_letter_with_numbered_instructions_and_attachment_line() -> None:
    text = (
        "关于印发《某县职责清单》的通知\n各乡镇，县直各部门：\n为做好工作，现就有关事项通知如下：\n"
        "一、提高认识。各单位要高度重视。\n二、抓好落实。各单位要认真执行。\n中共某县委办公室\n2024年3月1日\n"
        "附件1\n某县职责清单\n一、党委主要负责人职责\n1.每年至少听取一次汇报。\n2.带头讲法治课。\n"
        "二、政府主要负责人职责\n1.依法决策。\n"
    )
    dl = import_text(text).duty_list
    assert (dl.title, dl.issuer, dl.date) == ("某县职责清单", "中共某县委办公室", "2024-03-01")
    assert dl.role_counts() == {"party": 2, "government": 1}
    assert [n.heading() for n in dl.children] == ["一、党委主要负责人职责", "二、政府主要负责人职责"]
    assert import_text("附件1\n某县司法局职责清单\n1.依法行政。\n2.普法。\n").duty_list.title == "某县司法局职责清单"


def test_forwarded_twice_with_running_headers_and_parenthesised_digits() -> None:
    text = (
        "关于转发《中共某省委办公厅关于印发〈某省法治建设职责清单〉的通知》的通知\n各县区：\n"
        "现将《中共某省委办公厅关于印发〈某省法治建设职责清单〉的通知》转发给你们，请遵照执行。\n"
        "中共某市委办公室\n2023年5月1日\n"
        "中共某省委办公厅关于印发《某省法治建设职责清单》的通知\n各市委：\n现将清单印发给你们。\n"
        "中共某省委办公厅\n2023年4月1日\n"
        "某省法治建设职责清单\n某省法治建设职责清单\n一、党委主要负责人职责\n⑴每年至少听取一次汇报。\n"
        "⑵带头学法。\n某省法治建设职责清单\n二、区委和区政府主要负责人共同职责\n⒈依法决策。\n某省法治建设职责清单\n"
    )
    dl = import_text(text).duty_list
    assert (dl.title, dl.issuer, dl.date) == ("某省法治建设职责清单", "中共某省委办公厅", "2023-04-01")
    assert dl.role_counts() == {"party": 2, "common": 1}
    assert [n.label for n in dl.duties()] == ["⑴", "⑵", "⒈"]
    assert [n.text for n in dl.duties()] == ["每年至少听取一次汇报。", "带头学法。", "依法决策。"]


@pytest.mark.parametrize("list_id", ["anshan-gaoxin-2023", "niuxintuo-town-2023", "zhejiang-province-2018"])
def test_hard_wrapped_pdf_text_with_page_chrome(list_id: str) -> None:
    """PDF → text: every line wrapped at 30 characters (also right after a 。), page numbers and a
    running title between pages, sometimes in the middle of a sentence."""
    import textwrap

    lines: list[str] = []
    for line in seed_text(list_id).split("\n"):
        lines += textwrap.wrap(line, 30) or [""]
    paged: list[str] = []
    for i, line in enumerate(lines):
        if i and i % 40 == 0:
            paged += ["", f"— {i // 40} —", "", "法治建设职责清单", ""]
        paged.append(line)
    res = import_text("\n".join(paged))
    built = load_builtin(list_id)
    assert res.duty_list.title == built.title
    assert [n.text for n in res.duty_list.duties()] == [n.text for n in built.duties()]
    assert res.duty_list.role_counts() == built.role_counts()


def test_title_repeated_and_more_chrome() -> None:
    text = "某局职责清单\n【我要打印】【关闭窗口】\n某局职责清单\n一、主要职责\n1.依法行政。\n2.带头学法。\n"
    res = import_text(text)
    assert res.duty_list.title == "某局职责清单"
    assert [n.heading() for n in res.duty_list.children] == ["一、主要职责"]
    assert res.source_lines[1] == ""


def test_paste_starting_mid_duty_warns() -> None:
    text = (
        "有关重大问题。每年专题听取上一年度本地区法治政府建设情况汇报；支持议事协调机构有效发挥职能作用。\n"
        "2.推动将法治建设纳入本地区发展总体规划。\n3.严格落实督察工作规定。\n"
    )
    res = import_text(text)
    assert [n.label for n in res.duty_list.duties()] == ["2.", "3."]
    first = res.warnings[0]
    assert "未归入任何职责" in first.message and first.line == 1


def test_tab_after_typed_numbering_is_not_a_table() -> None:
    text = "某局职责清单\n一、\t主要职责\n1.\t每年至少举办2次法治讲座。\n2.\t带头学法。\n（一）\t依法行政。\n"
    dl = import_text(text).duty_list
    assert dl.children[0].heading() == "一、主要职责"
    assert [(n.label, n.text) for n in dl.duties()] == [
        ("1.", "每年至少举办2次法治讲座。"),
        ("2.", "带头学法。"),
        ("（一）", "依法行政。"),
    ]
