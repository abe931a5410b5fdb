"""Who reports on what: the duties of a list an official walks (Qt-free; the one place the rule lives).

:meth:`shuifa.model.Report.duty_paths` calls :func:`walked_paths`, so the render, the composition,
the sample, the 体检 and the GUI all follow the same rule:

- 党委/政府主要负责人: the duties of their role and the common ones (the whole list when it has none
  of their role).
- 部门主要负责人: when the list names 责任单位 (石嘴山), the tasks that name their unit
  (:func:`unit_match`) or all departments (各部门、政府各部门、市直各行政执法部门、各有关部门 …), and the
  tasks that name no unit; the others are offered. A list without 责任单位: its department duties and
  the common ones, or — a list written for 党委/政府 — the government side and the common ones.
- 班子其他成员 (金昌 scheme: 个人法治学习、参与重大事项依法决策、依法履职 in their own field): the duties of a
  list written for members; otherwise the duties whose topic is 学法 (``study``) or 依法决策
  (``decision``) — on a list with 责任单位 only those given to their unit, to all departments or to no
  unit. The duties of their 分管 area they pick (``Scope.added``).
- 乡镇（街道）党政主要负责人: the town's list, on their side (``Scope.side``, else read from the 职务/单位:
  书记 → 党委, 镇长/乡长/主任 → 政府) and the common duties; the whole list when the side is unknown.

Then the official's own choice (:class:`shuifa.model.Scope`): ``added`` duties join the walk,
``removed`` ones leave it. A duty the official has already written on (a non-empty entry) stays in
the walk unless removed, so a change of category or of this rule never hides written text.
Everything reportable that is not walked is *offered* (:func:`offered_paths`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from .model import DutyList, Entry, Node, Official, Scope

Path = list[Node]
Duty = tuple[Path, Node]

#: Topics (``resources/topics.json``) a 班子其他成员 walks by default.
MEMBER_TOPICS: tuple[str, ...] = ("study", "decision")
SIDES: dict[str, str] = {"party": "党委书记（党工委书记）", "government": "镇长、乡长、街道办事处主任"}

# --------------------------------------------------------------------------- units

#: Long forms → the short forms lists use (applied to both the official's unit and the list's).
_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("中国共产党", "中共"),
    ("人民政府", "政府"),
    ("监督管理", "监管"),
    ("发展和改革委员会", "发改委"),
    ("发展改革委员会", "发改委"),
    ("发展改革委", "发改委"),
    ("工业和信息化", "工信"),
    ("行政审批服务局", "审批局"),
    ("行政审批局", "审批局"),
    ("常务委员会", "常委会"),
    ("法制工作委员会", "法工委"),
    ("机构编制委员会办公室", "编办"),
    ("人力资源和社会保障", "人社"),
    ("住房和城乡建设", "住建"),
    ("卫生健康委员会", "卫健委"),
    ("卫生和健康委员会", "卫健委"),
    ("综合行政执法", "综合执法"),
    ("管理委员会", "管委会"),
)
_LEVELS = "市县区"
_PLACE_END = "省市县区州旗盟"
#: Characters that end a unit's name: a place prefix before a matched unit must not contain them.
_UNITISH = re.compile(r"[局委办厅室会院所部处科队站组]|中心|公司")
#: A phrase naming every department (or unit): 各部门、市政府各部门、市直各行政执法部门、各有关单位、有关部门 …
_ALL_DEPARTMENTS = re.compile(
    r"各[\u4e00-\u9fff]{0,8}?(?:部门|单位)|^(?:市|县|区)?(?:直|政府)?(?:有关|相关)?(?:部门|单位)$"
)


def normalise_unit(name: str) -> str:
    """A unit's name as compared: no spaces, half-width brackets, short forms, no 中共 or trailing 党组."""
    s = re.sub(r"\s+", "", name or "")
    s = s.translate(str.maketrans("（）〔〕【】［］", "()()()()"))
    for long, short in _ABBREVIATIONS:
        s = s.replace(long, short)
    s = s.removeprefix("中共")
    s = re.sub(r"(党组|党委|党组织)$", "", s)
    return s


def _alternatives(unit: str) -> list[str]:
    """The units one 责任单位 entry names: 市委依法治市办（市司法局） → 市委依法治市办, 市司法局;
    投资促进局等政府各部门 → 投资促进局, 政府各部门; 各县（区）政府 stays one (县区)."""
    s = normalise_unit(unit).replace("县(区)", "县区").replace("区(县)", "县区")
    parts = re.split(r"[()、，,；;/]|等(?=.)", s)
    return [p for p in (x.strip() for x in parts) if p]


def names_all_departments(unit: str) -> bool:
    """True for a 责任单位 entry that gives the task to every department (各部门、政府各部门 …)."""
    return any(_ALL_DEPARTMENTS.search(a) for a in _alternatives(unit))


