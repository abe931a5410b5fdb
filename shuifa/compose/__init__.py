"""Composing a report from the official's material (Qt-free; used by the render, the CLI, the GUI
and the clerk tools alike). See docs/composition.md.

- :mod:`.topics`: topics of 履职情况 and the duty → topic rules (data in resources/topics.json);
- :mod:`.material`: the proposal — points, problems, measures, rectification, annex — with the
  official's plan (``Report.plan``) applied;
- :mod:`.documents`: each kind fitted to its structure, voice and budget;
- :mod:`.wording`: numbers, dates, units and shortfalls, said one way everywhere.
"""

from __future__ import annotations

from .budgets import KINDS, Budget, budget
from .documents import Block, Composition, Section, compose, prepare, title_lines
from .material import Material, propose

__all__ = [
    "KINDS",
    "Block",
    "Budget",
    "Composition",
    "Material",
    "Section",
    "budget",
    "compose",
    "prepare",
    "propose",
    "title_lines",
]
