"""Test data: reports built directly from shuifa.model (a list shaped like 牛心坨镇 2023)."""

from __future__ import annotations

from datetime import date

from shuifa.model import (
    CarryOverItem,
    DutyList,
    Entry,
    Node,
    Official,
    Report,
    Requirement,
    RequirementValue,
)

TODAY = date(2026, 1, 5)


def _duty(i: int, text: str, role: str, reqs: list[Requirement] | None = None) -> Node:
    return Node(id=f"d{role[0]}{i}", kind="duty", label=f"({i})", text=text, role=role, requirements=reqs or [])


def town_list() -> DutyList:
    """一、principles (not reportable) / 三、 / (一)党委 / 1.–3. categories / (n) duties; (二)政府 likewise."""
    lecture = Requirement(
        kind="count", text="每年至少举办2次法治专题讲座", min=2, per="year", label="法治专题讲座举办次数", id="r1"
    )
    report_req = Requirement(
        kind="deadline", text="每年3月1日前报告上一年度法治建设情况", deadline="03-01", label="报告日期", id="r2"
    )
    hear = Requirement(
        kind="count", text="每年至少听取一次法治建设工作汇报", min=1, per="year", label="听取汇报次数", id="r1"
    )
    party = Node(
        id="g-party",
        kind="group",
        label="（一）",
        title="党委主要负责人在推进法治建设中应当履行以下主要职责：",
        children=[
            Node(
                id="g-p1",
                kind="group",
                label="1.",
                title="充分发挥党委在推进本地区法治建设中的领导作用。",
                children=[
                    _duty(1, "组织党委会议每年至少听取一次法治建设工作汇报。", "party", [hear]),
                    _duty(2, "推动法治建设纳入本地区发展总体规划。", "party"),
                ],
            ),
            Node(
                id="g-p2",
                kind="group",
                label="2.",
                title="深入推进法治宣传教育",
                children=[
                    _duty(3, "每年至少举办2次法治专题讲座。", "party", [lecture]),
                    _duty(4, "每年3月1日前报告上一年度法治建设情况。", "party", [report_req]),
                    _duty(5, "推动落实普法责任制。", "party"),
                ],
            ),
            Node(
                id="g-p3",
                kind="group",
                label="3.",
                title="支持依法行政",
                children=[_duty(6, "支持政府依法行政。", "party")],
            ),
        ],
    )
    gov = Node(
        id="g-gov",
        kind="group",
        label="（二）",
        title="政府主要负责人职责",
        children=[
            Node(
                id="g-g1",
                kind="group",
                label="1.",
                title="加强法治政府建设",
                children=[_duty(1, "推进严格规范公正文明执法。", "government")],
            )
        ],
    )
    return DutyList(
        id="test-town",
        title="测试镇党政主要负责人履行推进法治建设第一责任人职责清单",
        issuer="中共测试镇委员会",
        date="2023-05-01",
        children=[
            Node(
                id="g-principles",
                kind="group",
                label="一、",
                title="基本原则",
                reportable=False,
                children=[Node(id="x1", kind="duty", label="（一）", text="坚持党的领导。", reportable=False)],
            ),
            Node(id="g-three", kind="group", label="三、", title="严格对标对表", children=[party, gov]),
        ],
    )


def filled_report() -> Report:
    r = Report.new(Official(name="张三", title="党委书记", unit="测试镇", role="party"), 2025, town_list())
    r.entries["dp1"] = Entry(
        duty_id="dp1",
        status="done",
        performance="全年组织党委会议听取法治建设工作汇报4次，研究解决重大问题6个。\n制定《测试镇法治建设工作要点》。",
        problems="统筹推进法治建设的力度还不够。",
        improvements="完善党委听取法治建设汇报制度。",
        values={"r1": RequirementValue(value=4)},
    )
    r.entries["dp2"] = Entry(duty_id="dp2", status="na", performance="不应出现的文字", problems="不应出现的问题")
    r.entries["dp3"] = Entry(
        duty_id="dp3",
        status="done",
        performance="举办法治专题讲座3次，参训干部210人次。",
        values={"r1": RequirementValue(value=3)},
    )
    r.entries["dp4"] = Entry(
        duty_id="dp4",
        status="partial",
        performance="按时报告上一年度法治建设情况。",
        problems="部分村干部学法不够主动。\n以案释法的针对性不强。",
        improvements="建立村干部学法清单。",
        values={"r2": RequirementValue(date="2025-02-20")},
    )
    # dp5 left empty, dp6 na: group 3 must leave no heading behind.
    r.entries["dp6"] = Entry(duty_id="dp6", status="na")
    r.parts["study"] = "带头学习习近平法治思想，全年参加集中学法12次。"
    r.parts["next_steps"] = "坚持以习近平法治思想为指导，推动各项工作在法治轨道上运行。"
    r.carry_over = [
        CarryOverItem(id="c1", problem="学法制度落实不够经常。", state="done", note="建立每月集中学法制度。"),
        CarryOverItem(id="c2", problem="没有填写情况的旧问题"),
    ]
    return r
