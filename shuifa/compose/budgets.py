"""Kinds of document and their length budgets (字 as reviewers count them; see wording.count_chars)."""

from __future__ import annotations

from dataclasses import dataclass

KINDS: dict[str, str] = {
    "shufa-report": "书面述法报告",
    "shuzhi-section": "述职报告述法部分",
    "speech": "现场述法发言稿",
    "speech-outline": "述法提纲",
}

#: Published written reports run 2,000–5,000 字; below 2,000 the report reads thin.
REPORT_MIN, REPORT_MAX, REPORT_THIN = 2500, 5000, 2000
#: The 述法 section of a 述职述廉述法 report.
SECTION_MAX = 1500
#: On-site 述法 takes 5–8 minutes.
SPEECH_MINUTES = 8
#: A cue card: one page of cue words and figures.
OUTLINE_MAX = 1000
#: The composer fills a kind up to this share of its maximum, leaving room for the official's edits.
FILL_SHARE = 0.94


@dataclass(frozen=True)
class Budget:
    """A kind's length rule: ``low``–``high`` 字 (``low`` 0 = no minimum), ``thin`` warns below."""

    kind: str
    low: int
    high: int
    thin: int = 0

    @property
    def fill(self) -> int:
        return int(self.high * FILL_SHARE)

    def verdict(self, chars: int) -> str:
        """A Chinese sentence saying how ``chars`` stands against the budget ('' when within it)."""
        name = KINDS[self.kind]
        if chars > self.high:
            return f"{name}共{chars}字，超出上限{self.high}字{chars - self.high}字。"
        if self.thin and chars < self.thin:
            return f"{name}仅{chars}字，内容单薄（一般不少于{self.thin}字）。"
        if self.low and chars < self.low:
            return f"{name}共{chars}字，少于建议的{self.low}字。"
        return ""


def budget(kind: str, speaking_rate: int) -> Budget:
    if kind == "shufa-report":
        return Budget(kind, REPORT_MIN, REPORT_MAX, REPORT_THIN)
    if kind == "shuzhi-section":
        return Budget(kind, 0, SECTION_MAX)
    if kind == "speech":
        return Budget(kind, 0, SPEECH_MINUTES * speaking_rate)
    return Budget(kind, 0, OUTLINE_MAX)
