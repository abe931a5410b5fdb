"""The content of each report kind as composed: what the official wrote, in the right place, nothing empty."""

from __future__ import annotations

import re
from datetime import date

import pytest
from renderdata import TODAY, filled_report

from shuifa.compose.topics import topic_data
from shuifa.model import Entry, Official, Report
from shuifa.render import KINDS, build_context, preview_text
from shuifa.render.context import (
    SPEAKING_RATE,
    SPEECH_CLOSING,
    cn_number,
    compose,
    format_date,
    heading_number,
)

#: What a reviewer counts as 字: CJK characters, letters and digits (no punctuation, no spaces).
COUNTED = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
LIST_GROUP_TITLES = (
    "严格对标对表",
    "党委主要负责人在推进",
    "充分发挥党委在推进本地区法治建设中的领导作用",
    "深入推进法治宣传教育",
)


def lines(report: Report, kind: str = "shufa-report") -> list[str]:
    return preview_text(report, kind, today=TODAY).text.split("\n")


def section_lines(text: list[str], heading: str) -> list[str]:
    """The lines of a 一、… section of a written report, up to the next 一、… heading or the 落款."""
    start = text.index(heading) + 1
    end = start
    while end < len(text) and text[end] and not re.match(r"^[一二三四五六七八九十]+、", text[end]):
        end += 1
    return text[start:end]


def topic_heading(tid: str, role: str = "party") -> str:
    return topic_data().topics[tid].heading_for(role)


def test_kinds_are_the_four_documented_ones():
    assert KINDS == {
        "shufa-report": "书面述法报告",
        "shuzhi-section": "述职报告述法部分",
        "speech": "现场述法发言稿",
        "speech-outline": "述法提纲",
    }


