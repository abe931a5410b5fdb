"""The built-in duty lists shipped in ``resources/lists/*.json`` (DutyList dicts)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .errors import InvalidFileError
from .model import DutyList
from .paths import BUILTIN_LISTS


def builtin_ids() -> list[str]:
    return sorted(p.stem for p in BUILTIN_LISTS.glob("*.json"))


@cache
def _load_dict(list_id: str) -> dict:
    path = BUILTIN_LISTS / f"{list_id}.json"
    if not path.is_file():
        known = "、".join(builtin_ids()) or "（无）"
        raise InvalidFileError(f"没有编号为“{list_id}”的内置职责清单。", hint=f"可用的清单：{known}")
    return json.loads(path.read_text(encoding="utf-8"))


def load_builtin(list_id: str) -> DutyList:
    """A fresh DutyList object (callers may change it freely)."""
    return DutyList.from_dict(_load_dict(list_id))


def builtin_lists() -> list[DutyList]:
    return [load_builtin(i) for i in builtin_ids()]


def list_summary(dl: DutyList) -> dict:
    """The ``shuifa lists --json`` record of a list."""
    roles = dl.role_counts()
    return {
        "id": dl.id,
        "title": dl.title,
        "issuer": dl.issuer,
        "date": dl.date,
        "duty_count": sum(roles.values()),
        "roles": roles,
    }


def builtin_path(list_id: str) -> Path:
    return BUILTIN_LISTS / f"{list_id}.json"
