"""Who reports: the area a list is for, its level, the official's unit and title, and the words that
fit them (全镇 or 全省, 镇党委会议 or 省委常委会会议, 《牛心坨镇2026年法治建设工作要点》 …)."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import DutyList, Official, default_year
from .bank import phrase_bank

#: How numbers grow with the area: (strong, weak). Strong: what the whole area does (cases, 人次,
#: 宣传场次); weak: what the body itself does (documents reviewed, meetings held).
LEVEL_SCALE: dict[str, tuple[float, float]] = {
    "township": (1.0, 1.0),
    "zone": (2.0, 1.2),
    "county": (4.0, 1.5),
    "city": (12.0, 2.0),
    "province": (80.0, 3.0),
}
#: A department does its own part of the area's work.
DEPARTMENT_SHARE = 0.3

_PLACE_RE = re.compile(r"^(?:关于印发)?《?(.+?)(?:党政主要负责人|推进法治|法治政府|法治建设|履行|关于|实施)")


def area_of(duty_list: DutyList) -> str:
    """The place a list is for, from its title (or issuer): 鞍山高新区, 沈阳市辽中区牛心坨镇, 浙江省 …"""
    for text in (duty_list.title, duty_list.issuer):
        text = (text or "").strip()
        if not text:
            continue
        m = _PLACE_RE.match(text)
        if m and 2 <= len(m.group(1)) <= 16:
            return m.group(1).strip()
        stripped = re.sub(r"^中共", "", text)
        stripped = re.sub(r"(委员会|工作委员会|人民政府|办公室|办公厅).*$", "", stripped)
        if 2 <= len(stripped) <= 16:
            return stripped
    return ""


def level_of(area: str) -> str:
    if not area:
        return "county"
    if re.search(r"(高新|开发区|新区|园区)", area):
        return "zone"
    if area.endswith(("镇", "乡", "街道")):
        return "township"
    if area.endswith(("省", "自治区")):
        return "province"
    if area.endswith(("市", "州", "盟")) and not re.search(r"[市州盟].{1,6}[市州盟]$", area):
        return "city"
    return "county"


def short_place(area: str) -> str:
    """The last administrative part: 沈阳市辽中区牛心坨镇 → 牛心坨镇, 沈阳市辽中区 → 辽中区."""
    m = re.search(r"(?:市|区|县|州|盟|旗)([^市区县]{1,8}(?:镇|乡|街道))$", area)
    if m:
        return m.group(1)
    m = re.search(r"^.{2,6}?(?:市|州|盟)(.{1,6}(?:区|县|旗))$", area)
    if m:
        return m.group(1)
    return area or "本地区"


def _suffix(area: str, level: str) -> str:
    """镇/乡/街道/区/县/市/省: the character of 全镇, 依法治镇 …"""
    if level == "zone":
        return "区"
    if level == "province":
        return "省"
    if area.endswith("街道"):
        return "街道"
    if area.endswith("自治区"):
        return "区"
    return area[-1:] if area else "区"


@dataclass
class Setting:
    """Who reports and the words that fit their area and role (the templates' context).

    ``level`` is the level of the official's own area (a 局 of 石嘴山市: city); ``speaker`` says whose
    voice: ``party`` / ``gov`` (a principal head of that side), ``dept`` (a department head) or ``member``
    (a 班子其他成员 of the ``side`` body)."""

    official: Official
    level: str
    speaker: str
    side: str
    words: dict[str, str] = field(default_factory=dict)
    strong: float = 1.0
    weak: float = 1.0
    field_keywords: tuple[str, ...] = ()  # a member's 分管 area, as words of the duties it covers

    @property
    def head(self) -> bool:
        return self.speaker != "member"


def _party_and_government(duty_list: DutyList, area: str, level: str) -> tuple[str, str]:
    """The area's party committee and government by their full names (中共牛心坨镇委员会 / 牛心坨镇人民政府)."""
    issuer = (duty_list.issuer or "").strip()
    m = re.fullmatch(r"中共(.+?)(工作)?委员会", issuer)
    if m and "、" not in issuer:
        place, zone = m.group(1), bool(m.group(2))
    else:
        place, zone = (short_place(area) if level == "township" else area), level == "zone"
    if level == "zone" or zone:
        return f"中共{place}工作委员会", f"{place}管理委员会"
    if place.endswith("街道"):
        return f"中共{place}工作委员会", f"{place}办事处"
    return f"中共{place}委员会", f"{place}人民政府"


def _head_titles(place: str, level: str) -> tuple[str, str]:
    """(party, government) titles as they read after the unit: 书记 / 镇长, 书记 / 省长 …"""
    if level == "zone" or place.endswith("街道"):
        return "书记", "主任"
    if place.endswith("自治区"):
        return "书记", "主席"
    last = place[-1:] if place else "县"
    return "书记", f"{last}长"


def _deputy(title: str) -> str:
    return "副" + title if not title.startswith("副") else title


def _department(duty_list: DutyList, place: str, level: str, rng: random.Random) -> tuple[str, str, str]:
    """(unit, title, short name) of a department of the area: one the list names as 责任单位 when it
    names some (its unit as it is called: 石嘴山市市场监督管理局), else a usual one for the level."""
    rep = phrase_bank().report
    full = rep["department_names"]
    counts: Counter[str] = Counter()
    for duty in duty_list.duties():
        for u in duty.responsible_units:
            name = _department_name(u.strip(), full)
            if name:
                counts[name] += 1
    named = sorted(n for n, k in counts.items() if k >= 2) or sorted(counts)
    dept = rng.choice(named) if named else rng.choice(rep["departments"].get(level, rep["departments"]["county"]))
    if dept.endswith("局"):
        title = "党组书记、局长"
    elif dept.endswith("厅"):
        title = "党组书记、厅长"
    elif dept.endswith("委员会"):
        title = "党组书记、主任"
    elif dept.endswith("队"):
        title = "队长"
    else:
        title = "主任"
    return f"{place}{dept}", title, dept


def _department_name(unit: str, full: dict[str, str]) -> str:
    """A 责任单位 as the department's own name (市审批局 → 行政审批服务局); '' for 各部门, 办公室, 法工委 …"""
    if re.search(r"各|等|办公室|办公厅|法工委|编办|政法委|依法治|委员会.+组|协调小组|人大|政府$|管委会", unit):
        return ""
    m = re.fullmatch(r"(?:[市县区](?!场))?([\u4e00-\u9fff]{2,12}?(?:局|委|厅))", unit)
    if not m:
        return ""
    name = m.group(1)
    return full.get(name, name)


def make_setting(
    duty_list: DutyList, role: str, rng: random.Random, official: Official | None, year: int | None = None
) -> Setting:
    """The official (made up, or the given one kept) and the words for ``role`` on ``duty_list``."""
    rep = phrase_bank().report
    year = year if year is not None else default_year()
    area = area_of(duty_list)
    level = level_of(area)
    names = rep["names"]
    name = rng.choice(names["surnames"]) + rng.choice(names["given"])
    party_unit, gov_unit = _party_and_government(duty_list, area, level)
    place = short_place(area) if level == "township" else area
    party_title, gov_title = _head_titles(place, level)
    speaker, side = "party", "party"
    unit, title = party_unit, party_title
    dept_short = ""
    if role == "government":
        speaker = side = "gov"
        unit, title = gov_unit, gov_title
    elif role == "department":
        speaker, side = "dept", "party"
        unit, title, dept_short = _department(duty_list, place, level, rng)
    elif role == "member":
        speaker = "member"
        if rng.random() < 0.65:
            side, unit, title = "gov", gov_unit, _deputy(gov_title)
        else:
            side, unit, title = "party", party_unit, _deputy(party_title)
    elif role == "township":
        side = "party" if rng.random() < 0.6 else "gov"
        speaker = side
        if level != "township":
            town = _town(area, level, rng)
            area, level, place = town[0], "township", town[1]
            party_unit, gov_unit = (
                f"中共{town[0]}{'工作' if town[0].endswith('街道') else ''}委员会",
                (f"{town[0]}办事处" if town[0].endswith("街道") else f"{town[0]}人民政府"),
            )
            party_title, gov_title = _head_titles(place, level)
        unit, title = (party_unit, party_title) if side == "party" else (gov_unit, gov_title)
    off = official or Official(name=name, title=title, unit=unit, role=role)
    if official is not None and role in ("township", "member"):  # the given title says the side
        side = (
            "gov"
            if re.search(r"[镇乡区县市省]长|主任|主席|政府|办事处|管委会|管理委员会", off.title + off.unit)
            else "party"
        )
        speaker = side if role == "township" else "member"
    strong, weak = LEVEL_SCALE[level]
    if speaker == "dept":
        strong = max(1.0, strong * DEPARTMENT_SHARE)
    words, keywords = _words(level, speaker, side, area, place, off, year, dept_short, rng)
    return Setting(
        official=off,
        level=level,
        speaker=speaker,
        side=side,
        words=words,
        strong=strong,
        weak=weak,
        field_keywords=keywords,
    )


def _town(area: str, level: str, rng: random.Random) -> tuple[str, str]:
    """(full name, short name) of a town or street in ``area`` for a township head's sample."""
    names = phrase_bank().report["names"]
    if level == "zone":
        street = rng.choice(names["streets"])
        return f"{area}{street}", street
    town = rng.choice(names["towns"])
    counties = phrase_bank().report["counties"].get(area)
    if counties:
        county = rng.choice(counties)
        return f"{county}{town}", town
    return (f"{area}{town}" if level != "province" else town), town


def _words(
    level: str,
    speaker: str,
    side: str,
    area: str,
    place: str,
    off: Official,
    year: int,
    dept_short: str,
    rng: random.Random,
) -> tuple[dict[str, str], tuple[str, ...]]:
    rep = phrase_bank().report
    bank = rep["words"]
    suffix = _suffix(place if level == "township" else area, level)
    w: dict[str, str] = {}

    def put(d: dict[str, str]) -> None:
        for k, v in d.items():
            w[k] = v.replace("※", suffix)

    put(bank["levels"][level])
    put(bank["sides"]["party"][level])
    w["party_body"] = w["body"]
    w["party_meeting"] = w["meeting"]
    w["gov_meeting"] = bank["sides"]["gov"][level]["meeting"].replace("※", suffix)
    w["gov_body"] = bank["sides"]["gov"][level]["body"].replace("※", suffix)
    if side == "gov":
        put(bank["sides"]["gov"][level])
    if speaker == "dept":
        put(_department_words(dept_short, off.unit))
    if suffix == "街道":
        for k, v in w.items():
            w[k] = (
                v.replace("街道党委", "街道党工委")
                .replace("街道政府", "街道办事处")
                .replace("街道长办公会议", "街道办事处主任办公会议")
                .replace("街道人大主席团", "街道人大工委")
            )
    w["place"] = place if speaker != "dept" else off.unit
    w["unit"] = off.unit
    w["title"] = off.title
    w["self"] = "本人"
    w["year"] = str(year)
    w["next_year"] = str(year + 1)
    w["last_year"] = str(year - 1)
    w["year2"] = str(year + 2)
    w["plan_kind"] = "法治政府建设" if side == "gov" or speaker == "dept" else "法治建设"
    w["wu"] = "九五" if year >= 2026 else ("八五" if year >= 2021 else "七五")
    w["wu_years"] = "2026—2030年" if year >= 2026 else ("2021—2025年" if year >= 2021 else "2016—2020年")
    keywords: tuple[str, ...] = ()
    if speaker == "member":
        area_choice = rng.choice(rep["fenguan"][side if level != "township" else f"{side}_township"])
        fen = area_choice["text"]
        keywords = tuple(area_choice["keywords"])
        w["fenguan"] = fen
        principal = "书记" if side == "party" else off.title.removeprefix("副")
        w["principal"] = principal
        w["duty_self"] = f"作为{w['body']}班子成员，协助{principal}分管{fen}"
    elif speaker == "dept":
        w["duty_self"] = f"作为{w['body_short']}主要负责人和推进法治建设第一责任人"
    else:
        w["duty_self"] = f"作为{w['body']}主要负责人和推进法治建设第一责任人"
    for k, v in rep["docs"].items():
        w[k] = _fill_words(v, w)
    return w, keywords


def _department_words(dept: str, unit: str) -> dict[str, str]:
    """A department's own bodies and meetings: 局党组, 局党组会议, 局长办公会议 …"""
    last = "局" if dept.endswith("局") else ("厅" if dept.endswith("厅") else ("委" if dept.endswith("委员会") else ""))
    if last:
        return {
            "body": f"{last}党组",
            "body_short": f"本{last}",
            "meeting": f"{last}党组会议",
            "gov_meeting": f"{last}长办公会议" if last != "委" else "主任办公会议",
            "party_body": f"{last}党组",
            "party_meeting": f"{last}党组会议",
            "scope": "全系统",
            "subs": "机关各科室和下属单位",
            "base": "基层所队",
            "lead_group": f"{last}法治政府建设领导小组",
        }
    return {
        "body": "单位班子",
        "body_short": "本单位",
        "meeting": "单位班子会议",
        "gov_meeting": "单位班子会议",
        "party_body": "单位党支部",
        "party_meeting": "单位班子会议",
        "scope": "本单位",
        "subs": "各工作组",
        "base": "各网格",
        "lead_group": "单位法治工作领导小组",
    }


def _fill_words(template: str, words: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: words.get(m.group(1), m.group(0)), template)
