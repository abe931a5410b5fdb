"""The sample's phrase banks (``resources/phrases``): one definition per fact, no text twice, causes of
the official's own, 下一步 items on their topic, tags that parse."""

from __future__ import annotations

import re
from collections import defaultdict

from shuifa.compose.material import SUBJECTIVE
from shuifa.compose.topics import best_topic, fold
from shuifa.sample import phrase_bank

_SLOT = re.compile(r"\{([^{}]*)\}")


def _all_templates() -> list[tuple[str, str]]:
    b = phrase_bank()
    out = []
    for t in b.topics + (b.generic,):
        out += [(x.key, x.text) for x in t.performance + t.evidence]
        out += [(i.key, i.problem + i.cause + i.improvement) for i in t.issues]
        if t.na:
            out.append((f"{t.id}.na", t.na))
    for pool in b.member.values():
        out += [(x.key, x.text) for x in pool]
    for issues in b.member_issues.values():
        out += [(i.key, i.problem + i.cause + i.improvement) for i in issues]
    for part in b.parts.values():
        for pool in part.values():
            out += [(x.key, x.text) for x in pool]
    for pool in b.next_steps.values():
        out += [(x.key, x.text) for x in pool]
    for c in b.carry_over:
        out += [(x.key, x.text) for x in c.done + c.in_progress]
    out += [(i.key, i.problem + i.cause + i.improvement) for i in b.unmet]
    return out


def test_a_fact_is_defined_one_way_everywhere() -> None:
    """``{name=LO-HI}`` is one number for the whole report: every template defining it gives the same
    range, so no template reads a value drawn for a range it was not written for."""
    specs: dict[str, set[str]] = defaultdict(set)
    for _key, text in _all_templates():
        for inner in _SLOT.findall(text):
            if "=" in inner and not inner.startswith(("~", "%")):
                name, spec = inner.split("=", 1)
                if name:
                    specs[name].add(spec)
    mixed = {n: s for n, s in specs.items() if len(s) > 1}
    assert mixed == {}


def test_every_fact_a_requirement_binds_is_stated_somewhere() -> None:
    b = phrase_bank()
    text = "".join(t for _, t in _all_templates())
    for name in b.report["facts"]:
        assert re.search(r"\{" + name + r"[=}]", text), name


def test_no_text_twice_and_every_cause_is_the_officials_own() -> None:
    texts = [t for _, t in _all_templates()]
    assert len(texts) == len(set(texts))
    b = phrase_bank()
    issues = (
        [i for t in b.topics + (b.generic,) for i in t.issues]
        + [i for v in b.member_issues.values() for i in v]
        + list(b.unmet)
    )
    causes = [i.cause for i in issues]
    assert len(causes) == len(set(causes))
    for i in issues:
        assert i.cause and SUBJECTIVE.search(i.cause), i.key
        assert i.improvement.strip(), i.key


def test_next_steps_items_are_on_their_topic() -> None:
    """A 下一步 item joins the measure of the problem on its topic (compose reads the topic from its words)."""
    b = phrase_bank()
    for tid, pool in b.next_steps.items():
        for t in pool:
            plain = _SLOT.sub("", t.text)
            body = plain.split("。", 1)[1] if "。" in plain[:14] else plain
            roles = ("member",) if t.speakers == frozenset({"member"}) else ("party", "government")
            for role in roles:
                assert fold(best_topic(body) or "", role) == tid, (t.key, role, best_topic(body))


def test_tags_name_levels_and_speakers_only() -> None:
    b = phrase_bank()
    for t in b.topics:
        for x in t.performance:
            assert x.levels is None or x.levels, x.key
            assert x.speakers is None or x.speakers, x.key
