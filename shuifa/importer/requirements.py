"""Measurable requirements stated in a duty's text.

- count: 每年至少听取一次…, 每年举办2期以上…, 每半年听取一次…, 学法每年不少于4次
- deadline: 每年3月1日前…报告 → ``03-01``; 每年1月底前 → ``01-31``
- rate: 出庭应诉率达到100% → 100; 办结率达到90%以上 → 90
- duration: 征求意见期限一般不少于30日 → 30
Each gets a short Chinese ``label`` naming the value the official enters (法治专题讲座举办次数).
"""

from __future__ import annotations

import bisect
import calendar
import re
from functools import lru_cache

from ..model import Requirement
from .numbering import cn_to_int

_PERIOD = r"每年度|每一年|每年|年度内|每半年|半年|每季度|每个季度|每季|每月|每个月|全年"
_PERIOD_RE = re.compile(_PERIOD)
_PERIOD_KEY = {
    "每年度": "year",
    "每一年": "year",
    "每年": "year",
    "年度内": "year",
    "全年": "year",
    "每半年": "half-year",
    "半年": "half-year",
    "每季度": "quarter",
    "每个季度": "quarter",
    "每季": "quarter",
    "每月": "month",
    "每个月": "month",
}
_NUM = r"\d{1,3}|[一二两三四五六七八九十]{1,3}"
_QUAL = r"至少|不少于|不得少于|不低于|最少"
COUNT_RE = re.compile(
    rf"(?<![第一二两三四五六七八九十\d])(?P<n>{_NUM})\s*(?P<unit>次|期|场|轮)(?P<plus>以上|及以上)?(?![数])"
)
RATE_RE = re.compile(r"(?<![\d.])(?P<n>\d{1,3}(?:\.\d+)?)\s*[%％](?P<plus>以上|及以上)?(?P<within>以内|以下)?")
# 控制在5%以内, 不超过5%, 不高于5%, 低于5%, 下降到5%以下: an upper bound.
_UPPER_RE = re.compile(
    r"(?:控制在|不超过|不得超过|不高于|不得高于|(?<!不)低于|(?<!不)小于|下降到|降至|降低到)[^，,；;]{0,4}$"
)
_RATE_VERBS = (
    r"(均达到|达到|达|不低于|不少于|保持在|保持|为|均|要|应|须|必须|应当|都|稳定|力争|"
    r"控制在|控制|不超过|不得超过|不高于|不得高于|低于|小于|下降到|降至|降低到|严格|一般|原则上)+$"
)
DURATION_RE = re.compile(
    r"(?P<qual>一般不少于|不少于|不得少于|至少|不低于)\s*(?P<n>\d{1,3})\s*(?P<unit>个工作日|工作日|日|天)(?!内)"
)
DEADLINE_RE = re.compile(
    r"(?<!\d年)(?<!\d)(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?:(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日|(?P<end>底|末))\s*(?:前|之前|以前)"
)
# 每年专题听取…汇报 / 每年分别听取… / 每半年召开…: once per period although no number is written.
IMPLICIT_RE = re.compile(
    rf"(?P<per>{_PERIOD})(?:专题|分别|定期|都|均|要|应当|应|须|至少)*(?P<verb>组织召开|听取|召开|举办|举行|开展|述法)"
    r"(?P<obj>[^，。；,;：:]{2,40})"
)
_VERBS = (
    "组织召开",
    "专题听取",
    "听取",
    "举办",
    "召开",
    "开展",
    "组织",
    "举行",
    "进行",
    "主持",
    "研究",
    "讲授",
    "旁听",
    "讲法",
    "学法",
)
_LEAD_VERBS = ("组织召开", "召开", "举办", "开展", "听取", "组织", "举行", "进行", "主持", "旁听")
_FILLER_WORDS = rf"{_PERIOD}|{_QUAL}|一般|应当|必须|原则上|要|应|均|都|须|需要|需"
_FILLER_EDGE = re.compile(rf"^(?:{_FILLER_WORDS})+|(?:{_FILLER_WORDS})+$")


def _strip_fillers(text: str) -> str:
    """Filler words (periods, 至少, 应当 …) stripped at both ends of a phrase only."""
    prev = None
    while prev != text:
        prev = text
        text = _FILLER_EDGE.sub("", text).strip()
    return text


