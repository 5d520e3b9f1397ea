"""Checking an organisation file against the server's tree: every row, all errors at once.

:func:`plan_import` reads nothing but what it is given (the file's rows and the tree as it is) and
either returns the :class:`Plan` of what an import changes or raises :class:`ImportRejected` with
one error per bad row, in Indonesian. Nothing is written here (``server/org/apply.py`` does that).

What a file speaks for: the subtrees of its top rows (a row whose ``induk`` is not in the file),
down to an instansi it does not name (a kabupaten below the province has a file of its own).
An active unit on the server inside those subtrees that the file no longer names is deactivated,
whether complaints name it or not: it is never deleted (desktops keep the complaints, dispositions
and users that name it; a later file that names it again makes it active again). A unit the file
names as ``induk`` without a row of its own is left as it is.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lapor_desk.models.enums import AgencyLevel
from lapor_desk.models.unit_names import ALIAS_LENGTH, MAX_ALIASES, AliasProblem, clean_aliases
from lapor_desk.server.org.table import RawRow

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
CODE_LENGTH = 64
NAME_LENGTH = 255
_LEVELS = {"instansi": AgencyLevel.AGENCY, "agency": AgencyLevel.AGENCY,
           "unit": AgencyLevel.UNIT, "unit kerja": AgencyLevel.UNIT, "opd": AgencyLevel.UNIT}
_YES = {"", "ya", "y", "1", "aktif", "true", "yes"}
_NO = {"tidak", "t", "n", "0", "nonaktif", "false", "no"}


@dataclass(frozen=True)
class Existing:
    """A node of the server's tree as the plan needs it, with what names it."""

    id: int
    parent_id: int | None
    level: str
    path: str
    name: str
    code: str
    aliases: tuple[str, ...]
    active: bool
    #: users whose home unit is this node (disabled ones too)
    users: int = 0


