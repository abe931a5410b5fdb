"""The year rollover: a new report for next year built from this year's.

- The official (姓名、职务、单位、类别) and the duty-list snapshot are copied; the year is +1.
- Every duty entry that lists 存在问题 becomes a :class:`CarryOverItem` (problem + its 改进措施) in
  the new report's 上年度问题整改情况, with an empty state for the official to set to 已整改/整改中.
  Items that were still 整改中 (or never accounted for) in this year's carry-over stay on the list.
- Last year's texts go to ``report.previous`` (shown beside each duty as a reference); the new
  entries start empty — nothing is copied into the new text.
"""

from __future__ import annotations

from ..model import CarryOverItem, Official, PreviousEntry, Report, Scope, new_id


def make_next_year(report: Report) -> Report:
    """A new, empty report for ``report.year + 1`` carrying last year's problems and texts."""
    o = report.official
    new = Report.new(Official(name=o.name, title=o.title, unit=o.unit, role=o.role), report.year + 1, report.duty_list)
    new.previous_year = report.year
    new.scope = Scope.from_dict(report.scope.to_dict())  # the same duties to report on (分管 picks, side)

    # Problems still open from the year before stay on the list (整改中 / not accounted for).
    for item in report.carry_over:
        if item.state != "done" and item.problem.strip():
            new.carry_over.append(
                CarryOverItem(
                    id=new_id(),
                    problem=item.problem.strip(),
                    improvement=item.improvement.strip(),
                    duty_id=item.duty_id,
                )
            )

    # This year's problems, in the order the duties stand in the list.
    order = [n.id for _, n in report.duty_list.walk() if n.is_duty]
    order += [d for d in report.entries if d not in order]
    for duty_id in order:
        e = report.entries.get(duty_id)
        if e is None or e.status == "na":
            continue
        if e.problems.strip():
            new.carry_over.append(
                CarryOverItem(
                    id=new_id(), problem=e.problems.strip(), improvement=e.improvements.strip(), duty_id=duty_id
                )
            )
        if e.performance.strip() or e.problems.strip() or e.improvements.strip():
            new.previous[duty_id] = PreviousEntry(
                performance=e.performance, problems=e.problems, improvements=e.improvements
            )
    return new
