"""Cleaned lines → duty tree.

Steps: front matter (header 文件, document number, title split over lines, cover letter) → 落款 at
the end → paragraphs (numbered items; broken sentences rejoined) → tree by numbering (a style
already open closes back to its level; a new style nests, unless its usual rank is outer) →
context vs duty sections → roles from headings → units, requirements → warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Node
from .meta import (
    ATTACHMENT_RE,
    COVER_RE,
    DOC_NO_RE,
    HEADER_RE,
    PAREN_NOTE_RE,
    SALUTATION_RE,
    TERMINAL,
    TITLE_END_RE,
    Meta,
    clean_title,
    date_line,
    is_org_line,
    is_title_like,
    iso_date,
)
from .numbering import RANK, Label, match_label
from .requirements import extract_requirements
from .tables import Layout, layout, split_text_row
from .units import split_top, split_units


@dataclass
class Hint:
    """What a Word file says about a line beyond its text (table cells)."""

    # "tcat" (category cell, a group), "table" (a row, an item), "hd" (unnumbered heading), or "plain":
    # an ordinary paragraph right after a Word table, which must not continue the table's last item.
    style: str
    label: str = ""
    units: list[str] | None = None
    level: int = 0
    rank: float = 0.0
    cats: list[str] | None = None  # category cells of a table row pasted as text
    role: str | None = None  # a row's own role (a 责任主体 column naming 县委书记 / 县长)


@dataclass
class Para:
    first: int
    last: int
    text: str
    label: Label | None = None
    hint: Hint | None = None
    last_len: int = 0  # length of the paragraph's last physical line
    context: bool = False  # may start a context note: a closing 解释/施行 sentence …
    after_table: bool = False  # … or the first paragraph after a Word table (always does)

    @property
    def numbered(self) -> bool:
        return self.label is not None or self.hint is not None


@dataclass
class Item:
    """A numbered item while the tree is built."""

    style: str
    ordinal: int | None
    label: str
    head: str
    first: int
    last: int
    body: list[str] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    units: list[str] | None = None
    forced_group: bool = False
    rank: float | None = None
    role: str | None = None
    context: bool = False  # a note that is never a duty (text after a table, 本清单由…负责解释)


@dataclass
class Parsed:
    meta: Meta
    items: list[Item]
    warnings: list[tuple[str, int | None, Item | None]]


# --------------------------------------------------------------------------- helpers


def heading_like(text: str) -> bool:
    """A short heading without sentence punctuation (一、基本原则; （一）实施…提升行动)."""
    return bool(text) and len(text) <= 30 and not re.search(r"[，。；：,;:、]", text)


def wrap_width(nonblank: list[tuple[int, str]]) -> int | None:
    """The line width of hard-wrapped text (PDF copies): most long lines have the same length."""
    lengths = [len(t) for _, t in nonblank if len(t) >= 15]
    if len(lengths) < 8:
        return None
    counts: dict[int, int] = {}
    for n in lengths:
        counts[n] = counts.get(n, 0) + 1
    width = max(counts, key=lambda n: (counts[n] + counts.get(n - 1, 0), n))
    share = (counts[width] + counts.get(width - 1, 0)) / len(lengths)
    return width if share >= 0.3 and width >= 15 else None


#: A closing sentence of the kind a 附则 holds; after the items it is context, never a duty's text.
CLOSING_RE = re.compile(
    r"^(?:本(?:职责)?(?:清单|办法|细则|方案|规定|意见|实施办法|实施细则|制度|规则)[^。；]{0,40}?"
    r"(?:负责解释|解释|起施行|起执行|起实施|施行|适用于)"
    r"|未尽事宜|自(?:印发|发布|公布)之日起(?:施行|执行|实施))"
)


def _takes_continuation(p: Para, width: int | None = None) -> bool:
    """Whether the next plain line may continue this paragraph (a sentence broken by a page break,
    or by the hard wrap of a PDF copy: a full-width line continues even after 。)."""
    if p.hint is not None or not p.text or date_line(p.text):
        return False
    if p.text[-1] in TERMINAL:
        return bool(width) and p.last_len >= width - 1 and p.text[-1] not in "：:"
    if p.label is None:
        return not (heading_like(p.text) and len(p.text) <= 20)
    rest = p.label.rest
    style = p.label.style
    if style == "article":
        return True
    if style in ("part", "chapter", "section", "cn"):
        return not (len(rest) <= 40 and not re.search(r"[。；]", rest))
    return not (heading_like(rest) and len(rest) <= 20)


# --------------------------------------------------------------------------- front matter


def _front_matter(nonblank: list[tuple[int, str]], meta: Meta, hinted: set[int] | frozenset[int] = frozenset()) -> int:
    """Reads header, document number, title and cover letter; returns the index in ``nonblank``
    where the body starts."""
    i = 0
    n = len(nonblank)
    title_parts: list[tuple[int, str]] = []
    while i < n and i < 12:
        no, text = nonblank[i]
        if no in hinted:
            break
        if HEADER_RE.match(text) and not title_parts:
            meta.header_issuer = text[:-2]
            i += 1
            continue
        if DOC_NO_RE.match(text) and not title_parts:
            meta.doc_number = text
            i += 1
            continue
        if (PAREN_NOTE_RE.match(text) or ATTACHMENT_RE.match(text)) and not title_parts:
            i += 1
            continue
        if match_label(text) is not None or date_line(text) is not None:
            break
        if is_title_like(text) and not (title_parts and is_org_line(text) and not TITLE_END_RE.search(text)):
            title_parts.append((no, text))
            i += 1
            joined = "".join(t for _, t in title_parts)
            if TITLE_END_RE.search(joined) or len(title_parts) >= 3:
                break
            continue
        break
    if not title_parts:
        return i
    if len(title_parts) > 1 and is_org_line(title_parts[0][1]):
        rest = "".join(t for _, t in title_parts[1:])
        if TITLE_END_RE.search(rest) and len(rest) >= 8:
            # 中共石泉县委　石泉县人民政府 / 石泉县…职责清单: the issuers' line over the title
            meta.header_issuer = meta.header_issuer or title_parts[0][1]
            title_parts = title_parts[1:]
    title = clean_title("".join(t for _, t in title_parts))
    meta.title_lines = [no for no, _ in title_parts]
    cover = COVER_RE.search(title)
    if cover:
        m = re.search(r"《(.+)》", title)
        inner = m.group(1) if m else cover.group("t")
        nested = re.search(r"〈(.+)〉", inner)  # 关于转发《…关于印发〈…〉的通知》的通知
        if nested:
            inner = nested.group(1)
        inner = clean_title(inner)
        if len(inner) >= 4:
            return _cover_letter(nonblank, i, title, inner, meta)
    meta.title = title
    return _subtitle(nonblank, i, meta)


_PAREN_DATE_RE = re.compile(r"^[（(](?P<inner>[^（）()]{4,60})[）)]$")


def _subtitle(nonblank: list[tuple[int, str]], i: int, meta: Meta) -> int:
    """Lines right under a title: （2022年6月1日中共XX省委办公厅印发）, an issuer and date, a document number."""
    n = len(nonblank)
    while i < n:
        text = nonblank[i][1]
        if meta.title and clean_title(text) == meta.title:
            i += 1  # the title repeated (a web page's title bar and its heading)
            continue
        m = _PAREN_DATE_RE.match(text)
        if m and (iso := iso_date(m.group("inner"))):
            inner = m.group("inner")
            meta.date = meta.date or iso
            org = re.search(r"日(?P<org>[^，。；]{2,40}?)(印发|发布|通过|制定|修订)", inner)
            if org and not meta.issuer and is_org_line(org.group("org")):
                meta.issuer = org.group("org")
            i += 1
            continue
        dl = date_line(text)
        if dl:
            meta.date = meta.date or dl[1]
            if dl[0] and not meta.issuer:
                meta.issuer = dl[0]
            i += 1
            continue
        nxt = nonblank[i + 1][1] if i + 1 < n else ""
        if is_org_line(text) and date_line(nxt):
            meta.issuer = meta.issuer or text
            i += 1
            continue
        if DOC_NO_RE.match(text):
            meta.doc_number = meta.doc_number or text
            i += 1
            continue
        break
    return i


def _cover_letter(nonblank: list[tuple[int, str]], i: int, cover_title: str, inner: str, meta: Meta) -> int:
    """A forwarding letter (关于印发《…》的通知): the real title is the forwarded document's."""
    meta.cover_title = cover_title
    meta.title = inner
    start_no = meta.title_lines[0] if meta.title_lines else nonblank[i][0]
    n = len(nonblank)
    # Where the forwarded document starts: its title repeated on its own line(s).
    body = None
    for j in range(i, min(n, i + 300)):
        text = nonblank[j][1]
        if len(text) > len(inner) + 8:
            continue
        acc = clean_title(text)
        k = j
        while len(acc) < len(inner) and inner.startswith(acc) and k + 1 < n:
            k += 1
            acc += clean_title(nonblank[k][1])
        if acc == inner or (inner in acc and len(acc) <= len(inner) + 8):
            body = k + 1
            meta.title_lines = [nonblank[x][0] for x in range(j, k + 1)]
            _cover_signature(nonblank[i:j], meta)
            meta.cover_lines = (start_no, nonblank[j - 1][0] if j > 0 else start_no)
            return _subtitle(nonblank, body, meta)
    # No repeated title: the letter ends after its date (and a note such as （此件公开发布）).
    for j in range(i, min(n, i + 20)):
        if match_label(nonblank[j][1]):
            break
        if date_line(nonblank[j][1]):
            end = j + 1
            while end < n and PAREN_NOTE_RE.match(nonblank[end][1]):
                end += 1
            _cover_signature(nonblank[i:end], meta)
            meta.cover_lines = (start_no, nonblank[end - 1][0])
            return end
    return i


