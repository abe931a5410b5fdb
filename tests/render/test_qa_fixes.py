"""Defects found in QA: a spoken lead-in losing its items, value-only duties, templates without tags."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from render_helpers import make_template, para, paragraphs
from renderdata import TODAY, filled_report

from shuifa.errors import TemplateError
from shuifa.lists import builtin_lists
from shuifa.model import REPORTER_ROLES, Report
from shuifa.paths import user_templates_dir
from shuifa.render import KINDS, list_templates, preview_text, render_docx, skipped_templates
from shuifa.render.context import SPEECH_CLOSING, compose
from shuifa.sample import make_sample

COLONS = ("：", ":")


def _sequence(report: Report, kind: str) -> list[tuple[str, str]]:
    """(kind of paragraph, text) in document order: s salutation, o opening, h heading, b body, c closing."""
    c = compose(report, kind, today=TODAY)
    seq = [("s", c.salutation)] if c.salutation else []
    seq += [("o", p) for p in c.opening]
    for s in c.sections.values():
        if s["present"]:
            seq.append(("h", s["heading"]))
            seq += [("b" if b["level"] == 0 else "h", b["text"]) for b in s["blocks"]]
    seq += [("c", p) for p in c.closing]
    return seq


def _dangling_colons(report: Report, kind: str) -> list[str]:
    """Paragraphs ending in a colon that nothing continues: the last one, one before the closing, or a
    body paragraph followed by a heading."""
    seq = _sequence(report, kind)
    bad = []
    for i, (what, text) in enumerate(seq):
        if not text.endswith(COLONS):
            continue
        nxt = seq[i + 1] if i + 1 < len(seq) else None
        if nxt is None or nxt[0] == "c" or (what == "b" and nxt[0] != "b"):
            bad.append(text)
    return bad


SAMPLES = [(dl, role) for dl in builtin_lists() for role in REPORTER_ROLES]


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize(("dl", "role"), SAMPLES, ids=[f"{dl.id}-{role}" for dl, role in SAMPLES])
def test_no_paragraph_ends_in_a_colon_with_nothing_after_it(dl, role, kind):
    for seed in (0, 1):
        report = make_sample(dl, role=role, year=2025, seed=seed)
        assert _dangling_colons(report, kind) == [], (dl.id, role, kind, seed)


def test_speech_keeps_the_items_after_the_next_steps_lead_in(tmp_path):
    """QA: `shuifa render gov.shufa -t speech` ended 三、 at “…着力在以下方面下功夫：”."""
    dl = next(d for d in builtin_lists() if d.id == "niuxintuo-town-2023")
    report = make_sample(dl, role="government", year=2025)
    items = report.parts["next_steps"].split("\n")
    assert items[0].endswith("下功夫：") and items[1].startswith("一是")
    out = render_docx(report, "speech", tmp_path / "speech.docx", today=TODAY)
    texts = [t for _, t in paragraphs(out)]
    lead = texts.index(items[0])
    assert texts[lead + 1 : lead + 4] == items[1:4]
    assert texts[-1] == SPEECH_CLOSING
    # the written report has all of them
    written = preview_text(report, "shufa-report", today=TODAY).text.split("\n")
    assert written[written.index(items[0]) + 1 : written.index(items[0]) + len(items)] == items[1:]


def test_speech_lead_in_in_a_duty_note_keeps_its_items():
    report = filled_report()
    duty = next(d for d in report.duties() if report.entries.get(d.id) and report.entries[d.id].performance)
    e = report.entries[duty.id]
    e.status = "done"
    e.performance = (
        "全年重点抓了以下工作：\n一是健全制度。\n二是加强督查。\n三是开展培训。\n四是强化考核。\n第二段不念。"
    )
    speech = preview_text(report, "speech", today=TODAY).text.split("\n")
    i = next(n for n, t in enumerate(speech) if t.endswith("全年重点抓了以下工作："))
    # the lead-in and at most SPEECH_ITEMS (3) items
    assert speech[i + 1 : i + 4] == ["一是健全制度。", "二是加强督查。", "三是开展培训。"]
    assert "四是强化考核。" not in speech and "第二段不念。" not in speech
    assert _dangling_colons(report, "speech") == []


@pytest.mark.parametrize("kind", list(KINDS))
def test_duty_with_only_a_value_adds_nothing_to_performance(tmp_path, kind):
    """QA: a duty with a typed 0 and no 履职情况 text rendered its group heading over “…为0次（要求≥1次/年）”."""
    report = filled_report()
    e = report.entries["dp1"]  # the only reportable duty of “充分发挥党委在推进本地区法治建设中的领导作用”
    e.performance = ""
    e.values["r1"].value = 0
    e.problems = "听取法治建设汇报不够经常。"
    e.improvements = "每半年听取一次法治建设工作汇报。"
    out = render_docx(report, kind, tmp_path / "o.docx", today=TODAY)
    texts = [t for _, t in paragraphs(out)]
    assert not any("领导作用" in t for t in texts)  # no heading left behind
    assert not any("听取汇报次数" in t or "为0次" in t for t in texts)
    # the other groups are there, renumbered from the top
    assert any(t.endswith("深入推进法治宣传教育") for t in texts)
    # problems and improvements still gather into their sections
    assert any(t.endswith("听取法治建设汇报不够经常。") for t in texts)
    assert any(t.endswith("每半年听取一次法治建设工作汇报。") for t in texts)
    assert texts == preview_text(report, kind, today=TODAY).text.split("\n")


def test_performance_section_absent_when_no_duty_has_text(tmp_path):
    report = filled_report()
    report.parts["study"] = ""
    for e in report.entries.values():
        e.performance = ""
    report.entries["dp3"].values["r1"].value = 0
    out = render_docx(report, "shufa-report", tmp_path / "o.docx", today=TODAY)
    texts = [t for _, t in paragraphs(out)]
    assert not any("履职情况" in t for t in texts)
    assert [t for t in texts if t[1:2] == "、"] == [
        "一、上年度问题整改情况",
        "二、存在的问题和不足",
        "三、下一步工作打算",
    ]


def _plain_docx(path: Path) -> Path:
    """A Word file a user might pick by mistake: text (even single braces), no Jinja tag."""
    import docx

    d = docx.Document()
    d.add_paragraph("中共XX县委全面依法治县委员会办公室")
    d.add_paragraph("关于报送2025年度述法报告的通知 {附件1}")
    d.sections[0].footer.paragraphs[0].text = "第 { 页"
    d.save(str(path))
    return path


def test_cli_refuses_a_template_without_tags(tmp_path, capsys):
    """QA: `shuifa render FILE -t some.docx` exited 0 and wrote a copy of some.docx without the report."""
    from shuifa.cli import main
    from shuifa.exchange import write_report

    src = write_report(filled_report(), tmp_path / "张三.shufa")
    tpl = _plain_docx(tmp_path / "通知.docx")
    out = tmp_path / "o.docx"
    assert main(["render", str(src), "-t", str(tpl), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "“通知.docx”不是述法报告模板：其中没有任何填充标记" in err
    assert "docs/templates.md" in err and "复制一个内置模板" in err
    assert not out.exists()
    with pytest.raises(TemplateError, match="没有任何填充标记"):
        render_docx(filled_report(), tpl, tmp_path / "o.docx")
    assert not out.exists()


def test_user_folder_file_without_tags_is_skipped_with_its_reason(tmp_path, caplog):
    d = user_templates_dir()
    _plain_docx(d / "县委办版.docx")
    _plain_docx(d / "speech.docx")  # would otherwise replace the built-in speech template
    make_template(d / "好模板.docx", [para("{{ official.name }}")])
    with caplog.at_level(logging.WARNING):
        listed = {t.name: t for t in list_templates()}
    assert "县委办版" not in listed and listed["speech"].builtin and "好模板" in listed
    assert sum("跳过自定义模板：“县委办版.docx”不是述法报告模板" in r.getMessage() for r in caplog.records) == 1
    assert [(p.name, "没有任何填充标记" in why) for p, why in skipped_templates()] == [
        ("speech.docx", True),
        ("县委办版.docx", True),
    ]
    with pytest.raises(TemplateError, match="“县委办版.docx”不是述法报告模板") as e:
        render_docx(filled_report(), "县委办版", tmp_path / "o.docx")
    assert "docs/templates.md" in e.value.hint
    # a TemplateInfo handed over from an earlier listing, whose file lost its tags since
    good = listed["好模板"]
    _plain_docx(good.path)
    with pytest.raises(TemplateError, match="没有任何填充标记"):
        render_docx(filled_report(), good, tmp_path / "o.docx")
    assert not (tmp_path / "o.docx").exists()


def test_tag_split_over_runs_still_counts(tmp_path):
    tpl = make_template(tmp_path / "拆开.docx", [para("", runs=["姓名：{", "{ official.na", "me }", "}"])])
    out = render_docx(filled_report(), tpl, tmp_path / "o.docx")
    assert paragraphs(out) == [("", "姓名：张三")]


@pytest.mark.parametrize("kind", ["shufa-report", "shuzhi-section", "speech"])
def test_a_report_with_nothing_written_has_no_dangling_lead_in(kind: str) -> None:
    from shuifa.lists import load_builtin
    from shuifa.model import Official, Report
    from shuifa.render import preview_text

    report = Report.new(
        Official("王五", "县长", "测试县人民政府", "government"), 2026, load_builtin("zhejiang-province-2018")
    )
    lines = [line for line in preview_text(report, kind).text.splitlines() if line.strip()]
    assert not any(line.rstrip().endswith(("：", ":")) for line in lines if line != "各位领导、同志们：")
    assert not any("如下" in line for line in lines)
    assert any("2026年" in line for line in lines)  # the opening is still there


def test_quotes_inside_a_quoted_problem_become_single() -> None:
    from shuifa.model import CarryOverItem
    from shuifa.render import preview_text

    report = filled_report()
    report.carry_over = [
        CarryOverItem(id="c9", problem="落实“每年召开一次领导小组会议”要求不到位", state="done", note="已建立制度。")
    ]
    text = preview_text(report, "shufa-report").text
    assert "关于“落实‘每年召开一次领导小组会议’要求不到位”的问题，已整改到位。已建立制度。" in text


def test_long_title_breaks_at_a_word_into_balanced_lines() -> None:
    from shuifa.render.context import TITLE_CHARS_PER_LINE, title_lines

    assert title_lines("关于履行推进法治建设第一责任人职责情况的报告") == [
        "关于履行推进法治建设",
        "第一责任人职责情况的报告",
    ]
    assert title_lines("2025年度述法发言") == ["2025年度述法发言"]
    assert title_lines("") == []
    for title in (
        "关于履行推进法治建设第一责任人职责情况的报告",
        "某某县2025年度党政主要负责人履行推进法治建设第一责任人职责情况的报告",
    ):
        lines = title_lines(title)
        assert "".join(lines) == title
        assert len(lines[-1]) > 2  # never a lone 报告
        assert all(len(line) <= TITLE_CHARS_PER_LINE for line in lines) or len(lines) == 1