_FILLER_ANY = re.compile(rf"(?:{_PERIOD}|{_QUAL})")
_ENUM_RE = re.compile(r"^(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|首先|其次|再次|最后)[，,：:]?")
_CLAUSE_SPLIT = re.compile(r"[，,：:]")
_SENT_SPLIT = re.compile(r"(?<=[。；;！？])")
_RATE_SUBJ = re.compile(r"率|比例|覆盖面|占比|合格|满意度|覆盖")


_QUAL_END_RE = re.compile(rf"(?:{_QUAL})\s*$")
_UNIT_RE = re.compile(r"[次期场轮]")
_DAYS_RE = re.compile(r"[日天]")
# A sentence without any of these cannot state a requirement (fast path).
_ANY_RE = re.compile(r"\d|[一二两三四五六七八九十][次期场轮]|每|[%％]|年度|全年")


_OPEN = "（(〔[【"
_CLOSE = "）)〕]】"


@lru_cache(maxsize=512)
def _depths(sentence: str) -> tuple[int, ...]:
    """Bracket depth at each position (an opening bracket counts as inside)."""
    out = []
    d = 0
    for ch in sentence:
        if ch in _OPEN:
            d += 1
            out.append(d)
        elif ch in _CLOSE:
            out.append(d)
            d = max(0, d - 1)
        else:
            out.append(d)
    return tuple(out)


@lru_cache(maxsize=512)
def _enclosing(sentence: str) -> tuple[tuple[int, ...], dict[int, int]]:
    """For each position the index of the innermost opening bracket around it (-1: none), and the
    closing index of each opening bracket (the end of the text when it never closes)."""
    inner: list[int] = []
    close: dict[int, int] = {}
    stack: list[int] = []
    for k, ch in enumerate(sentence):
        if ch in _OPEN:
            stack.append(k)
            inner.append(k)
        elif ch in _CLOSE:
            if stack:
                close[stack.pop()] = k
            inner.append(stack[-1] if stack else -1)
        else:
            inner.append(stack[-1] if stack else -1)
    for k in stack:
        close[k] = len(sentence)
    return tuple(inner), close


def _region(sentence: str, pos: int) -> tuple[int, int]:
    """The bracket region holding ``pos``: the whole sentence, or the inside of the brackets around it
    (每年开展4次集体学法（其中专题学习不少于1次）: the note is its own region)."""
    if not sentence or pos >= len(sentence):
        return 0, len(sentence)
    inner, close = _enclosing(sentence)
    o = inner[pos]
    if o < 0:
        return 0, len(sentence)
    if o == pos:  # on the opening bracket itself: the region around the brackets
        o = inner[pos - 1] if pos > 0 and inner[pos - 1] != pos else -1
        if o < 0:
            return 0, len(sentence)
    return o + 1, close[o]


@lru_cache(maxsize=512)
def _clauses_in(sentence: str, lo: int, hi: int) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """Clauses of the region [lo, hi) split at its own commas and colons, and their start offsets."""
    depths = _depths(sentence)
    base = depths[lo] if lo < len(sentence) else 0
    out = []
    start = lo
    for m in _CLAUSE_SPLIT.finditer(sentence, lo, hi):
        if depths[m.start()] != base:
            continue  # a comma inside a bracketed note does not split the clause around it
        out.append((start, m.start()))
        start = m.end()
    out.append((start, hi))
    return tuple(out), tuple(x for x, _ in out)


def _clauses(sentence: str, pos: int = 0) -> tuple[tuple[int, int], ...]:
    lo, hi = _region(sentence, pos)
    return _clauses_in(sentence, lo, hi)[0]


def _clause_at(sentence: str, pos: int) -> tuple[int, int, int]:
    """(start, end, index) of the clause containing ``pos``, within its bracket region."""
    lo, hi = _region(sentence, pos)
    cl, starts = _clauses_in(sentence, lo, hi)
    i = max(0, min(bisect.bisect_right(starts, pos) - 1, len(cl) - 1))
    a, b = cl[i]
    return a, b, i


_NOTE_RE = re.compile(r"[（(〔\[【](?P<in>[^（）()〔〕\[\]【】]*)[）)〕\]】]")
_NOTE_START = re.compile(r"^(?:其中|含|不含|包括|包含|即|下同|注|具体|每年|每半年|至少|不少于|原则上)")


