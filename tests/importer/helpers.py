"""Shared helpers for importer tests: seed paths, a .docx builder with automatic numbering."""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parent / "seeds"
SEED_IDS = ("anshan-gaoxin-2023", "niuxintuo-town-2023", "zhejiang-province-2018", "shizuishan-eight-actions-2023")


def seed_path(list_id: str) -> Path:
    return SEEDS / f"{list_id}.txt"


def seed_text(list_id: str) -> str:
    return seed_path(list_id).read_text(encoding="utf-8")


def s2t(text: str) -> str:
    """Simplified → traditional with the OpenCC data the importer uses (to build traditional mirrors)."""
    import os

    import opencc

    if hasattr(opencc, "OpenCC"):
        return opencc.OpenCC("s2t").convert(text)
    import opencc.clib as clib_pkg
    from opencc.clib import opencc_clib

    conv = opencc_clib._OpenCC(os.path.join(os.path.dirname(clib_pkg.__file__), "share", "opencc", "s2t.json"))
    return conv.convert(text, len(text.encode("utf-8")))