def _cover_signature(lines: list[tuple[int, str]], meta: Meta) -> None:
    """Issuer and date from the letter's signature; with several letters (转发), the last one before
    the list — the original issuer's — wins."""
    orgs: list[str] = []
    for _, text in lines:
        dl = date_line(text)
        if dl:
            org, iso, _suffix = dl
            if org:
                orgs.append(org)
            if orgs:
                meta.issuer = "、".join(orgs)
            meta.date = iso
            orgs = []
        elif is_org_line(text):
            orgs.append(text)
        else:
            orgs = []
    if not meta.issuer and orgs:
        meta.issuer = "、".join(orgs)


# --------------------------------------------------------------------------- tail (落款)


def _tail(nonblank: list[tuple[int, str]], start: int, meta: Meta, hinted: set[int]) -> int:
    """Index where the trailing signature/date/版记 block starts; fills issuer/date from it."""
    end = len(nonblank)
    j = end
    found_date = False
    orgs: list[str] = []
    printed_by = ""
    while j > start:
        if nonblank[j - 1][0] in hinted:
            break
        text = nonblank[j - 1][1]
        dl = date_line(text)
        if dl:
            org, iso, suffix = dl
            if suffix == "印发" and org:
                printed_by = printed_by or org
            elif org:
                orgs.insert(0, org)
            if not meta.date:
                meta.date = iso
            found_date = True
            j -= 1
            continue
        if is_org_line(text) and found_date:
            orgs.insert(0, text)
            j -= 1
            continue
        if PAREN_NOTE_RE.match(text) or text.startswith(("抄送", "主送", "印发")) and len(text) < 80:
            j -= 1
            continue
        break
    if not meta.issuer:
        meta.issuer = "、".join(orgs) if orgs else (meta.header_issuer or printed_by)
    return j