def _note(m: re.Match[str]) -> str:
    inner = m.group("in")
    if _NOTE_START.match(inner) or len(inner) > 10 or re.search(r"\d", inner):
        return ""
    return m.group(0)  # part of a name: 村（社区）, （市、区）


def _drop_notes(text: str) -> str:
    """Bracketed notes removed (集体学法（其中…不少于1次） → 集体学法); brackets that are part of a name
    (村（社区）法律顾问) stay."""
    if not any(ch in text for ch in _OPEN):
        return text
    prev = None
    while prev != text:
        prev = text
        text = _NOTE_RE.sub(_note, text)
    return text


def _trailing_note(sentence: str, start: int, end: int) -> int:
    """``end`` moved before a bracketed note closing the clause (…集体学法（其中…） → …集体学法)."""
    k = end
    while k > start and sentence[k - 1] in _CLOSE:
        m = re.search(r"[（(〔\[【][^（）()〔〕\[\]【】]*[）)〕\]】]$", sentence[start:k])
        if not m or m.start() == 0:
            break
        k = start + m.start()
    return k


_LABEL_EDGE = re.compile(r"^[\s，,。；;：:、）)〕\]】！？!?…—-]+|[\s，,。；;：:、（(〔\[【—-]+$")


def clean_label(label: str) -> str:
    """A label without punctuation at its ends and without unbalanced brackets."""
    label = _drop_unbalanced(label)
    prev = None
    while prev != label:
        prev = label
        label = _LABEL_EDGE.sub("", label).strip()
    return label


def _drop_unbalanced(text: str) -> str:
    if not any(ch in _OPEN or ch in _CLOSE for ch in text):
        return text
    out: list[str] = []
    stack: list[int] = []
    for ch in text:
        if ch in _OPEN:
            stack.append(len(out))
            out.append(ch)
        elif ch in _CLOSE:
            if stack:
                stack.pop()
                out.append(ch)
        else:
            out.append(ch)
    for k in reversed(stack):  # an opening bracket never closed is dropped
        del out[k]
    text = "".join(out)
    # a label does not open with a bracketed qualifier: （市、县）法治讲座 → 法治讲座
    return re.sub(r"^[（(〔\[【][^（）()〔〕\[\]【】]*[）)〕\]】](?=.)", "", text)


def _strip_lead(text: str) -> str:
    text = re.sub(
        r"^(确保|实现|推动|保证|力争|做到|使|并|且|同时|其中|全面(?!依法)|切实|以及|和|及)+", "", text
    ).strip()
    # 组织镇领导班子集体学法 → 镇领导班子集体学法 (who organises is the official reporting)
    return re.sub(r"^(?:组织|带领|督促|参加|参与)(?=[\u4e00-\u9fff]{4})", "", text)


_MEETING_RE = re.compile(r"^(.{2,20}?(?:会议|常委会|讲座|培训班|专题会|座谈会))(?:研究|专题|听取|部署|学习).+$")
_NOUN_VERB_RE = re.compile(r"(学法|学习|讲法|述法)$")
_ORGANIZER_RE = re.compile(r"^(?:组织|带领|推动|主持|督促)(?P<who>[\u4e00-\u9fff]{2,16}?)(?:开展|举办|召开|进行|组织)$")


