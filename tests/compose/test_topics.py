"""Duty → topic rules: every built-in duty mapped by a rule (or a reviewed exception), the mapping
reviewed and kept in tests/compose/golden/topic_map.json (update: SHUIFA_UPDATE_GOLDEN=1, then read
the diff), an imported duty no rule knows goes to the role's fallback, shown as such."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from shuifa.compose.topics import MappedBy, duty_topic, fold, topic_data
from shuifa.lists import builtin_lists
from shuifa.model import REPORTER_ROLES, Node

GOLDEN = Path(__file__).parent / "golden" / "topic_map.json"


def current_map() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for dl in builtin_lists():
        rows = out.setdefault(dl.id, {})
        for path, duty in dl.duty_paths():
            topic, how = duty_topic(dl.id, duty, path, "party")
            rows[f"{duty.id} {duty.role} {duty.label}{duty.text[:30]}"] = f"{topic} ({how.value})"
    return out


def test_every_builtin_duty_is_mapped_by_a_rule_and_matches_the_reviewed_map():
    got = current_map()
    if os.environ.get("SHUIFA_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for rows in got.values():
        assert not [k for k, v in rows.items() if "fallback" in v], "a built-in duty fell through every rule"
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8")), "topic mapping changed: review and update"


def test_every_role_gets_three_to_seven_topics_from_each_builtin_list():
    data = topic_data()
    for dl in builtin_lists():
        for role in REPORTER_ROLES:
            topics = {duty_topic(dl.id, d, p, role)[0] for p, d in dl.duty_paths(role)}
            assert 3 <= len(topics) <= 7, (dl.id, role, topics)
            assert topics <= set(data.role(role).topics)


def test_a_member_has_no_topic_of_supporting_the_peoples_congress():
    assert "supervision" not in topic_data().role("member").topics
    assert fold("supervision", "member") == "administration"
    assert fold("supervision", "party") == "supervision"


def test_department_head_heading_has_no_peoples_congress():
    t = topic_data().topics["supervision"]
    assert "人大" in t.heading_for("party")
    assert "人大" not in t.heading_for("department")


def test_unknown_duty_goes_to_the_fallback_and_says_so():
    odd = Node(id="x", kind="duty", text="做好本单位其他事项。")
    assert duty_topic("imported", odd, [], "party") == ("leadership", MappedBy.FALLBACK)
    known = Node(id="y", kind="duty", text="每年至少举办2次法治专题讲座。")
    assert duty_topic("imported", known, [], "party") == ("study", MappedBy.RULE)


def test_group_heading_decides_when_the_duty_text_says_nothing():
    group = Node(id="g", kind="group", title="强化法治宣传教育")
    duty = Node(id="d", kind="duty", text="完善工作机制，抓好落实。")
    assert duty_topic("imported", duty, [group], "party")[0] == "publicity"


@pytest.mark.parametrize("topic", list(topic_data().topics.values()), ids=lambda t: t.id)
def test_topic_words_are_short_enough(topic):
    assert all(len(lead) <= 12 for _, lead in topic.leads), topic.id
    assert all(len(lead) <= 12 for lead in topic.generic_leads), topic.id
    assert len(topic.problem_head) <= 20 and "本人" in topic.cause


#: A （一） heading fits one printed line: 28 characters less the two of its first-line indent.
HEADING_LINE = 28 - 2


@pytest.mark.parametrize("topic", list(topic_data().topics.values()), ids=lambda t: t.id)
def test_topic_headings_fit_one_line(topic):
    for role in ("party", "department", "member"):
        assert len("（一）" + topic.heading_for(role)) <= HEADING_LINE, topic.heading_for(role)