# --------------------------------------------------------------------------- paragraphs


def _paragraphs(nonblank: list[tuple[int, str]], hints: dict[int, Hint]) -> list[Para]:
    width = None if hints else wrap_width(nonblank)
    paras: list[Para] = []
    current_cats: list[str] = []
    for no, text in nonblank:
        hint = hints.get(no)
        after_table = hint is not None and hint.style == "plain"
        if after_table:
            hint = None
        if hint is not None:
            if hint.cats is not None:
                for level, cat in enumerate(hint.cats):
                    if not cat or (level < len(current_cats) and current_cats[level] == cat):
                        continue
                    current_cats = current_cats[:level] + [cat]
                    lab = match_label(cat)
                    paras.append(
                        Para(
                            no,
                            no,
                            lab.rest if lab else cat,
                            None,
                            Hint("tcat", label=lab.label if lab else "", level=level),
                        )
                    )
            paras.append(Para(no, no, text, None, hint))
            continue
        lab = match_label(text)
        if lab is not None:
            paras.append(Para(no, no, text, lab, last_len=len(text)))
            continue
        if DOC_NO_RE.match(text):
            continue
        prev = paras[-1] if paras else None
        joins = not after_table and prev is not None and _takes_continuation(prev, width)
        if after_table or (CLOSING_RE.match(text) and not joins):
            # (a closing sentence, not a wrapped line of an open sentence that happens to start so)
            paras.append(Para(no, no, text, last_len=len(text), context=True, after_table=after_table))
            continue
        if joins:
            assert prev is not None
            prev.text += text
            prev.last = no
            prev.last_len = len(text)
            if prev.label is not None:
                prev.label = match_label(prev.text) or prev.label
            continue
        paras.append(Para(no, no, text, last_len=len(text)))
    _unnumbered_headings(paras)
    return paras


