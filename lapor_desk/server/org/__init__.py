"""The pemda's own organisation: its units imported from and exported to a CSV/XLSX file
(``lapor-server org import|export|template``; docs/organisation.md)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from lapor_desk.server.org.apply import ImportReport, export_units, import_units
from lapor_desk.server.org.plan import ImportRejected, RowError
from lapor_desk.server.org.table import COLUMNS, TableError, read_table

__all__ = ["COLUMNS", "ImportRejected", "ImportReport", "RowError", "TableError",
           "export_units", "import_units", "read_table", "template_text"]


def template_text() -> str:
    """The organisation file template shipped with the package (``server/org/template.csv``)."""
    return resources.files("lapor_desk.server.org").joinpath("template.csv").read_text("utf-8")


def write_template(path: Path) -> None:
    if path.suffix.lower() == ".xlsx":
        import csv
        import io

        from lapor_desk.server.org.table import write_table

        rows = list(csv.reader(io.StringIO(template_text())))
        write_table(path, rows[1:])
        return
    path.write_text(template_text(), encoding="utf-8")
