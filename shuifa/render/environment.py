"""The Jinja environment templates run in: sandboxed, strict, escaping for XML.

- :class:`jinja2.sandbox.SandboxedEnvironment`: no access to ``__class__``, ``__mro__``, ``__globals__`` …
  (``{{ ''.__class__.__mro__ }}`` raises a SecurityError, shown as a Chinese TemplateError).
- :class:`jinja2.StrictUndefined`: a misspelt variable is an error naming it, never an empty string.
- autoescape: ``&``, ``<``, ``>`` and quotes in the official's text are written as XML entities.
- finalize: a value holding several paragraphs (``\\n``-separated) comes out as separate Word
  paragraphs (docxtpl's ``\\a``), never as line breaks; characters XML cannot hold are dropped.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..model import split_paragraphs

_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CACHE_SIZE = 16


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        if _XML_INVALID.search(value):
            value = _XML_INVALID.sub("", value)
        if "\n" in value or "\r" in value:
            return "\a".join(split_paragraphs(value))
    return value


class ReportEnvironment(SandboxedEnvironment):
    """Sandboxed, strict, autoescaping; compiled templates are kept for reuse (docxtpl compiles the
    same document XML on every render)."""

    def __init__(self) -> None:
        super().__init__(
            undefined=StrictUndefined,
            autoescape=True,
            finalize=_finalize,
            keep_trailing_newline=True,
        )
        self._compiled: OrderedDict[str, Template] = OrderedDict()
        self._lock = threading.Lock()

    def from_string(self, source, globals=None, template_class=None):  # type: ignore[override]
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._lock:
            tpl = self._compiled.get(source)
            if tpl is not None:
                self._compiled.move_to_end(source)
        if tpl is None:
            tpl = super().from_string(source)
            with self._lock:
                self._compiled[source] = tpl
                if len(self._compiled) > _CACHE_SIZE:
                    self._compiled.popitem(last=False)
        return tpl


_ENV: ReportEnvironment | None = None


def get_environment() -> ReportEnvironment:
    global _ENV
    if _ENV is None:
        _ENV = ReportEnvironment()
    return _ENV
