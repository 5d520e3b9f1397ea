"""Register layouts saved by name (``import-presets.json`` in the profile folder).

A preset keeps what a person chose for a register once: which field each column holds (by the
column's name, normalised; ``null``: not imported) and the values the whole file shares
(``defaults``). The desktop's import dialog saves them; ``lapor-desk import --preset NAME`` and
the dialog apply them. The file holds no complaint data, only column names and shared values::

    {"presets": {"Register Diskominfo": {"columns": {"perihal": "title", "no": null},
                                         "defaults": {"channel": "letter"}}}}
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lapor_desk.models.cache.file_writes import atomic_file
from lapor_desk.paths import IMPORT_PRESETS_FILE
from lapor_desk.sync.log import event
from lapor_desk.sync.register_layout import DEFAULTABLE, FIELDS, normalise_header

log = logging.getLogger("lapor_desk.sync.register_presets")

MAX_BYTES = 256 * 1024
NAME_MAX = 80


@dataclass(frozen=True)
class Preset:
    name: str
    columns: Mapping[str, str | None] = field(default_factory=dict)
    defaults: Mapping[str, str] = field(default_factory=dict)


def _preset(name: str, data: Any) -> Preset | None:
    if not isinstance(data, dict):
        return None
    columns: dict[Any, Any] = data.get("columns") or {}
    defaults: dict[Any, Any] = data.get("defaults") or {}
    if not isinstance(columns, dict) or not isinstance(defaults, dict):
        return None
    return Preset(
        name,
        {normalise_header(str(k)): (v if v in FIELDS else None) for k, v in columns.items()
         if normalise_header(str(k))},
        {str(k): str(v) for k, v in defaults.items() if k in DEFAULTABLE and v not in (None, "")},
    )


#: Presets every profile has. "Ekspor Admin LAPOR!": the complaint list an agency admin
#: downloads from SP4N-LAPOR!'s admin pages (docs/sp4n.md), matched by its tracking number: new
#: records recorded, known ones updated (their status there, the follow-ups written there); a
#: column named otherwise in the agency's export is corrected in the dialog and saved.
BUILT_IN: dict[str, Preset] = {
    "Ekspor Admin LAPOR!": Preset("Ekspor Admin LAPOR!", {
        "tracking_id": "national_tracking_number", "judul": "title",
        "judul_laporan": "title", "isi": "body", "isi_laporan": "body",
        "tanggal_laporan": "received_at", "tanggal_kejadian": "incident_date",
        "kategori": "category", "sub_kategori": "subcategory", "sumber": None,
        "provinsi": "province", "kabupaten_kota": "regency", "kecamatan": "district",
        "kelurahan_desa": "village", "anonim": "anonymous", "rahasia": "confidential",
        "jenis_laporan": "complaint_type", "nama_pelapor": "reporter.name",
        "status": "national_status", "instansi": None, "disposisi": None,
        "tindak_lanjut": "national_reply", "tanggal_tindak_lanjut": "national_reply_at",
        "tanggapan_pelapor": "national_response", "tanggal_tanggapan": "national_response_at",
    }, {"channel": "web"}),
}


class PresetStore:
    def __init__(self, profile: Path) -> None:
        self.path = profile / IMPORT_PRESETS_FILE

    def _saved(self) -> dict[str, Preset]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        if len(raw) > MAX_BYTES:
            event(log, "presets.too_large", logging.WARNING)
            return {}
        try:
            data = json.loads(raw.decode("utf-8"))
        except ValueError:
            event(log, "presets.malformed", logging.WARNING)
            return {}
        found = data.get("presets") if isinstance(data, dict) else None
        if not isinstance(found, dict):
            return {}
        presets = {str(k): _preset(str(k), v) for k, v in found.items()}
        return {k: v for k, v in sorted(presets.items()) if v is not None}

    def all(self) -> dict[str, Preset]:
        """The built-in presets, then the profile's (one of the same name replaces them)."""
        return {**BUILT_IN, **self._saved()}

    def get(self, name: str) -> Preset | None:
        presets = self.all()
        if name in presets:
            return presets[name]
        folded = {k.casefold(): v for k, v in presets.items()}
        return folded.get(name.strip().casefold())

    def save(self, preset: Preset) -> Preset:
        """Keep ``preset`` (replacing one of the same name); the file is written whole."""
        name = " ".join(preset.name.split())[:NAME_MAX]
        if not name:
            raise ValueError("a preset needs a name")
        presets = {k: v for k, v in self._saved().items() if k.casefold() != name.casefold()}
        presets[name] = Preset(name, dict(preset.columns), dict(preset.defaults))
        body = {"presets": {k: {"columns": dict(v.columns), "defaults": dict(v.defaults)}
                            for k, v in sorted(presets.items())}}
        with atomic_file(self.path, prefix=".presets-") as out:
            out.write((json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        event(log, "presets.saved", preset=name, columns=len(preset.columns))
        return presets[name]
