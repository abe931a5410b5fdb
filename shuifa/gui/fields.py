"""Small editor widgets shared by the duty and report-level pages."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextDocumentLayout, QPlainTextEdit, QVBoxLayout, QWidget

from .look import HINT_STYLE, char_count, editor_font


def new_document(text: str, parent) -> QTextDocument:
    """A plain-text document for a QPlainTextEdit (keeps its own undo history)."""
    doc = QTextDocument(parent)
    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
    doc.setDefaultFont(editor_font())
    doc.setPlainText(text)
    doc.clearUndoRedoStacks()
    doc.setModified(False)
    return doc


class TextField(QWidget):
    """A titled plain-text editor with a live character count ("共 123 字")."""

    edited = Signal(str)  # the new text

    def __init__(self, title: str, placeholder: str = "", min_height: int = 80, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(f"<b>{title}</b>")
        self.count = QLabel("0 字")
        self.count.setStyleSheet(HINT_STYLE)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # a fixed size: a changing count never re-lays out the page around it (typing, switching duties)
        self.count.setFixedSize(
            self.count.fontMetrics().horizontalAdvance("000000 字") + 4, self.count.sizeHint().height()
        )
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText(placeholder)
        self.editor.setMinimumHeight(min_height)
        self.editor.setFont(editor_font())
        self.editor.setAccessibleName(title)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addLayout(head)
        lay.addWidget(self.editor, 1)
        self._loading = False
        self.editor.textChanged.connect(self._changed)

    def set_document(self, doc: QTextDocument) -> None:
        self._loading = True
        try:
            self.editor.setDocument(doc)
            self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        finally:
            self._loading = False
        self._update_count(doc.toPlainText())

    def set_text(self, text: str) -> None:
        """Replace the text without reporting an edit (loading a page)."""
        self._loading = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._loading = False
        self._update_count(text)

    def text(self) -> str:
        return self.editor.toPlainText()

    def _update_count(self, text: str) -> None:
        self.count.setText(f"{char_count(text)} 字")

    def _changed(self) -> None:
        text = self.editor.toPlainText()
        self._update_count(text)
        if not self._loading:
            self.edited.emit(text)

    def insert_paragraphs(self, text: str) -> None:
        """Insert ``text`` at the end as new paragraphs (one undo step)."""
        cur = self.editor.textCursor()
        cur.movePosition(cur.MoveOperation.End)
        prefix = "\n" if self.editor.toPlainText().strip() else ""
        cur.insertText(prefix + text.strip())
        self.editor.setTextCursor(cur)
        self.editor.setFocus()

    def select(self, start: int, length: int) -> None:
        """Select ``length`` characters from ``start`` (a find result) and focus the editor."""
        cur = self.editor.textCursor()
        cur.setPosition(start)
        cur.setPosition(start + length, cur.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cur)
        self.editor.setFocus()
