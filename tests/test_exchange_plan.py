"""Format version 2 of the ``.shufa`` file: the composition plan (成稿设置) travels with the report."""

import json
from pathlib import Path
from typing import Any

import pytest

from shuifa import exchange
from shuifa.errors import InvalidFileError
from shuifa.lists import builtin_ids, load_builtin
from shuifa.model import REPORTER_ROLES, Report
from shuifa.plan import SPEAKING_RATE_RANGE, CompositionPlan, KindChoices
from shuifa.sample import make_sample
from shuifa.store import Store

GOLDEN = Path(__file__).parent / "v1_files"  # files written by format version 1, kept as they were


def full_plan() -> CompositionPlan:
    """A plan with every field changed from the proposal."""
    return CompositionPlan(
        title="李明同志2025年度述法报告",
        byline="县委书记　李明",
        date="2026-01-15",
        annex=False,
        speaking_rate=240,
        topic_of={"duty:n5": "leadership", "part:study:1": "study"},
        topic_order=["leadership", "study", "decision"],
        point_order={"study": ["part:study:1", "duty:n4"], "leadership": ["duty:n5"]},
        headings={"study": "带头尊法学法守法用法"},
        leads={"duty:n4": "带头讲法治课"},
        merged={"part:study:2": "duty:n4"},
        kinds={"speech": KindChoices(pinned=["duty:n4"], dropped=["duty:n5"]), "shufa-report": KindChoices(["n9"])},
        problem_heads={"study": "学法形式还比较单一"},
        problem_causes={"study": "主要是对学法的重要性认识还不够深"},
        measure_leads={"study": "丰富学法形式"},
        rect_names={"c1": "学法形式单一问题"},
    )


def write_doc(tmp_path: Path, doc: dict[str, Any], name: str = "报告.shufa") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def v2_doc(report: Report) -> dict[str, Any]:
    report.plan = full_plan()
    return exchange.report_to_document(report)


# --------------------------------------------------------------------------- version 1 → 2


def test_files_are_written_as_version_2_with_the_plan(small_report: Report, tmp_path: Path) -> None:
    small_report.plan = full_plan()
    path = exchange.write_report(small_report, tmp_path / "a.shufa")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["version"] == exchange.FORMAT_VERSION == 2
    assert doc["report"]["plan"]["speaking_rate"] == 240
    assert doc["report"]["plan"]["kinds"]["speech"] == {"pinned": ["duty:n4"], "dropped": ["duty:n5"]}


def test_version_1_file_without_plan_reads_with_an_empty_plan(small_report: Report, tmp_path: Path) -> None:
    doc = exchange.report_to_document(small_report)
    doc["version"] = 1
    del doc["report"]["plan"]
    report = exchange.read_report(write_doc(tmp_path, doc))
    assert report.plan == CompositionPlan() and report.plan.is_empty()
    assert report.to_dict()["entries"] == small_report.to_dict()["entries"]
    # exported again, it is a version-2 file with the (empty) plan written out
    again = json.loads(exchange.dumps(report))
    assert again["version"] == 2 and again["report"]["plan"] == CompositionPlan().to_dict()


@pytest.mark.parametrize("role", ["party", "government"])
def test_pinned_version_1_files_still_read(role: str) -> None:
    """The golden inputs were written by format version 1; they must keep reading (as an empty plan)."""
    path = GOLDEN / f"niuxintuo-{role}.shufa"
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["version"] == 1 and "plan" not in doc["report"]
    assert exchange.read_report(path).plan.is_empty()


def test_version_3_file_is_refused(small_report: Report, tmp_path: Path) -> None:
    doc = v2_doc(small_report)
    doc["version"] = 3
    with pytest.raises(InvalidFileError, match=r"更新版本的述法助手导出（格式版本 3，本程序支持到 2）") as info:
        exchange.read_report(write_doc(tmp_path, doc))
    assert "请升级" in info.value.hint


# --------------------------------------------------------------------------- round trip


def test_plan_round_trips_store_shufa_store(small_report: Report, tmp_path: Path) -> None:
    small_report.plan = full_plan()
    store = Store.open(tmp_path / "a.db")
    store.create_report(small_report)
    loaded = store.load_report(small_report.id)
    assert loaded.plan == full_plan()
    path = exchange.write_report(loaded, tmp_path / "李明-2025.shufa")
    back = exchange.read_report(path)
    assert back.plan == full_plan()
    assert back.to_dict() == loaded.to_dict()
    other = Store.open(tmp_path / "b.db")
    other.create_report(back)
    assert other.load_report(small_report.id).plan == full_plan()


def test_plan_edit_saved_in_store_reaches_the_file(small_report: Report, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "a.db")
    store.create_report(small_report)
    report = store.load_report(small_report.id)
    report.plan.speaking_rate = 150
    report.plan.choices("speech").dropped.append("duty:n4")
    store.save_header(report, "成稿设置")
    back = exchange.read_report(exchange.write_report(store.load_report(report.id), tmp_path / "a.shufa"))
    assert back.plan.speaking_rate == 150 and back.plan.kinds == {"speech": KindChoices(dropped=["duty:n4"])}


