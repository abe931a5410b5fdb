"""User-facing errors. Every message is Chinese and says what went wrong and what to do."""

from __future__ import annotations


class ShuifaError(Exception):
    """An error to show the user as it is (Chinese text, no traceback)."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}{self.hint}" if not self.hint else f"{self.message}\n{self.hint}"


class InvalidFileError(ShuifaError):
    """An input file that cannot be used (wrong format, garbled, not valid)."""


class StoreError(ShuifaError):
    """The local store cannot be opened or written."""


class ConflictError(StoreError):
    """Another window or program changed the same data since it was loaded."""


class OutputError(ShuifaError):
    """An output file could not be written (locked, read-only, disk full)."""


class TemplateError(ShuifaError):
    """A report template is broken or unsafe."""