def test_shufa_report_structure_in_order(report):
    text = lines(report)
    assert text[:2] == ["关于2025年度履行推进法治建设", "第一责任人职责情况的报告"]  # the year in the title
    assert text[2] == "测试镇党委书记　张三"
    opening = next(t for t in text if t.startswith("2025年"))
    assert opening.endswith("现将本人2025年度述法工作情况报告如下：")
    headings = [t for t in text if t[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert headings == ["一、履职情况", "二、上年度问题整改情况", "三、存在的问题和不足", "四、下一步工作打算"]
    # 落款, then the annex table of requirement values appended to the written report
    a = text.index("附件")
    assert text[a - 4 : a + 2] == ["", "张三", "2026年1月5日", "", "附件", "职责清单落实情况对照表"]
    assert len(text[a + 2 :]) == 3  # one row per requirement of a reported duty


def test_topics_are_of_the_practice_not_the_lists_own_headings(report):
    text = lines(report)
    perf = section_lines(text, "一、履职情况")
    topics = [t for t in perf if t.startswith("（")]
    assert topics == [
        heading_number(2, 1) + topic_heading("study"),
        heading_number(2, 2) + topic_heading("leadership"),
        heading_number(2, 3) + topic_heading("publicity"),
    ]
    assert topics[0] == "（一）学习贯彻习近平法治思想，带头尊法学法守法用法"
    # none of the duty list's own group headings is printed anywhere
    assert not any(g in t for t in text for g in LIST_GROUP_TITLES)
    # every topic heading has something under it
    for i, t in enumerate(perf):
        if t.startswith("（"):
            assert i + 1 < len(perf) and not perf[i + 1].startswith("（"), t


def test_points_are_numbered_one_paragraph_each_with_a_lead(report):
    perf = section_lines(lines(report), "一、履职情况")
    study = perf[perf.index("（一）学习贯彻习近平法治思想，带头尊法学法守法用法") + 1 :][:2]
    assert study[0] == "一是坚持领导干部学法。带头学习习近平法治思想，全年参加集中学法12次。"
    assert study[1].startswith("二是举办法治专题讲座。")
    # a duty's two paragraphs are one point: one paragraph, never a lonely 一是 when alone in its topic
    both = [t for t in perf if "全年组织党委会议听取法治建设工作汇报4次" in t]
    assert len(both) == 1 and "制定《测试镇法治建设工作要点》。" in both[0]
    assert not both[0].startswith("一是")
    # 一是…二是… restart in each topic; body paragraphs are points (or a topic's own intro)
    assert [t[:2] for t in perf if re.match(r"^[一二三四五六七八九十]+是", t)] == ["一是", "二是"]


def test_na_and_empty_duties_leave_no_trace(report):
    text = "\n".join(lines(report))
    assert "不应出现" not in text
    # dp5 is empty and dp6 不涉及: neither their text nor their list heading shows
    assert "支持依法行政" not in text and "推动落实普法责任制" not in text


def test_requirement_values_go_to_the_annex_not_into_the_prose(report):
    text = lines(report)
    body = text[: text.index("附件")]
    assert not any("要求≥" in t or "次/年" in t or "法治专题讲座举办次数" in t or "报告日期" in t for t in body)
    a = text.index("职责清单落实情况对照表")
    assert text[a + 1 :] == [
        "(1)组织党委会议每年至少听取一次法治建设工作汇报｜每年至少听取一次法治建设工作汇报｜4次｜达标",
        "(3)每年至少举办2次法治专题讲座｜每年至少举办2次法治专题讲座｜3次｜达标",
        "(4)每年3月1日前报告上一年度法治建设情况｜每年3月1日前报告上一年度法治建设情况｜2025年2月20日｜达标",
    ]


def test_unmet_and_missing_values_are_said_in_the_annex_and_as_a_problem(report):
    report.entries["dp3"].values["r1"].value = 1  # 2 required
    del report.entries["dp4"].values["r2"]
    text = lines(report)
    rows = text[text.index("职责清单落实情况对照表") + 1 :]
    assert "(3)每年至少举办2次法治专题讲座｜每年至少举办2次法治专题讲座｜1次｜未达标" in rows
    assert rows[-1].endswith("｜未填写｜未填写")
    problems = "".join(section_lines(text, "三、存在的问题和不足"))
    assert "“每年至少举办2次法治专题讲座”一项落实的频次不足" in problems
    assert "1次" not in problems  # a shortfall, never a bare number
    steps = "".join(section_lines(text, "四、下一步工作打算"))
    assert "“每年至少举办2次法治专题讲座”列入2026年度工作要点" in steps
    # the annex can be switched off
    report.plan.annex = False
    assert "附件" not in lines(report)


def test_problems_are_headed_with_a_subjective_cause(report):
    text = lines(report)
    prob = section_lines(text, "三、存在的问题和不足")
    heads = [t for t in prob if t.startswith("（")]
    assert [h[:3] for h in heads] == ["（一）", "（二）"]
    bodies = [t for t in prob if not t.startswith("（")]
    assert len(bodies) == len(heads)
    # the official's words first, then a cause the official owns
    assert bodies[0].startswith("统筹推进法治建设的力度还不够。")
    assert bodies[1].startswith("部分村干部学法不够主动。以案释法的针对性不强。")
    assert all("究其原因" in b and "本人" in b for b in bodies)
    # a cause the official wrote is kept and no other added
    report.plan.problem_causes["leadership"] = "究其原因，主要是本人抓统筹的办法还不多。"
    prob = section_lines(lines(report), "三、存在的问题和不足")
    assert prob[1] == "统筹推进法治建设的力度还不够。究其原因，主要是本人抓统筹的办法还不多。"


def test_next_steps_is_one_enumeration_answering_the_problems(report):
    steps = section_lines(lines(report), "四、下一步工作打算")
    # the official's own lead-in stays first; then one 一是、二是 … enumeration, never restarted
    assert steps[0] == "坚持以习近平法治思想为指导，推动各项工作在法治轨道上运行。"
    assert [t[:2] for t in steps[1:]] == ["一是", "二是"]
    assert steps[1].endswith("完善党委听取法治建设汇报制度。")
    assert steps[2].endswith("建立村干部学法清单。")
    assert not any(t.startswith("（") for t in steps)


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
    assert text[-2:] == ["张三", "2026年1月5日"]  # and no annex: every duty is 不涉及
    assert "附件" not in text
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


def test_title_byline_and_date_for_the_role_and_plan(report):
    assert lines(report)[2] == "测试镇党委书记　张三"
    report.official.unit = "中共测试镇委员会"
    report.official.title = "书记"
    assert lines(report)[2] == "测试镇党委书记　张三"  # 中共X委员会 → X党委
    report.official.unit, report.official.title = "测试县人民政府", "县长"
    assert lines(report)[2] == "测试县县长　张三"  # X人民政府 → X (测试县县长)
    report.plan.date = "2026-02-10"
    text = lines(report)
    a = text.index("附件")
    assert text[a - 3 : a - 1] == ["张三", "2026年2月10日"]  # the plan's date, not today
    report.plan.title, report.plan.byline = "自拟标题", "自拟署名"
    assert lines(report)[:2] == ["自拟标题", "自拟署名"]


def test_a_member_of_the_leadership_is_not_the_first_responsible():
    r = filled_report()
    r.official.role = "member"
    text = lines(r)
    assert text[0] == "2025年度述法报告"
    opening = next(t for t in text if t.startswith("2025年，"))
    assert "第一责任人" not in opening and "“一岗双责”" in opening
    assert lines(r, "shuzhi-section")[0] == "履行法治建设职责情况"
    assert not any("第一责任人" in t for t in lines(r, "speech")[:2])


def test_shuzhi_section_has_no_title_block_and_sits_one_level_down(report):
    text = lines(report, "shuzhi-section")
    assert text[0] == "履行推进法治建设第一责任人职责情况"
    assert not any(t.startswith("关于") and t.endswith("报告") for t in text)
    assert [t for t in text if t.startswith("（")] == [
        "（一）履职情况",
        "（二）上年度问题整改情况",
        "（三）存在的问题和不足",
        "（四）下一步工作打算",
    ]
    assert text[1].endswith("具体情况如下：")
    # a paragraph per topic, numbered, in the topic's own words
    perf = text[text.index("（一）履职情况") + 1 : text.index("（二）上年度问题整改情况")]
    assert [t[:2] for t in perf] == ["一是", "二是", "三是"]
    assert perf[0].startswith("一是学习贯彻习近平法治思想。")
    assert "全年参加集中学法12次" in perf[0] and "参训干部210人次" in perf[0]
    assert "张三" not in text and "附件" not in text  # no 落款, no annex
    assert preview_text(report, "shuzhi-section", today=TODAY).chars <= 1500


def test_speech_is_spoken_without_headings_or_time_note(report):
    full = preview_text(report, "shufa-report", today=TODAY)
    speech = preview_text(report, "speech", today=TODAY)
    text = speech.text.split("\n")
    assert text[0] == "2025年度述法发言"
    assert "各位领导、同志们：" in text
    assert text[-1] == SPEECH_CLOSING == "以上述法，请予评议。"
    assert speech.chars < full.chars
    body = text[text.index("各位领导、同志们：") + 1 :]
    # no heading read aloud: no 一、 / （一） lines; spoken transitions instead
    assert not any(re.match(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", t) for t in body)
    assert [t[:3] for t in body if t.startswith("第")] == ["第一，", "第二，", "第三，"]
    assert not any("用时" in t or "每分钟" in t for t in text)  # no time note printed
    assert "要求≥2次/年" not in speech.text and "附件" not in text
    # problems and measures each said once, as one sentence of items
    assert sum("差距和不足：一是" in t for t in body) == 1
    assert sum(t.startswith("下一步，我将") and "二是" in t for t in body) == 1


def test_speech_time_at_the_reports_rate(report):
    assert SPEAKING_RATE == 200 == report.plan.speaking_rate
    speech = preview_text(report, "speech", today=TODAY)
    assert speech.minutes == round(speech.chars / 200, 1)
    report.plan.speaking_rate = 150
    slow = preview_text(report, "speech", today=TODAY)
    assert slow.minutes == round(slow.chars / 150, 1) and slow.minutes > speech.minutes
    assert compose(report, "speech", today=TODAY).budget.high == 8 * 150


def test_outline_is_a_cue_card_within_a_page(report):
    text = lines(report, "speech-outline")
    assert text[0] == "2025年度述法提纲"
    assert text[3].startswith("开场：") and text[-1] == "结束：" + SPEECH_CLOSING
    heads = [t for t in text if re.match(r"^[一二三四五六七八九十]+、", t)]
    assert heads == ["一、学法用法", "二、组织领导", "三、法治宣传", "四、问题", "五、打算"]
    assert "1.坚持领导干部学法：全年参加集中学法12次" in text
    assert preview_text(report, "speech-outline", today=TODAY).chars <= 1000


def test_preview_counts_main_text_only(report):
    pv = preview_text(report, "shufa-report", today=TODAY)
    text = pv.text.split("\n")
    body = text[text.index("") + 1 : text.index("附件：职责清单落实情况对照表") - 1]  # no title, byline, 落款 or annex
    assert body[0].startswith("2025年") and body[-1].startswith("二是")
    assert pv.chars == sum(len(COUNTED.findall(t)) for t in body)
    # a report this short is said to be thin
    assert pv.verdict == f"书面述法报告仅{pv.chars}字，内容单薄（一般不少于2000字）。"


def test_dates_numbers_and_headings():
    assert format_date(date(2023, 7, 1)) == "2023年7月1日"
    assert [cn_number(n) for n in (1, 10, 12, 20, 21)] == ["一", "十", "十二", "二十", "二十一"]
    assert [heading_number(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]


def test_context_variables_documented_shape(report):
    ctx = build_context(report, "shufa-report", today=TODAY)
    assert ctx["official"] == {
        "name": "张三",
        "title": "党委书记",
        "unit": "测试镇",
        "role": "party",
        "role_title": "党委主要负责人",
    }
    assert ctx["title"] == "关于2025年度履行推进法治建设第一责任人职责情况的报告"
    assert ctx["title_lines"] == ["关于2025年度履行推进法治建设", "第一责任人职责情况的报告"]
    assert ctx["signature"] == {"name": "张三", "date": "2026年1月5日"}
    assert ctx["sections"]["performance"]["heading"] == "一、履职情况"
    assert [s["key"] for s in ctx["section_list"]] == ["performance", "rectification", "problems", "next_steps"]
    assert ctx["stats"]["na"] == 2 and ctx["stats"]["duties"] == 6
    d3 = next(d for d in ctx["duties"] if d["label"] == "(3)")
    assert d3["values"][0]["value"] == "3次" and d3["values"][0]["met"] is True
    assert ctx["parts"]["study"] == ["带头学习习近平法治思想，全年参加集中学法12次。"]
    assert ctx["annex"]["present"] and ctx["annex"]["title"] == "职责清单落实情况对照表"
    assert [(r["value"], r["met"]) for r in ctx["annex"]["rows"]] == [
        ("4次", "达标"),
        ("3次", "达标"),
        ("2025年2月20日", "达标"),
    ]
    assert [t["id"] for t in ctx["topics"]] == ["study", "leadership", "publicity"]
    assert ctx["closing"] == [] and ctx["length"]["high"] == 5000


@pytest.mark.parametrize("kind", list(KINDS))
def test_flat_list_still_gets_topics(kind):
    """A list with no groups at all: its duties still go to topics of the practice."""
    from renderdata import town_list

    dl = town_list()
    flat = [n for _, n in dl.walk() if n.is_duty and n.reportable and n.role == "party"]
    dl.children = flat
    r = Report.new(Official(name="李四", title="镇长", unit="测试镇", role="party"), 2025, dl)
    r.entries["dp1"] = Entry(
        duty_id="dp1", status="done", performance="召开党委会议听取法治建设工作汇报3次，研究解决问题5个。"
    )
    r.entries["dp3"] = Entry(
        duty_id="dp3", status="done", performance="邀请法学专家举办法治专题讲座3次，参训干部150人次。"
    )
    r.parts["study"] = "带头学习宪法和法律法规，全年参加集中学法10次。"
    text = lines(r, kind)
    said = "\n".join(text)
    assert "研究解决问题5个" in said and "参训干部150人次" in said and "全年参加集中学法10次" in said
    if kind == "shufa-report":
        assert [t for t in text if t.startswith("（")] == [
            "（一）" + topic_heading("study"),
            "（二）" + topic_heading("leadership"),
        ]
