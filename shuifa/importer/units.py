"""Responsible units (责任单位) at the end of a duty: （责任单位：A、B（C），D）."""

from __future__ import annotations

import re

_KEYS = r"(?:牵头单位|责任单位|责任部门|牵头部门|配合单位|协办单位|主办单位|承办单位|责任主体|牵头领导)"
_KEY_RE = re.compile(_KEYS + r"\s*[：:]")


def _matching_open(text: str, close: int) -> int | None:
    depth = 0
    for i in range(close, -1, -1):
        ch = text[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                return i
    return None


def split_top(text: str) -> list[str]:
    """Split a unit list at 、，,；; outside brackets."""
    out: list[str] = []
    depth = 0
    cur = []
    for ch in text:
        if ch in "（(〔[【":
            depth += 1
        elif ch in "）)〕]】":
            depth = max(0, depth - 1)
        if depth == 0 and ch in "、，,；;":
            out.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur))
    return [u.strip(" 。") for u in out if u.strip(" 。")]


def split_units(text: str) -> tuple[str, list[str]]:
    """(text without the unit note, units). Only a note at the very end of the text counts."""
    stripped = text.rstrip(" 。；;")
    if not stripped or stripped[-1] not in "）)":
        m = None
        # 责任单位：A、B at the end of the text without brackets
        last = list(_KEY_RE.finditer(stripped))
        if last:
            m = last[-1]
            before = stripped[: m.start()].rstrip()
            if before.endswith(("。", "；", ";")) or "\n" in stripped[m.start() - 1 : m.start()] or m.start() == 0:
                units = _units_of(stripped[m.start() :])
                return before.rstrip(), units
        return text, []
    open_at = _matching_open(stripped, len(stripped) - 1)
    if open_at is None:
        return text, []
    inner = stripped[open_at + 1 : -1]
    if not _KEY_RE.match(inner.strip()):
        return text, []
    units = _units_of(inner)
    return stripped[:open_at].rstrip(), units


def _units_of(note: str) -> list[str]:
    units: list[str] = []
    for part in re.split(r"[；;]\s*(?=" + _KEYS + ")", note):
        part = _KEY_RE.sub("", part, count=1).strip()
        for u in split_top(part):
            if u not in units:
                units.append(u)
    return units
