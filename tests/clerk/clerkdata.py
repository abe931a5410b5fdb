"""Test data for the clerk tests (also used by tests/gui/clerk): a small hand-made duty list and
reports with known content."""

from __future__ import annotations

from shuifa.model import DutyList, Entry, Node, Official, Report, Requirement, RequirementValue


def small_list() -> DutyList:
    return DutyList(
        id="test-list",
        title="某县党政主要负责人履行推进法治建设第一责任人职责清单",
        issuer="某县委依法治县办",
        children=[
            Node(
                id="g1",
                kind="group",
                label="一、",
                title="基本职责",
                children=[
                    Node(
                        id="d1",
                        kind="duty",
                        label="1.",
                        text="每年至少听取一次法治政府建设工作汇报。",
                        requirements=[Requirement(kind="count", text="每年至少听取一次", min=1, per="year", id="r1")],
                    ),
                    Node(
                        id="d2",
                        kind="duty",
                        label="2.",
                        text="带头尊法学法守法用法，每年至少举办2次法治专题讲座。",
                        requirements=[Requirement(kind="count", text="每年至少举办2次", min=2, per="year", id="r1")],
                    ),
                    Node(id="d3", kind="duty", label="3.", text="推进严格规范公正文明执法。"),
                    Node(id="d4", kind="duty", label="4.", text="依法化解社会矛盾纠纷。"),
                ],
            ),
            Node(
                id="g2",
                kind="group",
                label="二、",
                title="附则",
                reportable=False,
                children=[Node(id="d9", kind="duty", label="", text="本清单自印发之日起施行。", reportable=False)],
            ),
        ],
    )


def make_report(
    name: str = "张三",
    unit: str = "某县人民政府",
    year: int = 2026,
    title: str = "县长",
    role: str = "government",
    problems: bool = True,
    unmet: bool = True,
) -> Report:
    """A report with known content: d1 done (meets 1/yr), d2 partial (2 lectures required;
    1 held when ``unmet``), d3 done with a problem, d4 empty."""
    r = Report.new(Official(name=name, title=title, unit=unit, role=role), year, small_list())
    r.entries["d1"] = Entry(
        "d1",
        status="done",
        performance="全年听取法治政府建设工作汇报2次。\n研究部署年度重点任务。",
        values={"r1": RequirementValue(value=2)},
    )
    r.entries["d2"] = Entry(
        "d2",
        status="partial",
        performance="举办法治专题讲座。",
        problems="学法形式较单一。" if problems else "",
        improvements="丰富学法形式。" if problems else "",
        values={"r1": RequirementValue(value=1 if unmet else 3)},
    )
    r.entries["d3"] = Entry(
        "d3",
        status="done",
        performance="开展执法案卷评查。",
        problems="个别执法人员程序意识不强。\n执法记录仪使用不规范。" if problems else "",
        improvements="加强执法培训。" if problems else "",
    )
    r.parts["opening"] = "现将本人2026年度述法工作情况报告如下："
    return r
