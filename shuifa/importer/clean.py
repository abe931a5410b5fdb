"""Text cleanup, one source line at a time (line numbers stay those of the source).

Order: pinyin residue (``關(guān)於``) → ``?`` fillers → traditional → simplified (OpenCC t2s) →
markdown residue → page chrome (dropped lines become empty) → half-width punctuation in Chinese
text → full-width → spaces inside Chinese text removed. Rejoining broken sentences is done later
(structure.py), because it needs to know which lines are numbered items.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from .numbering import match_label

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018\u2019\u201c\u201d\u2014\u2026\u300a-\u300f"
CJK_RE = re.compile(f"[{_CJK}]")
_ZH = f"{_CJK}{_CJK_PUNCT}"

_lock = threading.Lock()
_converter: Callable[[str], str] | None = None


def _make_converter() -> Callable[[str], str]:
    """OpenCC t2s, created once (loading its dictionaries takes a few milliseconds)."""
    import opencc

    return opencc.OpenCC("t2s").convert


def t2s(text: str) -> str:
    """Traditional → simplified Chinese."""
    global _converter
    if _converter is None:
        with _lock:
            if _converter is None:
                _converter = _make_converter()
    if not text or not CJK_RE.search(text):
        return text
    return _converter(text)


# --------------------------------------------------------------------------- pinyin and fillers

_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# A romanised syllable in brackets right after a Chinese character: 關(guān) 於 → 關於
PINYIN_RE = re.compile(f"(?<=[{_CJK}])[(（]([a-z{_TONE}]{{1,7}})[)）]")
# Leftover romanisation the site failed to bracket (garbled runs such as ``?zhèn)``)
TONE_RESIDUE_RE = re.compile(f"[a-z]*[{_TONE}][a-z{_TONE}]*\\)?")
_QMARK_RUN = re.compile(r"\?{2,}")
_QMARK_EDGE = re.compile(r"^\?+|\?+$")
_QMARK_BETWEEN = re.compile(f"(?<=[{_ZH}])\\?(?=[{_ZH}])")


_SYLLABLE = re.compile(
    r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou|an|en|in|un"
    r"|ün|ia|ie|iu|ua|uo|ui|üe|ve|er|a|o|e|i|u|ü|v|ng|n|m)$"
)
_TONE_SET = frozenset(_TONE)
_PLAIN = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ", "aaaaeeeeiiiioooouuuuüüüünnnm")


def _pinyin(m: re.Match[str]) -> str:
    syl = m.group(1)
    if any(c in _TONE_SET for c in syl) or _SYLLABLE.match(syl.translate(_PLAIN)):
        return ""
    return m.group(0)


def strip_pinyin(line: str) -> str:
    if "(" not in line and "（" not in line:
        return line
    return PINYIN_RE.sub(_pinyin, line)


def strip_fillers(line: str) -> str:
    """``?`` standing for (full-width) spaces: runs, line edges, between Chinese characters."""
    if "?" not in line:
        return line
    line = _QMARK_EDGE.sub("", line)
    line = _QMARK_RUN.sub(" ", line)
    return _QMARK_BETWEEN.sub("", line)


# --------------------------------------------------------------------------- markdown

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(?=\S)")
_MD_EMPH = re.compile(r"(\*\*|__)(.+?)\1")
_MD_RULE = re.compile(r"^\s*([-*_=]\s*){3,}$")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def strip_markdown(line: str) -> str:
    if _MD_RULE.match(line) or _MD_TABLE_SEP.match(line):
        return ""
    line = _MD_HEADING.sub("", line)
    line = _MD_QUOTE.sub("", line)
    line = _MD_BULLET.sub("", line)
    if "**" in line or "__" in line:
        line = _MD_EMPH.sub(r"\2", line)
    return line


# --------------------------------------------------------------------------- page chrome

_CHROME_ANY = re.compile(
    r"(您|你)?(现在|当前)?(所在|的)?的?位置[:：]|当前位置|浏览(次数|量)|点击(数|量|次数|率)[:：]|阅读(数|量|次数)[:：]"
    r"|【\s*字\s*号|字号[:：]?\s*[【\[]?\s*大|【[^】]{0,6}(打印|关闭|收藏|纠错|分享)[^】]{0,6}】|打印本页|关闭窗口|扫一扫|手机扫|分享到"
    r"|网站地图|版权所有|ICP备|公网安备|技术支持[:：]|主办单位[:：]|责任编辑[:：]|附件下载|上一篇[:：]|下一篇[:：]"
    r"|(相关(链接|阅读|新闻|文章|文件)|友情链接)[:：]?$|^\s*(首页|网站首页)\s*[>＞»/]|[>＞»]\s*(正文|详情|政策文件|通知公告)\s*$"
)
_CHROME_META = re.compile(
    r"(发布|发表|更新|成文|印发)(时间|日期)[:：]|(信息)?来源[:：]|作者[:：]|索引号[:：]|字体[:：]"
)
_PAGE_NO = re.compile(
    r"^\s*([-—–－一]\s*\d{1,4}\s*[-—–－一]|第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,3}|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_CHROME_WORDS = {
    "分享",
    "分享：",
    "分享:",
    "打印",
    "关闭",
    "返回顶部",
    "返回",
    "收藏",
    "字号",
    "大 中 小",
    "【大】【中】【小】",
}


_FOOTER_RE = re.compile(r"相关(链接|阅读|新闻|文章|文件)|友情链接|上一篇|下一篇")
_LINK_TITLE_END = re.compile(r"[。；;：:，,]$")


def _is_link_title(s: str) -> bool:
    """A bare link in a page footer: a short line without sentence punctuation or numbering."""
    return len(s) <= 40 and not _LINK_TITLE_END.search(s) and "。" not in s and match_label(s) is None


def is_chrome(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if s in _CHROME_WORDS or _PAGE_NO.match(s):
        return True
    if len(s) > 120 or "。" in s:
        return False
    if _CHROME_ANY.search(s):
        return True
    if _CHROME_META.search(s) and len(s) < 90:
        return True
    return False


# --------------------------------------------------------------------------- punctuation and spaces

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
_PAREN_RE = re.compile(r"\(([^()\n]*)\)")
_ZH_RE = re.compile(f"[{_ZH}]")
# (tabs are kept: they separate the cells of a table pasted as text)
_SPACE_BETWEEN = re.compile(f"(?<=[{_ZH}\\d])[ \u3000\u00a0]+(?=[{_ZH}])|(?<=[{_ZH}])[ \u3000\u00a0]+(?=\\d)")


def _is_zh(ch: str) -> bool:
    return bool(ch) and bool(_ZH_RE.match(ch))


def fullwidth_punct(line: str) -> str:
    """Half-width , : ; ! ? ( ) . next to Chinese text → full-width (numbers such as 1,000 and 10:30 kept)."""
    if not _ZH_RE.search(line):
        return line

    def paren(m: re.Match[str]) -> str:
        inner = m.group(1)
        before = line[m.start() - 1] if m.start() > 0 else ""
        after = line[m.end()] if m.end() < len(line) else ""
        if _ZH_RE.search(inner) or _is_zh(before) or _is_zh(after) or m.start() == 0:
            return f"（{inner}）"
        return m.group(0)

    if "(" in line and ")" in line:
        for _ in range(3):
            new = _PAREN_RE.sub(paren, line)
            if new == line:
                break
            line = new
    if not _HALF_PUNCT_RE.search(line):
        return line
    n = len(line)

    def one(m: re.Match[str]) -> str:
        ch = m.group(0)
        i = m.start()
        prev = line[i - 1] if i > 0 else ""
        nxt = line[i + 1] if i + 1 < n else ""
        if ch == ".":
            # a full stop after Chinese at a line end or before Chinese; never in 12.4 or labels 1.
            if CJK_RE.match(prev or " ") and (not nxt or nxt == " " or _is_zh(nxt)):
                return "。"
            return ch
        if ch in "()":
            if _is_zh(prev) or _is_zh(nxt):
                return "（" if ch == "(" else "）"
            return ch
        if prev.isdigit() and nxt.isdigit():
            return ch
        if _is_zh(prev) or _is_zh(nxt) or (ch in ",;:" and prev in "）”》"):
            return _HALF_TO_FULL[ch]
        return ch

    return _HALF_PUNCT_RE.sub(one, line)


_HALF_PUNCT_RE = re.compile(r"[,:;!?().]")


# Word puts a tab after typed numbering: "1.<tab>加强…", "第五条<tab>…"
_LABEL_TAB = re.compile(
    r"^((?:第[^\t]{1,5}[章节条]|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,3}[.．、]"
    r"|[①-⒇]))[\t ]+"
)


def squeeze_spaces(line: str) -> str:
    """Spaces inside Chinese text are artefacts of line wrapping and justification: removed."""
    line = line.strip(" \t\u3000\u00a0\ufeff\u200b")
    if "\t" in line:
        line = _LABEL_TAB.sub(r"\1", line)
    if " " in line or "\u3000" in line or "\u00a0" in line:
        line = _SPACE_BETWEEN.sub("", line)
    return line


_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")


def clean_lines(text: str) -> tuple[list[str], list[tuple[int, str]]]:
    """Cleaned lines (same count and order as the source lines) and (line, problem) notes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CTRL.sub("", text)
    if "「" in text or "『" in text:
        text = text.translate(_QUOTES)
    raw = text.split("\n")
    prepared = [strip_fillers(strip_pinyin(line)) for line in raw]
    converted = t2s("\n".join(prepared)).split("\n")
    if len(converted) != len(prepared):  # never expected; keep line numbers right regardless
        converted = [t2s(p) for p in prepared]
    notes: list[tuple[int, str]] = []
    out: list[str] = []
    footer = False  # inside a web page's link list (相关链接：/ 上一篇：… followed by bare link titles)
    for no, line in enumerate(converted, start=1):
        if _PAGE_NO.match(line):  # "- 3 -" before markdown clean-up takes its dash for a bullet
            out.append("")
            continue
        line = strip_markdown(line)
        meta = _CHROME_META.search(line) if len(line) < 160 else None
        if meta is not None and meta.start() >= 8 and "。" not in line[: meta.start()]:
            # 《…清单》　发布时间：2023-04-12　来源：… — the title and the page's meta on one line
            head = line[: meta.start()].strip(" \u3000\t|｜")
            if _ZH_RE.search(head) and not _CHROME_ANY.search(head) and not re.search(r"[，。；,;]", head):
                line = head
        if is_chrome(line):
            footer = footer or bool(_FOOTER_RE.search(line))
            out.append("")
            continue
        if footer and line.strip():
            if _is_link_title(line.strip()):
                out.append("")
                continue
            footer = False
        if "\ufffd" in line:
            notes.append((no, "此行含有无法识别的乱码字符，请对照原文核对。"))
            line = line.replace("\ufffd", "")
        if TONE_RESIDUE_RE.search(line) and CJK_RE.search(line):
            notes.append((no, "此行残留拼音或乱码，请对照原文核对。"))
        line = squeeze_spaces(fullwidth_punct(line))
        out.append(line)
    return out, notes
