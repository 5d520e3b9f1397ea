"""Reply templates for follow-ups (tindak lanjut), with placeholders.

Templates are data: the built-in Indonesian ones in ``lapor_desk/data/reply-templates.json``, and
an agency may add its own in ``reply-templates.json`` in the profile directory (same shape; a
template with a built-in key replaces it). Placeholders:

``{nama_pelapor}``  how the reporter is addressed: ``Bapak/Ibu/Sdr. <name>`` (the name as
                    given when it already starts with Bapak, Ibu, Sdr. and the like), but
                    ONLY when the complaint is not anonymous (anonim); otherwise, and when no
                    name is known, ``Bapak/Ibu Pelapor``
``{nomor}``         the tracking number (``(nomor menyusul)`` until the server gives one)
``{unit}``          the unit handling the complaint (or the responsible agency)

Anything else in braces is left as written.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from lapor_desk.paths import USER_TEMPLATES_FILE as USER_FILE
from lapor_desk.services.types import ComplaintDetail
from lapor_desk.sync.log import event

log = logging.getLogger("lapor_desk.services.templates")

PLACEHOLDERS = ("nama_pelapor", "nomor", "unit")
ANONYMOUS_ADDRESS = "Bapak/Ibu Pelapor"
#: the form of address before a reporter's name (whoever they are: one for all)
HONORIFIC = "Bapak/Ibu/Sdr."
#: a name that already carries a form of address keeps it
_ADDRESSED = re.compile(r"(bapak|ibu|bpk|pak|bu|sdr|sdri|saudara|saudari)\b\.?", re.IGNORECASE)
NO_NUMBER = "(nomor menyusul)"
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


@dataclass(frozen=True)
class ReplyTemplate:
    key: str
    title: str
    body: str


@dataclass(frozen=True)
class ReplyContext:
    """What the placeholders are filled from."""

    reporter_name: str | None
    anonymous: bool
    tracking_number: int | None
    unit_name: str


def context_of(detail: ComplaintDetail) -> ReplyContext:
    return ReplyContext(
        reporter_name=None if detail.row.anonymous else detail.reporter_name,
        anonymous=detail.row.anonymous, tracking_number=detail.row.tracking_number,
        unit_name=detail.handling_unit_name or detail.responsible_name or "")


def address(name: str | None, anonymous: bool) -> str:
    """How a reply greets the reporter: "Bapak/Ibu/Sdr. Budi Santoso"; never the name of an
    anonymous reporter."""
    name = (name or "").strip()
    if not name or anonymous:
        return ANONYMOUS_ADDRESS
    return name if _ADDRESSED.match(name) else f"{HONORIFIC} {name}"


def values_of(context: ReplyContext) -> dict[str, str]:
    return {
        "nama_pelapor": address(context.reporter_name, context.anonymous),
        "nomor": str(context.tracking_number) if context.tracking_number else NO_NUMBER,
        "unit": context.unit_name.strip() or "Unit Kerja",
    }


def render(body: str, context: ReplyContext) -> str:
    """``body`` with its placeholders filled in (an anonymous reporter is never named)."""
    values = values_of(context)
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], body)


def _parse(data: Any) -> list[ReplyTemplate]:
    items = data.get("templates") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError("no 'templates' list")  # noqa: TRY004
    found = []
    for item in items:
        if not (isinstance(item, dict) and all(isinstance(item.get(k), str) and item[k].strip()
                                               for k in ("key", "title", "body"))):
            raise ValueError(f"bad template: {item!r}")
        found.append(ReplyTemplate(item["key"], item["title"], item["body"]))
    return found


def builtin_templates() -> list[ReplyTemplate]:
    text = resources.files("lapor_desk").joinpath("data/reply-templates.json").read_text("utf-8")
    return _parse(json.loads(text))


def load_templates(profile_dir: Path | str | None = None) -> list[ReplyTemplate]:
    """Built-in templates, then the profile's own (an unreadable file is logged and skipped)."""
    merged = {t.key: t for t in builtin_templates()}
    if profile_dir is not None:
        path = Path(profile_dir) / USER_FILE
        if path.exists():
            try:
                for template in _parse(json.loads(path.read_text("utf-8"))):
                    merged[template.key] = template
            except (OSError, ValueError) as exc:
                event(log, "templates.unreadable", path=str(path), error=str(exc))
    return list(merged.values())