def _unnumbered_headings(paras: list[Para]) -> None:
    """A short line without numbering or punctuation right before numbered items (党委主要负责人职责 /
    1.… 2.…) is a heading over them, not text of the item before it."""
    for i, p in enumerate(paras):
        if p.numbered or i + 1 >= len(paras):
            continue
        nxt = paras[i + 1]
        if nxt.label is None or not heading_like(p.text) or len(p.text) > 25:
            continue
        prev = paras[i - 1] if i > 0 else None
        if prev is not None and prev.text and prev.text[-1] not in TERMINAL:
            prev_rest = prev.label.rest if prev.label else prev.text
            if not heading_like(prev_rest):
                continue
        p.hint = Hint("hd", rank=_rank(nxt.label.style) - 0.5)


# --------------------------------------------------------------------------- tree


def _closes_items(stack: list[Item]) -> bool:
    """Whether a closing sentence (本清单由…负责解释) ends the items open on ``stack``: not inside a
    附则-like section, nor as the first text under a bare heading (三、附则 / 本清单自印发之日起施行。)."""
    top = stack[-1]
    if not top.body and not top.children and heading_like(top.head):
        return False
    return not any(_NEG_RE.search(it.head[:30]) for it in stack)


def _build(paras: list[Para]) -> tuple[list[Item], list[Para]]:
    roots: list[Item] = []
    stack: list[Item] = []
    preamble: list[Para] = []
    for p in paras:
        if not p.numbered and p.context and stack and (p.after_table or _closes_items(stack)):
            # Text after a Word table or a closing 本清单由…负责解释 sentence: never part of the item
            # above; a note of its own (context), which the lines after it join.
            note = Item("note", None, "", p.text, p.first, p.last, rank=99.0, context=True)
            roots.append(note)
            stack = [note]
            continue
        if not p.numbered:
            if stack:
                top = stack[-1]
                top.body.append(p.text)
                top.last = p.last
            else:
                preamble.append(p)
            continue
        if p.hint is not None:
            style = p.hint.style if p.hint.style in ("table", "hd") else f"tcat{p.hint.level}"
            item = Item(style, None, p.hint.label, p.text, p.first, p.last, units=p.hint.units, role=p.hint.role)
            item.forced_group = p.hint.style in ("tcat", "hd")
            if p.hint.style == "hd":
                item.rank = p.hint.rank
        else:
            assert p.label is not None
            lab = p.label
            item = Item(lab.style, lab.ordinal, lab.label, lab.rest, p.first, p.last)
        styles = [s.style for s in stack]
        if item.style in styles:
            del stack[styles.index(item.style) :]
        else:
            rank = _item_rank(item)
            while (
                stack
                and (_item_rank(stack[-1]) > rank or (item.style == "hd" and _item_rank(stack[-1]) >= rank))
                and not stack[-1].style.startswith("tcat")
            ):
                stack.pop()
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
    return roots, preamble


def _item_rank(item: Item) -> float:
    return item.rank if item.rank is not None else _rank(item.style)


def _rank(style: str) -> float:
    if style.startswith("tcat"):
        return 8.5 + int(style[4:] or 0) * 0.01
    return RANK.get(style, 9)


