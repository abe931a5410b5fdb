"""Document metadata lines: title, cover letter, 发文机关 (issuer), date, document number, 落款."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbering import cn_to_int

TERMINAL = "。；;！!？?：:…）)」』"

_MD = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_DATE = rf"(?P<y>\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_MD})\s*月\s*(?P<d>{_MD})\s*日"
DATE_RE = re.compile(_DATE)
# A line that is only a date, optionally with the issuer before it and 印发/发布 after it.
DATE_LINE_RE = re.compile(
    rf"^[（(]?(?P<org>[^，。；：,;:（）()]{{0,40}}?)\s*{_DATE}"
    r"\s*(?P<suffix>印发|发布|制定|通过|起施行|施行|修订|起实施|实施|颁布)?[)）]?$"
)
DOC_NO_RE = re.compile(r"^[^，。；]{0,20}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号$")
_ORG_SUFFIX = (
    "委员会",
    "工作委员会",
    "办公厅",
    "办公室",
    "人民政府",
    "政府",
    "党委",
    "党组",
    "党工委",
    "管委会",
    "管理委员会",
    "委",
    "厅",
    "局",
    "院",
    "部",
    "处",
    "办",
    "中心",
    "街道办事处",
    "办事处",
    "司法所",
    "小组",
)
# Chinese characters; X/×/Ｘ stand for a name left out in drafts and model texts (中共XX县司法局党组).
ORG_RE = re.compile(r"^[\u4e00-\u9fffXxＸｘ×（）“”、]{2,40}$")
PAREN_NOTE_RE = re.compile(r"^[（(][^（）()]{2,30}[）)]$")
HEADER_RE = re.compile(r"^[\u4e00-\u9fff（）]{3,40}文件$")
TITLE_END_RE = re.compile(
    r"(清单|办法|方案|规定|意见|通知|细则|制度|要点|条例|决定|纲要|计划|规则|指引|分工|目录|措施|通报|报告|安排|标准|规范|职责|任务|责任)"
    r"([（(][^（）()]{1,10}[）)])?$"
)
COVER_RE = re.compile(r"(?:关于)?(?:印发|转发|下发|发布|公布)(?P<t>.+?)的?(?:通知|函|通报)$")
ATTACHMENT_RE = re.compile(r"^附\s*件\s*[\d一二三四五六七八九十]*\s*[：:]?$")
SALUTATION_RE = re.compile(r"^[^。]{2,80}[：:]$")


def is_org_line(text: str) -> bool:
    if not ORG_RE.match(text) or len(text) > 40 or len(re.findall(r"[\u4e00-\u9fff]", text)) < 2:
        return False
    return text.endswith(_ORG_SUFFIX)


def iso_date(text: str) -> str | None:
    m = DATE_RE.search(text)
    return _iso(m) if m else None


def _iso(m: re.Match[str]) -> str | None:
    """ISO date of a DATE_RE (or DATE_LINE_RE) match, None when it is no real date."""
    ys = m.group("y")
    if ys.isdigit():
        y = int(ys)
    else:
        digits = [cn_to_int(c) for c in ys]
        if any(d is None for d in digits):
            return None
        y = int("".join(str(d) for d in digits))
    mo = cn_to_int(m.group("m"))
    d = cn_to_int(m.group("d"))
    if mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2199):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def date_line(text: str) -> tuple[str, str, str] | None:
    """(org before the date, ISO date, suffix) when the line is a date line."""
    if len(text) > 60:
        return None
    m = DATE_LINE_RE.match(text)
    if not m:
        return None
    iso = _iso(m)
    if not iso:
        return None
    org = m.group("org").strip()
    if org and not is_org_line(org):
        return None
    return org, iso, m.group("suffix") or ""


def is_title_like(text: str) -> bool:
    if not text or (len(text) > 60 and not (len(text) <= 160 and COVER_RE.search(text))):
        return False  # (a 转发 letter's title quoting the forwarded letter's title is long)
    if text[-1] in TERMINAL and not text.endswith(("）", ")")):
        return False
    if any(p in text for p in "。；;，,") and not text.startswith("《"):
        # titles have no sentence punctuation (a comma may appear inside 《》 only)
        inner = re.sub(r"《[^》]*》", "", text)
        if any(p in inner for p in "。；;，,"):
            return False
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def clean_title(text: str) -> str:
    text = text.strip()
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        text = text[1:-1]
    return text


@dataclass
class Meta:
    title: str = ""
    issuer: str = ""
    date: str | None = None
    doc_number: str = ""
    cover_title: str = ""
    header_issuer: str = ""
    title_lines: list[int] = field(default_factory=list)
    cover_lines: tuple[int, int] | None = None
    notes: list[tuple[int | None, str]] = field(default_factory=list)
