"""The content of each report kind: what the official wrote, in the right place, nothing empty."""

from __future__ import annotations

from datetime import date

from renderdata import TODAY, filled_report

from shuifa.model import Entry, Official, Report
from shuifa.render import KINDS, build_context, preview_text
from shuifa.render.context import SPEAKING_RATE, cn_number, format_date, group_heading, heading_number


def lines(report: Report, kind: str = "shufa-report") -> list[str]:
    return preview_text(report, kind, today=TODAY).text.split("\n")


def test_kinds_are_the_three_documented_ones():
    assert KINDS == {"shufa-report": "书面述法报告", "shuzhi-section": "述职报告述法部分", "speech": "现场述法发言稿"}


def test_shufa_report_structure_in_order(report):
    text = lines(report)
    assert text[:2] == ["关于履行推进法治建设", "第一责任人职责情况的报告"]  # two balanced title lines
    assert text[2] == "测试镇党委书记　张三"
    opening = next(t for t in text if t.startswith("2025年"))
    assert opening.endswith("现将本人2025年度述法工作情况报告如下：")
    headings = [t for t in text if t[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert headings == ["一、履职情况", "二、上年度问题整改情况", "三、存在的问题和不足", "四、下一步工作打算"]
    assert text[-2:] == ["张三", "2026年1月5日"]


def test_groups_follow_the_list_and_shared_levels_are_dropped(report):
    text = lines(report)
    # “三、严格对标对表” and “（一）党委主要负责人…” hold every duty the party head walks: no heading.
    assert not any("严格对标对表" in t or "党委主要负责人在推进" in t for t in text)
    groups = [t for t in text if t.startswith("（")]
    assert groups == [
        "（一）学法用法",
        "（二）充分发挥党委在推进本地区法治建设中的领导作用",
        "（三）深入推进法治宣传教育",
    ]


def test_na_and_empty_duties_leave_no_trace(report):
    text = "\n".join(lines(report))
    assert "不应出现" not in text
    # group 3 (支持依法行政) has only an empty and a 不涉及 duty: no heading.
    assert "支持依法行政" not in text
    assert "（四）" not in text


def test_multi_paragraph_notes_are_separate_paragraphs(report):
    text = lines(report)
    # The group's only duty: no lonely 一是.
    i = text.index("全年组织党委会议听取法治建设工作汇报4次，研究解决重大问题6个。")
    assert text[i + 1].startswith("制定《测试镇法治建设工作要点》")


def test_requirement_values_woven_in_before_the_full_stop(report):
    text = lines(report)
    assert "一是举办法治专题讲座3次，参训干部210人次（法治专题讲座举办次数：3次，要求≥2次/年）。" in text
    assert "二是按时报告上一年度法治建设情况（报告日期：2025年2月20日，要求3月1日前）。" in text


def test_value_already_written_is_not_repeated(report):
    report.entries["dp3"].performance = "法治专题讲座举办次数达到3次。"
    assert "一是法治专题讲座举办次数达到3次。" in lines(report)


def test_problems_and_improvements_gather_across_duties_in_order(report):
    text = lines(report)
    p = text.index("三、存在的问题和不足")
    assert text[p + 1 : p + 4] == [
        "一是统筹推进法治建设的力度还不够。",
        "二是部分村干部学法不够主动。",
        "以案释法的针对性不强。",
    ]
    n = text.index("四、下一步工作打算")
    assert text[n + 1 : n + 4] == [
        "一是完善党委听取法治建设汇报制度。",
        "二是建立村干部学法清单。",
        "坚持以习近平法治思想为指导，推动各项工作在法治轨道上运行。",
    ]


def test_carry_over_items_with_state_only(report):
    text = lines(report)
    r = text.index("二、上年度问题整改情况")
    assert text[r + 1] == "关于“学法制度落实不够经常”的问题，已整改到位。建立每月集中学法制度。"
    assert "没有填写情况的旧问题" not in "\n".join(text)


def test_sections_renumber_when_one_is_missing(report):
    report.carry_over = []
    headings = [t for t in lines(report) if t[:2] in ("一、", "二、", "三、", "四、")]
    assert headings == ["一、履职情况", "二、存在的问题和不足", "三、下一步工作打算"]


def test_all_na_report_has_no_empty_headings():
    r = filled_report()
    for d in r.duties():
        r.entries[d.id] = Entry(duty_id=d.id, status="na", performance="x", problems="y")
    r.parts = {k: "" for k in r.parts}
    r.carry_over = []
    text = lines(r)
    assert not any(t[:2] in ("一、", "二、", "三、") for t in text)
    assert text[-2:] == ["张三", "2026年1月5日"]
    ctx = build_context(r, "shufa-report", today=TODAY)
    assert all(not s["present"] and s["blocks"] == [] for s in ctx["sections"].values())


def test_official_opening_is_used_and_gets_the_standard_ending(report):
    report.parts["opening"] = "今年以来，我镇法治建设取得新进展。\n第二段开篇。"
    text = lines(report)
    assert "今年以来，我镇法治建设取得新进展。" in text
    assert "第二段开篇。现将本人2025年度述法工作情况报告如下：" in text
    report.parts["opening"] = "开篇。现将本人2025年度述法工作情况报告如下："
    assert text.count("开篇。现将本人2025年度述法工作情况报告如下：") == 0
    assert "开篇。现将本人2025年度述法工作情况报告如下：" in lines(report)


def test_shuzhi_section_has_no_title_block_and_sits_one_level_down(report):
    text = lines(report, "shuzhi-section")
    assert text[0] == "履行推进法治建设第一责任人职责情况"
    assert "关于履行推进法治建设第一责任人职责情况的报告" not in text
    assert "（一）履职情况" in text and "（四）下一步工作打算" in text
    assert "2.充分发挥党委在推进本地区法治建设中的领导作用" in text
    assert text[1].endswith("具体情况如下：")
    assert "张三" not in text  # no 落款


def test_speech_is_spoken_shorter_and_timed(report):
    full = preview_text(report, "shufa-report", today=TODAY)
    speech = preview_text(report, "speech", today=TODAY)
    text = speech.text.split("\n")
    assert "各位领导、同志们：" in text
    assert text[-1].endswith("谢谢大家！")
    assert speech.chars < full.chars
    assert "以案释法的针对性不强。" not in text  # only the first paragraph of each note
    assert "要求≥2次/年" not in speech.text  # no bracketed figures read aloud
    assert speech.minutes == round(speech.chars / SPEAKING_RATE, 1)
    assert f"（约{speech.chars}字，按每分钟220字计，用时约2分钟）" in text


def test_preview_counts_main_text_only(report):
    pv = preview_text(report, "shufa-report", today=TODAY)
    body = pv.text.split("\n")[3:-3]
    assert pv.chars == sum(len(t.replace("　", "").replace(" ", "")) for t in body)


def test_dates_numbers_and_headings():
    assert format_date(date(2023, 7, 1)) == "2023年7月1日"
    assert [cn_number(n) for n in (1, 10, 12, 20, 21)] == ["一", "十", "十二", "二十", "二十一"]
    assert [heading_number(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    assert group_heading("坚持全面从严治党、依规治党，加强党内法规制度建设，提高党内法规制度执行力。") == (
        "坚持全面从严治党、依规治党"
    )
    assert group_heading("深入推进法治宣传教育。") == "深入推进法治宣传教育"


def test_context_variables_documented_shape(report):
    ctx = build_context(report, "shufa-report", today=TODAY)
    assert ctx["official"] == {
        "name": "张三",
        "title": "党委书记",
        "unit": "测试镇",
        "role": "party",
        "role_title": "党委主要负责人",
    }
    assert ctx["signature"] == {"name": "张三", "date": "2026年1月5日"}
    assert ctx["sections"]["performance"]["heading"] == "一、履职情况"
    assert [s["key"] for s in ctx["section_list"]] == ["performance", "rectification", "problems", "next_steps"]
    assert ctx["stats"]["na"] == 2 and ctx["stats"]["duties"] == 6
    d3 = next(d for d in ctx["duties"] if d["label"] == "(3)")
    assert d3["values"][0]["value"] == "3次" and d3["values"][0]["met"] is True
    assert ctx["parts"]["study"] == ["带头学习习近平法治思想，全年参加集中学法12次。"]


def test_flat_list_with_parts_gets_a_heading_for_its_duties():
    from renderdata import town_list

    dl = town_list()
    flat = [n for _, n in dl.walk() if n.is_duty and n.reportable and n.role == "party"]
    dl.children = flat
    r = Report.new(Official(name="李四", title="镇长", unit="测试镇", role="party"), 2025, dl)
    r.entries["dp1"] = Entry(duty_id="dp1", status="done", performance="做了一件事。")
    r.entries["dp3"] = Entry(duty_id="dp3", status="done", performance="做了第二件事。")
    r.parts["study"] = "学法。"
    text = lines(r)
    assert text[text.index("（一）学法用法") + 2] == "（二）落实职责清单情况"
    assert "一是做了一件事。" in text and "二是做了第二件事。" in text
