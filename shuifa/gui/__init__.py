"""The desktop app (PySide6). Thin: it calls the core (model, store, importer, render, clerk), never the reverse.

Entry point: :func:`shuifa.gui.app.main` (``python main.py``). See ``docs/gui.md``.
"""