@dataclass(frozen=True)
class RowError:
    line: int
    kode: str
    message: str

    def __str__(self) -> str:
        where = f"baris {self.line}" + (f" ({self.kode})" if self.kode else "")
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """The file has errors: nothing was imported."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        super().__init__(f"{len(errors)} kesalahan")
        self.errors = tuple(sorted(errors, key=lambda e: e.line))


@dataclass(frozen=True)
class UnitRow:
    """A checked row: what the unit should be."""

    line: int
    code: str
    name: str
    aliases: tuple[str, ...]
    parent_code: str | None  # None: the national root
    level: AgencyLevel
    active: bool


@dataclass
class Plan:
    """What an import does, parents before children."""

    rows: list[UnitRow] = field(default_factory=list)
    create: list[str] = field(default_factory=list)  # codes
    update: list[str] = field(default_factory=list)  # names, aliases or active changed
    move: list[str] = field(default_factory=list)  # parent or level changed (no one uses them)
    deactivate: list[Existing] = field(default_factory=list)  # vanished from the file
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return len(self.create) + len(self.update) + len(self.move) + len(self.deactivate)


def _key(code: str) -> str:
    return code.casefold()


def _aliases(raw: str, name: str) -> tuple[str, ...]:
    return clean_aliases(re.split(r"[,;]", raw), name)


def _alias_message(problem: AliasProblem) -> str:
    if problem.code == "too_many":
        return f"singkatan terlalu banyak: paling banyak {MAX_ALIASES}"
    if problem.code == "too_short":
        return (f"singkatan {problem.alias!r} terlalu pendek: paling sedikit "
                f"{ALIAS_LENGTH[0]} huruf")
    return f"singkatan {problem.alias!r} terlalu panjang: paling banyak {ALIAS_LENGTH[1]} huruf"


def _check_row(row: RawRow, errors: list[RowError]) -> UnitRow | None:
    bad = len(errors)

    def error(message: str) -> None:
        errors.append(RowError(row.line, row.kode, message))

    if not row.kode:
        error("kolom kode kosong: setiap unit perlu kode yang unik")
    elif len(row.kode) > CODE_LENGTH:
        error(f"kode terlalu panjang: paling banyak {CODE_LENGTH} tanda")
    elif not CODE_PATTERN.match(row.kode):
        error("kode hanya boleh berisi huruf, angka, titik, garis bawah, garis miring atau "
              "tanda hubung, tanpa spasi")
    if not row.nama:
        error("kolom nama kosong")
    elif len(row.nama) > NAME_LENGTH:
        error(f"nama terlalu panjang: paling banyak {NAME_LENGTH} huruf")
    aliases: tuple[str, ...] = ()
    try:
        aliases = _aliases(row.singkatan, row.nama)
    except AliasProblem as problem:
        error(_alias_message(problem))
    level: AgencyLevel | None = None
    if row.tingkat:
        level = _LEVELS.get(row.tingkat.casefold())
        if level is None:
            error(f"tingkat {row.tingkat!r} tidak dikenal: isi 'instansi', 'unit' atau kosongkan")
    active = row.aktif.casefold() not in _NO
    if row.aktif.casefold() not in _YES | _NO:
        error(f"aktif {row.aktif!r} tidak dikenal: isi 'ya', 'tidak' atau kosongkan")
    if row.induk and row.kode and _key(row.induk) == _key(row.kode):
        error("induk sama dengan kode unit itu sendiri")
    if len(errors) > bad:
        return None
    return UnitRow(row.line, row.kode, row.nama, aliases, row.induk or None,
                   level or AgencyLevel.UNIT, active)  # level settled in plan_import


def _suggest(code: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(code.casefold(), [k.casefold() for k in known], n=1,
                                      cutoff=0.75)
    if not close:
        return ""
    original = next(k for k in known if k.casefold() == close[0])
    return f" (mungkin maksudnya {original}?)"


def plan_import(raw: Sequence[RawRow], tree: Sequence[Existing], root_code: str | None,
                complaints_below: Callable[[Sequence[int]], int] = lambda _ids: 0) -> Plan:
    """Check ``raw`` against ``tree`` (the server's nodes; ``root_code``: the national root's
    code, None when the server has none yet). ``complaints_below`` counts the complaints that
    name any of some nodes (asked only for a unit whose parent or level would change). Raises
    :class:`ImportRejected`."""
    errors: list[RowError] = []
    if not raw:
        raise ImportRejected([RowError(1, "", "berkas tidak berisi satu unit pun")])
    existing = {_key(node.code): node for node in tree}
    by_id = {node.id: node for node in tree}
    rows: dict[str, UnitRow] = {}
    for item in raw:
        checked = _check_row(item, errors)
        if checked is None:
            continue
        key = _key(checked.code)
        if root_code is not None and key == _key(root_code):
            errors.append(RowError(item.line, item.kode,
                                   f"kode {root_code} milik akar nasional; pakai kode lain"))
        elif key in rows:
            errors.append(RowError(item.line, item.kode,
                                   f"kode {item.kode} sudah dipakai di baris {rows[key].line}"))
        else:
            rows[key] = checked
    known_codes = [r.code for r in rows.values()] + [n.code for n in tree]
    # --- parents: in the file, else on the server -----------------------------------------
    for key, row in list(rows.items()):
        if row.parent_code is None:
            continue
        wanted = _key(row.parent_code)
        if wanted not in rows and wanted not in existing:
            errors.append(RowError(row.line, row.code, (
                f"induk {row.parent_code} tidak ada di berkas maupun di server"
                f"{_suggest(row.parent_code, [k for k in known_codes if k != row.code])}")))
            del rows[key]
    order = _parents_first(rows, errors)
    if errors:
        raise ImportRejected(errors)
    plan = Plan()
    given_level = {item.line: item.tingkat for item in raw}
    levels: dict[str, AgencyLevel] = {}
    active_of: dict[str, bool] = {}
    for key in order:
        row = rows[key]
        parent_key = _key(row.parent_code) if row.parent_code else None
        if parent_key is None or (root_code is not None and parent_key == _key(root_code)):
            parent_level, parent_active = AgencyLevel.NATIONAL, True
        elif parent_key in rows:
            parent_level, parent_active = levels[parent_key], active_of[parent_key]
        else:
            anchor = existing[parent_key]
            parent_level, parent_active = AgencyLevel(anchor.level), anchor.active
        given = given_level[row.line]
        node = existing.get(key)
        if given:
            level = row.level
        elif node is not None and AgencyLevel(node.level) != AgencyLevel.NATIONAL:
            level = AgencyLevel(node.level)
        else:
            level = AgencyLevel.AGENCY if parent_level == AgencyLevel.NATIONAL else AgencyLevel.UNIT
        if level == AgencyLevel.AGENCY and parent_level == AgencyLevel.UNIT:
            errors.append(RowError(row.line, row.code, (
                f"instansi tidak bisa berada di bawah unit {row.parent_code}: jadikan tingkat "
                f"'unit' atau pindahkan ke bawah instansi")))
        if level == AgencyLevel.UNIT and parent_level == AgencyLevel.NATIONAL:
            errors.append(RowError(row.line, row.code, (
                "unit tanpa induk langsung di bawah akar nasional: isi induknya (instansi "
                "pemilik unit itu) atau jadikan tingkat 'instansi'")))
        if row.active and not parent_active:
            errors.append(RowError(row.line, row.code, (
                f"unit aktif di bawah induk {row.parent_code} yang tidak aktif: aktifkan induknya "
                f"atau nonaktifkan unit ini")))
        levels[key], active_of[key] = level, row.active
        row = UnitRow(row.line, row.code, row.name, row.aliases, row.parent_code, level,
                      row.active)
        plan.rows.append(row)
        if node is None:
            plan.create.append(row.code)
            continue
        parent_id = None
        if parent_key is None or (root_code is not None and parent_key == _key(root_code)):
            parent_id = next((n.id for n in tree if n.parent_id is None), None)
        elif parent_key in existing:
            parent_id = existing[parent_key].id
        structural = parent_id != node.parent_id or level != AgencyLevel(node.level)
        if structural:
            below = [n for n in tree if n.path.startswith(node.path)]
            users = sum(n.users for n in below)
            complaints = complaints_below([n.id for n in below])
            if users or complaints:
                old_parent = by_id.get(node.parent_id) if node.parent_id is not None else None
                errors.append(RowError(row.line, row.code, (
                    f"unit ini sudah dipakai ({complaints} pengaduan, {users} pengguna di "
                    f"dalamnya): induk dan tingkatnya tidak bisa diubah lewat impor; kembalikan "
                    f"induk ke {old_parent.code if old_parent else '(kosong)'} dan tingkat ke "
                    f"{_level_word(node.level)}, atau buat unit baru dengan kode lain")))
                continue
            plan.move.append(row.code)
        elif (row.name != node.name or row.aliases != node.aliases
              or row.active != node.active):
            plan.update.append(row.code)
        else:
            plan.unchanged += 1
    if errors:
        raise ImportRejected(errors)
    _vanished(plan, rows, tree, existing, root_code)
    return plan


def _level_word(level: str) -> str:
    return "instansi" if level == AgencyLevel.AGENCY else "unit"


def _parents_first(rows: dict[str, UnitRow], errors: list[RowError]) -> list[str]:
    """The file's codes with every parent in the file before its children; a row in a loop of
    parents is an error."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1: being visited, 2: done
    for start in rows:
        chain: list[str] = []
        key: str | None = start
        while key is not None and key in rows and state.get(key) != 2:
            if state.get(key) == 1:
                loop = chain[chain.index(key):] + [key]
                for member in set(loop):
                    errors.append(RowError(rows[member].line, rows[member].code, (
                        "induk membentuk lingkaran: "
                        + " → ".join(rows[k].code for k in loop))))
                for member in chain:
                    state[member] = 2
                chain = []
                break
            state[key] = 1
            chain.append(key)
            parent = rows[key].parent_code
            key = _key(parent) if parent else None
        for member in reversed(chain):
            state[member] = 2
            order.append(member)
    return order


def _vanished(plan: Plan, rows: dict[str, UnitRow], tree: Sequence[Existing],
              existing: dict[str, Existing], root_code: str | None) -> None:
    """Active server units inside the file's subtrees that the file no longer names, down to
    the instansi it does not name (another file speaks for those: a kabupaten's own, below the
    province's)."""
    tops = [existing[key] for key, row in rows.items()
            if key in existing and (row.parent_code is None or _key(row.parent_code) not in rows)]
    anchors = {_key(row.parent_code) for row in rows.values() if row.parent_code}
    others = [n.path for n in tree if n.level == AgencyLevel.AGENCY and _key(n.code) not in rows
              and any(n.path.startswith(top.path) for top in tops)]
    for node in tree:
        key = _key(node.code)
        if (not node.active or key in rows or key in anchors or node.parent_id is None
                or (root_code is not None and key == _key(root_code))):
            continue
        if (any(node.path.startswith(top.path) for top in tops)
                and not any(node.path.startswith(path) for path in others)):
            plan.deactivate.append(node)
            if node.users:
                plan.warnings.append(
                    f"{node.code} ({node.name}) dinonaktifkan, tetapi {node.users} pengguna "
                    f"masih terdaftar di sana: pindahkan mereka (lapor-server move-user)")
