"""One fact sheet per report, and the filler that writes templates from it.

Template syntax (inside one paragraph):

- ``{word}``: a word of the setting (``{scope}`` 全镇, ``{meeting}`` 镇党委会议, ``{doc_plan}``
  《牛心坨镇2026年法治建设工作要点》 …) or a fact already on the sheet;
- ``{name=LO-HI}``: a *fact*, one number for the whole report (会前学法次数, 法律顾问人数 …): drawn from
  [LO, HI] the first time any template states it, then the same wherever it is stated. A trailing ``s``
  scales the range with the size of the area (a town 1, a province about 80: cases, 人次, 宣传场次), a
  trailing ``w`` with the size of the body's own work (documents reviewed, meetings: a town 1, a province
  3); a decimal LO gives one decimal;
- ``{name=@other*LO-HI}``: ``other`` times a factor in [LO, HI], rounded (整改 of 发现问题 …);
- ``{=LO-HI}``: a number named by its clause: a clause said again (its words the same, its numbers
  blanked) that names a measure (``measures`` in ``report.json`` and the 体检's list) says it with the
  same numbers, so no two places of a report disagree;
- ``{%a/b}``: fact ``a`` as a percentage of fact ``b`` (``100`` or one decimal);
- ``{~甲|乙|丙}``: one of the alternatives.

A requirement of the list binds the fact its text names (``facts`` in ``report.json``: 法治专题讲座 →
``jiangzuo``) to the official's value; when that value is left unmet the fact is *blocked* and no
template stating it is used, so no paragraph contradicts the shortfall.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import lru_cache

_SLOT = re.compile(r"\{([^{}]*)\}")
_RANGE = re.compile(r"^(?:@(\w+)\*)?(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?([sw]?)$")
_NAME = re.compile(r"^[a-z]\w*$")
#: Clause boundaries: where the 体检 (shuifa.checkup.numbers) cuts a text to compare figures.
_CLAUSE_END = "，。；：,;:！？、\n"
_TIME_WORDS = re.compile(r"^(?:全年|本年度|今年|年内|\d{4}年(?:度)?)")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_QUOTED = re.compile(r"“[^“”]{9,}”")


@dataclass
class Facts:
    """The report's fact sheet: every number a report states about a measure, drawn once.

    ``values``: named facts; ``blocked``: facts bound to an unmet value (templates stating them are
    not used); ``clauses``: each clause said so far, its numbers blanked → its numbers; ``stated``: the
    named facts some accepted text states.
    """

    values: dict[str, float] = field(default_factory=dict)
    #: ``said``: every clause of 6 字 or more written so far, its numbers blanked (a clause is said once
    #: per report); ``told``: the named facts a clause has stated in its own words (``{x=…}``, ``{x}``):
    #: a fact is told once, the templates that read it (``{%x/y}``, ``@x``) excepted.
    blocked: set[str] = field(default_factory=set)
    clauses: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stated: set[str] = field(default_factory=set)
    said: set[str] = field(default_factory=set)
    told: set[str] = field(default_factory=set)

    def allows(self, text: str) -> bool:
        """False when ``text`` would state a blocked fact."""
        return not any(n in self.blocked for n in fact_names(text))


@lru_cache(maxsize=8192)
def fact_names(text: str) -> frozenset[str]:
    """The named facts a template defines or reads (``{x=…}``, ``{x}`` of a fact, ``{%x/y}``, ``@x``)."""
    names: set[str] = set()
    for inner in _SLOT.findall(text):
        if inner.startswith("%"):
            names.update(inner[1:].split("/"))
        elif "=" in inner:
            name, spec = inner.split("=", 1)
            if name:
                names.add(name)
            m = _RANGE.match(spec)
            if m and m.group(1):
                names.add(m.group(1))
    return frozenset(names)


class Conflict(Exception):
    """The template would state a clause already said with other numbers."""


@dataclass
class _Slot:
    kind: str  # "fact" | "anon" | "derived" | "pct"
    name: str = ""
    spec: str = ""


class Filler:
    """Fills templates against one report's fact sheet and words."""

    def __init__(
        self,
        rng: random.Random,
        words: dict[str, str],
        facts: Facts,
        strong: float = 1.0,
        weak: float = 1.0,
        measures: tuple[str, ...] = (),
    ) -> None:
        self.rng = rng
        self.words = words
        self.facts = facts
        self.strong = strong
        self.weak = weak
        self.measures = measures

    # ---- public

    def fill(self, template: str, repeat: bool = False) -> str | None:
        """The template written out, or None when a clause of it would disagree with the report so far or
        say again what it already says (a clause, or a named fact, once per report; ``repeat`` allows the
        same words with the same numbers, for a list of hundreds of duties once every template is used).
        Nothing is recorded then."""
        try:
            text, new_values, new_clauses, keys, told = self._render(template, repeat)
        except Conflict:
            return None
        self.facts.values.update(new_values)
        self.facts.clauses.update(new_clauses)
        self.facts.said.update(keys)
        self.facts.told.update(told)
        self.facts.stated.update(n for n in fact_names(template) if n in self.facts.values)
        return text

    def plain(self, template: str) -> str:
        """A template of words only (no numbers to draw)."""
        return _SLOT.sub(lambda m: self._word(m.group(1)), template)

    # ---- rendering

    def _word(self, inner: str) -> str:
        if inner.startswith("~"):
            return self.rng.choice(inner[1:].split("|"))
        if inner in self.words:
            return self.words[inner]
        raise KeyError(f"模板占位符“{inner}”没有取值")

    def _render(
        self, template: str, repeat: bool = False
    ) -> tuple[str, dict[str, float], dict[str, tuple[str, ...]], set[str], set[str]]:
        # 1. words and choices in; numbers stay slots (as \x00n\x00 markers)
        slots: list[_Slot] = []

        def words(m: re.Match[str]) -> str:
            inner = m.group(1)
            if inner.startswith("%"):
                slots.append(_Slot("pct", spec=inner[1:]))
            elif "=" in inner:
                name, spec = inner.split("=", 1)
                if spec.startswith("@"):
                    slots.append(_Slot("derived", name=name, spec=spec))
                elif name:
                    slots.append(_Slot("fact", name=name, spec=spec))
                else:
                    slots.append(_Slot("anon", spec=spec))
            elif _NAME.match(inner) and inner not in self.words and inner in self.facts.values:
                slots.append(_Slot("fact", name=inner))
            else:
                return self._word(inner)
            return f"\x00{len(slots) - 1}\x00"

        pattern = _SLOT.sub(words, template)
        told = {s.name for s in slots if s.kind in ("fact", "derived") and s.name}
        # the list's own words, quoted (“{req_text}” in a problem and its measure), are not our clauses
        own = _QUOTED.sub("“”", pattern)
        keys = {k for k in (_clause_key(c) for c in _split_clauses(own)) if _long(k)}
        if not repeat and (told & self.facts.told or keys & self.facts.said):
            raise Conflict("said")
        values: dict[str, float] = {}  # facts new in this template
        clauses: dict[str, tuple[str, ...]] = {}
        said: dict[int, str] = {}
        # 2. clause by clause: a clause naming a measure (会前学法, 合法性审查 …) said before takes its
        #    numbers; any other clause draws them
        for clause in _split_clauses(pattern):
            ids = [int(x) for x in re.findall(r"\x00(\d+)\x00", clause)]
            if not ids and not _DIGITS.search(clause):
                continue
            if not any(m in clause for m in self.measures):
                for i in ids:
                    said[i] = self._value(slots[i], values)
                continue
            key = _clause_key(clause)
            before = self.facts.clauses.get(key) or clauses.get(key)
            if before is not None:
                numbers = list(before)
                mine = _positions(clause)
                if len(numbers) != len(mine):
                    raise Conflict(key)
                for (is_slot, ref), value in zip(mine, numbers, strict=True):
                    if not is_slot:
                        if ref != value:
                            raise Conflict(key)
                        continue
                    slot = slots[int(ref)]
                    if slot.kind in ("fact", "derived") and slot.name:
                        known = self.facts.values.get(slot.name, values.get(slot.name))
                        if known is not None and _fmt(known) != value:
                            raise Conflict(key)
                        values[slot.name] = float(value)
                    elif slot.kind == "pct":
                        if self._pct(slot.spec, values) != value:
                            raise Conflict(key)
                    said[int(ref)] = value
                continue
            for i in ids:
                said[i] = self._value(slots[i], values)
            clauses[key] = tuple(said[int(ref)] if is_slot else ref for is_slot, ref in _positions(clause))
        # slots outside any numbered clause (cannot happen, but be safe)
        for i, slot in enumerate(slots):
            if i not in said:
                said[i] = self._value(slot, values)
        text = re.sub(r"\x00(\d+)\x00", lambda m: said[int(m.group(1))], pattern)
        return text, values, clauses, keys, told

    def _value(self, slot: _Slot, values: dict[str, float]) -> str:
        if slot.kind == "pct":
            return self._pct(slot.spec, values)
        if slot.kind == "fact" and slot.name:
            known = self.facts.values.get(slot.name, values.get(slot.name))
            if known is None:
                if not slot.spec:
                    raise KeyError(f"模板数值“{slot.name}”没有定义")
                known = self._number(slot.spec, values)
                values[slot.name] = known
            return _fmt(known)
        if slot.kind == "derived":
            if slot.name:
                known = self.facts.values.get(slot.name, values.get(slot.name))
                if known is None:
                    known = self._number(slot.spec, values)
                    values[slot.name] = known
                return _fmt(known)
            return _fmt(self._number(slot.spec, values))
        return _fmt(self._number(slot.spec, values))

    def _get(self, name: str, values: dict[str, float]) -> float:
        v = self.facts.values.get(name, values.get(name))
        if v is None:
            raise KeyError(f"模板数值“{name}”没有定义")
        return v

    def _pct(self, spec: str, values: dict[str, float]) -> str:
        a, b = spec.split("/")
        return _pct(self._get(a, values), self._get(b, values))

    def _number(self, spec: str, values: dict[str, float]) -> float:
        m = _RANGE.match(spec)
        if not m:
            raise ValueError(f"模板数值“{spec}”无法识别")
        other, lo_s, hi_s, scaled = m.groups()
        hi_s = hi_s or lo_s
        lo, hi = float(lo_s), float(hi_s)
        if other:
            return float(max(0, round(self._get(other, values) * self.rng.uniform(lo, hi))))
        if "." in lo_s or "." in hi_s:
            return round(self.rng.uniform(lo, hi), 1)
        if scaled:
            f = self.strong if scaled == "s" else self.weak
            lo, hi = max(1.0, lo * f), max(1.0, hi * f)
            lo, hi = _round_range(lo, hi)
        return float(self.rng.randint(int(lo), max(int(lo), int(hi))))


