"""Where things live: the user-data folder (``SHUIFA_HOME`` overrides it) and the bundled resources."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

#: The repository / installation root holding ``resources/`` and ``templates/``.
ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
BUILTIN_LISTS = RESOURCES / "lists"
BUILTIN_TEMPLATES = ROOT / "templates"


def data_home() -> Path:
    """The user-data folder, created on first use."""
    env = os.environ.get("SHUIFA_HOME")
    home = Path(env).expanduser() if env else Path(user_data_dir("shuifa", appauthor=False))
    home.mkdir(parents=True, exist_ok=True)
    return home


def store_path() -> Path:
    return data_home() / "shuifa.db"


def user_templates_dir() -> Path:
    d = data_home() / "templates"
    d.mkdir(parents=True, exist_ok=True)
    return d
