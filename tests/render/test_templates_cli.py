"""Finding templates (built-in and user), and the ``render`` / ``templates`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from render_helpers import make_template, para, paragraphs
from renderdata import filled_report

from shuifa.cli import ChineseArgumentParser, cmd_render, cmd_templates
from shuifa.errors import ShuifaError, TemplateError
from shuifa.exchange import write_report
from shuifa.paths import user_templates_dir
from shuifa.render import list_templates, render_docx, resolve_template


def test_builtin_templates_listed():
    got = [(t.name, t.kind, t.builtin) for t in list_templates()]
    assert got == [
        ("shufa-report", "shufa-report", True),
        ("shuzhi-section", "shuzhi-section", True),
        ("speech", "speech", True),
        ("speech-outline", "speech-outline", True),
    ]
    assert all(t.path.is_file() for t in list_templates())


def test_user_templates_by_name_kind_from_properties_or_name(tmp_path):
    d = user_templates_dir()
    make_template(d / "县委办版.docx", [para("县委办：{{ official.name }}")], category="speech")
    make_template(d / "speech-简版.docx", [para("{{ salutation }}")], category=None)
    make_template(d / "无类别.docx", [para("{{ title }}")], category=None)
    (d / "~$县委办版.docx").write_bytes(b"lock file of WPS")
    info = {t.name: t for t in list_templates()}
    assert info["县委办版"].kind == "speech" and not info["县委办版"].builtin
    assert info["speech-简版"].kind == "speech"
    assert info["无类别"].kind == "shufa-report"
    assert "~$县委办版" not in info
    assert resolve_template("县委办版").path == d / "县委办版.docx"
    out = render_docx(filled_report(), "县委办版", tmp_path / "o.docx")
    assert paragraphs(out) == [("", "县委办：张三")]


def test_user_template_named_like_a_kind_replaces_the_builtin(tmp_path):
    make_template(user_templates_dir() / "shufa-report.docx", [para("本单位版：{{ title }}")])
    t = resolve_template("shufa-report")
    assert not t.builtin
    assert [x.name for x in list_templates()].count("shufa-report") == 1
    out = render_docx(filled_report(), "shufa-report", tmp_path / "o.docx")
    assert paragraphs(out) == [("", "本单位版：关于2025年度履行推进法治建设第一责任人职责情况的报告")]


def test_unknown_template_names_the_choices():
    with pytest.raises(TemplateError) as e:
        resolve_template("没有这个")
    assert "没有这个" in e.value.message and "shufa-report" in e.value.hint
    with pytest.raises(TemplateError, match="不存在"):
        resolve_template("/no/such/模板.docx")


def run_cli(argv: list[str]) -> int:
    """The subcommands as ``shuifa`` wires them (main() prints ShuifaError and returns 2)."""
    parser = ChineseArgumentParser(prog="shuifa", add_help=False)
    sub = parser.add_subparsers(dest="command", parser_class=ChineseArgumentParser)
    cmd_render.register(sub)
    cmd_templates.register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture
def shufa_file(tmp_path) -> Path:
    return write_report(filled_report(), tmp_path / "张三.shufa")


def test_cli_render_docx(shufa_file, tmp_path, capsys):
    out = tmp_path / "out.docx"
    assert run_cli(["render", str(shufa_file), "-t", "speech", "-o", str(out)]) == 0
    assert "已生成" in capsys.readouterr().out
    texts = [t for _, t in paragraphs(out)]
    assert "各位领导、同志们：" in texts and texts[-1] == "以上述法，请予评议。"


def test_cli_render_default_output_beside_input(shufa_file):
    assert run_cli(["render", str(shufa_file)]) == 0
    assert [t for _, t in paragraphs(shufa_file.with_suffix(".docx"))[:2]] == [
        "关于2025年度履行推进法治建设",
        "第一责任人职责情况的报告",
    ]


def test_cli_render_template_path(shufa_file, tmp_path):
    tpl = make_template(tmp_path / "自定义.docx", [para("{{ byline }}")])
    out = tmp_path / "o.docx"
    run_cli(["render", str(shufa_file), "-t", str(tpl), "-o", str(out)])
    assert paragraphs(out) == [("", "测试镇党委书记　张三")]


def test_cli_render_bad_suffix_and_bad_file(shufa_file, tmp_path):
    with pytest.raises(ShuifaError, match=r"\.docx 或 \.pdf"):
        run_cli(["render", str(shufa_file), "-o", str(tmp_path / "o.txt")])
    bad = tmp_path / "坏.shufa"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ShuifaError):
        run_cli(["render", str(bad), "-o", str(tmp_path / "o.docx")])
    assert not (tmp_path / "o.docx").exists()


def test_cli_templates(capsys):
    make_template(user_templates_dir() / "我的.docx", [para("{{ title }}")])
    assert run_cli(["templates", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["name"] for d in data] == ["shufa-report", "shuzhi-section", "speech", "speech-outline", "我的"]
    assert data[4]["builtin"] is False
    assert run_cli(["templates"]) == 0
    text = capsys.readouterr().out
    assert "书面述法报告" in text and "述法提纲" in text and "自定义" in text and str(user_templates_dir()) in text


def test_cli_registered_in_shuifa():
    from shuifa.cli import COMMANDS

    assert "render" in COMMANDS and "templates" in COMMANDS


def test_shuifa_main_render_and_errors(shufa_file, tmp_path, capsys):
    from shuifa.cli import main

    out = tmp_path / "主程序.docx"
    assert main(["render", str(shufa_file), "-t", "shuzhi-section", "-o", str(out)]) == 0
    assert paragraphs(out)[0][1] == "履行推进法治建设第一责任人职责情况"
    assert main(["render", str(shufa_file), "-t", "不存在的模板", "-o", str(tmp_path / "x.docx")]) == 2
    err = capsys.readouterr().err
    assert "找不到名为“不存在的模板”的模板" in err and "Traceback" not in err
    assert not (tmp_path / "x.docx").exists()


def test_cli_says_length_and_time_on_screen_not_in_the_document(shufa_file, tmp_path, capsys):
    """The speech's time moved out of the document: the command says it, at the report's rate."""
    from shuifa.render import preview_text

    out = tmp_path / "发言.docx"
    assert run_cli(["render", str(shufa_file), "-t", "speech", "-o", str(out), "--rate", "150"]) == 0
    printed = capsys.readouterr()
    report = filled_report()
    report.plan.speaking_rate = 150
    chars = preview_text(report, "speech").chars
    assert f"现场述法发言稿共{chars}字（不超过1200字），按每分钟150字约需" in printed.out
    texts = [t for _, t in paragraphs(out)]
    assert not any("分钟" in t or "字）" in t for t in texts)
    # within budget: no length warning (the 体检's lines about this half-filled report are another matter)
    assert [line for line in printed.err.splitlines() if not line.startswith("警告：体检：")] == []
    # a thin written report is said to be thin, on stderr
    assert run_cli(["render", str(shufa_file), "-o", str(tmp_path / "书面.docx")]) == 0
    assert "内容单薄" in capsys.readouterr().err
    with pytest.raises(ShuifaError, match="语速"):
        run_cli(["render", str(shufa_file), "-t", "speech", "-o", str(out), "--rate", "999"])


def test_cli_date_and_no_annex_apply_to_this_run_only(shufa_file, tmp_path):
    out = tmp_path / "o.docx"
    assert run_cli(["render", str(shufa_file), "-o", str(out), "--date", "2026-02-10", "--no-annex"]) == 0
    texts = [t for _, t in paragraphs(out)]
    assert texts[-2:] == ["张三", "2026年2月10日"] and "附件" not in texts
    assert run_cli(["render", str(shufa_file), "-o", str(out)]) == 0
    assert "附件" in [t for _, t in paragraphs(out)]  # the file itself was not changed
    with pytest.raises(ShuifaError, match="落款日期"):
        run_cli(["render", str(shufa_file), "-o", str(out), "--date", "明天"])


def test_cli_warns_when_the_date_is_not_of_the_report_year(shufa_file, tmp_path, capsys):
    out = tmp_path / "o.docx"
    assert run_cli(["render", str(shufa_file), "-o", str(out), "--date", "1900-01-01"]) == 0
    assert "落款日期1900年与报告年度2025年不相符" in capsys.readouterr().err
    assert run_cli(["render", str(shufa_file), "-o", str(out), "--date", "2026-01-05"]) == 0
    assert "不相符" not in capsys.readouterr().err