def _count_label(sentence: str, m: re.Match[str]) -> tuple[str, str]:
    a, b, idx = _clause_at(sentence, m.start())
    unit_word = "期数" if m.group("unit") == "期" else ("场次" if m.group("unit") == "场" else "次数")
    before = _drop_notes(sentence[a : m.start()])
    after = _drop_notes(sentence[m.end() : b]).strip()
    after = re.sub(r"^(?:及以上|以上|的)", "", after)
    b = _trailing_note(sentence, a, b)
    text = sentence[a:b]
    bare = _strip_fillers(before)
    verb = next((v for v in _VERBS if bare.endswith(v) and v not in ("学法", "讲法")), "")
    if after:
        obj = after
        if not verb:
            for v in _LEAD_VERBS:
                if obj.startswith(v) and len(obj) > len(v) + 1:
                    verb = v if v not in ("组织召开",) else "召开"
                    obj = obj[len(v) :]
                    break
        # 召开2次党组会议研究法治工作 → the meeting is what is counted
        obj = _MEETING_RE.sub(r"\1", obj)
        short_verb = "召开" if verb == "组织召开" else verb.replace("专题", "")
        obj = _strip_lead(obj)
        if _NOUN_VERB_RE.search(obj):
            # 组织中心组开展4次集体学法 → 中心组集体学法次数 (the object already names the activity)
            who = _ORGANIZER_RE.match(_FILLER_ANY.sub("", before))
            return f"{who.group('who') if who else ''}{obj}{unit_word}", text
        return f"{obj}{short_verb}{unit_word}", text
    periods = list(_PERIOD_RE.finditer(before))
    pm = periods[-1] if periods else None
    if pm is not None:
        head, tail = before[: pm.start()], before[pm.end() :]
        tail_c = _strip_fillers(tail)
        head_c = _strip_fillers(head)
        subject = tail_c if len(tail_c) > 3 else head_c + tail_c
    else:
        subject = bare
    subject = _strip_lead(subject)
    if not subject and idx > 0:
        cl = _clauses(sentence, m.start())
        pa, pb = cl[idx - 1]
        prev = _drop_notes(sentence[pa:pb]).strip()
        text = sentence[pa:b]
        verb2 = ""
        for v in _LEAD_VERBS:
            if prev.startswith(v) and len(prev) > len(v) + 1:
                verb2 = "召开" if v == "组织召开" else v
                prev = prev[len(v) :]
                break
        subject = _strip_lead(_strip_fillers(prev)) + verb2
    if not subject:
        subject = "完成"
    return f"{subject}{unit_word}", text