def _round_range(lo: float, hi: float) -> tuple[float, float]:
    return float(round(lo)), float(round(hi))


def _split_clauses(pattern: str) -> list[str]:
    out: list[str] = []
    cur: list[str] = []
    for ch in pattern:
        if ch in _CLAUSE_END:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [c.strip() for c in out if c.strip()]


def _long(key: str) -> bool:
    """A clause long enough to be a statement (6 字 or more), not a stock phrase."""
    return len(re.findall(r"[\u4e00-\u9fff]", key)) >= 6


def _strip_time(clause: str) -> str:
    return _TIME_WORDS.sub("", clause)


def _clause_key(clause: str) -> str:
    """A clause as the 体检 compares it: a leading 全年/2026年 dropped, every number blanked."""
    c = _strip_time(clause)
    c = re.sub(r"\x00\d+\x00", "#", c)
    return _DIGITS.sub("#", c)


def _positions(clause: str) -> list[tuple[bool, str]]:
    """The numbers of a clause in order: (True, slot index) for a slot, (False, digits) for literal ones."""
    c = _strip_time(clause)
    return [
        (True, m.group(1)) if m.group(1) is not None else (False, m.group(2))
        for m in re.finditer(r"\x00(\d+)\x00|(\d+(?:\.\d+)?)", c)
    ]


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def _pct(a: float, b: float) -> str:
    if b <= 0 or a >= b:
        return "100"
    return f"{a / b * 100:.1f}"


def fmt(x: float) -> str:
    return _fmt(x)
