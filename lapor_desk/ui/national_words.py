"""Words for national records in a register (sync/national_rows.py): what a row does to the
complaint of its SP4N-LAPOR! number, and the counts of a preview and of an import. English in
source, Indonesian in resources/translations/strings_national_import.py."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from lapor_desk.services.register import ImportOutcome, PreviewRow, RegisterPreview
from lapor_desk.ui import labels

C = "NationalWords"
WORDS = {
    "new": QT_TRANSLATE_NOOP("NationalWords", "New complaint"),
    "unchanged": QT_TRANSLATE_NOOP("NationalWords", "Known; nothing changes"),
    "part": QT_TRANSLATE_NOOP("NationalWords", "Part of the record above"),
    "status": QT_TRANSLATE_NOOP("NationalWords", "status → %1"),
    "follow_ups": QT_TRANSLATE_NOOP("NationalWords", "+%1 follow-up(s)"),
    "update": QT_TRANSLATE_NOOP("NationalWords", "Update: %1"),
    "preview": QT_TRANSLATE_NOOP("NationalWords", "SP4N-LAPOR! records: %1 new, %2 update "
                                 "complaints held here, %3 change nothing."),
    "imported": QT_TRANSLATE_NOOP("NationalWords", "%1 complaints updated from SP4N-LAPOR! "
                                  "(sent at the next sync); %2 unchanged."),
}
#: Why the server refused a national record, and what to do next (the outbox review).
REFUSALS = {
    "out_of_scope": QT_TRANSLATE_NOOP(
        "NationalWords", "This SP4N-LAPOR! number belongs to a complaint outside your area, so "
        "it was not changed. Tell the agency that holds it, then discard this action."),
    "not_found": QT_TRANSLATE_NOOP(
        "NationalWords", "No complaint on the server carries this SP4N-LAPOR! number (its row "
        "was not recorded). Check the number in the file, then discard this action."),
    "invalid_transition": QT_TRANSLATE_NOOP(
        "NationalWords", "SP4N-LAPOR! shows a status or follow-up this complaint cannot take "
        "here yet (for example Selesai before it is verified and forwarded). Nothing was "
        "changed: handle the complaint first, then import the file again."),
    "role_not_allowed": QT_TRANSLATE_NOOP(
        "NationalWords", "Only an agency admin may take in records from SP4N-LAPOR!. Nothing "
        "was changed: discard this action."),
    "already_exists": QT_TRANSLATE_NOOP(
        "NationalWords", "Another complaint on the server already carries this SP4N-LAPOR! "
        "number (outside your area, or not yet in your list), so it was not recorded twice. "
        "Discard this action."),
}


def refusal(kind: str, reason: str | None, detail: str | None) -> str | None:
    """The words for a refused national record (None: not one; the usual words apply)."""
    national = kind == "national_update" or (
        kind == "record_complaint" and reason == "already_exists"
        and (detail or "").startswith("SP4N-LAPOR! "))
    text = REFUSALS.get(reason or "") if national else None
    return QCoreApplication.translate(C, str(text)) if text is not None else None


def _t(key: str) -> str:
    return QCoreApplication.translate(C, str(WORDS[key]))


def change(row: PreviewRow) -> str:
    """What the row's national record does, in a few words."""
    if row.national in ("new", "unchanged", "part"):
        return _t(str(row.national))
    if row.national != "update":
        return ""
    parts = []
    if row.status_to:
        parts.append(_t("status").replace("%1", labels.status(row.status_to)))
    if row.follow_ups_added:
        parts.append(_t("follow_ups").replace("%1", str(row.follow_ups_added)))
    return _t("update").replace("%1", ", ".join(parts))


def preview_counts(preview: RegisterPreview) -> str:
    """The national records of a preview, counted (empty when the file has none)."""
    if not any(r.national is not None for r in preview.rows):
        return ""
    new = sum(1 for r in preview.rows if r.ok and r.national == "new"
              and not r.already_imported)
    return _t("preview").replace("%1", str(new)).replace("%2", str(preview.updates)) \
        .replace("%3", str(preview.unchanged))


def import_counts(outcome: ImportOutcome) -> str:
    """The national updates an import queued (empty when none)."""
    if not outcome.updated and not outcome.unchanged:
        return ""
    return _t("imported").replace("%1", str(len(outcome.updated))) \
        .replace("%2", str(len(outcome.unchanged)))