# --------------------------------------------------------------------------- sections and roles

_POS_RE = re.compile(r"职责|任务|清单|事项|主要内容|具体内容|重点工作|工作内容|履职内容")
_NEG_RE = re.compile(
    r"原则|要求|保障|附则|总则|督查|督察|考核|问责|免责|激励|指导思想|目的|依据|适用范围|组织实施|实施步骤|工作步骤"
    r"|时间安排|进度安排|步骤安排|其他事项|说明|监督检查|责任追究"
)
_PERSON_RE = re.compile(
    r"主要负责人|主要负责同志|负责人|党委书记|党组书记|党工委书记|书记|班子成员|其他成员|行政首长|县长|区长|市长|镇长|乡长|副职"
    r"|局长|厅长|处长|主任|院长|部长|站长|所长"
)
_ROLE_VERB = re.compile(r"督促|支持|推动|加强|监督|协助|指导|组织|落实|提醒|实施|对|把|将|为|由|向")


_BODY_HEADING_RE = re.compile(r"^(.{2,12}?)(?:主要|法治建设)?(?:职责|履职清单|责任清单)")


@lru_cache(maxsize=1024)
def role_of_heading(text: str) -> str | None:
    """Role named at the start of a heading (党委主要负责人…职责, 第一节 政府主要负责人主要职责,
    乡镇（街道）党政主要负责人, 部门主要负责人, 班子其他成员)."""
    head = text[:40]
    m = _PERSON_RE.search(head)
    if not m or m.start() > 16:
        # 党委职责 / 政府职责清单 / 部门职责: a short heading naming the body without a person word
        short = _BODY_HEADING_RE.match(head) if heading_like(text) else None
        if short is None:
            return None
        qual, person = short.group(1), ""
    else:
        qual, person = head[: m.start()], m.group(0)
    if _ROLE_VERB.search(qual):
        return None
    short = len(text) <= 24 and not re.search(r"[，。；：,;:]", text)  # 市委、市政府其他班子成员
    if not (heading_like(text) or short or re.search(r"职责|应当|清单|如下|以下|述法|履行", head)):
        return None
    if re.search(r"乡|镇|街道", qual) and person not in ("县长", "区长", "市长"):
        return "township"
    if person in ("镇长", "乡长"):
        return "township"
    if re.search(r"部门|单位|局|委办|直属", qual) or person in (
        "局长",
        "厅长",
        "处长",
        "主任",
        "院长",
        "部长",
        "站长",
        "所长",
    ):
        return "department"
    if re.search(r"班子|其他|分管", qual) or person in ("班子成员", "其他成员", "副职"):
        return "member"
    if re.search(r"党政|党委(（党组）)?(和|、|及)|[省市县区州旗镇乡]委(和|、|及)", qual):
        return "common"
    if re.search(r"政府|管委会|行政", qual) or person in ("行政首长", "县长", "区长", "市长"):
        return "government"
    if re.search(r"党委|党组|党工委|委员会|(省|市|县|区|州|盟|旗|镇|乡)委$", qual) or person in (
        "党委书记",
        "党组书记",
        "党工委书记",
        "书记",
    ):
        return "party"
    return None


def role_columns(header: list[str]) -> list[int]:
    """Columns of a table header that each name a role (县委主要负责人 | 县政府主要负责人); only when
    two or more do."""
    cols = [i for i, h in enumerate(header) if h and len(h) <= 24 and role_of_heading(h.replace(" ", ""))]
    return cols if len(cols) >= 2 else []


_ROLE_COL_HEAD = re.compile(r"责任主体|履职主体|适用对象|适用人员|对象|责任人|岗位|职务")


def role_value(text: str) -> str | None:
    """The role a table cell names (县委书记 → party; 县委书记、县长 → common), or None."""
    parts = [x for x in re.split(r"[、，,/／和及]", text.replace(" ", "")) if x]
    if not parts or len(text) > 40:
        return None
    roles = {role_of_heading(x) for x in parts}
    if None in roles:
        return None
    return roles.pop() if len(roles) == 1 else "common"