@lru_cache(maxsize=256)
def _periods(sentence: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    found = [(pm.start(), _PERIOD_KEY[pm.group(0)]) for pm in _PERIOD_RE.finditer(sentence)]
    return tuple(a for a, _ in found), tuple(k for _, k in found)


def _period_for(sentence: str, pos: int) -> str | None:
    """The last period named before ``pos`` (or the first one after it)."""
    starts, keys = _periods(sentence)
    if not starts:
        return None
    i = bisect.bisect_left(starts, pos) - 1
    return keys[i] if i >= 0 else keys[0]


YEAR_END_RE = re.compile(r"(?:每年|每年度|每一年|年度)(?P<end>年底|年末|年终)\s*(?:前|之前|以前)")


def _deadline(sentence: str, m_start: int, m_end: int, mo: int, day: int) -> Requirement:
    rest = sentence[m_end:]
    vm = re.search(r"(报告|报送|提交|上报|公开|公布|完成|印发|召开|开展)(?P<obj>[^，。；,;]{2,30})", rest)
    start = m_start
    pm = _PERIOD_RE.search(sentence[max(0, m_start - 4) : m_start])
    if pm:
        start = max(0, m_start - 4) + pm.start()
    if vm:
        label = f"{_drop_notes(vm.group('obj')).strip()}{vm.group(1)}日期"
        end = m_end + vm.end()
    else:
        a, b, _ = _clause_at(sentence, m_end)
        label = f"{_strip_lead(_drop_notes(sentence[m_end:b])) or '完成'}日期"
        end = b
    return Requirement(
        kind="deadline",
        text=sentence[start:end].strip("，。；"),
        deadline=f"{mo:02d}-{day:02d}",
        label=label,
    )


MAX_SENTENCE = 400  # real duty sentences are far shorter; longer runs are cut so time stays linear


def _bounded(sentences: list[str]) -> list[str]:
    """Sentences no longer than MAX_SENTENCE: a longer one is cut at its commas, then into pieces."""
    out: list[str] = []
    for sentence in sentences:
        if len(sentence) <= MAX_SENTENCE:
            out.append(sentence)
            continue
        piece = ""
        for part in re.split(r"(?<=[，,：:])", sentence):
            while len(part) > MAX_SENTENCE:
                if piece:
                    out.append(piece)
                    piece = ""
                out.append(part[:MAX_SENTENCE])
                part = part[MAX_SENTENCE:]
            if len(piece) + len(part) > MAX_SENTENCE:
                out.append(piece)
                piece = ""
            piece += part
        if piece:
            out.append(piece)
    return out


def extract_requirements(text: str) -> list[Requirement]:
    reqs: list[Requirement] = []
    if not _ANY_RE.search(text):
        return []
    for sentence in _bounded(_SENT_SPLIT.split(text.replace("\n", "。"))):
        sentence = _ENUM_RE.sub("", sentence.strip()).rstrip("。；;！？")
        if not sentence or not _ANY_RE.search(sentence):
            continue
        for m in DEADLINE_RE.finditer(sentence) if "月" in sentence else ():
            before = sentence[max(0, m.start() - 3) : m.start()]
            if not re.search(r"每年|年度|每一年", sentence[: m.start()]) and "年" in before:
                continue
            mo = cn_to_int(m.group("m"))
            if mo is None or not 1 <= mo <= 12:
                continue
            if m.group("end"):
                day = calendar.monthrange(2023, mo)[1]
            else:
                day = cn_to_int(m.group("d") or "") or 0
                if not 1 <= day <= 31:
                    continue
            reqs.append(_deadline(sentence, m.start(), m.end(), mo, day))
        for m in YEAR_END_RE.finditer(sentence) if "年" in sentence else ():
            # 每年年底前组织开展述法 → 12-31
            reqs.append(_deadline(sentence, m.start("end"), m.end(), 12, 31))
        for m in COUNT_RE.finditer(sentence) if _UNIT_RE.search(sentence) else ():
            n = cn_to_int(m.group("n"))
            if not n or n > 365:
                continue
            per = _period_for(sentence, m.start())
            qualified = _QUAL_END_RE.search(sentence, max(0, m.start() - 6), m.start()) is not None
            if per is None and not (qualified or m.group("plus")):
                continue
            if per is None:
                per = "year"
            label, ctext = _count_label(sentence, m)
            reqs.append(Requirement(kind="count", text=ctext.strip("，。；"), min=n, per=per, label=label))
        for m in IMPLICIT_RE.finditer(sentence) if _PERIOD_RE.search(sentence) else ():
            a, b, _ = _clause_at(sentence, m.start())
            if COUNT_RE.search(sentence[a:b]) or re.search(r"\d|[一二两三四五六七八九十]\s*[次期场轮]", m.group("obj")):
                continue
            verb = "召开" if m.group("verb") == "组织召开" else m.group("verb")
            obj = _strip_lead(_drop_notes(m.group("obj")))
            if verb in ("召开", "举行"):  # 召开政府常务会议专题研究… → the meeting is what is counted
                obj = _MEETING_RE.sub(r"\1", obj)
            reqs.append(
                Requirement(
                    kind="count",
                    text=sentence[m.start() : b].strip("，。；"),
                    min=1,
                    per=_PERIOD_KEY[m.group("per")],
                    label=f"{obj}{verb}次数",
                )
            )
        for m in RATE_RE.finditer(sentence) if ("%" in sentence or "％" in sentence) else ():
            a, b, _ = _clause_at(sentence, m.start())
            subj = _drop_notes(sentence[a : m.start()])
            if not _RATE_SUBJ.search(subj):
                continue
            value = float(m.group("n"))
            if value > 100:
                continue
            num = int(value) if value.is_integer() else value
            upper = bool(m.group("within")) or _UPPER_RE.search(subj) is not None
            subj = re.sub(_RATE_VERBS, "", subj.strip())
            b = _trailing_note(sentence, a, b)
            reqs.append(
                Requirement(
                    kind="rate",
                    text=sentence[a:b].strip("，。；"),
                    min=None if upper else num,
                    max=num if upper else None,
                    label=_strip_lead(subj),
                )
            )
        for m in DURATION_RE.finditer(sentence) if _DAYS_RE.search(sentence) else ():
            a, b, _ = _clause_at(sentence, m.start())
            subj = _strip_lead(re.sub(r"(一般|原则上|应当|应)+$", "", _drop_notes(sentence[a : m.start()]).strip()))
            days = int(m.group("n"))
            unit = "工作日" if "工作日" in m.group("unit") else "日"
            reqs.append(
                Requirement(
                    kind="duration", text=sentence[a:b].strip("，。；"), min=days, label=f"{subj or '期限'}（{unit}）"
                )
            )
    out: list[Requirement] = []
    for r in reqs:
        r.label = clean_label(r.label)
        if r.kind == "count" and not r.label:
            r.label = "完成次数"
        out.append(r)
    for i, r in enumerate(out, start=1):
        r.id = f"r{i}"
    return out
