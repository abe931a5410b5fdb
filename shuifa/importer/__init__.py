"""Import a unit's duty list (职责清单) from messy text or Word files into a reviewed duty tree.

from shuifa.importer import import_file, import_text
res = import_file("清单.docx")
res.duty_list, res.warnings, res.source_lines, res.to_json_dict()
"""

from .api import ImportResult, ImportWarning, import_file, import_text

__all__ = ["ImportResult", "ImportWarning", "import_file", "import_text"]