def role_column(header: list[str], rows: list[list[str]], skip: set[int]) -> int | None:
    """A column whose header names who is responsible (责任主体/适用对象) and whose every value is a role."""
    for i, h in enumerate(header):
        if i in skip or not _ROLE_COL_HEAD.search(h.replace(" ", "")):
            continue
        values = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
        if values and all(role_value(v) for v in values):
            return i
    return None


def take_role_column(lay: Layout, rows: list[list[str]]) -> int | None:
    """The role column of a table with a header (see :func:`role_column`), taken out of ``lay``'s
    units and category columns."""
    rcol = role_column(rows[0], rows[1:], {lay.content}) if lay.header else None
    if rcol is not None and lay.units == rcol:
        lay.units = None
    lay.cats = [c for c in lay.cats if c != rcol]
    return rcol


def _has_role_heading(item: Item) -> bool:
    for c in item.children:
        if c.children and (role_of_heading(c.head) or (c.body and role_of_heading(c.body[0]))):
            return True
        if _has_role_heading(c):
            return True
    return False


def _is_pos(item: Item) -> bool:
    return bool(_POS_RE.search(item.head[:30])) or _has_role_heading(item) or bool(role_of_heading(item.head))


def _is_neg(item: Item) -> bool:
    return bool(_NEG_RE.search(item.head[:30]))


_LEAF_CONTEXT_RE = re.compile(
    r"^(为了?|根据|依据)|^本(办法|细则|清单|方案|规定|意见|实施办法|实施细则|制度)|自.{0,20}(起施行|之日起)|负责解释|参照本|适用于"
)


def classify_sections(roots: list[Item]) -> dict[int, bool]:
    """id(item) → reportable, for the top-level items (their descendants follow them).

    Positive sections (职责/任务…, or role headings inside) are duties; negative ones (原则/要求/
    保障/附则…) context. When some section is positive, every other section is context. Top-level
    items without children (a 条 with no sub-items in a list without chapters) are duties when they
    follow a positive section, unless they read like 总则/附则 (为了…制定, 本办法自…施行)."""
    groups = [r for r in roots if not r.context and (r.children or heading_like(r.head))]

    def positive(r: Item) -> bool:
        return _is_pos(r) and not (_is_neg(r) and not _POS_RE.search(r.head[:30]))

    result: dict[int, bool] = {}
    pos = {id(r): positive(r) for r in groups}
    any_pos = any(pos.values())
    seen_pos = False
    for r in roots:
        if r.context:
            result[id(r)] = False
            continue
        is_group = r in groups
        if is_group:
            if any_pos:
                result[id(r)] = pos[id(r)]
                if result[id(r)]:
                    seen_pos = True
                elif _is_neg(r):
                    seen_pos = False
            else:
                result[id(r)] = not _is_neg(r)
        else:
            leaf_context = bool(_LEAF_CONTEXT_RE.search(r.head[:40]))
            result[id(r)] = not leaf_context and (seen_pos or not any_pos)
    # A section whose items continue the numbering of the duty section before it (一、… 1.–3. /
    # 三、监督问责 7.–8.) belongs to the same list of duties.
    prev: Item | None = None
    for r in groups:
        if prev is not None and result.get(id(prev)) and not result.get(id(r)) and _continues(prev, r):
            result[id(r)] = True
        prev = r
    return result


def _continues(prev: Item, cur: Item) -> bool:
    last = next((c for c in reversed(prev.children) if c.ordinal is not None), None)
    first = next((c for c in cur.children if c.ordinal is not None), None)
    return (
        last is not None
        and first is not None
        and first.style == last.style
        and first.ordinal is not None
        and last.ordinal is not None
        and first.ordinal == last.ordinal + 1
        and first.ordinal > 1
        and first.style != "article"  # 第X条 always run on across chapters, 附则 included
        and not _STRONG_CONTEXT_RE.search(cur.head[:30])
    )


_STRONG_CONTEXT_RE = re.compile(r"附则|总则|原则|保障|组织实施|工作要求|基本要求|总体要求|指导思想|实施步骤|适用范围")


# --------------------------------------------------------------------------- nodes


def _names_role(item: Item) -> bool:
    if item.children or item.forced_group:
        if role_of_heading(item.head) or (item.body and role_of_heading(item.body[0])):
            return True
    return any(_names_role(c) for c in item.children)


