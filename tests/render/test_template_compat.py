"""A user template written for the first release's context still renders, now with the composed text."""

from __future__ import annotations

from render_helpers import make_template, para, paragraphs
from renderdata import TODAY

from shuifa.lists import load_builtin
from shuifa.render import render_docx
from shuifa.sample import make_sample

FIRST_RELEASE_BODY = [
    para("{{ title }}"),
    para("{{ byline }}（{{ official.role_title }}，{{ list.title }}）"),
    para("{%p for p in opening %}"),
    para("{{ p }}"),
    para("{%p endfor %}"),
    para("{%p for s in section_list %}"),
    para("{{ s.heading }}"),
    para("{%p for b in s.blocks %}"),
    para("{{ b.text }}{{ b.full_title }}"),
    para("{%p endfor %}"),
    para("{%p endfor %}"),
    para("{{ sections.problems.number }}问题共{{ sections.problems.paragraphs|length }}段"),
    para("约{{ speech.chars }}字，{{ speech.minutes_text }}，每分钟{{ speech.rate }}字"),
    para("{%p for d in duties %}"),
    para(
        "{{ d.label }}{{ d.status_text }}{% for v in d['values'] %}{{ v.label }}{{ v.value }}{{ v.required }}{% endfor %}"
    ),
    para("{%p endfor %}"),
    para("{% for c in carry_over %}{{ c.problem }}{{ c.state_text }}{% endfor %}上年度问题"),
    para("{{ stats.duties }}项职责，{{ stats.unmet }}项未达标；{{ parts.study|length }}段学法"),
    para("{{ signature.name }} {{ signature.date }} {{ date }}"),
]


def test_first_release_template_renders_the_composed_report(tmp_path):
    report = make_sample(load_builtin("niuxintuo-town-2023"), role="party", year=2025, seed=0)
    tpl = make_template(tmp_path / "旧模板.docx", FIRST_RELEASE_BODY)
    out = render_docx(report, tpl, tmp_path / "o.docx", today=TODAY)
    texts = [t for _, t in paragraphs(out)]
    assert texts[0] == "关于2025年度履行推进法治建设第一责任人职责情况的报告"
    assert "一、履职情况" in texts and "（一）学习贯彻习近平法治思想，带头尊法学法守法用法" in texts
    assert any(t.startswith("三、问题共") or t.startswith("二、问题共") for t in texts)
    assert any(t.endswith("每分钟200字") for t in texts)
    assert any("法治专题讲座" in t and "期" in t for t in texts)  # duties[].values: unit word of the list


def test_the_documented_topics_example_renders(tmp_path):
    report = make_sample(load_builtin("niuxintuo-town-2023"), role="party", year=2025, seed=0)
    body = [
        para("{%p for t in topics %}"),
        para("{{ t.heading }}"),
        para("{%p for p in t.points %}"),
        para('{{ p.lead }}：{{ p.sentences|join("") }}'),
        para("{%p endfor %}"),
        para("{%p endfor %}"),
    ]
    out = render_docx(report, make_template(tmp_path / "要点.docx", body), tmp_path / "o.docx", today=TODAY)
    texts = [t for _, t in paragraphs(out)]
    assert texts[0] == "学习贯彻习近平法治思想，带头尊法学法守法用法"
    # a point of the sample's 学法用法 part: its lead, a colon, its sentences
    assert any(t.startswith(("坚持集中学：", "坚持会前学：", "坚持自主学：", "坚持清单学：")) for t in texts)