@pytest.mark.parametrize("list_id", builtin_ids())
def test_schema_admits_every_builtin_sample(list_id: str, tmp_path: Path) -> None:
    dl = load_builtin(list_id)
    for role in [r for r in REPORTER_ROLES if r in dl.roles()] or ["party"]:
        for plan in (CompositionPlan(), full_plan()):
            report = make_sample(dl, role=role, year=2025)
            report.plan = plan
            doc = exchange.report_to_document(report)
            exchange._fast_check()(doc)  # the fast path passes it alone
            assert list(exchange._validator().iter_errors(doc)) == []
            back = exchange.read_report(write_doc(tmp_path, doc))
            assert back.plan == plan


def test_valid_plan_needs_no_reference_validator(
    small_report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_doc(tmp_path, v2_doc(small_report))

    def no(*args: object) -> None:
        raise AssertionError("the reference validator ran on a valid file")

    monkeypatch.setattr(exchange, "_validator", no)
    assert exchange.read_report(path).plan == full_plan()


# --------------------------------------------------------------------------- refusals


def _set(doc: dict[str, Any], path: list[str], value: Any) -> None:
    node = doc["report"]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        pytest.param(["plan", "speaking_rate"], "fast", "报告 → 成稿设置 → 语速 应为整数", id="rate-text"),
        pytest.param(
            ["plan", "speaking_rate"], 300, "成稿设置 → 语速 的值 300 超出范围（应在 120–260 之间）", id="rate-too-high"
        ),
        pytest.param(["plan", "speaking_rate"], True, "成稿设置 → 语速 应为整数", id="rate-bool"),
        pytest.param(["plan", "colour"], "red", "报告 → 成稿设置 含有无法识别的字段“colour”", id="unknown-key"),
        pytest.param(["plan", "title"], 5, "成稿设置 → 标题 应为文字", id="title-int"),
        pytest.param(["plan", "byline"], None, "成稿设置 → 署名 应为文字", id="byline-null"),
        pytest.param(["plan", "date"], "2026/1/15", "成稿设置 → 落款日期 的格式不对（“2026/1/15”）", id="date-shape"),
        pytest.param(
            ["plan", "date"], "2026-02-30", "成稿设置 → 落款日期 “2026-02-30”不是有效的日期", id="date-no-such-day"
        ),
        pytest.param(["plan", "annex"], "yes", "成稿设置 → 附表 应为是/否", id="annex-text"),
        pytest.param(["plan", "topic_order"], "study", "成稿设置 → 板块顺序 应为列表", id="topic-order-text"),
        pytest.param(["plan", "leads", "duty:n4"], 12, "成稿设置 → 要点引语 → “duty:n4” 应为文字", id="lead-int"),
        pytest.param(
            ["plan", "headings", "study"],
            "很" * 200001,
            "成稿设置 → 板块标题 → “study” 的文字太长",
            id="heading-too-long",
        ),
        pytest.param(["plan", "headings", ""], "空名", "成稿设置 → 板块标题 中的名称“”无效", id="heading-empty-key"),
        pytest.param(
            ["plan", "point_order", "study"], "duty:n4", "成稿设置 → 要点顺序 → “study” 应为列表", id="point-order-text"
        ),
        pytest.param(
            ["plan", "kinds", "speech", "pinned"],
            "duty:n4",
            "各类文稿取舍 → “speech” → 保留要点 应为列表",
            id="pinned-text",
        ),
        pytest.param(
            ["plan", "kinds", "speech", "hidden"],
            [],
            "各类文稿取舍 → “speech” 含有无法识别的字段“hidden”",
            id="kind-unknown-key",
        ),
        pytest.param(["plan"], [], "报告 → 成稿设置 应为对象", id="plan-list"),
    ],
)
def test_bad_plan_refused_naming_the_field(
    small_report: Report, tmp_path: Path, path: list[str], value: Any, message: str
) -> None:
    doc = v2_doc(small_report)
    _set(doc, path, value)
    with pytest.raises(InvalidFileError, match=f"“坏.shufa”的内容不符合报告文件格式：.*{message}") as info:
        exchange.read_report(write_doc(tmp_path, doc, "坏.shufa"))
    assert "不要手工修改" in info.value.hint


def test_too_many_plan_entries_refused(small_report: Report, tmp_path: Path) -> None:
    doc = v2_doc(small_report)
    doc["report"]["plan"]["leads"] = {f"duty:n{i}": "带头学法" for i in range(6000)}
    with pytest.raises(InvalidFileError, match="成稿设置 → 要点引语 的条目太多"):
        exchange.read_report(write_doc(tmp_path, doc))


# --------------------------------------------------------------------------- schema and code agree


def test_schema_matches_the_plan_and_version() -> None:
    defs = exchange.schema()["$defs"]
    assert exchange.schema()["$id"] == f"shuifa.report.v{exchange.FORMAT_VERSION}"
    assert exchange.schema()["properties"]["version"]["maximum"] == exchange.FORMAT_VERSION
    assert set(defs["plan"]["properties"]) == set(CompositionPlan().to_dict())
    assert set(defs["kindChoices"]["properties"]) == set(KindChoices().to_dict())
    rate = defs["plan"]["properties"]["speaking_rate"]
    assert (rate["minimum"], rate["maximum"]) == SPEAKING_RATE_RANGE
    assert "plan" in defs["report"]["properties"] and "plan" not in defs["report"]["required"]
    assert set(exchange._PLAN_FIELD_NAMES) == set(CompositionPlan().to_dict())