def to_nodes(items: list[Item], reportable: dict[int, bool], title: str = "") -> list[Node]:
    """Nodes for the items; ``title`` (the list's) gives the role of a list written for one kind of
    official only (县直部门主要负责人…职责清单 → department) where no heading names one."""
    counter = [0]
    root_role = "common"
    if title and not any(_names_role(it) for it in items):
        root_role = role_of_heading(title) or "common"

    def rec(item: Item, rep: bool, role: str) -> Node:
        counter[0] += 1
        nid = f"n{counter[0]}"
        own = role_of_heading(item.head) if (item.children or item.forced_group) else None
        if own is None and (item.children or item.forced_group) and item.body:
            own = role_of_heading(item.body[0])
        if own is not None and (own != "common" or role == "common"):
            role = own
        if item.role is not None:
            role = item.role
        is_group = bool(item.children) or item.forced_group
        node = Node(id=nid, kind="group" if is_group else "duty", label=item.label, role=role, reportable=rep)
        if is_group:
            node.title = item.head
            node.text = "\n".join(item.body)
        else:
            if item.body and heading_like(item.head):
                node.title = item.head
                text = "\n".join(item.body)
            else:
                text = "\n".join([item.head] + item.body) if item.head else "\n".join(item.body)
            units = list(item.units or [])
            text, found = split_units(text)
            units += [u for u in found if u not in units]
            node.text = text
            node.responsible_units = units
            if rep:
                node.requirements = extract_requirements(text)
        node.children = [rec(c, rep, role) for c in item.children]
        node.source_lines = (item.first, max([item.last] + [c.source_lines[1] for c in node.children]))
        return node

    return [rec(it, reportable.get(id(it), True), root_role) for it in items]


# --------------------------------------------------------------------------- warnings


def numbering_warnings(items: list[Item]) -> list[tuple[str, int | None, Item | None]]:
    out: list[tuple[str, int | None, Item | None]] = []
    last_seen: dict[str, int] = {}

    def rec(children: list[Item]) -> None:
        prev: Item | None = None
        for c in children:
            if c.ordinal is not None:
                expected: int | None = None
                if prev is not None and prev.style == c.style and prev.ordinal is not None:
                    expected = prev.ordinal + 1
                elif c.ordinal != 1 and last_seen.get(c.style) is not None and c.ordinal != last_seen[c.style] + 1:
                    expected = 1
                if expected is not None and c.ordinal != expected:
                    after = f"{prev.label}之后是{c.label}" if prev is not None else f"{c.label}前面"
                    if c.ordinal > expected:
                        missing = c.ordinal - expected
                        msg = f"编号不连续：{after}，缺少 {missing} 项；已按原文保留编号，请对照原文核对。"
                    else:
                        msg = f"编号重复或倒退：{after}；已按原文保留编号，请对照原文核对。"
                    out.append((msg, c.first, c))
                last_seen[c.style] = c.ordinal
                prev = c
            rec(c.children)

    rec(items)
    return out


def _drop_running_headers(nonblank: list[tuple[int, str]], hints: dict[int, Hint]) -> list[tuple[int, str]]:
    """A short unnumbered line repeated on every page of a PDF copy (running title, 文件 header) is
    kept the first time only."""
    counts: dict[str, int] = {}
    interrupting: set[int] = set()  # indexes of occurrences that sit inside a broken sentence
    prev = ""
    for k, (no, text) in enumerate(nonblank):
        if no not in hints and len(text) <= 40 and match_label(text) is None and text[-1] not in TERMINAL:
            counts[text] = counts.get(text, 0) + 1
            nxt = nonblank[k + 1][1] if k + 1 < len(nonblank) else ""
            if prev and prev[-1] not in TERMINAL and nxt and match_label(nxt) is None and k > 3:
                interrupting.add(k)
        prev = text
    repeated = {t for t, c in counts.items() if c >= 3 or (c >= 2 and any(nonblank[k][1] == t for k in interrupting))}
    if not repeated:
        return nonblank
    seen: set[str] = set()
    out = []
    for k, (no, text) in enumerate(nonblank):
        if text in repeated:
            if text in seen or k in interrupting:
                continue
            seen.add(text)
        out.append((no, text))
    return out


