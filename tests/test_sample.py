"""The sample report generator (``shuifa.sample``) and ``shuifa sample``."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from shuifa.cli import main
from shuifa.errors import ShuifaError
from shuifa.exchange import dumps, loads, read_report
from shuifa.importer.clean import t2s
from shuifa.lists import builtin_ids, load_builtin
from shuifa.model import (
    REPORT_PARTS,
    REPORTER_ROLES,
    STATUSES,
    DutyList,
    Node,
    Official,
    Report,
    Requirement,
    default_year,
    requirement_met,
    split_paragraphs,
)
from shuifa.sample import Facts, Filler, fact_of, make_sample, make_setting, phrase_bank

HALF_WIDTH = re.compile(r"[,;:?!()]")

# --------------------------------------------------------------------------- a list built by hand

DUTY_TEXTS = [
    ("party", "组织党委常委会会议每年至少听取一次法治建设工作汇报，及时研究解决有关重大问题。"),
    ("party", "推动将法治建设纳入本地区发展总体规划和党委年度工作要点，研究确定年度法治建设工作目标。"),
    ("party", "加大党内法规宣讲解读力度，推动将党内法规制度作为理论学习中心组学习的重要内容。"),
    ("party", "推动健全并严格执行党委常委会议事规则，严格执行党委文件前置审核制度，加强合法合规性审查。"),
    ("party", "推动建立党委法律顾问制度并得到有效落实，在制定重大决策中充分发挥法律顾问作用。"),
    ("party", "经常性提醒督促班子其他成员依法办事，推动班子其他成员和下级党政主要负责人强化法治意识。"),
    ("party", "支持把法治建设成效作为衡量各级领导班子和领导干部工作实绩重要内容，纳入年度考核。"),
    ("party", "坚持带头讲法治课，做深入学习宣传习近平法治思想的表率。"),
    ("party", "推动落实党委理论学习中心组学法制度，每年举办2期以上法治专题讲座。"),
    ("party", "组织召开镇党委法治建设委员会会议，每年至少1次，开展专题述法。"),
    ("party", "推动形成闭环责任体系，认真组织法治建设督察和问题整改工作。"),
    ("party", "加快法治乡村建设步伐，强化推进乡村振兴战略法治保障。"),
    ("government", "每年3月1日前，镇政府应当向镇党委报告上一年度法治政府建设情况，并向社会公开。"),
    ("government", "组织制定并公布年度重大行政决策目录，严格执行公众参与、专家论证、风险评估等法定程序。"),
    ("government", "推动完善规范性文件制定程序，规范性文件报备率、及时率、规范率达到规定要求。"),
    ("government", "督促相关部门严格遵守《政府信息公开条例》，全面推行政务公开。"),
    ("government", "支持全面严格落实行政执法公示制度、执法全过程记录制度、重大行政执法决定法制审核制度。"),
    ("government", "推动加强和规范事中事后监管，推进“双随机、一公开”监管和信用监管。"),
    ("government", "支持行政复议工作，带头自觉履行行政复议决定。"),
    ("government", "规范行政机关依法出庭应诉工作，行政机关负责人出庭应诉率达到100%。"),
    ("government", "坚持和发展新时代“枫桥经验”，健全矛盾纠纷多元化解机制，做好信访工作。"),
    ("government", "落实“谁执法谁普法”普法责任制，积极开展“12·4”国家宪法日集中宣传教育活动。"),
    ("government", "持续优化法治化营商环境，落实公平竞争审查制度，公平竞争审查率达到100%。"),
    ("government", "地方性法规、政府规章草案向社会公开征求意见期限一般不少于30日。"),
    ("government", "组织开展法治政府建设示范创建活动。"),
    ("government", "研究解决本地区其他有关事项。"),
]

REQUIREMENTS = {
    0: [Requirement(kind="count", text="每年至少听取一次法治建设工作汇报", min=1, per="year", label="听取汇报次数")],
    8: [Requirement(kind="count", text="每年举办2期以上法治专题讲座", min=2, per="year", label="法治专题讲座举办期数")],
    9: [Requirement(kind="count", text="每年至少1次", min=1, per="year", label="委员会会议召开次数")],
    12: [
        Requirement(
            kind="deadline", text="每年3月1日前报告上一年度法治政府建设情况", deadline="03-01", label="报告日期"
        )
    ],
    19: [Requirement(kind="rate", text="行政机关负责人出庭应诉率达到100%", min=100, label="行政机关负责人出庭应诉率")],
    22: [Requirement(kind="rate", text="公平竞争审查率达到100%", min=100, label="公平竞争审查率")],
    23: [Requirement(kind="duration", text="征求意见期限一般不少于30日", min=30, label="征求意见期限（日）")],
}


def hand_list(list_id: str = "hand-test", roles: bool = True) -> DutyList:
    """A list like the 牛心坨镇 one: a context section, then 党委 and 政府 duties with requirements."""
    duties = []
    for i, (role, text) in enumerate(DUTY_TEXTS):
        duties.append(
            Node(
                id=f"d{i}",
                kind="duty",
                label=f"（{i + 1}）",
                text=text,
                role=role if roles else "common",
                requirements=[Requirement.from_dict(r.to_dict()) for r in REQUIREMENTS.get(i, [])],
            )
        )
    return DutyList(
        id=list_id,
        title="沈阳市辽中区示范镇党政主要负责人履行推进法治建设第一责任人职责清单",
        issuer="中共示范镇委员会",
        date="2023-07-21",
        children=[
            Node(
                id="g0",
                kind="group",
                label="一、",
                title="基本原则",
                reportable=False,
                children=[Node(id="c0", kind="duty", text="坚持党的领导。", reportable=False)],
            ),
            Node(id="g1", kind="group", label="三、", title="主要职责", children=duties),
        ],
    )


def report_texts(report: Report) -> list[str]:
    out = []
    for d in report.duties():
        e = report.entries[d.id]
        out += [e.performance, e.problems, e.improvements, e.evidence]
    return out + list(report.parts.values())


def stable(report: Report) -> dict:
    d = report.to_dict()
    d.pop("created")
    d.pop("updated")
    for e in d["entries"]:
        e.pop("updated")
    return d


# --------------------------------------------------------------------------- determinism and roles


def test_same_inputs_give_the_same_report() -> None:
    a = make_sample(hand_list(), role="government", year=2024, seed=3)
    b = make_sample(hand_list(), role="government", year=2024, seed=3)
    assert stable(a) == stable(b)
    assert a.id == b.id


def test_other_seed_role_or_year_give_another_report() -> None:
    base = stable(make_sample(hand_list(), role="party", year=2024, seed=0))
    for kwargs in ({"seed": 1}, {"year": 2023}):
        other = stable(make_sample(hand_list(), **{"role": "party", "year": 2024, "seed": 0, **kwargs}))
        assert other["entries"] != base["entries"]
    assert stable(make_sample(hand_list(list_id="other-list"), role="party", year=2024))["id"] != base["id"]


def test_global_random_is_untouched() -> None:
    import random

    random.seed(42)
    expected = random.random()
    random.seed(42)
    make_sample(hand_list(), year=2024)
    assert random.random() == expected


def test_role_defaults_to_the_lists_first_role_or_party() -> None:
    assert make_sample(hand_list(), year=2024).official.role == "party"
    assert make_sample(hand_list(roles=False), year=2024).official.role == "party"
    gov_only = hand_list()
    for d in gov_only.duties():
        if d.role == "party":
            d.role = "common"
    assert make_sample(gov_only, year=2024).official.role == "government"


def test_unknown_role_is_a_chinese_error() -> None:
    with pytest.raises(ShuifaError) as exc:
        make_sample(hand_list(), role="boss")
    assert "述法人类别" in exc.value.message
    assert "government" in exc.value.hint


def test_year_defaults_to_the_current_reporting_year() -> None:
    assert make_sample(hand_list()).year == default_year()


def test_official_fits_role_and_list() -> None:
    party = make_sample(hand_list(), role="party", year=2024).official
    gov = make_sample(hand_list(), role="government", year=2024).official
    assert 2 <= len(party.name) <= 3 and 2 <= len(gov.name) <= 3
    assert party.title == "书记" and party.unit == "中共示范镇委员会"
    # the town's government named as its party committee is (中共示范镇委员会 → 示范镇人民政府)
    assert gov.title == "镇长" and gov.unit == "示范镇人民政府"
    member = make_sample(hand_list(), role="member", year=2024).official
    assert member.title in ("副书记", "副镇长") and member.unit in ("中共示范镇委员会", "示范镇人民政府")
    dept = make_sample(hand_list(), role="department", year=2024).official
    assert dept.unit.startswith("示范镇") and dept.title


def test_given_official_is_kept() -> None:
    given = Official(name="李四", title="县长", unit="某某县人民政府", role="government")
    report = make_sample(hand_list(), year=2024, official=given)
    assert (report.official.name, report.official.title, report.official.unit) == ("李四", "县长", "某某县人民政府")
    assert report.official.role == "government"
    assert given.role == "government"


# --------------------------------------------------------------------------- entries


@pytest.fixture(scope="module")
def gov_report() -> Report:
    return make_sample(hand_list(), role="government", year=2024)


def test_every_duty_walked_is_filled(gov_report: Report) -> None:
    duties = gov_report.duties()
    assert len(duties) == 14  # 政府 duties only
    assert set(gov_report.entries) == {d.id for d in duties}
    for d in duties:
        e = gov_report.entries[d.id]
        assert e.status in STATUSES and e.status
        assert re.search(r"\d", e.performance), d.text
        assert 1 <= len(split_paragraphs(e.performance)) <= 3
    assert gov_report.progress() == (14, 14)


def test_statuses_are_mostly_done(gov_report: Report) -> None:
    statuses = [gov_report.entries[d.id].status for d in gov_report.duties()]
    assert statuses.count("done") >= 0.7 * len(statuses)
    assert "partial" in statuses


def test_three_to_five_problems_each_with_its_measure_and_own_cause() -> None:
    from shuifa.compose.material import SUBJECTIVE

    for seed in range(6):
        report = make_sample(hand_list(roles=False), year=2024, seed=seed)
        entries = [report.entries[d.id] for d in report.duties()]
        with_problem = [e for e in entries if e.problems.strip()]
        assert 3 <= len(with_problem) <= 5, seed
        for e in entries:
            assert len(split_paragraphs(e.problems)) == len(split_paragraphs(e.improvements))
            if e.status in ("partial", "undone"):
                assert e.problems.strip(), e.duty_id  # the 体检's problem-missing
        for e in with_problem:
            assert SUBJECTIVE.search(e.problems), e.problems  # a cause of the official's own
        problems = [e.problems for e in with_problem]
        assert len(set(problems)) == len(problems)


def test_requirements_valued_and_mostly_met() -> None:
    for seed in range(6):
        report = make_sample(hand_list(roles=False), year=2024, seed=seed)
        results = []
        for d in report.duties():
            e = report.entries[d.id]
            for r in d.requirements:
                v = e.values[r.id]
                assert not v.is_empty()
                if r.kind == "deadline":
                    assert date.fromisoformat(v.date).year == 2024
                else:
                    assert v.value is not None
                results.append(requirement_met(r, v, report.year))
        assert len(results) == 7
        unmet = results.count(False)
        assert 1 <= unmet <= 2, seed
        for d, r, v in report.unmet_requirements():
            e = report.entries[d.id]
            assert e.status == "partial"
            # the shortfall is a problem with its measure, never admitted in 履职情况 (the composition
            # makes it a headed problem; the value goes to the annex table)
            assert r.text in e.problems and r.text in e.improvements
            shortfall = ("未达到", "未能", "少于", "晚于", "超出", "差距", "低于", "仅为", "只有", "不到位")
            assert not any(w in e.performance for w in shortfall), e.performance
            if r.kind == "count":
                assert f"{r.label}为{v.value:g}" not in e.performance
                assert v.value != 0 or f"0{r.count_unit()}" not in e.performance


def test_short_list_meets_every_requirement() -> None:
    dl = hand_list()
    short = DutyList(
        id="short", title=dl.title, issuer=dl.issuer, children=[Node.from_dict(n.to_dict()) for n in dl.duties()[:8]]
    )
    report = make_sample(short, role="party", year=2024)
    assert report.unmet_requirements() == []
    assert all(report.entries[d.id].status != "na" for d in report.duties())


def test_performance_texts_vary(gov_report: Report) -> None:
    for report in (gov_report, make_sample(hand_list(roles=False), year=2024)):
        perf = [report.entries[d.id].performance for d in report.duties()]
        assert len(set(perf)) >= 0.8 * len(perf)
        firsts = [split_paragraphs(p)[0] for p in perf]
        assert len(set(firsts)) >= 0.8 * len(firsts)


def test_text_follows_the_duty() -> None:
    report = make_sample(hand_list(roles=False), year=2024)
    by_text = {d.text[:6]: report.entries[d.id].performance for d in report.duties()}
    assert "复议" in by_text["支持行政复议"] or "不涉及" in by_text["支持行政复议"]
    assert "普法" in by_text["落实“谁执法"] or "宣传" in by_text["落实“谁执法"]
    # 法律顾问 and 重大决策 weigh almost alike in this duty's text: the sample writes about either (the
    # duty's own wording no longer leads the text: no “对照职责清单中“…”的要求，” frame)
    assert any(w in by_text["推动建立党委"] for w in ("法律顾问", "公职律师", "决策"))
    assert not any(p.startswith(("对照职责清单中“", "围绕“", "按照“", "聚焦“")) for p in report_texts(report))


def test_numbers_agree_across_duties() -> None:
    """A requirement's value is the number the whole report states for that thing, in every seed: the
    法治专题讲座 duty (d8) binds the report's lecture count, and every other measure the report states
    (会前学法次数, 交流发言次数, 法律法规部数 …) has one value wherever it is said."""
    from test_sample_consistency import disagreements, stated_figures

    for seed in range(12):
        report = make_sample(hand_list(roles=False), year=2024, seed=seed)
        lecture = report.entries["d8"].values["r1"].value
        stated = {int(n) for t in report_texts(report) for n in re.findall(r"法治专题讲座(\d+)期", t)}
        assert stated <= {int(lecture)}, seed
        assert len(stated_figures(report)) >= 10, seed  # there is something to compare in every seed
        assert disagreements(report) == [], seed


def test_parts_filled(gov_report: Report) -> None:
    parts = gov_report.parts
    assert set(parts) == set(REPORT_PARTS)
    assert parts["opening"].endswith("现将本人2024年度述法工作情况报告如下：")
    for key in ("study", "decisions", "next_steps"):
        paras = split_paragraphs(parts[key])
        assert len(paras) >= 3 and paras[1].startswith("一是") and paras[2].startswith("二是"), key
    assert "2025年" in parts["next_steps"]
    assert parts["rectification"] == ""  # only with last year's problems (with_last_year)


def test_all_text_is_simplified_with_full_width_punctuation() -> None:
    for role in REPORTER_ROLES:
        report = make_sample(hand_list(), role=role, year=2024)
        for text in report_texts(report):
            assert not HALF_WIDTH.search(text), text
            assert "{" not in text and "}" not in text, text
            assert t2s(text) == text, text
        assert t2s(report.official.name + report.official.title + report.official.unit) == (
            report.official.name + report.official.title + report.official.unit
        )


# --------------------------------------------------------------------------- phrase banks


AREAS = ["浙江省", "石嘴山市", "沈阳市辽中区", "平罗县", "沈阳市辽中区示范镇", "鞍山高新区", "某某市东城街道"]


def test_every_phrase_template_fills_wherever_it_fits() -> None:
    """Each template is written out for every area level and speaker its tag admits: no slot without
    a word, no ※ left, full-width punctuation, simplified characters."""
    import random

    bank = phrase_bank()
    templates = []
    for topic in bank.topics + (bank.generic,):
        assert topic.performance and topic.issues and topic.evidence, topic.id
        for t in topic.performance:
            assert re.search(r"\{[a-z_]*=|\{%|\d", t.text), f"履职情况模板没有数字：{t.text}"
        templates += list(topic.performance) + list(topic.evidence)
        templates += [(i, i.problem + i.cause) for i in topic.issues] + [(i, i.improvement) for i in topic.issues]
        templates += [(topic, topic.na)] if topic.na else []
    for pool in bank.member.values():
        templates += list(pool)
    for issues in bank.member_issues.values():
        templates += [(i, i.problem + i.cause) for i in issues] + [(i, i.improvement) for i in issues]
    for part in bank.parts.values():
        for pool in part.values():
            templates += list(pool)
    for pool in bank.next_steps.values():
        templates += list(pool)
    for c in bank.carry_over:
        templates += list(c.done + c.in_progress) + [(c, c.problem), (c, c.improvement)]
    templates += list(bank.na)
    ids = [t.id for t in bank.topics]
    assert len(ids) == len(set(ids)) and len(ids) >= 25

    req_words = {"req_text": "每年至少举办2次法治专题讲座", "carry_n": "三", "carry_done": "两", "carry_open": "一"}
    filled = 0
    for area in AREAS:
        dl = DutyList(id="x", title=f"{area}党政主要负责人履行推进法治建设第一责任人职责清单")
        for role in REPORTER_ROLES:
            setting = make_setting(dl, role, random.Random(0), None, 2024)
            assert setting.official.unit and setting.official.title
            words = {**setting.words, **req_words}
            for item in templates:
                owner, text = item if isinstance(item, tuple) else (item, item.text)
                if hasattr(owner, "fits") and not owner.fits(setting.level, setting.speaker):
                    continue
                filler = Filler(random.Random(0), words, Facts(), setting.strong, setting.weak, bank.measures)
                out = filler.fill(text)
                assert out is not None, text
                assert "{" not in out and "※" not in out and not HALF_WIDTH.search(out), (area, role, text)
                assert t2s(out) == out, text
                filled += 1
    assert filled > 5000


def test_requirements_bind_report_facts() -> None:
    lecture = Requirement(kind="count", text="每年至少举办2次法治专题讲座", min=2)
    court = Requirement(kind="rate", text="出庭应诉率达到100%", min=100)
    fair = Requirement(kind="rate", text="公平竞争审查率达到100%", min=100)
    assert fact_of(lecture) == "jiangzuo"
    assert fact_of(court) == "ccys"
    assert fact_of(fair) == "gpjz"
    assert fact_of(Requirement(kind="count", text="每年开展一次调研", min=1)) is None


# --------------------------------------------------------------------------- built-in lists


BUILTIN = builtin_ids()


@pytest.mark.parametrize("list_id", BUILTIN)
@pytest.mark.parametrize("role", REPORTER_ROLES)
def test_builtin_list_and_role(list_id: str, role: str) -> None:
    dl = load_builtin(list_id)
    report = make_sample(dl, role=role, year=2025)
    duties = report.duties()
    assert duties and report.progress() == (len(duties), len(duties))
    perf = []
    for d in duties:
        e = report.entries[d.id]
        assert e.status and re.search(r"\d", e.performance)
        assert set(e.values) == ({r.id for r in d.requirements} if e.status != "na" else set())
        perf.append(e.performance)
    assert len(set(perf)) >= 0.8 * len(perf)
    assert 3 <= sum(1 for d in duties if report.entries[d.id].problems) <= 5
    assert len(report.unmet_requirements()) <= 2
    assert [report.entries[d.id].status for d in duties].count("na") <= 1
    for text in report_texts(report):
        assert "{" not in text and not HALF_WIDTH.search(text), text
    # the exchange file carries it unchanged
    again = loads(dumps(report))
    assert again.to_dict() == report.to_dict()


def test_builtin_lists_present() -> None:
    assert {
        "anshan-gaoxin-2023",
        "niuxintuo-town-2023",
        "zhejiang-province-2018",
        "shizuishan-eight-actions-2023",
    } <= set(BUILTIN)


# --------------------------------------------------------------------------- command line


def test_cli_writes_a_file_that_reads_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "示例.shufa"
    code = main(["sample", "--list", "niuxintuo-town-2023", "--role", "government", "--year", "2025", "-o", str(out)])
    assert code == 0
    assert "已生成示例报告" in capsys.readouterr().out
    report = read_report(out)
    assert report.year == 2025 and report.official.role == "government"
    assert report.duty_list.id == "niuxintuo-town-2023"
    expected = make_sample(load_builtin("niuxintuo-town-2023"), role="government", year=2025)
    assert stable(report) == stable(expected)


def test_cli_seed_changes_the_sample(tmp_path: Path) -> None:
    a, b = tmp_path / "a.shufa", tmp_path / "b.shufa"
    assert main(["sample", "--list", "anshan-gaoxin-2023", "--year", "2025", "-o", str(a)]) == 0
    assert main(["sample", "--list", "anshan-gaoxin-2023", "--year", "2025", "--seed", "7", "-o", str(b)]) == 0
    ra, rb = read_report(a), read_report(b)
    assert ra.official.role == "party"
    assert [e.performance for e in ra.entries.values()] != [e.performance for e in rb.entries.values()]


@pytest.mark.parametrize(
    "args, words",
    [
        (["--list", "no-such-list"], "内置职责清单"),
        (["--list", "anshan-gaoxin-2023", "--role", "boss"], "述法人类别"),
        (["--list", "anshan-gaoxin-2023", "--year", "25"], "年度"),
    ],
)
def test_cli_bad_arguments_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    out = tmp_path / "x.shufa"
    assert main(["sample", *args, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not out.exists()


def test_cli_missing_output_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["sample", "--list", "anshan-gaoxin-2023"])
    assert exc.value.code == 2
    assert "缺少必需的参数" in capsys.readouterr().err


def test_cli_unwritable_output_is_a_chinese_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "没有这个文件夹" / "x.shufa"
    assert main(["sample", "--list", "anshan-gaoxin-2023", "-o", str(out)]) == 2
    assert "不存在" in capsys.readouterr().err


def test_government_plan_sample_is_written_by_the_government_head() -> None:
    from shuifa.lists import load_builtin

    report = make_sample(load_builtin("shizuishan-eight-actions-2023"), year=2025)
    assert report.official.role == "government"
    assert report.official.unit.endswith("人民政府")