def _matches(official: str, unit: str) -> bool:
    """Does the (normalised) official's unit name the (normalised) list unit ``unit``?

    The official's unit ends with the list's, and what stands before is a place (石嘴山市, 宁夏回族自治区
    石嘴山市 …; 市委 before 政法委). A level the list names (市司法局) must not be contradicted
    (大武口区司法局 is not the 市司法局); 石嘴山市场监管局 still matches 市市场监管局 (the 市 written once)."""
    if len(unit) < 2:
        return False
    level, core = "", unit
    if unit[0] in _LEVELS and len(unit) > 2 and not unit.startswith("市场"):
        level, core = unit[0], unit[1:]
    if not official.endswith(core):
        return False
    before = official[: len(official) - len(core)]
    if not before:
        return True
    place = before[:-1] if before.endswith("委") and len(before) > 1 and before[-2] in _PLACE_END else before
    if _UNITISH.search(place):
        return False
    if level and place and place[-1] in _PLACE_END and place[-1] != level:
        return False  # 大武口区 + 司法局 is not the 市司法局
    return True


def _class_matches(official: str, unit: str) -> bool:
    """各县（区）政府 / 各园区管委会: the official's unit is one of the class."""
    if not unit.startswith("各") or len(unit) < 3:
        return False
    cls = unit[1:]
    variants = [cls.replace("县区", "县"), cls.replace("县区", "区")] if "县区" in cls else [cls]
    return any(official.endswith(v) and not _UNITISH.search(official[: len(official) - len(v)]) for v in variants)


@lru_cache(maxsize=4096)
def _unit_match(official: str, units: tuple[str, ...]) -> str:
    o = normalise_unit(official)
    generic = False
    for u in units:
        for alt in _alternatives(u):
            if _ALL_DEPARTMENTS.search(alt):
                generic = True
            elif o and (_matches(o, alt) or _class_matches(o, alt)):
                return "own"
    return "all" if generic else ""


def unit_match(official_unit: str, units: Iterable[str]) -> str:
    """How a task's 责任单位 concern a unit: ``"own"`` (names it), ``"all"`` (names every department),
    ``""`` (names other units only)."""
    return _unit_match(official_unit or "", tuple(units))


def names_units(dl: DutyList) -> bool:
    """Does the list say which unit carries which duty (责任单位)?"""
    return any(n.responsible_units for _, n in dl.walk() if n.is_duty and n.reportable)


# --------------------------------------------------------------------------- sides


def infer_side(official: Official) -> str:
    """The side of a township head from the 职务 (then the 单位): ``party``, ``government`` or ``""``."""
    title = re.sub(r"\s+", "", official.title or "")
    if re.search(r"[镇乡区县市]长|主任", title):
        return "government"
    if "书记" in title:
        return "party"
    unit = re.sub(r"\s+", "", official.unit or "")
    if re.search(r"政府|办事处|管委会|管理委员会", unit):
        return "government"
    if unit.startswith("中共") or re.search(r"党委|党工委|委员会$", unit):
        return "party"
    return ""


def side_of(official: Official, scope: Scope) -> str:
    """The side a township head walks: the one they chose, else the one their 职务/单位 says."""
    return scope.side if scope.side in SIDES else infer_side(official)


# --------------------------------------------------------------------------- the rule


def _reportable(dl: DutyList) -> list[Duty]:
    return [(p, n) for p, n in dl.walk() if n.is_duty and n.reportable]


def _by_roles(duties: list[Duty], roles: tuple[str, ...]) -> list[Duty]:
    return [(p, n) for p, n in duties if n.role in roles]


def member_topic(dl: DutyList, path: Path, duty: Node) -> bool:
    """Is the duty about 学法 or 依法决策 (a member's default)?"""
    from .compose.topics import duty_topic  # compose imports the model; imported here, when first needed

    return duty_topic(dl.id, duty, path, "party")[0] in MEMBER_TOPICS


def default_paths(dl: DutyList, official: Official, scope: Scope | None = None) -> list[Duty]:
    """The duties the rule gives ``official`` on ``dl`` (before the official's own additions/removals).

    Only ``scope.side`` is read from ``scope`` (a township head's side)."""
    scope = scope or Scope()
    role = official.role
    duties = _reportable(dl)
    present = {n.role for _, n in duties}
    if role in ("party", "government"):
        return dl.duty_paths(role)
    if role == "township":
        if "township" in present:
            return _by_roles(duties, ("township", "common"))
        side = side_of(official, scope)
        if side and side in present:
            return _by_roles(duties, (side, "common"))
        return duties
    if role == "department":
        if "department" in present:
            pool = _by_roles(duties, ("department", "common"))
        elif "government" in present:
            pool = _by_roles(duties, ("government", "common"))
        else:
            pool = duties
        if not any(n.responsible_units for _, n in pool):
            return pool
        return [(p, n) for p, n in pool if not n.responsible_units or unit_match(official.unit, n.responsible_units)]
    if role == "member":
        if "member" in present:
            return _by_roles(duties, ("member", "common"))
        units = any(n.responsible_units for _, n in duties)
        return [
            (p, n)
            for p, n in duties
            if member_topic(dl, p, n)
            and (not units or not n.responsible_units or unit_match(official.unit, n.responsible_units))
        ]
    return dl.duty_paths(role)