def _text_tables(nonblank: list[tuple[int, str]], hints: dict[int, Hint]) -> list[tuple[int, str]]:
    """Tables pasted as text (tab-separated cells or markdown pipes): rows become hinted items."""
    cells = [split_text_row(t) for _, t in nonblank]
    if sum(1 for c in cells if c) < 2:
        return nonblank
    out: list[tuple[int, str]] = []
    i = 0
    n = len(nonblank)
    while i < n:
        if cells[i] is None:
            out.append(nonblank[i])
            i += 1
            continue
        j = i
        while j < n and cells[j] is not None:
            j += 1
        if j - i < 2:
            out.append(nonblank[i])
            i += 1
            continue
        rows = [c for c in cells[i:j] if c is not None]
        lay = layout(rows)
        start = i + 1 if lay.header else i
        rcol = take_role_column(lay, rows)
        for k in range(start, j):
            row = cells[k] or []
            no = nonblank[k][0]
            content = row[lay.content].strip() if lay.content < len(row) else ""
            if not content:
                continue
            utext = row[lay.units].strip() if lay.units is not None and lay.units < len(row) else ""
            seq = row[lay.seq].strip() if lay.seq is not None and lay.seq < len(row) else ""
            cats = [row[c].strip() if c < len(row) else "" for c in lay.cats]
            lab = match_label(content) if not seq else None
            hints[no] = Hint(
                "table",
                label=seq or (lab.label if lab else ""),
                units=split_top(utext) or None,
                cats=cats,
                role=role_value(row[rcol]) if rcol is not None and rcol < len(row) and row[rcol].strip() else None,
            )
            out.append((no, lab.rest if lab else content))
        i = j
    return out


def parse_lines(lines: list[str], hints: dict[int, Hint] | None = None) -> Parsed:
    """Parse cleaned lines (index 0 is line 1)."""
    hints = dict(hints or {})
    meta = Meta()
    nonblank = [(i + 1, t) for i, t in enumerate(lines) if t.strip()]
    nonblank = _drop_running_headers(nonblank, hints)
    if not hints:
        nonblank = _text_tables(nonblank, hints)
    hinted = {no for no, h in hints.items() if h.style != "plain"}  # lines a table made
    start = _front_matter(nonblank, meta, hinted)
    end = _tail(nonblank, start, meta, hinted)
    body = nonblank[start:end]
    # Date lines and signatures inside the body (e.g. a second letter) are not content.
    cleaned: list[tuple[int, str]] = []
    for k, (no, text) in enumerate(body):
        if no not in hinted:
            dl = date_line(text)
            if dl:
                if not meta.date:
                    meta.date = dl[1]
                if not meta.issuer and dl[0]:
                    meta.issuer = dl[0]
                continue
            nxt = body[k + 1][1] if k + 1 < len(body) else ""
            if is_org_line(text) and date_line(nxt):
                if not meta.issuer:
                    meta.issuer = text
                continue
            if PAREN_NOTE_RE.match(text) and re.search(r"此件|公开|发布|印发|主动", text):
                continue
            if SALUTATION_RE.match(text) and not match_label(text) and k < 3 and meta.cover_title == "":
                # a salutation line opening a letter (各市、县…：)
                if re.search(r"各(市|县|区|乡|镇|单位|部门|有关|街道)", text):
                    continue
        cleaned.append((no, text))
    paras = _paragraphs(cleaned, hints)
    roots, preamble = _build(paras)
    warnings = numbering_warnings(roots)
    first = next((r for r in roots if r.ordinal is not None), None)
    if first is not None and first is roots[0] and first.ordinal is not None and first.ordinal > 1:
        warnings.insert(
            0,
            (
                f"清单从“{first.label}”开始，前面的部分可能没有复制进来，请对照原文核对。",
                first.first,
                first,
            ),
        )
    if preamble and roots and not meta.title and not re.match(r"^(为|根据|按照|依据|现将|经)", preamble[0].text):
        warnings.insert(
            0,
            (
                "开头的文字没有编号，未归入任何职责（可能是复制时截断的上一条职责的后半部分），请对照原文核对。",
                preamble[0].first,
                None,
            ),
        )
    return Parsed(meta, roots, warnings)
