"""Words for verification and for the outbox review: action names, archive reasons, and what
each server refusal (``RejectReason``) means for the admin and what to do next."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

C = "VerifyLabels"

ACTIONS = {
    "forward": QT_TRANSLATE_NOOP("VerifyLabels", "Forward"),
    "handle": QT_TRANSLATE_NOOP("VerifyLabels", "Handle ourselves"),
    "postpone": QT_TRANSLATE_NOOP("VerifyLabels", "Postpone"),
    "not_our_authority": QT_TRANSLATE_NOOP("VerifyLabels", "Not our authority"),
    "archive": QT_TRANSLATE_NOOP("VerifyLabels", "Archive"),
    "reroute": QT_TRANSLATE_NOOP("VerifyLabels", "Re-route to another agency"),
    "follow_up": QT_TRANSLATE_NOOP("VerifyLabels", "Follow-up reply"),
    "internal_note": QT_TRANSLATE_NOOP("VerifyLabels", "Internal note"),
    "close": QT_TRANSLATE_NOOP("VerifyLabels", "Close complaint"),
    "reopen": QT_TRANSLATE_NOOP("VerifyLabels", "Reopen complaint"),
    "record_complaint": QT_TRANSLATE_NOOP("VerifyLabels", "New complaint recorded here"),
    "link_duplicate": QT_TRANSLATE_NOOP("VerifyLabels", "Link as duplicate"),
    "unlink_duplicate": QT_TRANSLATE_NOOP("VerifyLabels", "Remove duplicate link"),
    "national_update": QT_TRANSLATE_NOOP("VerifyLabels", "Update from SP4N-LAPOR!"),
}
#: ArchiveReason values in the order the dialog lists them.
ARCHIVE_REASONS = {
    "wrong_format": QT_TRANSLATE_NOOP("VerifyLabels", "Wrong format: not a complaint, "
                                      "aspiration or information request"),
    "too_general": QT_TRANSLATE_NOOP("VerifyLabels", "Too general or unclear to act on"),
    "not_public_service": QT_TRANSLATE_NOOP("VerifyLabels", "Not about a public service"),
    "duplicate": QT_TRANSLATE_NOOP("VerifyLabels", "Duplicate of another report"),
    "incomplete_data": QT_TRANSLATE_NOOP("VerifyLabels", "Data incomplete and the reporter "
                                         "did not complete it"),
    "spam": QT_TRANSLATE_NOOP("VerifyLabels", "Spam, advertising or abuse"),
    "other": QT_TRANSLATE_NOOP("VerifyLabels", "Other reason (write a note)"),
}
STATES = {
    "pending": QT_TRANSLATE_NOOP("VerifyLabels", "Waiting to send"),
    "rejected": QT_TRANSLATE_NOOP("VerifyLabels", "Rejected"),
    "conflict": QT_TRANSLATE_NOOP("VerifyLabels", "Conflict"),
}
#: Every RejectReason code, in words an admin understands, ending with what to do next.
REJECTIONS = {
    "not_found": QT_TRANSLATE_NOOP(
        "VerifyLabels", "The complaint no longer exists on the server (it was deleted or "
        "merged). There is nothing to fix: discard this action."),
    "out_of_scope": QT_TRANSLATE_NOOP(
        "VerifyLabels", "Before your action arrived, the complaint was moved outside your "
        "area, so you may no longer act on it. Discard this action; if the complaint comes "
        "back to you, fix and resend it."),
    "role_not_allowed": QT_TRANSLATE_NOOP(
        "VerifyLabels", "Your account's role does not allow this action (your role may have "
        "changed). Discard it, or ask your LAPOR! administrator to check your account."),
    "invalid_transition": QT_TRANSLATE_NOOP(
        "VerifyLabels", "The complaint's status changed before your action arrived, and the "
        "action no longer fits it. Look at the current status in the detail, then fix and "
        "resend a suitable action, or discard this one."),
    "invalid_payload": QT_TRANSLATE_NOOP(
        "VerifyLabels", "Something in the action was missing or not valid. Open it with "
        "“Fix & resend”, complete the form and send it again."),
    "reason_required": QT_TRANSLATE_NOOP(
        "VerifyLabels", "This action needs a reason and none reached the server. Choose "
        "“Fix & resend” and write the reason."),
    "unknown_target": QT_TRANSLATE_NOOP(
        "VerifyLabels", "The unit or agency you chose no longer exists. Choose “Fix & resend” "
        "and pick another one."),
    "target_not_allowed": QT_TRANSLATE_NOOP(
        "VerifyLabels", "The complaint cannot go to the unit or agency you chose (it is "
        "already there, or it is outside your area). Choose “Fix & resend” and pick another "
        "one."),
    "attachment_missing": QT_TRANSLATE_NOOP(
        "VerifyLabels", "An attached file is not on the server for your account: its upload "
        "did not finish, or the file came from another account. Choose “Fix & resend”: the "
        "files stay attached and are uploaded again from this computer at the next sync."),
    "duplicate_of_itself": QT_TRANSLATE_NOOP(
        "VerifyLabels", "A complaint cannot be linked as a duplicate of itself. Discard this "
        "action and link the right complaint."),
    "already_exists": QT_TRANSLATE_NOOP(
        "VerifyLabels", "The server already has this record: it was most likely sent before. "
        "Check the complaint's timeline, then discard this action."),
    "unknown_action": QT_TRANSLATE_NOOP(
        "VerifyLabels", "The server does not know this action; this LAPOR Desk may be older "
        "than the server. Update the application, or discard the action."),
}
CONFLICT = QT_TRANSLATE_NOOP(
    "VerifyLabels", "Someone else changed this complaint before your action arrived, so it was "
    "not applied. Compare what you did with what the server holds now, then re-apply your "
    "action on the new state or drop yours.")
PENDING = QT_TRANSLATE_NOOP(
    "VerifyLabels", "Saved on this computer; it is sent at the next sync. The complaint "
    "already shows it.")
UNKNOWN_REJECTION = QT_TRANSLATE_NOOP(
    "VerifyLabels", "The server refused this action (%1). Check the complaint, then fix and "
    "resend or discard it.")
STALE = QT_TRANSLATE_NOOP(
    "VerifyLabels", "The complaint's newest state has not arrived yet. Sync first (F5), then "
    "re-apply.")


def _t(text: object) -> str:
    return QCoreApplication.translate(C, str(text))


def action(kind: str) -> str:
    text = ACTIONS.get(kind)
    return _t(text) if text is not None else kind.replace("_", " ")


def archive_reason(code: str) -> str:
    text = ARCHIVE_REASONS.get(code)
    return _t(text) if text is not None else code.replace("_", " ")


def state(code: str) -> str:
    text = STATES.get(code)
    return _t(text) if text is not None else code


def rejection(code: str | None) -> str:
    """What a refusal means and what to do next."""
    text = REJECTIONS.get(code or "")
    if text is not None:
        return _t(text)
    return _t(UNKNOWN_REJECTION).replace("%1", code or "?")


def conflict() -> str:
    return _t(CONFLICT)


def pending() -> str:
    return _t(PENDING)


def stale() -> str:
    return _t(STALE)
