"""Clerk tools (no Qt): import many reports, batch output, 述法情况汇总表, 述法评议表, printing,
and the year rollover. The dialogs in :mod:`shuifa.gui.clerk` and the ``batch``/``summary``/
``evaluation``/``next-year`` commands are thin layers over these modules. See ``docs/clerk.md``.
"""
