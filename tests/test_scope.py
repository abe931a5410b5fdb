"""Who reports on what (shuifa.scope): the duties each kind of official walks, and their own choice."""

from __future__ import annotations

import json

import pytest

from shuifa.errors import InvalidFileError
from shuifa.exchange import dumps, loads, read_report, write_report
from shuifa.lists import load_builtin
from shuifa.model import Official, Report, Scope
from shuifa.scope import infer_side, names_all_departments, normalise_unit, suggest_area, unit_match
from shuifa.store import Store

SZS = "shizuishan-eight-actions-2023"
TOWN = "niuxintuo-town-2023"


def report(list_id: str, role: str, unit: str = "", title: str = "") -> Report:
    return Report.new(Official("张三", title, unit, role), 2025, load_builtin(list_id))


def by_label(r: Report) -> dict[str, object]:
    return {d.label.rstrip("."): d for d in r.duties()}


# --------------------------------------------------------------------------- department


def test_market_regulation_head_walks_own_and_all_department_tasks_not_legislation() -> None:
    r = report(SZS, "department", "石嘴山市市场监督管理局", "局长")
    walked = by_label(r)
    # the tasks that name 市场监管: 13 (市场监督管理局), 16 and 17 (市市场监督管理局)
    for label in ("13", "16", "17"):
        assert label in walked
    assert any("市场监督管理局" in u for u in walked["16"].responsible_units)
    # tasks for 市政府各部门 / 市直各行政执法部门 / “…等政府各部门”
    for label in ("19", "26", "46", "47", "15"):
        assert label in walked
    # 立法 tasks given to 市政府办公室, 司法局 and 市人大常委会法工委 only: offered, not imposed
    legislation = ("6", "7", "8", "9", "11")
    assert not set(legislation) & set(walked)
    offered = {d.label.rstrip(".") for _, d in r.offered_paths()}
    assert set(legislation) <= offered
    assert "市人大常委会法工委" in load_builtin(SZS).duties()[5].responsible_units
    # 18 (市审批局) and 41 (各县（区）政府) are other units' tasks
    assert "18" not in walked and "41" not in walked
    assert len(walked) + len(offered) == 51


def test_heads_of_government_and_party_still_walk_the_whole_list() -> None:
    assert len(report(SZS, "party", "中共石嘴山市委员会", "市委书记").duties()) == 51
    assert len(report(SZS, "government", "石嘴山市人民政府", "市长").duties()) == 51


def test_a_department_without_units_named_on_a_party_government_list_walks_the_government_side() -> None:
    r = report(TOWN, "department", "牛心坨镇司法所", "所长")
    assert {d.role for d in r.duties()} == {"government"}
    assert len(r.duties()) == 28


@pytest.mark.parametrize(
    ("official", "unit", "expected"),
    [
        ("石嘴山市市场监督管理局", "市市场监督管理局", "own"),
        ("石嘴山市市场监督管理局", "市场监督管理局", "own"),
        ("石嘴山市场监督管理局", "市市场监督管理局", "own"),  # 市 written once
        ("市场监管局", "市市场监督管理局", "own"),
        ("石嘴山市市场监督管理局党组", "市场监督管理局", "own"),
        ("石嘴山市大武口区市场监督管理局", "市市场监督管理局", ""),  # a district's is not the city's
        ("石嘴山市司法局", "市委依法治市办（市司法局）", "own"),
        ("石嘴山市司法局", "司法局等政府各部门", "own"),
        ("石嘴山市人民政府办公室", "市政府办公室", "own"),
        ("石嘴山市人民政府办公室", "政府办公室", "own"),
        ("中共石嘴山市委机构编制委员会办公室", "市委编办", "own"),
        ("石嘴山市行政审批服务局", "市审批局", "own"),
        ("平罗县人民政府", "各县（区）政府", "own"),
        ("石嘴山市市场监督管理局", "市政府办公室", ""),
        ("石嘴山市市场监督管理局", "市人大常委会法工委", ""),
        ("石嘴山市市场监督管理局", "市审批局", ""),
        ("石嘴山市教育局", "市政府各部门", "all"),
        ("石嘴山市教育局", "市直各行政执法部门", "all"),
        ("石嘴山市教育局", "投资促进局等政府各部门", "all"),
        ("石嘴山市教育局", "各有关单位", "all"),
        ("石嘴山市教育局", "市直职权下放行政执法部门", ""),  # a subset, not every department
        ("", "市市场监督管理局", ""),
    ],
)
def test_unit_matching(official: str, unit: str, expected: str) -> None:
    assert unit_match(official, [unit]) == expected


def test_unit_normalisation() -> None:
    assert normalise_unit("中共 石嘴山市委员会") == "石嘴山市委员会"
    assert normalise_unit("石嘴山市市场监督管理局") == "石嘴山市市场监管局"
    assert names_all_departments("市政府各部门") and not names_all_departments("各县（区）政府")


# --------------------------------------------------------------------------- member


def test_member_walks_study_and_decision_duties_plus_the_picked_ones() -> None:
    r = report(TOWN, "member", "牛心坨镇人民政府", "副镇长")
    texts = [d.text for d in r.duties()]
    assert len(texts) == 12  # not all 52 of both heads
    assert any("带头讲法治课" in t for t in texts)  # 学法
    assert any("重大行政决策" in t for t in texts)  # 依法决策
    assert any("学法" in t for t in texts)
    assert not any(t.startswith("支持深化行政审批制度改革") for t in texts)  # 依法行政: the 分管 area, picked
    picked = next(d for _, d in r.offered_paths() if d.text.startswith("支持深化行政审批制度改革"))
    r.scope.added.append(picked.id)
    assert picked in r.duties() and len(r.duties()) == 13


