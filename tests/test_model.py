from datetime import date

from shuifa.model import (
    DutyList,
    Entry,
    Official,
    Report,
    RequirementValue,
    default_year,
    requirement_met,
    split_paragraphs,
)


def test_duties_walked_follow_role_and_common(small_list: DutyList) -> None:
    assert [d.id for d in small_list.duties("party")] == ["n4", "n5", "n9"]
    assert [d.id for d in small_list.duties("government")] == ["n7", "n8", "n9"]
    # context duties are never walked
    assert "n2" not in [d.id for d in small_list.duties()]
    assert small_list.role_counts() == {"party": 2, "government": 2, "common": 1}


def test_role_without_own_duties_walks_everything(small_list: DutyList) -> None:
    # the list's side: every duty is given to a role it has none for ...
    assert [d.id for d in small_list.duties("member")] == ["n4", "n5", "n7", "n8", "n9"]


def test_a_member_report_walks_study_and_decision_and_what_they_add(small_list: DutyList) -> None:
    # ... but a 班子其他成员's report walks the 学法/依法决策 duties (shuifa.scope), not both heads' lists
    r = Report.new(Official("王", "副县长", "测试县人民政府", "member"), 2025, small_list)
    assert [d.id for d in r.duties()] == ["n4"]
    assert [d.id for _, d in r.offered_paths()] == ["n5", "n7", "n8", "n9"]
    r.scope.added.append("n8")  # a duty of their 分管 area
    assert [d.id for d in r.duties()] == ["n4", "n8"]
    assert r.progress() == (0, 2)
    back = Report.from_dict(r.to_dict())
    assert back.scope.added == ["n8"] and [d.id for d in back.duties()] == ["n4", "n8"]
    assert Report.from_dict({k: v for k, v in r.to_dict().items() if k != "scope"}).scope.added == []


def test_requirement_met_rules(small_list: DutyList) -> None:
    count = small_list.find("n4").requirements[0]
    assert requirement_met(count, None) is None
    assert requirement_met(count, RequirementValue(value=1)) is False
    assert requirement_met(count, RequirementValue(value=2)) is True
    half = small_list.find("n8").requirements[0]
    assert half.yearly_minimum() == 2
    assert requirement_met(half, RequirementValue(value=1)) is False
    deadline = small_list.find("n5").requirements[0]
    assert requirement_met(deadline, RequirementValue(date="2026-02-27")) is True
    assert requirement_met(deadline, RequirementValue(date="2026-03-02")) is False
    assert deadline.describe() == "3月1日前"
    rate = small_list.find("n7").requirements[0]
    assert requirement_met(rate, RequirementValue(value=95)) is False
    assert rate.describe() == "≥ 100%"


def test_states_and_progress(small_report: Report) -> None:
    r = small_report
    assert r.progress() == (0, 3)
    e = r.entry("n4")
    e.performance = "举办法治专题讲座3次。"
    assert r.duty_state(r.duty_list.find("n4")) == "in_progress"
    e.status = "done"
    assert r.duty_state(r.duty_list.find("n4")) == "done"
    e.values["r1"] = RequirementValue(value=1)
    assert r.duty_state(r.duty_list.find("n4")) == "unmet"
    assert [(d.id, req.kind) for d, req, _ in r.unmet_requirements()] == [("n4", "count")]
    r.entry("n9").status = "na"
    assert r.progress() == (2, 3)


def test_report_snapshot_is_independent_of_list(small_list: DutyList) -> None:
    r = Report.new(Official("王", "", "", "party"), 2025, small_list)
    small_list.find("n4").text = "改过的文字"
    assert r.duty_list.find("n4").text.startswith("每年至少举办2次")


def test_round_trip_dict(small_report: Report) -> None:
    e = small_report.entry("n4")
    e.performance = "第一段\n第二段"
    e.values["r1"] = RequirementValue(value=3, note="含线上1次")
    again = Report.from_dict(small_report.to_dict())
    assert again.to_dict() == small_report.to_dict()
    assert isinstance(again.entries["n4"], Entry)


def test_default_year_and_paragraphs() -> None:
    assert default_year(date(2026, 2, 28)) == 2025
    assert default_year(date(2026, 3, 1)) == 2026
    assert split_paragraphs("一是学习。\r\n\n  二是决策。 \n") == ["一是学习。", "二是决策。"]
    assert Official().role == "party"


def test_upper_bound_rate() -> None:
    from shuifa.model import Requirement

    req = Requirement(kind="rate", text="行政诉讼案件败诉率控制在5%以内", max=5, label="行政诉讼案件败诉率")
    assert req.describe() == "≤ 5%"
    assert requirement_met(req, RequirementValue(value=3)) is True
    assert requirement_met(req, RequirementValue(value=8)) is False
    assert Requirement.from_dict(req.to_dict()) == req


def test_a_number_alone_does_not_finish_a_duty(small_report: Report) -> None:
    duty = small_report.duty_list.find("n4")
    e = small_report.entry("n4")
    e.values["r1"] = RequirementValue(value=0)
    assert small_report.duty_state(duty) == "in_progress"
    assert small_report.progress() == (0, 3)
    e.status, e.performance = "partial", "全年未举办法治专题讲座。"
    assert small_report.duty_state(duty) == "in_progress"  # 部分落实 without its problem is not finished
    e.problems = "法治专题讲座没有按计划举办，本人督促不够。"
    assert small_report.duty_state(duty) == "unmet"
    assert small_report.progress() == (1, 3)


def test_deadline_with_report_year() -> None:
    from shuifa.model import Requirement

    req = Requirement(kind="deadline", text="每年3月1日前报告", deadline="03-01")
    assert requirement_met(req, RequirementValue(date="2025-02-20"), 2025) is True
    assert requirement_met(req, RequirementValue(date="2024-12-20"), 2025) is True  # early, same cycle
    assert requirement_met(req, RequirementValue(date="2025-03-02"), 2025) is False
    assert requirement_met(req, RequirementValue(date="2023-02-01"), 2025) is False  # an old cycle


def test_period_counts_are_stated_per_year() -> None:
    from shuifa.model import Requirement

    half = Requirement(kind="count", text="每半年听取一次汇报", min=1, per="half-year")
    assert half.describe() == "≥ 2 次/年（每半年 ≥ 1 次）"
    assert Requirement(kind="count", text="每年举办2期以上培训班", min=2, per="year").describe() == "≥ 2 期/年"
