"""How much of one text another says again (list-copy, last-year-copy): character bigrams, cheap and
good enough for Chinese, where the copies in question share long runs of characters."""

from __future__ import annotations

import re
from functools import lru_cache

_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


@lru_cache(maxsize=8192)
def bigrams(text: str) -> frozenset[str]:
    chars = "".join(_KEEP.findall(text))
    return frozenset(chars[i : i + 2] for i in range(len(chars) - 1))


def contained(text: str, source: str) -> float:
    """The share of ``text``'s bigrams that ``source`` has too (1.0: every bit of it is in the source)."""
    mine = bigrams(text)
    if not mine:
        return 0.0
    return len(mine & bigrams(source)) / len(mine)


def alike(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' bigrams."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)