def test_member_on_a_list_with_units_keeps_to_tasks_not_given_to_other_units() -> None:
    r = report(SZS, "member", "石嘴山市人民政府", "副市长")
    labels = set(by_label(r))
    assert {"19", "20", "46", "47"} <= labels  # 合法性审查 and 学法 for all departments
    assert not {"6", "7", "8"} & labels  # 立法 for 市政府办公室 / 人大法工委


def test_member_of_a_list_written_for_members_walks_it() -> None:
    dl = load_builtin(TOWN)
    for _, n in dl.walk():
        if n.is_duty and n.role == "government":
            n.role = "member"
    r = Report.new(Official("张三", "副镇长", "", "member"), 2025, dl)
    assert len(r.duties()) == 28


def test_suggest_area_gives_a_sample_member_duties_of_one_field() -> None:
    r = report(TOWN, "member", "牛心坨镇人民政府", "副镇长")
    area = suggest_area(r.duty_list, r.official)
    assert 4 <= len(area) <= 8
    assert all(r.duty_list.find(i).role == "government" for i in area)
    assert not set(area) & {d.id for d in r.duties()}


# --------------------------------------------------------------------------- township


def test_township_head_walks_their_side() -> None:
    mayor = report(TOWN, "township", "牛心坨镇人民政府", "镇长")
    assert {d.role for d in mayor.duties()} == {"government"} and len(mayor.duties()) == 28
    secretary = report(TOWN, "township", "中共牛心坨镇委员会", "镇党委书记")
    assert {d.role for d in secretary.duties()} == {"party"} and len(secretary.duties()) == 24
    # the side they say wins over the 职务
    secretary.scope.side = "government"
    assert {d.role for d in secretary.duties()} == {"government"}
    # nothing says: the whole list, as before
    assert len(report(TOWN, "township", "", "").duties()) == 52


@pytest.mark.parametrize(
    ("title", "unit", "side"),
    [
        ("镇长", "", "government"),
        ("镇党委副书记、镇长", "", "government"),
        ("街道办事处主任", "", "government"),
        ("乡党委书记", "", "party"),
        ("书记", "中共牛心坨镇委员会", "party"),
        ("", "牛心坨镇人民政府", "government"),
        ("", "", ""),
    ],
)
def test_infer_side(title: str, unit: str, side: str) -> None:
    assert infer_side(Official("张三", title, unit, "township")) == side


# --------------------------------------------------------------------------- the official's choice


def test_added_removed_and_written_duties() -> None:
    r = report(SZS, "department", "石嘴山市市场监督管理局")
    legislation = next(d for _, d in r.offered_paths() if d.label == "6.")
    own = next(d for d in r.duties() if d.label == "13.")
    r.scope.added.append(legislation.id)
    r.scope.removed.append(own.id)
    ids = [d.id for d in r.duties()]
    assert legislation.id in ids and own.id not in ids
    assert own.id in [d.id for _, d in r.offered_paths()]
    # a duty written on stays walked (a change of category never hides text) unless removed
    r.official.role = "party"
    r.official.role = "member"
    other = next(d for _, d in r.offered_paths() if d.label == "18.")
    r.entry(other.id).performance = "已写的内容"
    assert other.id in [d.id for d in r.duties()]
    r.entry(own.id).performance = "也写了"
    assert own.id not in [d.id for d in r.duties()]  # removed wins


def test_scope_survives_store_and_exchange_file(tmp_path) -> None:
    r = report(SZS, "department", "石嘴山市市场监督管理局", "局长")
    legislation = next(d for _, d in r.offered_paths() if d.label == "7.")
    own = next(d for d in r.duties() if d.label == "17.")
    r.scope = Scope(added=[legislation.id], removed=[own.id])
    store = Store.open()
    store.create_report(r)
    loaded = store.load_report(r.id)
    assert loaded.scope == r.scope
    path = write_report(loaded, tmp_path / "r.shufa")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["version"] == 2 and doc["report"]["scope"]["added"] == [legislation.id]
    back = read_report(path)
    ids = [d.id for d in back.duties()]
    assert legislation.id in ids and own.id not in ids
    store.replace_report(back)
    again = store.load_report(r.id)
    assert again.scope == r.scope and [d.id for d in again.duties()] == ids
    # changed later and saved with the header
    again.scope.removed = []
    store.save_header(again)
    assert own.id in [d.id for d in store.load_report(r.id).duties()]
    store.close()


def test_files_without_scope_read_with_the_empty_scope_and_an_empty_one_is_not_written() -> None:
    r = report(TOWN, "township", "牛心坨镇人民政府", "镇长")
    doc = json.loads(dumps(r))
    assert "scope" not in doc["report"]  # readable by earlier version-2 programs
    back = loads(json.dumps(doc))
    assert back.scope == Scope() and len(back.duties()) == 28


def test_a_scope_naming_no_duty_of_the_list_is_refused() -> None:
    r = report(TOWN, "township", "牛心坨镇人民政府", "镇长")
    r.scope.added.append("nope")
    with pytest.raises(InvalidFileError) as err:
        loads(dumps(r))
    assert "nope" in err.value.message
    doc = json.loads(dumps(report(TOWN, "township")))
    doc["report"]["scope"] = {"side": "mayor"}
    with pytest.raises(InvalidFileError) as err:
        loads(json.dumps(doc))
    assert "述职范围 → 党政分工" in err.value.message
