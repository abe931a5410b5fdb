"""Shared fixtures. Every test gets its own SHUIFA_HOME; Qt runs offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from shuifa.model import DutyList, Node, Official, Report, Requirement  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(autouse=True)
def shuifa_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "shuifa-home"
    monkeypatch.setenv("SHUIFA_HOME", str(home))
    return home


def make_small_list() -> DutyList:
    """A small two-role list with requirements, built by hand (independent of the importer)."""
    return DutyList(
        id="small-test",
        title="测试单位党政主要负责人履行推进法治建设第一责任人职责清单",
        issuer="中共测试县委员会",
        date="2024-03-01",
        children=[
            Node(
                id="n1",
                kind="group",
                label="一、",
                title="基本原则",
                reportable=False,
                children=[
                    Node(id="n2", kind="duty", label="（一）", text="坚持党的领导。", reportable=False),
                ],
            ),
            Node(
                id="n3",
                kind="group",
                label="（一）",
                title="党委主要负责人职责",
                role="party",
                children=[
                    Node(
                        id="n4",
                        kind="duty",
                        label="1.",
                        role="party",
                        text="每年至少举办2次法治专题讲座，带头学法。",
                        requirements=[
                            Requirement(
                                kind="count",
                                text="每年至少举办2次法治专题讲座",
                                min=2,
                                per="year",
                                label="法治专题讲座举办次数",
                            )
                        ],
                    ),
                    Node(
                        id="n5",
                        kind="duty",
                        label="2.",
                        role="party",
                        text="每年3月1日前报告上一年度法治建设情况。",
                        requirements=[
                            Requirement(kind="deadline", text="每年3月1日前报告", deadline="03-01", label="报告日期")
                        ],
                    ),
                ],
            ),
            Node(
                id="n6",
                kind="group",
                label="（二）",
                title="政府主要负责人职责",
                role="government",
                children=[
                    Node(
                        id="n7",
                        kind="duty",
                        label="1.",
                        role="government",
                        text="行政机关负责人出庭应诉率达到100%。",
                        requirements=[Requirement(kind="rate", text="出庭应诉率达到100%", min=100, label="出庭应诉率")],
                    ),
                    Node(
                        id="n8",
                        kind="duty",
                        label="2.",
                        role="government",
                        text="每半年听取一次法治政府建设工作汇报。",
                        requirements=[
                            Requirement(
                                kind="count", text="每半年听取一次", min=1, per="half-year", label="听取汇报次数"
                            )
                        ],
                    ),
                ],
            ),
            Node(
                id="n9",
                kind="duty",
                label="三、",
                role="common",
                text="落实“谁执法谁普法”普法责任制。",
                responsible_units=["司法局", "各部门"],
            ),
        ],
    )


@pytest.fixture
def small_list() -> DutyList:
    return make_small_list()


@pytest.fixture
def small_report(small_list: DutyList) -> Report:
    return Report.new(Official("李明", "县委书记", "中共测试县委员会", "party"), 2025, small_list)
