"""Rendering reports: .docx from docxtpl templates in GB/T 9704 format, PDF through LibreOffice,
and a fast plain-text preview.

See docs/templates.md (the template context) and docs/format.md (the format decisions).
"""

from __future__ import annotations

from .context import KINDS, PreviewText, build_context, preview_text
from .docx import render_docx
from .pdf import convert_to_pdf, find_soffice, render_pdf
from .templates import TemplateInfo, list_templates, resolve_template, skipped_templates

__all__ = [
    "KINDS",
    "PreviewText",
    "TemplateInfo",
    "build_context",
    "convert_to_pdf",
    "find_soffice",
    "list_templates",
    "preview_text",
    "render_docx",
    "render_pdf",
    "resolve_template",
    "skipped_templates",
]
