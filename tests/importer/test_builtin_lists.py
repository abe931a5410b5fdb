"""The four built-in lists: counts per role, texts verbatim, units, requirements; and the importer
reproduces them from the seed files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shuifa.importer import import_file
from shuifa.lists import builtin_path, load_builtin

from .helpers import SEED_IDS, seed_path

ROOT = Path(__file__).resolve().parents[2]


def _by_label(dl, role: str | None = None) -> dict[str, object]:
    return {n.label: n for n in dl.duties() if role is None or n.role == role}


def test_counts_per_role() -> None:
    assert load_builtin("anshan-gaoxin-2023").role_counts() == {"common": 25}
    assert load_builtin("niuxintuo-town-2023").role_counts() == {"party": 24, "government": 28}
    assert load_builtin("zhejiang-province-2018").role_counts() == {"party": 28, "government": 27}
    assert load_builtin("shizuishan-eight-actions-2023").role_counts() == {"common": 51}


def test_metadata() -> None:
    expected = {
        "anshan-gaoxin-2023": (
            "鞍山高新区党政主要负责人履行推进法治建设第一责任人职责清单",
            "中共鞍山高新技术产业开发区工作委员会",
            "2023-05-29",
        ),
        "niuxintuo-town-2023": (
            "沈阳市辽中区牛心坨镇党政主要负责人履行推进法治建设第一责任人职责清单",
            "中共牛心坨镇委员会",
            "2023-07-21",
        ),
        "zhejiang-province-2018": (
            "浙江省党政主要负责人履行推进法治建设第一责任人职责实施办法",
            "中共浙江省委办公厅、浙江省人民政府办公厅",
            "2018-03-15",
        ),
        "shizuishan-eight-actions-2023": (
            "石嘴山市推进法治政府建设“八大提升行动”实施方案",
            "石嘴山市人民政府办公室",
            "2023-09-14",
        ),
    }
    for list_id, (title, issuer, date) in expected.items():
        dl = load_builtin(list_id)
        assert (dl.id, dl.title, dl.issuer, dl.date) == (list_id, title, issuer, date)
        assert dl.source


def test_anshan_texts_and_requirements() -> None:
    dl = load_builtin("anshan-gaoxin-2023")
    duties = dl.duties()
    assert [n.label for n in duties] == [f"{i}." for i in range(1, 26)]
    assert all(p[-1].heading() == "三、基本职责" for p, _ in dl.duty_paths())
    d = _by_label(dl)
    assert d["17."].text == "保障法治建设工作经费纳入年度财政预算。"
    assert d["5."].text == (
        "加大党内法规宣讲解读力度，推动将党内法规制度作为各级党工委、党委（党组）理论学习中心组学习的重要内容。"
    )
    assert d["25."].text == "统筹研究法治政府工作难题，组织开展法治政府建设达标创建活动。"
    r14 = d["14."].requirements
    assert [(r.kind, r.min, r.per, r.label) for r in r14] == [("count", 2, "year", "法治专题讲座举办次数")]
    r3 = d["3."].requirements
    assert [(r.kind, r.deadline) for r in r3] == [("deadline", "03-01")]
    assert r3[0].text.startswith("每年3月1日前")
    r1 = d["1."].requirements
    assert [(r.kind, r.min, r.per) for r in r1] == [("count", 1, "year"), ("count", 1, "year")]
    assert r1[0].text == "党工委会议每年至少听取一次法治建设工作汇报"
    assert dl.context_headings() == ["一、基本原则", "二、基本要求", "四、强化保障"]


def test_niuxintuo_labels_as_printed_and_joined_sentences() -> None:
    dl = load_builtin("niuxintuo-town-2023")
    party = [n.label for n in dl.duties("party") if n.role == "party"]
    assert party == [f"（{i}）" for i in range(1, 23)] + ["（24）", "（25）"]
    gov = [n.label for n in dl.duties("government") if n.role == "government"]
    assert gov == [f"（{i}）" for i in range(1, 29)]
    p = _by_label(dl, "party")
    g = _by_label(dl, "government")
    # broken by a page break in the source (lines 53/57)
    assert p["（2）"].text == (
        "推动法治建设纳入本地区发展总体规划和党委常委会年度工作要点，研究确定年度法治建设工作目标、主要任务和具体举措。"
        "加强法治督察，强化责任落实，严肃追责问责。科学制定本地区法治建设指标体系和考核标准。"
    )
    # broken inside quotation marks (lines 195/199)
    assert "落实“谁执法谁普法”普法责任制，督促各普法责任主体" in g["（25）"].text
    assert [(r.kind, r.min, r.per) for r in p["（21）"].requirements] == [("count", 2, "year")]
    assert p["（21）"].requirements[0].text == "每年举办2期以上法治专题讲座"
    assert [(r.kind, r.min) for r in p["（22）"].requirements] == [("count", 1)]
    assert [(r.kind, r.deadline) for r in g["（3）"].requirements] == [("deadline", "03-01")]
    assert [(r.kind, r.min) for r in g["（22）"].requirements] == [("count", 1)]
    # groups carry the category headings (markdown #### residue removed)
    headings = [n.heading() for _, n in dl.walk() if n.kind == "group"]
    assert "7.健全法治政府建设组织推进机制。" in headings
    assert not any("#" in h for h in headings)
    assert dl.context_headings()[0].startswith("一、严格遵循基本原则")
    assert len(dl.context_headings()) == 3


def test_zhejiang_articles() -> None:
    dl = load_builtin("zhejiang-province-2018")
    paths = dl.duty_paths()
    party_articles = {n.label if n.label.startswith("第") else p[-1].label for p, n in paths if n.role == "party"}
    assert party_articles == {f"第{x}条" for x in "五六七八九十"} | {"第十一条", "第十二条", "第十三条", "第十四条"}
    gov_articles = {p[-1].label for p, n in paths if n.role == "government"}
    assert gov_articles == {f"第{x}条" for x in ("十五", "十六", "十七", "十八", "十九", "二十")}
    # an article without sub-items is itself one duty, both paragraphs kept
    art11 = next(n for _, n in paths if n.label == "第十一条")
    assert art11.kind == "duty" and art11.text.count("\n") == 1
    assert art11.text.endswith("建立动态管理、跟踪问效、全域覆盖的基层法治建设长效机制。")
    # sub-item broken over a page break (source lines 38/40)
    art5 = next(p[-1] for p, n in paths if p[-1].label == "第五条")
    assert [c.label for c in art5.children] == ["（一）", "（二）", "（三）", "（四）"]
    assert art5.children[1].text == (
        "将法治建设纳入本地区经济社会发展规划，纳入党委常委会年度工作计划，明确工作目标、主要任务和具体举措，并抓好落实。"
    )
    assert art5.children[0].requirements[0].min == 1
    art15 = next(p[-1] for p, n in paths if p[-1].label == "第十五条")
    half = art15.children[1].requirements
    assert [(r.kind, r.min, r.per) for r in half] == [("count", 1, "half-year")]
    assert dl.context_headings() == ["第一章总则", "第三章督查考核", "第四章问责、免责与激励", "第五章附则"]
    # a traditional character in the source (推進) is simplified
    assert all("進" not in n.text for n in dl.duties())


def test_shizuishan_units_and_requirements() -> None:
    dl = load_builtin("shizuishan-eight-actions-2023")
    duties = dl.duties()
    assert [n.label for n in duties] == [f"{i}." for i in range(1, 52)]
    assert all(n.responsible_units for n in duties)
    d = _by_label(dl)
    assert d["1."].text == (
        "全力争创全国法治政府建设示范地区、项目。力争到2025年，全市2个项目获得全国法治政府建设示范地区、示范项目命名。"
    )
    assert d["1."].responsible_units == ["市委依法治市办（市司法局）", "政府办公室", "市政府各部门", "各县（区）政府"]
    assert d["18."].responsible_units == ["市审批局", "各县（区）政府"]
    assert d["51."].responsible_units == ["市委依法治市办〔司法局〕", "市政府办公室等政府各部门", "各县（区）政府"]
    assert d["49."].text.startswith("建设德才兼备的高素质法治政府工作队伍。")
    assert [(r.kind, r.min) for r in d["9."].requirements] == [("duration", 30)]
    assert [(r.kind, r.min) for r in d["38."].requirements] == [("rate", 100)]
    assert d["38."].requirements[0].label == "行政机关负责人出庭应诉率"
    assert [(r.kind, r.min) for r in d["30."].requirements] == [("count", 1), ("rate", 90)]
    assert [(r.kind, r.min, r.per) for r in d["47."].requirements] == [
        ("count", 4, "year"),
        ("count", 2, "year"),
        ("count", 1, "year"),
    ]
    groups = [p[-1].heading() for p, _ in dl.duty_paths()]
    assert groups[0] == "（一）实施法治政府建设示范创建提升行动"
    assert groups[-1] == "（八）实施行政机关工作人员法治素养提升行动"
    # nothing of the web mirror's residue survives
    for n in duties:
        assert "(" not in n.text and "?" not in n.text and not any("a" <= c <= "z" for c in n.text)
    assert dl.context_headings() == ["一、总体要求", "三、工作要求"]


@pytest.mark.parametrize("list_id", SEED_IDS)
def test_every_duty_text_is_in_the_cleaned_source(list_id: str) -> None:
    """Duty texts are the source's words (after cleanup), never rewritten — except the one
    documented hand correction in scripts/build_lists.py."""
    from shuifa.importer.clean import clean_lines

    lines, _ = clean_lines(seed_path(list_id).read_text(encoding="utf-8"))
    source = "".join(lines)
    for n in load_builtin(list_id).duties():
        for para in n.text.split("\n"):
            if list_id == "shizuishan-eight-actions-2023" and n.label == "49.":
                para = para.replace("德才兼备的高素质", "德才兼？zhèn）涞母咚刭|（zhì）")
            assert para in source, (n.label, para)
        assert n.text[-1] in "。；"
        assert n.source_lines and n.source_lines[0] <= n.source_lines[1]
        for ch in ",:;()?":
            assert ch not in n.text


@pytest.mark.parametrize("list_id", SEED_IDS)
def test_importer_reproduces_builtin(list_id: str) -> None:
    built = load_builtin(list_id)
    res = import_file(seed_path(list_id))
    got = res.duty_list
    assert got.role_counts() == built.role_counts()
    assert (got.title, got.issuer, got.date) == (built.title, built.issuer, built.date)
    pairs = list(zip(got.duties(), built.duties(), strict=True))
    for a, b in pairs:
        assert (a.label, a.role, a.responsible_units) == (b.label, b.role, b.responsible_units)
        assert [r.to_dict() for r in a.requirements] == [r.to_dict() for r in b.requirements]
        if not (list_id == "shizuishan-eight-actions-2023" and a.label == "49."):
            assert a.text == b.text


def test_build_script_check_is_clean() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_lists.py"), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_resource_files_are_duty_list_dicts() -> None:
    for list_id in SEED_IDS:
        data = json.loads(builtin_path(list_id).read_text(encoding="utf-8"))
        assert data["id"] == list_id
        assert load_builtin(list_id).to_dict() == data
