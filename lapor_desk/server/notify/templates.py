"""The messages' Indonesian wording: a TOML file the pemda may edit (``[notify] templates``;
the default is ``lapor_desk/data/notify_templates.toml``).

One table per kind (``verified``, ``forwarded``, ``answered``, ``finished``), each with
``subject`` (email), ``body`` (email and WhatsApp) and ``sms``. Placeholders are ``{nomor}``,
``{judul}``, ``{unit}``, ``{tanggapan}`` and ``{tautan}``; a line whose placeholder is empty is
left out (no "Lacak laporan Anda di" without an address). The file is checked when it is read:
a missing kind or field, or an unknown placeholder, is an error naming the file and the place.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from lapor_desk.server.notify.queue import KINDS
from lapor_desk.server.services.errors import ServiceError

PLACEHOLDERS = ("nomor", "judul", "unit", "tanggapan", "tautan")
FIELDS = ("subject", "body", "sms")
#: An SMS longer than this is cut (a gateway splits it into at most three parts).
SMS_MAX = 459


class TemplateError(ServiceError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="invalid_input")


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    sms: str


@dataclass(frozen=True)
class Templates:
    texts: dict[str, dict[str, str]]

    def render(self, kind: str, values: dict[str, str]) -> Rendered:
        texts = self.texts[kind]
        sms = _fill(texts["sms"], values)
        if len(sms) > SMS_MAX:
            sms = sms[:SMS_MAX - 3].rstrip() + "..."
        return Rendered(" ".join(_fill(texts["subject"], values).split()),
                        _fill(texts["body"], values), sms)


def _names(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


def _fill(text: str, values: dict[str, str]) -> str:
    lines = []
    for line in text.splitlines():
        names = _names(line)
        if any(not values.get(name, "").strip() for name in names):
            continue
        lines.append(line.format_map({name: values.get(name, "") for name in names}))
    return "\n".join(lines).strip()


def load_templates(path: Path | None = None) -> Templates:
    """The templates of ``path``, else the default ones."""
    where = str(path) if path is not None else "notify_templates.toml"
    try:
        if path is None:
            raw = resources.files("lapor_desk").joinpath("data/notify_templates.toml").read_bytes()
        else:
            raw = path.read_bytes()
        document: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise TemplateError(f"{where}: no such template file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise TemplateError(f"{where}: cannot read the templates: {error}") from None
    texts: dict[str, dict[str, str]] = {}
    for kind in KINDS:
        table = document.get(kind)
        if not isinstance(table, dict):
            raise TemplateError(f"{where}: no [{kind}] table")
        texts[kind] = {}
        for field in FIELDS:
            value = table.get(field)
            if not isinstance(value, str) or not value.strip():
                raise TemplateError(f"{where}: [{kind}] needs a text {field}")
            try:
                unknown = sorted(set(_names(value)) - set(PLACEHOLDERS))
            except ValueError as error:
                raise TemplateError(f"{where}: [{kind}] {field}: {error}") from None
            if unknown:
                raise TemplateError(f"{where}: [{kind}] {field}: unknown placeholder "
                                    + ", ".join("{" + n + "}" for n in unknown)
                                    + " (known: " + ", ".join("{" + n + "}" for n in PLACEHOLDERS)
                                    + ")")
            texts[kind][field] = value
    return Templates(texts)