def walked_paths(
    dl: DutyList, official: Official, scope: Scope | None = None, entries: Mapping[str, Entry] | None = None
) -> list[Duty]:
    """(groups, duty) of every duty ``official`` walks, in the list's order: the rule's, the official's
    additions and the duties already written on, without the official's removals."""
    scope = scope or Scope()
    default = {n.id for _, n in default_paths(dl, official, scope)}
    added = set(scope.added)
    removed = set(scope.removed)
    out = []
    for p, n in _reportable(dl):
        if n.id in removed:
            continue
        written = entries is not None and (e := entries.get(n.id)) is not None and not e.is_empty()
        if n.id in default or n.id in added or written:
            out.append((p, n))
    return out


def offered_paths(
    dl: DutyList, official: Official, scope: Scope | None = None, entries: Mapping[str, Entry] | None = None
) -> list[Duty]:
    """The reportable duties ``official`` does not walk and may add, in the list's order."""
    walked = {n.id for _, n in walked_paths(dl, official, scope, entries)}
    return [(p, n) for p, n in _reportable(dl) if n.id not in walked]


def add_duty(scope: Scope, duty_id: str, default: Iterable[str]) -> None:
    """The official takes ``duty_id`` into their walk (``default``: the ids the rule gives them)."""
    scope.removed = [d for d in scope.removed if d != duty_id]
    if duty_id not in set(default) and duty_id not in scope.added:
        scope.added.append(duty_id)


def remove_duty(scope: Scope, duty_id: str) -> None:
    """The official takes ``duty_id`` out of their walk (its text, if any, is kept in the report)."""
    scope.added = [d for d in scope.added if d != duty_id]
    if duty_id not in scope.removed:
        scope.removed.append(duty_id)


def scope_between(default: Iterable[str], chosen: Iterable[str], side: str = "") -> Scope:
    """The :class:`Scope` that turns the rule's ``default`` walk into the ``chosen`` one (the new-report
    dialog's ticks), in the order given."""
    d, c = list(default), list(chosen)
    ds, cs = set(d), set(c)
    return Scope(added=[x for x in c if x not in ds], removed=[x for x in d if x not in cs], side=side)


#: Topics of 依法履职 in a member's own field (what a 分管 area adds to 学法 and 依法决策).
FIELD_TOPICS: tuple[str, ...] = ("administration", "society", "publicity", "supervision", "leadership")


def suggest_area(dl: DutyList, official: Official, scope: Scope | None = None, limit: int = 8) -> list[str]:
    """Duty ids a 班子其他成员 plausibly has in their 分管 area, for a *sample* official (the app itself
    proposes none: the official ticks them). The offered duties on their side (from the 职务: 副镇长 →
    government, 副书记 → party) and, on a list with 责任单位, given to their unit, to all departments or
    to none; taken group by group, the group with most 依法履职 duties (依法行政、矛盾化解 …) first."""
    from .compose.topics import duty_topic

    scope = scope or Scope()
    offered = offered_paths(dl, official, scope)
    side = infer_side(official)
    if side and any(n.role == side for _, n in offered):
        offered = [(p, n) for p, n in offered if n.role in (side, "common")]
    if any(n.responsible_units for _, n in offered):
        offered = [
            (p, n) for p, n in offered if not n.responsible_units or unit_match(official.unit, n.responsible_units)
        ]
    groups: dict[str, list[Duty]] = {}
    for p, n in offered:
        groups.setdefault(p[-1].id if p else "", []).append((p, n))

    order = {t: i for i, t in enumerate(FIELD_TOPICS)}

    def rank(p: Path, n: Node) -> int:
        return order.get(duty_topic(dl.id, n, p, "party")[0], len(order))

    def weight(items: list[Duty]) -> tuple[int, int]:
        ranks = [rank(p, n) for p, n in items]
        return (-sum(1 for r in ranks if r < 2), min(ranks, default=len(order)))

    out: list[str] = []
    for items in sorted(groups.values(), key=weight):
        for _, n in sorted(items, key=lambda d: rank(*d)):
            if len(out) >= limit:
                return out
            out.append(n.id)
    return out
